import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENT } from './instrument/default-instrument.js';
import { DOMAIN_KEYS, InstrumentDefinition, RED_FLAG_KEYS, type DomainKey } from './instrument/definition.js';
import { applyJudgement, computeLevel } from './level-rule.js';

const rule = DEFAULT_INSTRUMENT.levelRule;

/** Ratings with every domain at 0 except the ones given. */
function ratings(overrides: Partial<Record<DomainKey, number>> = {}): Record<DomainKey, number> {
  return { ...Object.fromEntries(DOMAIN_KEYS.map((key) => [key, 0])), ...overrides } as Record<DomainKey, number>;
}

describe('the level rule of the built-in instrument', () => {
  it('is a valid definition with eight domains, six red flags and four levels', () => {
    const parsed = InstrumentDefinition.parse(DEFAULT_INSTRUMENT);
    expect(parsed.domains).toHaveLength(8);
    expect(parsed.redFlags.map((f) => f.key)).toEqual([...RED_FLAG_KEYS]);
    expect(parsed.levels.map((l) => l.level)).toEqual([0, 1, 2, 3]);
  });

  it.each(RED_FLAG_KEYS)('gives 3 "akut fare" for the red flag %s alone, even with every domain at 0', (flag) => {
    expect(computeLevel(rule, { ratings: ratings(), redFlags: [flag] })).toEqual({ level: 3, ground: { kind: 'red_flag', redFlags: [flag] } });
  });

  it('gives 3 for a red flag whatever the domains say', () => {
    const all = ratings(Object.fromEntries(DOMAIN_KEYS.map((key) => [key, 3])));
    expect(computeLevel(rule, { ratings: all, redFlags: ['self_harm'] }).level).toBe(3);
    expect(computeLevel(rule, { ratings: ratings({ privacy: 1 }), redFlags: ['flight', 'threats'] }).level).toBe(3);
  });

  it('gives 2 for one domain at step 3', () => {
    expect(computeLevel(rule, { ratings: ratings({ partner_choice: 3 }), redFlags: [] })).toEqual({
      level: 2, ground: { kind: 'severe_domain', domains: ['partner_choice'] },
    });
  });

  it('gives 2 for two domains at step 2, but 1 for one domain at step 2', () => {
    expect(computeLevel(rule, { ratings: ratings({ privacy: 2, relations_digital: 2 }), redFlags: [] }).level).toBe(2);
    expect(computeLevel(rule, { ratings: ratings({ privacy: 2, relations_digital: 1, belief_expression: 1 }), redFlags: [] })).toEqual({
      level: 1, ground: { kind: 'concern_domain', domains: ['relations_digital', 'belief_expression', 'privacy'] },
    });
  });

  it('gives 1 for a single domain at step 1 and 0 when everything is 0', () => {
    expect(computeLevel(rule, { ratings: ratings({ generational_conflict: 1 }), redFlags: [] }).level).toBe(1);
    expect(computeLevel(rule, { ratings: ratings(), redFlags: [] })).toEqual({ level: 0, ground: { kind: 'none' } });
  });

  it('follows changed thresholds in a new version', () => {
    const stricter = { ...rule, substantialCount: 3 };
    const answers = { ratings: ratings({ privacy: 2, relations_digital: 2 }), redFlags: [] };
    expect(computeLevel(stricter, answers).level).toBe(1);
    expect(computeLevel({ ...stricter, substantialStep: 1, substantialCount: 2 }, answers).level).toBe(2);
  });

  it('rejects a rule whose steps do not rise', () => {
    const result = InstrumentDefinition.safeParse({ ...DEFAULT_INSTRUMENT, levelRule: { ...rule, concernStep: 3, substantialStep: 2 } });
    expect(result.success).toBe(false);
  });
});

describe('professional judgement', () => {
  it('keeps the computed level when no judgement is given', () => {
    expect(applyJudgement(2, {})).toEqual({ ok: true, level: 2, raised: false });
    expect(applyJudgement(1, { level: 1, reason: '' })).toEqual({ ok: true, level: 1, raised: false });
  });

  it('may raise the level with a reason', () => {
    expect(applyJudgement(1, { level: 3, reason: 'Hun fortalte om en rejse i sommerferien.' })).toEqual({ ok: true, level: 3, raised: true });
  });

  it('requires a reason to raise, and a blank reason is no reason', () => {
    expect(applyJudgement(0, { level: 2 })).toEqual({ ok: false, problem: 'reason_required' });
    expect(applyJudgement(0, { level: 2, reason: '   ' })).toEqual({ ok: false, problem: 'reason_required' });
  });

  it('never lowers the level, even with a reason', () => {
    for (const computed of [1, 2, 3] as const) {
      for (let lower = 0; lower < computed; lower++) {
        expect(applyJudgement(computed, { level: lower, reason: 'Jeg kender familien godt.' })).toEqual({ ok: false, problem: 'lower_than_computed' });
      }
    }
  });
});
