/**
 * The one way a form post is handled: parse with the zod schema, run the use case inside a
 * savepoint, and on a validation error or an edit conflict roll back to the savepoint and show
 * the form again with the user's own input and the messages (nothing is stored, nothing typed
 * is lost).
 */
import type { z } from 'zod';
import type { FormState } from '../layout/forms.js';
import { ConflictError, ValidationError } from './errors.js';
import type { PageResult } from './routes.js';
import type { Scope } from './scope.js';
import { parseOrThrow } from './validation.js';

export type FormOutcome<R> = { ok: true; value: R } | { ok: false; page: PageResult };

/** The field name used for form-wide messages (edit conflicts). */
export const FORM_FIELD = '_form';

export async function submitForm<S extends z.ZodType, R>(
  scope: Scope,
  body: unknown,
  schema: S,
  action: (input: z.output<S>) => Promise<R>,
  rerender: (state: FormState, status: number) => PageResult | Promise<PageResult>,
): Promise<FormOutcome<R>> {
  const values = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  await scope.tx.query('savepoint form_submission');
  try {
    const input = parseOrThrow(schema, values);
    const value = await action(input);
    await scope.tx.query('release savepoint form_submission');
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ValidationError || error instanceof ConflictError) {
      await scope.tx.query('rollback to savepoint form_submission');
      const errors = error instanceof ValidationError ? error.fields : [{ field: FORM_FIELD, messageKey: error.messageKey }];
      return { ok: false, page: await rerender({ values, errors, t: scope.t }, error instanceof ConflictError ? 409 : 400) };
    }
    throw error;
  }
}
