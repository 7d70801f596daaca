/**
 * Making and reading assessments. The level is computed on the server from the instrument
 * version the form showed, the professional's judgement may only raise it (with a reason), and
 * the assessment is stored once and never changed.
 */
import { pgErrorCode, PG_ERRORS } from '../../db/database.js';
import type { ProfessionalGroup } from '../../platform/access/roles.js';
import { defineRead, runRead, type Read } from '../../db/reads.js';
import { authorize } from '../../platform/access/policy.js';
import { decryptText, encryptText } from '../../platform/crypto/aead.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import { caseVisible, inquiryVisible } from '../action-plans/case-link.js';
import { instrumentById } from './instrument/use-cases.js';
import type { Level } from './instrument/definition.js';
import { applyJudgement, computeLevel, type ComputedLevel } from './level-rule.js';
import { screeningPolicy, UNIT_ROLES, type ScreeningResource } from './policy.js';
import type { Instrument, Screening, ScreeningInput, ScreeningSummary } from './schemas.js';

interface ScreeningRow {
  id: string;
  instrumentId: string;
  instrumentNumber: number;
  ratings: Record<string, number>;
  redFlags: string[];
  relations: string[];
  computedLevel: number;
  finalLevel: number;
  raiseReasonEnc: string | null;
  context: Screening['context'];
  caseId: string | null;
  inquiryId: string | null;
  professionalGroup: ProfessionalGroup | null;
  createdBy: string;
  createdAt: Date;
  submissionKey: string;
  linkedRecordVisible: boolean;
  readerInUnit: boolean;
}

const SELECT = `select s.id, s.instrument_id as "instrumentId", i.number as "instrumentNumber", s.ratings, s.red_flags as "redFlags",
  s.relations, s.computed_level as "computedLevel", s.final_level as "finalLevel", s.raise_reason_enc as "raiseReasonEnc",
  s.context, s.case_id as "caseId", s.inquiry_id as "inquiryId", s.professional_group as "professionalGroup",
  s.created_by as "createdBy", s.created_at as "createdAt", s.submission_key as "submissionKey",
  (s.case_id is null or app_case_readable(s.case_id))
    and (s.inquiry_id is null or app_inquiry_readable(s.inquiry_id)) as "linkedRecordVisible",
  (select app_user_reads_unit_screenings()) as "readerInUnit"
  from screenings s join screening_instruments i on i.id = s.instrument_id`;

function reasonKey(scope: Scope): Buffer {
  return scope.deps.keys.key('personal-data', scope.tenant.id);
}

/** Validates the answers against an instrument version and returns computed and final level. */
export function judgeAnswers(instrument: Instrument, input: Pick<ScreeningInput, 'ratings' | 'redFlags' | 'finalLevel' | 'raiseReason'>): {
  computed: ComputedLevel;
  finalLevel: Level;
  raised: boolean;
} {
  const computed = computeLevel(instrument.definition.levelRule, { ratings: input.ratings, redFlags: input.redFlags });
  const judged = applyJudgement(computed.level, { level: input.finalLevel, reason: input.raiseReason });
  if (!judged.ok) {
    throw new ValidationError([
      judged.problem === 'lower_than_computed'
        ? { field: 'finalLevel', messageKey: 'screening.judgementLower', params: { level: computed.level } }
        : { field: 'raiseReason', messageKey: 'screening.reasonRequired' },
    ]);
  }
  return { computed, finalLevel: judged.level, raised: judged.raised };
}

/** An instrument version an assessment may be made with: published now, or retired since the form was shown. */
async function usableInstrument(scope: Scope, id: string): Promise<Instrument> {
  const instrument = await instrumentById(scope, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) throw new ValidationError([{ field: '_form', messageKey: 'screening.unknownInstrument' }]);
    throw error;
  });
  if (instrument.status === 'draft') throw new ValidationError([{ field: '_form', messageKey: 'screening.unknownInstrument' }]);
  return instrument;
}

/** A case or inquiry the assessment points to must exist and be visible to the actor. */
async function assertLinkable(scope: Scope, input: Pick<ScreeningInput, 'caseId' | 'inquiryId' | 'context'>): Promise<void> {
  // "Attached to a case" without the case would be stored as a case assessment of no case.
  if (input.context === 'case' && !input.caseId) throw new ValidationError([{ field: 'caseId', messageKey: 'screening.caseMissing' }]);
  if (input.context === 'inquiry' && !input.inquiryId && !input.caseId) throw new ValidationError([{ field: 'inquiryId', messageKey: 'screening.inquiryMissing' }]);
  const checks = [
    input.caseId ? ['caseId', await caseVisible(scope, input.caseId)] as const : null,
    input.inquiryId ? ['inquiryId', await inquiryVisible(scope, input.inquiryId)] as const : null,
  ];
  for (const check of checks) {
    if (!check || check[1] === true) continue;
    const error = new ValidationError([{ field: check[0], messageKey: check[1] === false ? 'screening.unknownLink' : 'screening.linksUnavailable' }]);
    // A record the user may not see is refused like a missing one, and written down as refused.
    if (check[1] === false) {
      error.audit = { action: 'screening.link', entityType: check[0] === 'caseId' ? 'case' : 'inquiry', entityId: check[0] === 'caseId' ? input.caseId : input.inquiryId, reason: 'not_visible' };
    }
    throw error;
  }
}

