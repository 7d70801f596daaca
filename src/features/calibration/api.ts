/**
 * A calibration round's figures in the JSON API, for the unit's analysts and the annual report:
 * the same numbers as the results page (aggregates only, never an individual answer), under the
 * same rule for who may see them.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/api/define.js';
import { Timestamp } from '../../platform/api/types.js';
import type { AppDeps } from '../../platform/deps.js';
import { CALIBRATION_ROLES } from './policy.js';
import { roundResults } from './use-cases.js';

const Reason = z.enum(['no_ratings', 'single_rater', 'no_pairable_subjects', 'unequal_ratings_per_subject', 'single_category', 'numeric_overflow']).nullable();
const Alpha = z.object({ nominal: z.number().nullable(), ordinal: z.number().nullable(), interval: z.number().nullable() });
const Figures = z.object({
  key: z.string().describe('A domain key, a red-flag key, or "level" (the final level).'),
  kind: z.enum(['domain', 'red_flag', 'level']),
  metric: z.enum(['ordinal', 'nominal']).describe('The level of measurement the page reads alpha at.'),
  subjects: z.number().int(),
  raters: z.number().int(),
  ratings: z.number().int(),
  percentAgreement: z.number().nullable(),
  fleissKappa: z.number().nullable(),
  krippendorffAlpha: Alpha,
  reasons: z.object({ percentAgreement: Reason, fleissKappa: Reason, krippendorffAlpha: z.object({ nominal: Reason, ordinal: Reason, interval: Reason }) }).describe('Why a figure is null.'),
});

const Results = z.object({
  round: z.object({ id: z.uuid(), name: z.string(), status: z.enum(['open', 'closed']), groups: z.array(z.string()), createdAt: Timestamp, closedAt: Timestamp.nullable() }),
  answers: z.number().int(),
  raters: z.number().int(),
  variables: z.array(Figures),
  groups: z.array(z.object({
    group: z.string(),
    raters: z.number().int(),
    suppressed: z.boolean().describe('True when the group has fewer than 3 raters: its figures are not given.'),
    variables: z.array(Figures).nullable(),
  })),
  vignettes: z.array(z.object({
    id: z.uuid(), position: z.number().int(), title: z.string(), expectedLevel: z.number().int(),
    ratings: z.number().int(), percentAgreement: z.number().nullable(),
    distribution: z.array(z.object({ value: z.number().int(), count: z.number().int() })).describe('Final levels given, lowest-agreement vignettes first.'),
  })),
  trend: z.array(z.object({ roundId: z.uuid(), name: z.string(), createdAt: Timestamp, raters: z.number().int(), levelAlpha: z.number().nullable(), levelPercent: z.number().nullable() })),
});

export function registerCalibrationApi(app: FastifyInstance, deps: AppDeps): void {
  api(app, deps, {
    method: 'GET', url: '/api/v1/calibration/rounds/:id/results', operationId: 'getCalibrationResults', tags: ['calibration'],
    summary: "A calibration round's agreement figures (overall, per group, per vignette, trend)",
    description: 'Visible to the unit, and to participants once they have answered every vignette. Groups with fewer than 3 raters are suppressed.',
    access: { auth: 'user', roles: CALIBRATION_ROLES }, params: z.object({ id: z.uuid().describe('The round id.') }), response: Results,
  }, async (scope, { params }) => {
    const { round, vignettes, statistics, trend } = await roundResults(scope, params.id);
    const byId = new Map(vignettes.map((v) => [v.id, v]));
    return {
      round: { id: round.id, name: round.name, status: round.status, groups: round.groups, createdAt: round.createdAt, closedAt: round.closedAt },
      answers: statistics.answers,
      raters: statistics.raters,
      variables: statistics.variables,
      groups: statistics.groups.map((g) => ({ group: g.group, raters: g.raters, suppressed: g.variables === null, variables: g.variables })),
      vignettes: statistics.vignettesLowestFirst.flatMap((s) => {
        const v = byId.get(String(s.subject));
        return v ? [{ id: v.id, position: v.position, title: v.title, expectedLevel: v.expectedLevel, ratings: s.ratings, percentAgreement: s.percentAgreement, distribution: s.distribution }] : [];
      }),
      trend: trend.map((p) => ({ ...p, createdAt: new Date(p.createdAt) })),
    };
  });
}
