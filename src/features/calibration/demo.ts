/**
 * Demo data for screening and calibration: version 1 of the instrument, twelve vignettes, a
 * closed round answered by the demo staff (so the results page and its charts have something
 * to show) and an open round the demo teacher and advisers can answer themselves.
 */
import type { Tx } from '../../db/database.js';
import { registerDemoSeeder, type DemoContext } from '../demo/registry.js';
import { DEFAULT_INSTRUMENT } from '../screening/instrument/default-instrument.js';
import { DOMAIN_KEYS, RED_FLAG_KEYS, type DomainKey } from '../screening/instrument/definition.js';
import { computeLevel } from '../screening/level-rule.js';
import { DEMO_VIGNETTES, type DemoVignette } from './demo-vignettes.js';

/** Demo users who answered the closed round, with their professional groups. */
const RATERS = ['raadgiver', 'raadgiver2', 'leder', 'sagsbehandler', 'jobkonsulent', 'laerer', 'sundhedsplejerske', 'partner'];

/** A small seeded generator, so every demo start shows the same figures. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Answers a rater might plausibly give: the vignette's own picture, with honest disagreement. */
function plausibleAnswer(vignette: DemoVignette, index: number, random: () => number) {
  const steps = Object.fromEntries(DOMAIN_KEYS.map((key) => [key, 0])) as Record<DomainKey, number>;
  const main = DOMAIN_KEYS[index % DOMAIN_KEYS.length];
  const second = DOMAIN_KEYS[(index + 3) % DOMAIN_KEYS.length];
  const base = [0, 1, 2, 2][vignette.expectedLevel];
  steps[main] = base;
  if (vignette.expectedLevel >= 2) steps[second] = 2;
  // Disagreement: a rater reads one domain a step higher or lower.
  const shift = random();
  if (shift < 0.2) steps[main] = Math.max(0, steps[main] - 1);
  else if (shift > 0.8) steps[main] = Math.min(3, steps[main] + 1);
  const redFlags = vignette.expectedLevel === 3 && random() > 0.15 ? [RED_FLAG_KEYS[index % RED_FLAG_KEYS.length]] : [];
  const computed = computeLevel(DEFAULT_INSTRUMENT.levelRule, { ratings: steps, redFlags }).level;
  const final = computed < 3 && random() < 0.1 ? computed + 1 : computed;
  return { steps, redFlags, computed, final };
}

async function ensureInstrument(tx: Tx, tenantId: string): Promise<string> {
  await tx.query(
    `insert into screening_instruments (tenant_id, number, status, definition, published_at)
     values ($1, 1, 'published', $2, now()) on conflict do nothing`,
    [tenantId, JSON.stringify(DEFAULT_INSTRUMENT)],
  );
  const { rows } = await tx.query<{ id: string }>("select id::text from screening_instruments where tenant_id = $1 and status = 'published'", [tenantId]);
  return rows[0].id;
}

async function createRound(tx: Tx, context: DemoContext, input: { name: string; instrumentId: string; groups: string[]; vignetteIds: string[]; closed: boolean; daysAgo: number }): Promise<{ id: string; vignettes: string[] }> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into calibration_rounds (tenant_id, name, instrument_id, groups, status, created_by, created_at, closed_at)
     values ($1, $2, $3, $4, $5, $6, now() - make_interval(days => $7), case when $5 = 'closed' then now() - make_interval(days => $7 - 14) end)
     returning id::text`,
    [context.tenantId, input.name, input.instrumentId, input.groups, input.closed ? 'closed' : 'open', context.users.raadgiver, input.daysAgo],
  );
  const roundId = rows[0].id;
  const vignettes: string[] = [];
  for (const [position, vignetteId] of input.vignetteIds.entries()) {
    const copied = await tx.query<{ id: string }>(
      `insert into calibration_round_vignettes (tenant_id, round_id, vignette_id, position, title, body, expected_level)
       select tenant_id, $2, id, $3, title, body, expected_level from calibration_vignettes where id = $1 returning id::text`,
      [vignetteId, roundId, position + 1],
    );
    vignettes.push(copied.rows[0].id);
  }
  return { id: roundId, vignettes };
}

async function seed(context: DemoContext): Promise<void> {
  const { tx, tenantId, users } = context;
  const instrumentId = await ensureInstrument(tx, tenantId);
  const existing = await tx.query<{ n: number }>('select count(*)::int as n from calibration_vignettes where tenant_id = $1', [tenantId]);
  if (existing.rows[0].n > 0) return; // seeded before: leave the unit's own edits alone

  const vignetteIds: string[] = [];
  for (const vignette of DEMO_VIGNETTES) {
    const { rows } = await tx.query<{ id: string }>(
      `insert into calibration_vignettes (tenant_id, title, body, expected_level, teaching_note, created_by) values ($1, $2, $3, $4, $5, $6) returning id::text`,
      [tenantId, vignette.title, vignette.body, vignette.expectedLevel, vignette.teachingNote, users.raadgiver],
    );
    vignetteIds.push(rows[0].id);
  }

  const groups = await tx.query<{ username: string; group: string }>(
    'select username, professional_group as "group" from users where tenant_id = $1 and username = any ($2) and professional_group is not null',
    [tenantId, RATERS],
  );
  const closed = await createRound(tx, context, {
    name: 'Efterår 2025', instrumentId, groups: ['school_daycare', 'health_visitor', 'job_uu', 'child_welfare', 'civil_society', 'unit'],
    vignetteIds, closed: true, daysAgo: 120,
  });
  const random = generator(2025);
  let answers = 0;
  for (const rater of groups.rows) {
    for (const [index, roundVignetteId] of closed.vignettes.entries()) {
      const answer = plausibleAnswer(DEMO_VIGNETTES[index], index, random);
      await tx.query(
        `insert into calibration_answers (tenant_id, round_id, round_vignette_id, user_id, professional_group, ratings, red_flags, computed_level, final_level)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          tenantId, closed.id, roundVignetteId, users[rater.username], rater.group,
          DOMAIN_KEYS.map((key) => answer.steps[key]), RED_FLAG_KEYS.map((key) => (answer.redFlags.includes(key) ? 1 : 0)), answer.computed, answer.final,
        ],
      );
      answers += 1;
    }
  }
  await tx.query('update calibration_rounds set answers_version = $2 where id = $1', [closed.id, answers]);

  // An open round with a mix of levels, for the demo staff to answer.
  await createRound(tx, context, {
    name: 'Forår 2026', instrumentId, groups: ['school_daycare', 'health_visitor', 'job_uu', 'child_welfare', 'civil_society', 'unit'],
    vignetteIds: [0, 2, 5, 7, 9, 10].map((i) => vignetteIds[i]), closed: false, daysAgo: 3,
  });
}

registerDemoSeeder({ name: 'calibration', order: 60, seed });