export async function createScreening(scope: Scope, input: ScreeningInput): Promise<Screening> {
  const actor = scope.user();
  authorize(screeningPolicy, actor, 'create', null, { entityType: 'screening' });
  const instrument = await usableInstrument(scope, input.instrumentId);
  const { computed, finalLevel, raised } = judgeAnswers(instrument, input);
  await assertLinkable(scope, input);
  const reason = raised ? encryptText(reasonKey(scope), input.raiseReason!, `screening:${input.submissionKey}`) : null;
  const context = input.caseId ? 'case' : input.inquiryId ? 'inquiry' : input.context;
  const { rows } = await scope.tx
    .query<{ id: string }>(
      `insert into screenings (tenant_id, instrument_id, submission_key, ratings, red_flags, relations, computed_level, final_level,
         raise_reason_enc, context, inquiry_id, case_id, professional_group, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning id`,
      [
        scope.tenant.id, instrument.id, input.submissionKey, JSON.stringify(input.ratings), input.redFlags, input.relations,
        computed.level, finalLevel, reason, context, input.inquiryId ?? null, input.caseId ?? null, actor.professionalGroup, actor.userId,
      ],
    )
    .catch((error: unknown) => {
      if (pgErrorCode(error) === PG_ERRORS.uniqueViolation) throw new ConflictError('screening.alreadySubmitted');
      throw error;
    });
  const id = rows[0].id;
  await scope.audit({
    action: 'screening.create', entityType: 'screening', entityId: id,
    details: { computedLevel: computed.level, finalLevel, instrument: instrument.number },
  });
  return getScreening(scope, id, { audit: false });
}

function resourceOf(row: ScreeningRow): ScreeningResource {
  return { createdBy: row.createdBy, linkedRecordVisible: row.linkedRecordVisible, readerInUnit: row.readerInUnit };
}

function toScreening(scope: Scope, row: ScreeningRow, withReason: boolean): Screening {
  const { raiseReasonEnc, createdBy, submissionKey, linkedRecordVisible: _visible, readerInUnit: _unit, ...rest } = row;
  return {
    ...rest,
    mine: createdBy === scope.actor?.userId,
    // The associated data binds the ciphertext to its own assessment.
    raiseReason: withReason && raiseReasonEnc ? decryptText(reasonKey(scope), raiseReasonEnc, `screening:${submissionKey}`) : null,
  };
}

/** One assessment: its author and the unit only; anyone else gets 404 (audited). */
export async function getScreening(scope: Scope, id: string, options: { audit?: boolean } = {}): Promise<Screening> {
  const actor = scope.user();
  const { rows } = await scope.tx.query<ScreeningRow>(`${SELECT} where s.id = $1`, [id]);
  const row = rows[0];
  authorize(screeningPolicy, actor, 'read', row ? resourceOf(row) : null, { entityType: 'screening', entityId: id });
  if (options.audit !== false) await scope.audit({ action: 'screening.read', entityType: 'screening', entityId: id });
  return toScreening(scope, row, true);
}

/** The actor's own assessments; the unit also sees everyone's (newest first, at most `limit`, 200). */
export function screeningsRead(scope: Scope, options: { all?: boolean; limit?: number } = {}): Read<ScreeningSummary[]> {
  const actor = scope.user();
  authorize(screeningPolicy, actor, 'list', null, { entityType: 'screening' });
  const everyone = options.all === true && UNIT_ROLES.includes(actor.role);
  return defineRead<ScreeningRow, ScreeningSummary[]>({
    sql: `${SELECT} where ($1 or s.created_by = $2) order by s.created_at desc limit $3`,
    params: [everyone, actor.userId, options.limit ?? 200],
    dates: ['createdAt'],
    finish: async (found) => {
      // Row-level security has already left out what the reader may not see; the policy decides again.
      const rows = found.filter((row) => screeningPolicy(actor, 'read', resourceOf(row)));
      await scope.audit({ action: 'screening.list', entityType: 'screening', details: { count: rows.length, everyone } });
      return rows.map((row) => {
        const full = toScreening(scope, row, false);
        return {
          id: full.id, instrumentNumber: full.instrumentNumber, computedLevel: full.computedLevel, finalLevel: full.finalLevel,
          context: full.context, caseId: full.caseId, inquiryId: full.inquiryId, createdAt: full.createdAt, mine: full.mine,
        };
      });
    },
  });
}

export async function listScreenings(scope: Scope, options: { all?: boolean } = {}): Promise<ScreeningSummary[]> {
  return runRead(scope.tx, screeningsRead(scope, options));
}
