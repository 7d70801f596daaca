/**
 * The hidden number in the JSON API (managers only): the same suppressed counts and estimate as
 * the page, and starting the bootstrap, which is then watched at `GET /api/v1/jobs/{id}`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/api/define.js';
import type { AppDeps } from '../../platform/deps.js';
import type { Translate } from '../../platform/i18n/index.js';
import type { Analysis } from './analysis.js';
import { formatShown, wholePeople } from './format.js';
import { DARKFIGURE_ROLES } from './policy.js';
import { DarkFigureQuery, METHODS, SOURCE_SECTORS } from './schemas.js';
import type { Shown } from './suppression.js';
import { startBootstrap, viewDarkFigure } from './use-cases.js';
import { modelSentences, warningTexts } from './views.js';

const Count = z
  .object({
    value: z.number().int().nullable().describe('The count, or null when it is suppressed.'),
    display: z.string().describe('As shown on the page: the number, "<5" (0–4) or "–" (hidden by secondary suppression).'),
    suppressed: z.enum(['small', 'hidden']).nullable().describe('Why the count is not given.'),
  })
  .meta({ id: 'DarkFigureCount' });

const Interval = z.tuple([z.number().nullable(), z.number().nullable()]).describe('[low, high]; null for an unbounded end.');
const Quantity = z.object({ estimate: z.number().int(), profile: Interval, wald: Interval }).describe('In whole people, as on the page.');
const Sector = z.enum(SOURCE_SECTORS);

const DarkFigureResult = z
  .object({
    from: z.string(),
    to: z.string(),
    sectors: z.array(Sector),
    method: z.enum(METHODS),
    counts: z.object({
      linked: Count.describe('People seen by at least one chosen source.'),
      lists: z.array(z.object({ sector: Sector, count: Count })),
      pairs: z.array(z.object({ a: Sector, b: Sector, count: Count })),
      unlinkedRecords: Count.describe('Inquiries and cases in the period and sources without a person key.'),
    }),
    estimate: z
      .object({
        unseen: Quantity.describe('The hidden number: people no chosen source has seen.'),
        total: Quantity,
        interactions: z.array(z.string()).describe('Pairs in the model with a finite parameter, "a:b" (sector keys).'),
        excluding: z.array(z.string()).describe('Pairs the model treats as excluding each other (parameter −∞).'),
        model: z.array(z.string()).describe('The model in words.'),
        warnings: z.array(z.string()),
        notes: z.array(z.object({ code: z.string(), text: z.string() })),
      })
      .nullable()
      .describe('Null when no estimate is shown (see `withheld`).'),
    withheld: z.object({ reason: z.string() }).nullable(),
  })
  .meta({ id: 'DarkFigureResult' });

function count(lang: 'da' | 'en', shown: Shown) {
  return {
    value: shown.state === 'shown' ? shown.value : null,
    display: formatShown(lang, shown),
    suppressed: shown.state === 'shown' ? null : shown.state,
  };
}

/** Whole people, as on the page (see `wholePeople`). */
function quantity(estimate: number, ci: { profile: readonly [number | null, number | null]; wald: readonly [number | null, number | null] }) {
  return {
    estimate: Math.round(estimate),
    profile: [wholePeople(ci.profile[0]), wholePeople(ci.profile[1])] as [number | null, number | null],
    wald: [wholePeople(ci.wald[0]), wholePeople(ci.wald[1])] as [number | null, number | null],
  };
}

function toJson(analysis: Analysis, query: DarkFigureQuery, lang: 'da' | 'en', t: Translate): z.input<typeof DarkFigureResult> {
  const { lists, counts } = analysis;
  const pairs = lists.flatMap((a, i) => lists.flatMap((b, j) => (j > i ? [{ a, b, count: count(lang, counts.pairs[i][j]) }] : [])));
  const model = analysis.kind === 'estimate' ? modelSentences(t, lang, analysis) : null;
  return {
    from: query.from,
    to: query.to,
    sectors: lists,
    method: query.method,
    counts: {
      linked: count(lang, counts.observed),
      lists: lists.map((sector, i) => ({ sector, count: count(lang, counts.lists[i]) })),
      pairs,
      unlinkedRecords: count(lang, analysis.unlinked),
    },
    estimate:
      analysis.kind === 'estimate'
        ? {
            unseen: quantity(analysis.result.unseen.estimate, analysis.result.unseen.ci95),
            total: quantity(analysis.result.total.estimate, analysis.result.total.ci95),
            interactions: analysis.result.model.interactions,
            excluding: analysis.result.model.emptyOverlaps,
            model: [model!.intro, ...model!.pairs, ...(model!.outro ? [model!.outro] : [])],
            warnings: warningTexts(t, lang, lists, analysis.warnings),
            notes: analysis.result.notes.map((note) => ({ code: note.code, text: note.text[lang] })),
          }
        : null,
    withheld: analysis.kind === 'withheld' ? { reason: analysis.reason.code } : null,
  };
}

export function registerDarkFigureApi(app: FastifyInstance, deps: AppDeps): void {
  const managers = { auth: 'user', roles: DARKFIGURE_ROLES } as const;

  api(app, deps, {
    method: 'GET', url: '/api/v1/darkfigure', operationId: 'getDarkFigure', tags: ['darkfigure'],
    summary: 'The hidden-number estimate for a period and sources (counts under 5 suppressed)',
    description: 'Multiple systems estimation over the pseudonymously linked source lists. `sectors` is repeated or comma-separated. Periods are calendar years (`from` = 1 January, `to` = 31 December of the same year). Counts of 0–4 are given as "<5" and further counts may be hidden so small ones cannot be worked out, the same way for every choice of sources in the year; `linked` is hidden when, together with the numbers already shown for other choices of sources in the same year, it would reveal a small number. The estimate is withheld when it would reveal a hidden or small count.',
    access: managers, query: DarkFigureQuery, response: DarkFigureResult,
  }, async (scope, { query }) => {
    const analysis = await viewDarkFigure(scope, query);
    return toJson(analysis, query, scope.lang, scope.t);
  });

  api(app, deps, {
    method: 'POST', url: '/api/v1/darkfigure/bootstrap', operationId: 'startDarkFigureBootstrap', tags: ['darkfigure'], status: 202,
    summary: 'Start the bootstrap interval (1,000 resamples) as a background job',
    description: 'Watch it at `GET /api/v1/jobs/{runId}`; its `result` holds the intervals when `status` is `done`.',
    access: managers, body: DarkFigureQuery.strict(),
    response: z.object({ runId: z.uuid(), statusUrl: z.string(), pageUrl: z.string() }),
  }, async (scope, { body }) => {
    const runId = await startBootstrap(scope, body);
    return { runId, statusUrl: `/api/v1/jobs/${runId}`, pageUrl: `/moerketal/bootstrap/${runId}` };
  });
}
