/**
 * Calibration rounds: vignettes written by the unit, rounds that copy them, answers given with
 * the round's instrument version, and the results (src/features/calibration/statistics.ts).
 */
import { pgErrorCode, PG_ERRORS } from '../../db/database.js';
import { defineRead, runRead, type Read } from '../../db/reads.js';
import { authorize } from '../../platform/access/policy.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import { DOMAIN_KEYS, RED_FLAG_KEYS } from '../screening/instrument/definition.js';
import { instrumentById, publishedInstrument } from '../screening/instrument/use-cases.js';
import type { Instrument, ScreeningInput } from '../screening/schemas.js';
import { judgeAnswers } from '../screening/use-cases.js';
import { calibrationPolicy, isParticipant, type RoundResource } from './policy.js';
import type { Round, RoundInput, RoundVignette, Vignette, VignetteInput } from './schemas.js';
import { roundStatistics, type RoundStatistics } from './statistics.js';

const SELECT_VIGNETTE = `select id, title, body, expected_level as "expectedLevel", teaching_note as "teachingNote", archived, version,
  created_at as "createdAt" from calibration_vignettes`;

export async function listVignettes(scope: Scope, options: { includeArchived?: boolean } = {}): Promise<Vignette[]> {
  authorize(calibrationPolicy, scope.user(), 'manage', null, { entityType: 'calibration_vignette' });
  const { rows } = await scope.tx.query<Vignette>(`${SELECT_VIGNETTE} where ($1 or not archived) order by archived, created_at`, [options.includeArchived ?? false]);
  return rows;
}

export async function getVignette(scope: Scope, id: string): Promise<Vignette> {
  authorize(calibrationPolicy, scope.user(), 'manage', null, { entityType: 'calibration_vignette', entityId: id });
  const { rows } = await scope.tx.query<Vignette>(`${SELECT_VIGNETTE} where id = $1`, [id]);
  if (!rows[0]) throw new NotFoundError();
  return rows[0];
}

