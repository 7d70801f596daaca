/**
 * Versions of the screening instrument: the published one everybody screens with, a draft an
 * administrator prepares and previews, and retired ones that past assessments still point to.
 * A tenant without any version gets version 1 (the built-in instrument) on first use.
 */
import { pgErrorCode, PG_ERRORS } from '../../../db/database.js';
import { authorize } from '../../../platform/access/policy.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import type { Scope } from '../../../platform/http/scope.js';
import { instrumentPolicy } from '../policy.js';
import type { Instrument } from '../schemas.js';
import { DEFAULT_INSTRUMENT } from './default-instrument.js';
import { InstrumentDefinition } from './definition.js';

const SELECT = `select id, number, status, definition, change_note as "changeNote", published_at as "publishedAt",
  created_at as "createdAt", version from screening_instruments`;

/** The published version, creating version 1 from the built-in instrument if there is none yet. */
export async function publishedInstrument(scope: Scope): Promise<Instrument> {
  const found = await scope.tx.query<Instrument>(`${SELECT} where status = 'published'`);
  if (found.rows[0]) return found.rows[0];
  // Two first requests may race: the unique indexes let one insert win, the other reads it.
  await scope.tx.query(
    `insert into screening_instruments (tenant_id, number, status, definition, change_note, published_at)
     values ($1, 1, 'published', $2, null, now()) on conflict do nothing`,
    [scope.tenant.id, JSON.stringify(DEFAULT_INSTRUMENT)],
  );
  const created = await scope.tx.query<Instrument>(`${SELECT} where status = 'published'`);
  return created.rows[0];
}

/** The published instrument, for anyone who may screen. */
export async function getPublishedInstrument(scope: Scope): Promise<Instrument> {
  authorize(instrumentPolicy, scope.user(), 'read_published', null, { entityType: 'screening_instrument' });
  return publishedInstrument(scope);
}

/** Any version by id, without a policy check: callers have already authorised the record that points to it. */
export async function instrumentById(scope: Scope, id: string): Promise<Instrument> {
  const { rows } = await scope.tx.query<Instrument>(`${SELECT} where id = $1`, [id]);
  if (!rows[0]) throw new NotFoundError();
  return rows[0];
}

/** Every version, newest first (administrators). */
export async function listInstrumentVersions(scope: Scope): Promise<Instrument[]> {
  authorize(instrumentPolicy, scope.user(), 'manage', null, { entityType: 'screening_instrument' });
  await publishedInstrument(scope);
  const { rows } = await scope.tx.query<Instrument>(`${SELECT} order by number desc`);
  return rows;
}

export async function getInstrumentVersion(scope: Scope, id: string): Promise<Instrument> {
  authorize(instrumentPolicy, scope.user(), 'manage', null, { entityType: 'screening_instrument', entityId: id });
  return instrumentById(scope, id);
}

/** Starts a draft as a copy of the published version (or returns the draft that exists). */
export async function createInstrumentDraft(scope: Scope): Promise<Instrument> {
  authorize(instrumentPolicy, scope.user(), 'manage', null, { entityType: 'screening_instrument' });
  const existing = await scope.tx.query<Instrument>(`${SELECT} where status = 'draft'`);
  if (existing.rows[0]) return existing.rows[0];
  const published = await publishedInstrument(scope);
  const { rows } = await scope.tx
    .query<{ id: string }>(
      `insert into screening_instruments (tenant_id, number, status, definition, created_by)
       select $1, coalesce(max(number), 0) + 1, 'draft', $2, $3 from screening_instruments returning id`,
      [scope.tenant.id, JSON.stringify(published.definition), scope.user().userId],
    )
    .catch((error: unknown) => {
      if (pgErrorCode(error) === PG_ERRORS.uniqueViolation) throw new ConflictError();
      throw error;
    });
  await scope.audit({ action: 'admin.screening_instrument.draft', entityType: 'screening_instrument', entityId: rows[0].id });
  return instrumentById(scope, rows[0].id);
}

function refuseUnlessDraft(instrument: Instrument): void {
  if (instrument.status !== 'draft') {
    throw new ValidationError([{ field: '_form', messageKey: 'screening.instrument.publishedLocked', params: { number: instrument.number } }]);
  }
}

/** Saves the draft's texts and rule. A published version is refused with a clear message. */
export async function updateInstrumentDraft(
  scope: Scope,
  id: string,
  input: { version: number; definition: InstrumentDefinition; changeNote?: string },
): Promise<Instrument> {
  const current = await getInstrumentVersion(scope, id);
  refuseUnlessDraft(current);
  const definition = InstrumentDefinition.parse(input.definition);
  const { rowCount } = await scope.tx.query(
    `update screening_instruments set definition = $3, change_note = $4, version = version + 1
      where id = $1 and version = $2 and status = 'draft'`,
    [id, input.version, JSON.stringify(definition), input.changeNote ?? null],
  );
  if (rowCount === 0) throw new ConflictError();
  await scope.audit({ action: 'admin.screening_instrument.update', entityType: 'screening_instrument', entityId: id });
  return instrumentById(scope, id);
}

/** Publishes the draft: the previous version is retired; past assessments keep pointing to it. */
export async function publishInstrumentDraft(scope: Scope, id: string, version: number): Promise<Instrument> {
  const current = await getInstrumentVersion(scope, id);
  refuseUnlessDraft(current);
  if (current.version !== version) throw new ConflictError();
  if (!current.changeNote) throw new ValidationError([{ field: 'changeNote', messageKey: 'screening.instrument.changeNoteRequired' }]);
  await scope.tx.query("update screening_instruments set status = 'retired' where status = 'published'");
  const { rowCount } = await scope.tx.query(
    `update screening_instruments set status = 'published', published_at = now(), published_by = $3, version = version + 1
      where id = $1 and version = $2 and status = 'draft'`,
    [id, version, scope.user().userId],
  );
  if (rowCount === 0) throw new ConflictError();
  await scope.audit({ action: 'admin.screening_instrument.publish', entityType: 'screening_instrument', entityId: id, details: { number: current.number } });
  return instrumentById(scope, id);
}
