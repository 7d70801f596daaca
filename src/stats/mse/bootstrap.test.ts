import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { bootstrapInterval, DEFAULT_SEED } from './bootstrap.js';
import { bcaLimits, jackknifeAcceleration, quantileType8, Resampler } from './bootstrap-core.js';
import { cellCounts, observedTotal } from './capture-table.js';
import { loadDataset, publishedStepwiseBca } from './testing/fixtures.js';

describe('BCa bounds against the published ones (issue 6)', () => {
  // Chan, Silverman & Vincent (2021) used 1,000 resamples; so do we, with SparseMSE's default
  // seed 1234. Published figures are for the total population.
  it.each(publishedStepwiseBca().map(({ dataset, row }) => [dataset, row] as const))(
    '%s: stepwise BCa within 10 % of the published interval',
    async (dataset, published) => {
      const result = await bootstrapInterval(loadDataset(dataset), { method: 'stepwise', resamples: 1000, seed: DEFAULT_SEED });
      expect(Math.abs(result.estimate.total - (published.pointEstimate ?? Number.NaN))).toBeLessThan(0.5);
      const [low, high] = result.total.bca ?? [null, null];
      expect(low).not.toBeNull();
      expect(high).not.toBeNull();
      expect(Math.abs((low as number) / (published.low as number) - 1)).toBeLessThanOrEqual(0.1);
      expect(Math.abs((high as number) / (published.high as number) - 1)).toBeLessThanOrEqual(0.1);
      expect(result.notEstimable).toBe(0);
      expect(result.unseen.bca?.[0]).toBeCloseTo((low as number) - result.observed, 9);
    },
    60_000,
  );
});

describe('bootstrapInterval', () => {
  const korea = loadDataset('Korea');

  it('is reproducible from its seed and changes with it', async () => {
    const first = await bootstrapInterval(korea, { resamples: 200, seed: 7 });
    const again = await bootstrapInterval(korea, { resamples: 200, seed: 7 });
    const other = await bootstrapInterval(korea, { resamples: 200, seed: 8 });
    expect(again).toEqual(first);
    expect(other.unseen.percentile).not.toEqual(first.unseen.percentile);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
  });

  it('reports progress up to the total (resamples plus one jackknife fit per history)', async () => {
    const calls: [number, number][] = [];
    await bootstrapInterval(korea, { resamples: 300, seed: 1, onProgress: (done, total) => calls.push([done, total]) });
    const histories = korea.rows.filter((r) => r.count > 0).length;
    expect(calls.at(-1)).toEqual([300 + histories, 300 + histories]);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
  });

  it('lets the event loop run while it works, and stops when aborted', async () => {
    const controller = new AbortController();
    let ticks = 0;
    const timer = setInterval(() => {
      ticks++;
      if (ticks === 3) controller.abort(new Error('stopped by the test'));
    }, 1);
    try {
      await expect(bootstrapInterval(loadDataset('UKdat'), { resamples: 100_000, signal: controller.signal })).rejects.toThrow('stopped by the test');
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThanOrEqual(3);
  });

  it('refuses fewer than two resamples and a seed that is not a whole number', async () => {
    await expect(bootstrapInterval(korea, { resamples: 1 })).rejects.toThrow(RangeError);
    await expect(bootstrapInterval(korea, { seed: 0.5 })).rejects.toThrow(RangeError);
  });
});

describe('bootstrap pieces', () => {
  it('quantileType8 matches R: quantile(1:10, c(0.001, 0.1, 0.5, 0.9, 0.999), type = 8)', () => {
    const x = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantileType8(x, 0.001)).toBe(1);
    expect(quantileType8(x, 0.1)).toBeCloseTo(1.366667, 6);
    expect(quantileType8(x, 0.5)).toBeCloseTo(5.5, 12);
    expect(quantileType8(x, 0.9)).toBeCloseTo(9.633333, 6);
    expect(quantileType8(x, 0.999)).toBe(10);
  });

  it('BCa with no bias and no acceleration is the percentile interval', () => {
    const sorted = Array.from({ length: 999 }, (_, i) => i + 1);
    const { limits, biasCorrection } = bcaLimits(sorted, 500, 0, [0.025, 0.975]);
    expect(biasCorrection).toBeCloseTo(0, 2);
    expect(limits?.[0]).toBeCloseTo(quantileType8(sorted, 0.025), 0);
    expect(limits?.[1]).toBeCloseTo(quantileType8(sorted, 0.975), 0);
  });

  it('BCa is null when every replicate lies above the estimate', () => {
    expect(bcaLimits([5, 6, 7], 1, 0, [0.025, 0.975]).limits).toBeNull();
  });

  it('a symmetric jackknife has no acceleration; a skewed one has', () => {
    expect(jackknifeAcceleration([1, 1, 1], [1, 2, 3])).toBeCloseTo(0, 12);
    expect(jackknifeAcceleration([1, 1, 1, 1], [0, 0, 0, 4])).toBeLessThan(0);
  });

  it('Resampler keeps the number observed and the proportions', () => {
    const counts = cellCounts(loadDataset('UKdat'));
    const resampler = new Resampler(counts);
    const rng = xoroshiro128plus(3);
    const totals = new Float64Array(counts.length);
    const draws = 200;
    for (let i = 0; i < draws; i++) {
      const sample = resampler.draw(rng);
      expect(observedTotal(sample)).toBe(observedTotal(counts));
      sample.forEach((value, mask) => (totals[mask] += value));
    }
    // PF alone (mask 4) holds 907 of 2,744: the mean over 200 draws is within a few units.
    expect(totals[4] / draws).toBeGreaterThan(895);
    expect(totals[4] / draws).toBeLessThan(919);
    counts.forEach((value, mask) => {
      if (value === 0) expect(totals[mask]).toBe(0);
    });
  });
});
