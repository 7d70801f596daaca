/**
 * How far a fuzz request got inside the API wrapper (src/platform/api/define.ts): the wrapper
 * checks access first, then parses `params`, `query` and `body` with the route's zod schemas (in
 * that order, stopping at the first failure), then runs the handler. The probe wraps `safeParse`
 * on the route's own schema objects (test-only, for the duration of the test file) and records
 * the calls made while a request is handled (per request, through AsyncLocalStorage, so requests
 * running at the same time are told apart), so each request can be classified as
 *   - stopped before validation: access control, CSRF, content type or the JSON parser refused it;
 *   - stopped by validation: a schema refused it;
 *   - reached the use case: every schema accepted it and the handler ran.
 * If the wrapper ever stops calling `safeParse` on the declared schemas, nothing is counted and the
 * fuzz suite's coverage assertions fail: the probe fails closed, it cannot silently pass.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { z } from 'zod';
import type { DeclaredRoute } from '../support/routes.js';

export type Stage = 'before-validation' | 'validation' | 'use-case';

interface Call {
  schema: z.ZodType;
  ok: boolean;
}

const PATCHED = Symbol('fuzz-probe');
type Patched = z.ZodType & { [PATCHED]?: true };

const recording = new AsyncLocalStorage<Call[]>();
const patched: Patched[] = [];

/** The schemas the wrapper parses for `route`, in the order it parses them. */
export function routeSchemas(route: DeclaredRoute): z.ZodType[] {
  const api = route.api;
  if (!api) return [];
  return [api.params, api.query, api.body].filter((schema): schema is z.ZodType => schema !== undefined);
}

function patch(schema: Patched): void {
  if (schema[PATCHED]) return;
  const original = schema.safeParse;
  // An own property shadows the prototype's method on this one schema object only.
  Object.defineProperty(schema, 'safeParse', {
    configurable: true,
    writable: true,
    value: (data: unknown, params?: unknown) => {
      const result = (original as (data: unknown, params?: unknown) => ReturnType<z.ZodType['safeParse']>).call(schema, data, params);
      recording.getStore()?.push({ schema, ok: result.success });
      return result;
    },
  });
  Object.defineProperty(schema, PATCHED, { configurable: true, value: true });
  patched.push(schema);
}

/** Wraps the schemas of every route given (idempotent). */
export function installProbe(routes: DeclaredRoute[]): void {
  for (const route of routes) for (const schema of routeSchemas(route)) patch(schema as Patched);
}

/** Removes every wrapper again (the schema objects are shared with the rest of the process). */
export function uninstallProbe(): void {
  for (const schema of patched.splice(0)) {
    delete (schema as { safeParse?: unknown }).safeParse;
    delete (schema as { [PATCHED]?: unknown })[PATCHED];
  }
}

/**
 * Runs one request and tells how far it got. `accepted` (a 2xx answer) decides for routes that
 * declare no schema at all, where the handler is the only step after access control.
 */
export async function probe<T>(route: DeclaredRoute, send: () => Promise<T>, accepted: (result: T) => boolean): Promise<{ result: T; stage: Stage }> {
  const expected = routeSchemas(route);
  const calls: Call[] = [];
  const result = await recording.run(calls, send);
  // Only the wrapper's own parses count, in its order: a use case re-parsing with one of the
  // same schema objects afterwards adds calls past the expected ones, which are ignored.
  let index = 0;
  for (const call of calls) {
    if (index >= expected.length) break;
    if (call.schema !== expected[index]) continue;
    if (!call.ok) return { result, stage: 'validation' };
    index++;
  }
  if (expected.length === 0) return { result, stage: accepted(result) ? 'use-case' : 'before-validation' };
  if (index === expected.length) return { result, stage: 'use-case' };
  return { result, stage: index > 0 ? 'validation' : 'before-validation' };
}
