/**
 * The pieces of the bootstrap that involve no waiting: resampling a table, quantiles and the
 * BCa adjustment. `bootstrap.ts` drives them and yields to the event loop.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { CellCounts } from './capture-table.js';
import { normalCdf, normalQuantile } from './distributions.js';

/**
 * Draws a nonparametric bootstrap sample: as many people as were observed, with replacement,
 * each equally likely; the result is a multinomial draw with the observed cell proportions,
 * as SparseMSE's `rmultinom(1, nobs, counts)`.
 */
export class Resampler {
  private readonly cells: Int32Array;
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(private readonly counts: CellCounts) {
    const cells: number[] = [];
    const cumulative: number[] = [];
    let running = 0;
    for (let mask = 1; mask < counts.length; mask++) {
      if (counts[mask] > 0) {
        running += counts[mask];
        cells.push(mask);
        cumulative.push(running);
      }
    }
    this.cells = Int32Array.from(cells);
    this.cumulative = Float64Array.from(cumulative);
    this.total = running;
  }

  /** One resampled table (same length as the original counts). */
  draw(rng: RandomGenerator): CellCounts {
    const sample = new Float64Array(this.counts.length);
    const { cumulative, cells, total } = this;
    for (let person = 0; person < total; person++) {
      const u = uniformInt(rng, 0, total - 1);
      let low = 0;
      let high = cumulative.length - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (cumulative[middle] > u) high = middle;
        else low = middle + 1;
      }
      sample[cells[low]] += 1;
    }
    return sample;
  }
}

/**
 * Sample quantile of Hyndman & Fan's type 8 (median-unbiased), the type SparseMSE's
 * `bcaconfvalues` asks R's `quantile` for. `sorted` must be ascending.
 */
export function quantileType8(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const m = (p + 1) / 3;
  const h = n * p + m;
  const j = Math.floor(h);
  const g = h - j;
  if (j < 1) return sorted[0];
  if (j >= n) return sorted[n - 1];
  const low = sorted[j - 1];
  const high = sorted[j];
  if (g === 0 || low === high) return low;
  return low + g * (high - low);
}

/**
 * Acceleration from a jackknife that leaves out one person at a time: one refit per distinct
 * capture history, each weighted by how many people have that history (SparseMSE's `ahat`).
 */
export function jackknifeAcceleration(weights: readonly number[], estimates: readonly number[]): number {
  let total = 0;
  let weightedSum = 0;
  weights.forEach((w, i) => {
    total += w;
    weightedSum += w * estimates[i];
  });
  const mean = weightedSum / total;
  let squares = 0;
  let cubes = 0;
  weights.forEach((w, i) => {
    const d = mean - estimates[i];
    squares += w * d * d;
    cubes += w * d * d * d;
  });
  if (squares === 0) return 0;
  return cubes / (6 * Math.pow(squares, 1.5));
}

/**
 * BCa limits (Efron 1987; DiCiccio & Efron 1996) at the given lower-tail probabilities:
 * z₀ = Φ⁻¹(share of replicates below the estimate), limits at quantile
 * Φ(z₀ + (z₀ + z_α)/(1 − a(z₀ + z_α))) of the replicates. Null when z₀ is infinite (every
 * replicate on one side of the estimate): then no adjustment can be computed.
 */
export function bcaLimits(sorted: readonly number[], estimate: number, acceleration: number, probabilities: readonly number[]): { limits: number[] | null; biasCorrection: number } {
  const below = sorted.filter((value) => value < estimate).length;
  const biasCorrection = normalQuantile(below / sorted.length);
  if (!Number.isFinite(biasCorrection)) return { limits: null, biasCorrection };
  const limits = probabilities.map((alpha) => {
    const z = biasCorrection + normalQuantile(alpha);
    const adjusted = normalCdf(biasCorrection + z / (1 - acceleration * z));
    return quantileType8(sorted, adjusted);
  });
  return { limits, biasCorrection };
}
