import { describe, expect, it } from 'vitest';
import { fromPersonRows, parseCaptureCsv } from './capture-table.js';
import { MseInputError, MseNotEstimableError } from './errors.js';
import { estimate } from './estimate.js';
import { loadDataset, referenceRows } from './testing/fixtures.js';

const table = (text: string) => parseCaptureCsv(text);

describe('two lists: Lincoln–Petersen', () => {
  it.each([
    [60, 45, 15],
    [7, 11, 3],
    [1234, 567, 89],
  ])('n10 = %i, n01 = %i, n11 = %i gives n10·n01/n11 with both methods', (n10, n01, n11) => {
    const data = table(`A,B,count\n1,0,${n10}\n0,1,${n01}\n1,1,${n11}\n`);
    for (const method of ['independence', 'stepwise'] as const) {
      const result = estimate(data, { method });
      expect(result.unseen.estimate).toBeCloseTo((n10 * n01) / n11, 9);
      expect(result.observed).toBe(n10 + n01 + n11);
      expect(result.model.interactions).toEqual([]);
      expect(result.model.df).toBe(0);
      expect(result.model.deviance).toBeCloseTo(0, 9);
      const [low, high] = result.unseen.ci95.profile;
      expect(low).toBeLessThan(result.unseen.estimate);
      expect(high).toBeGreaterThan(result.unseen.estimate);
    }
  });
});

describe('an empty overlap', () => {
  // Nobody is on both A and C, though independence expects about 33 there. The model with
  // A:C at −∞ is solvable by hand: with u = e^α, p = r = e^a = e^c, q = e^b the likelihood
  // equations give u·p = 200, q = 0.2 and u = 500.
  const data = table('A,B,C,count\n1,0,0,200\n0,0,1,200\n0,1,0,100\n1,1,0,40\n0,1,1,40\n');

  it('enters with parameter −∞ and gives the hand-computed estimate', () => {
    const result = estimate(data, { method: 'stepwise' });
    expect(result.model.emptyOverlaps).toEqual(['A:C']);
    expect(result.model.interactions).toEqual([]);
    expect(result.model.steps).toEqual([expect.objectContaining({ pair: 'A:C', overlap: 0, emptyOverlap: true })]);
    // With nobody in common, p = P(X ≤ 0) = exp(−λ), λ the overlap independence expects.
    const [step] = result.model.steps;
    expect(step.p / Math.exp(-step.expected)).toBeCloseTo(1, 9);
    expect(step.p).toBeLessThan(1e-10);
    expect(result.unseen.estimate).toBeCloseTo(500, 8);
    expect(result.model.df).toBe(1);
    const codes = result.warnings.map((w) => w.code);
    expect(codes).toContain('empty_overlaps');
    expect(codes).toContain('edge_of_existence');
    expect(result.warnings.find((w) => w.code === 'empty_overlaps')?.text.en).toContain('treats A:C as excluding each other');
  });

  it('is only a warning under the independence model', () => {
    const result = estimate(data, { method: 'independence' });
    expect(result.model.emptyOverlaps).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toContain('empty_overlaps');
    expect(result.warnings.map((w) => w.code)).not.toContain('edge_of_existence');
  });
});

describe('an estimate that does not exist', () => {
  it.each([
    ['two lists with nobody on both', 'A,B,count\n1,0,5\n0,1,7\n'],
    ['a list that everyone observed is on', 'A,B,C,count\n1,0,0,5\n1,1,0,3\n1,0,1,2\n'],
  ])('%s: a clear error, not a number', (_, text) => {
    for (const method of ['independence', 'stepwise'] as const) {
      let error: unknown;
      try {
        estimate(table(text), { method });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(MseNotEstimableError);
      const notEstimable = error as MseNotEstimableError;
      expect(notEstimable.key).toBe('estimate_does_not_exist');
      expect(notEstimable.text.en).toMatch(/^The hidden number cannot be estimated/);
      expect(notEstimable.text.da).toMatch(/^Mørketallet kan ikke skønnes/);
    }
  });
});

describe('warnings and notes', () => {
  it('flags an estimate more than ten times the observed number (Ned, stepwise)', () => {
    const result = estimate(loadDataset('Ned'));
    expect(result.total.estimate / result.observed).toBeGreaterThan(10);
    expect(result.warnings.map((w) => w.code)).toContain('estimate_over_ten_times_observed');
  });

  it('does not flag it for UKdat, but flags its small and empty overlaps', () => {
    const codes = estimate(loadDataset('UKdat')).warnings.map((w) => w.code);
    expect(codes).not.toContain('estimate_over_ten_times_observed');
    expect(codes).toContain('small_counts');
    expect(codes).toContain('empty_overlaps');
  });

  it('names the assumptions in both languages', () => {
    const notes = estimate(loadDataset('Kosovo')).notes;
    expect(notes.map((n) => n.code)).toEqual(['method', 'closed_population', 'dependence', 'heterogeneity', 'matching', 'intervals']);
    for (const note of notes) {
      expect(note.text.da.length).toBeGreaterThan(20);
      expect(note.text.en.length).toBeGreaterThan(20);
    }
  });

  it('passes on the note about summed histories', () => {
    const result = estimate(table('A,B,count\n1,0,30\n0,1,20\n1,1,10\n1,0,5\n'));
    expect(result.notes[0].code).toBe('duplicate_history_summed');
    expect(result.unseen.estimate).toBeCloseTo((35 * 20) / 10, 9);
  });
});

describe('the result', () => {
  it('is plain JSON for every data set and method', () => {
    for (const row of referenceRows()) {
      const result = estimate(loadDataset(row.dataset), { method: row.method });
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    }
  });

  it('lists interactions as "A:B" with names in column order, in the order chosen', () => {
    const result = estimate(loadDataset('UKdat'));
    expect(result.model.interactions).toEqual(['PF:NCA', 'LA:NG', 'NG:GP', 'LA:PF', 'PF:GP', 'GO:GP', 'NG:GO']);
    expect(result.model.steps.map((s) => s.pair)).toEqual(result.model.interactions);
    expect(result.model.steps.every((s) => s.p < 0.02)).toBe(true);
  });

  it('with threshold 0 is the independence model', () => {
    const data = loadDataset('UKdat');
    const strict = estimate(data, { method: 'stepwise', threshold: 0 });
    expect(strict.model.interactions).toEqual([]);
    expect(strict.unseen.estimate).toBeCloseTo(estimate(data, { method: 'independence' }).unseen.estimate, 9);
  });

  it('refuses a threshold outside [0, 1)', () => {
    expect(() => estimate(loadDataset('Korea'), { threshold: 1 })).toThrow(RangeError);
    expect(() => estimate(loadDataset('Korea'), { threshold: -0.1 })).toThrow(RangeError);
  });

  it('works from person-level rows', () => {
    const rows: (0 | 1)[][] = [];
    const add = (n: number, row: (0 | 1)[]) => rows.push(...Array.from({ length: n }, () => row));
    add(60, [1, 0]);
    add(45, [0, 1]);
    add(15, [1, 1]);
    expect(estimate(fromPersonRows(['school', 'police'], rows)).unseen.estimate).toBeCloseTo(180, 9);
  });

  it('checks a hand-built table', () => {
    expect(() => estimate({ lists: ['a', 'b'], rows: [{ history: [0, 0], count: 3, lines: [] }], notes: [] })).toThrow(MseInputError);
  });
});
