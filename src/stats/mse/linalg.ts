/**
 * The little dense linear algebra the fits need: a Cholesky solve for the p × p normal
 * equations (p ≤ 56 for ten lists with every pair) and a rank for the design matrix.
 */

/**
 * Factors a symmetric positive-definite n × n matrix (row-major) in place into its lower
 * Cholesky factor. Returns false if the matrix is not numerically positive definite.
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let diagonal = a[j * n + j];
    for (let k = 0; k < j; k++) diagonal -= a[j * n + k] * a[j * n + k];
    if (!(diagonal > 0)) return false;
    const root = Math.sqrt(diagonal);
    a[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) sum -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = sum / root;
    }
  }
  return true;
}

/** Solves L Lᵀ x = b in place in `b`, with `l` from {@link choleskyInPlace}. */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * n + k] * b[k];
    b[i] = sum / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i];
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i] * b[k];
    b[i] = sum / l[i * n + i];
  }
}

/**
 * Numerical column rank of a rows × cols matrix (row-major). Computed from the cols × cols
 * cross-product XᵀX by a pivoted Cholesky factorisation: rank(X) = rank(XᵀX), and for the
 * 0/1 design matrices here (entries of XᵀX are whole numbers; rounding leaves a singular pivot
 * near 1e-14 of the largest, while a full-rank design's pivots stay far above 1e-10 of it) a
 * relative tolerance separates zero from non-zero cleanly.
 * That is O(rows · cols²) once instead of an elimination over the tall matrix.
 */
export function matrixRank(matrix: Float64Array, rows: number, cols: number, tolerance = 1e-10): number {
  const a = new Float64Array(cols * cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let i = 0; i < cols; i++) {
      const xi = matrix[base + i];
      if (xi === 0) continue;
      for (let j = 0; j <= i; j++) a[i * cols + j] += xi * matrix[base + j];
    }
  }
  for (let i = 0; i < cols; i++) for (let j = 0; j < i; j++) a[j * cols + i] = a[i * cols + j];
  let largest = 0;
  for (let i = 0; i < cols; i++) largest = Math.max(largest, a[i * cols + i]);
  const threshold = tolerance * Math.max(largest, 1);
  const used = new Uint8Array(cols);
  let rank = 0;
  for (let step = 0; step < cols; step++) {
    // Pivot on the largest remaining diagonal: the Schur complement stays positive semi-definite.
    let pivot = -1;
    let best = threshold;
    for (let i = 0; i < cols; i++) {
      if (!used[i] && a[i * cols + i] > best) {
        best = a[i * cols + i];
        pivot = i;
      }
    }
    if (pivot < 0) break;
    used[pivot] = 1;
    rank++;
    for (let i = 0; i < cols; i++) {
      if (used[i]) continue;
      const factor = a[i * cols + pivot] / best;
      if (factor === 0) continue;
      for (let j = 0; j < cols; j++) if (!used[j]) a[i * cols + j] -= factor * a[pivot * cols + j];
    }
  }
  return rank;
}
