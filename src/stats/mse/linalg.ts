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
 * Numerical column rank of a rows × cols matrix (row-major) by Gaussian elimination with full
 * pivoting. The design matrices are 0/1, so a fixed tolerance separates zero from non-zero.
 */
export function matrixRank(matrix: Float64Array, rows: number, cols: number, tolerance = 1e-9): number {
  const a = Float64Array.from(matrix);
  const usedRow = new Uint8Array(rows);
  const usedCol = new Uint8Array(cols);
  let rank = 0;
  for (let step = 0; step < Math.min(rows, cols); step++) {
    let best = 0;
    let pr = -1;
    let pc = -1;
    for (let r = 0; r < rows; r++) {
      if (usedRow[r]) continue;
      for (let c = 0; c < cols; c++) {
        if (usedCol[c]) continue;
        const v = Math.abs(a[r * cols + c]);
        if (v > best) {
          best = v;
          pr = r;
          pc = c;
        }
      }
    }
    if (best <= tolerance) break;
    usedRow[pr] = 1;
    usedCol[pc] = 1;
    rank++;
    const pivot = a[pr * cols + pc];
    for (let r = 0; r < rows; r++) {
      if (usedRow[r]) continue;
      const factor = a[r * cols + pc] / pivot;
      if (factor === 0) continue;
      for (let c = 0; c < cols; c++) a[r * cols + c] -= factor * a[pr * cols + c];
    }
  }
  return rank;
}