export async function createVignette(scope: Scope, input: VignetteInput): Promise<Vignette> {
  authorize(calibrationPolicy, scope.user(), 'manage', null, { entityType: 'calibration_vignette' });
  const { rows } = await scope.tx.query<{ id: string }>(
    `insert into calibration_vignettes (tenant_id, title, body, expected_level, teaching_note, created_by)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [scope.tenant.id, input.title, input.body, input.expectedLevel, input.teachingNote ?? null, scope.user().userId],
  );
  await scope.audit({ action: 'calibration.vignette.create', entityType: 'calibration_vignette', entityId: rows[0].id });
  return getVignette(scope, rows[0].id);
}

export async function updateVignette(scope: Scope, id: string, input: VignetteInput & { version: number; archived: boolean }): Promise<Vignette> {
  await getVignette(scope, id);
  const { rowCount } = await scope.tx.query(
    `update calibration_vignettes set title = $3, body = $4, expected_level = $5, teaching_note = $6, archived = $7,
            version = version + 1, updated_at = now()
      where id = $1 and version = $2`,
    [id, input.version, input.title, input.body, input.expectedLevel, input.teachingNote ?? null, input.archived],
  );
  if (rowCount === 0) throw new ConflictError();
  await scope.audit({ action: 'calibration.vignette.update', entityType: 'calibration_vignette', entityId: id });
  return getVignette(scope, id);
}

const SELECT_ROUND = `select r.id, r.name, r.instrument_id as "instrumentId", r.groups, r.status, r.created_at as "createdAt",
  r.closed_at as "closedAt", r.answers_version as "answersVersion", r.version,
  (select count(*)::int from calibration_round_vignettes v where v.round_id = r.id) as vignettes,
  (select count(*)::int from calibration_answers a where a.round_id = r.id and a.user_id = $1) as answered
  from calibration_rounds r`;

function resource(round: Round): RoundResource {
  return { status: round.status, groups: round.groups, answered: round.answered, vignettes: round.vignettes };
}

/** The unit sees every round; others the rounds their professional group is invited to. */
export function roundsRead(scope: Scope): Read<Round[]> {
  const actor = scope.user();
  authorize(calibrationPolicy, actor, 'list', null, { entityType: 'calibration_round' });
  const manager = calibrationPolicy(actor, 'manage', null);
  return defineRead<Round, Round[]>({
    sql: `${SELECT_ROUND} where ($2 or $3 = any (r.groups)) order by r.created_at desc limit 200`,
    params: [actor.userId, manager, actor.professionalGroup ?? ''],
    dates: ['createdAt', 'closedAt'],
    finish: (rows) => rows,
  });
}

export async function listRounds(scope: Scope): Promise<Round[]> {
  return runRead(scope.tx, roundsRead(scope));
}

/** One round: the unit, or a member of an invited group; anyone else gets 404. */
export async function getRound(scope: Scope, id: string): Promise<Round> {
  const actor = scope.user();
  const { rows } = await scope.tx.query<Round>(`${SELECT_ROUND} where r.id = $2`, [actor.userId, id]);
  const round = rows[0];
  const visible = round && (calibrationPolicy(actor, 'manage', null) || isParticipant(actor, round));
  if (!visible) authorize(calibrationPolicy, actor, 'answer', null, { entityType: 'calibration_round', entityId: id });
  return round;
}

export async function createRound(scope: Scope, input: RoundInput): Promise<Round> {
  authorize(calibrationPolicy, scope.user(), 'manage', null, { entityType: 'calibration_round' });
  const ids = [...new Set(input.vignetteIds.map((id) => id.toLowerCase()))];
  if (ids.length < 2) throw new ValidationError([{ field: 'vignetteIds', messageKey: 'calibration.round.vignettesRequired' }]);
  const { rows: vignettes } = await scope.tx.query<Vignette>(`${SELECT_VIGNETTE} where id = any ($1::uuid[]) and not archived`, [ids]);
  if (vignettes.length !== ids.length) throw new ValidationError([{ field: 'vignetteIds', messageKey: 'validation.invalidChoice' }]);
  const instrument = await publishedInstrument(scope);
  const { rows } = await scope.tx.query<{ id: string }>(
    'insert into calibration_rounds (tenant_id, name, instrument_id, groups, created_by) values ($1, $2, $3, $4, $5) returning id',
    [scope.tenant.id, input.name, instrument.id, input.groups, scope.user().userId],
  );
  const roundId = rows[0].id;
  const byId = new Map(vignettes.map((v) => [v.id, v]));
  let position = 0;
  for (const id of ids) {
    const v = byId.get(id)!;
    position += 1;
    await scope.tx.query(
      `insert into calibration_round_vignettes (tenant_id, round_id, vignette_id, position, title, body, expected_level)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [scope.tenant.id, roundId, v.id, position, v.title, v.body, v.expectedLevel],
    );
  }
  await scope.audit({ action: 'calibration.round.create', entityType: 'calibration_round', entityId: roundId, details: { vignettes: ids.length, groups: input.groups } });
  return getRound(scope, roundId);
}

export async function closeRound(scope: Scope, id: string, version: number): Promise<void> {
  authorize(calibrationPolicy, scope.user(), 'manage', null, { entityType: 'calibration_round', entityId: id });
  await getRound(scope, id);
  const { rowCount } = await scope.tx.query(
    "update calibration_rounds set status = 'closed', closed_at = now(), version = version + 1 where id = $1 and version = $2 and status = 'open'",
    [id, version],
  );
  if (rowCount === 0) throw new ConflictError('calibration.round.closeConflict');
  await scope.audit({ action: 'calibration.round.close', entityType: 'calibration_round', entityId: id });
}

/** The round's vignettes, each marked with whether the actor has answered it. */
export async function roundVignettes(scope: Scope, round: Round): Promise<RoundVignette[]> {
  const { rows } = await scope.tx.query<RoundVignette>(
    `select v.id, v.position, v.title, v.body, v.expected_level as "expectedLevel",
            exists (select 1 from calibration_answers a where a.round_vignette_id = v.id and a.user_id = $2) as answered
       from calibration_round_vignettes v where v.round_id = $1 order by v.position`,
    [round.id, scope.user().userId],
  );
  return rows;
}

/** One vignette to answer: only a participant of an open round. */
export async function vignetteToAnswer(scope: Scope, roundId: string, position: number): Promise<{ round: Round; vignette: RoundVignette; instrument: Instrument }> {
  const round = await getRound(scope, roundId);
  authorize(calibrationPolicy, scope.user(), 'answer', resource(round), { entityType: 'calibration_round', entityId: roundId });
  const vignette = (await roundVignettes(scope, round)).find((v) => v.position === position);
  if (!vignette) throw new NotFoundError();
  return { round, vignette, instrument: await instrumentById(scope, round.instrumentId) };
}

/** Stores an answer. Answering the same vignette twice is refused; others' answers are never read here. */
export async function submitAnswer(scope: Scope, roundId: string, position: number, input: ScreeningInput): Promise<{ next: number | null }> {
  const actor = scope.user();
  const { round, vignette, instrument } = await vignetteToAnswer(scope, roundId, position);
  if (vignette.answered) throw new ConflictError('calibration.answer.already');
  if (input.instrumentId !== instrument.id) throw new ValidationError([{ field: '_form', messageKey: 'screening.unknownInstrument' }]);
  const { computed, finalLevel } = judgeAnswers(instrument, input);
  await scope.tx
    .query(
      `insert into calibration_answers (tenant_id, round_id, round_vignette_id, user_id, professional_group, ratings, red_flags, computed_level, final_level)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        scope.tenant.id, round.id, vignette.id, actor.userId, actor.professionalGroup,
        DOMAIN_KEYS.map((key) => input.ratings[key]), RED_FLAG_KEYS.map((key) => (input.redFlags.includes(key) ? 1 : 0)),
        computed.level, finalLevel,
      ],
    )
    .catch((error: unknown) => {
      if (pgErrorCode(error) === PG_ERRORS.uniqueViolation) throw new ConflictError('calibration.answer.already');
      throw error;
    });
  // The cached statistics are valid for one value of the counter: a new answer invalidates them.
  await scope.tx.query('update calibration_rounds set answers_version = answers_version + 1 where id = $1', [round.id]);
  await scope.audit({ action: 'calibration.answer', entityType: 'calibration_round', entityId: round.id, details: { position } });
  const remaining = (await roundVignettes(scope, round)).filter((v) => !v.answered);
  return { next: remaining[0]?.position ?? null };
}

export interface TrendPoint {
  roundId: string;
  name: string;
  createdAt: Date;
  raters: number;
  levelAlpha: number | null;
  levelPercent: number | null;
}

export interface RoundResults {
  round: Round;
  vignettes: RoundVignette[];
  statistics: RoundStatistics;
  trend: TrendPoint[];
}

/** The results page's data. Refused (404, audited) to anyone who may not see them yet. */
export async function roundResults(scope: Scope, roundId: string): Promise<RoundResults> {
  const round = await getRound(scope, roundId);
  authorize(calibrationPolicy, scope.user(), 'results', resource(round), { entityType: 'calibration_round', entityId: roundId });
  const statistics = await roundStatistics(scope.tx, scope.tenant.id, round.id, round.answersVersion);
  const vignettes = await roundVignettes(scope, round);
  // The trend: every closed round and this one, oldest first.
  const { rows: others } = await scope.tx.query<{ id: string; name: string; createdAt: Date; answersVersion: number }>(
    `select id, name, created_at as "createdAt", answers_version as "answersVersion" from calibration_rounds
      where status = 'closed' or id = $1 order by created_at, id`,
    [round.id],
  );
  const trend: TrendPoint[] = [];
  for (const other of others) {
    const stats = other.id === round.id ? statistics : await roundStatistics(scope.tx, scope.tenant.id, other.id, other.answersVersion);
    const level = stats.variables.find((v) => v.key === 'level')!;
    trend.push({ roundId: other.id, name: other.name, createdAt: other.createdAt, raters: stats.raters, levelAlpha: level.krippendorffAlpha.ordinal, levelPercent: level.percentAgreement });
  }
  await scope.audit({ action: 'calibration.results.read', entityType: 'calibration_round', entityId: round.id });
  return { round, vignettes, statistics, trend };
}

/** Whether the actor may see the results of a round now (for links). */
export function maySeeResults(scope: Scope, round: Round): boolean {
  return calibrationPolicy(scope.user(), 'results', resource(round));
}

export function mayAnswer(scope: Scope, round: Round): boolean {
  return calibrationPolicy(scope.user(), 'answer', resource(round));
}
