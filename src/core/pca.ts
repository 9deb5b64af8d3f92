/**
 * Principal components: the one PCA of NN Lab. The trainer projects hidden layers wider than
 * three units with it, and the hidden-layer chart when a snapshot comes without the
 * projection. Only the matrix module is imported, so the charts can use it cheaply.
 */
import { Matrix } from './matrix';

/** Projection of points onto their top principal components. */
export interface PcaResult {
  /** Points in the new coordinates (rows = points, k columns). */
  projected: number[][];
  /** Unit principal directions (k rows of the original dimension). */
  components: number[][];
  /** Variance along each component (descending), with the n - 1 of the sample variance. */
  variances: number[];
  mean: number[];
  /** Fraction of the total variance the k components keep (1 when nothing spreads). */
  explained: number;
}

/**
 * Principal component analysis, to draw a hidden layer wider than three units on a flat
 * screen: centre the points (X_c = X - mean), form the sample covariance
 * C = X_c^T X_c / (n - 1), and diagonalise it with the cyclic Jacobi eigenvalue method
 * (exact for symmetric matrices, simple, and fast for the few dozen dimensions of a hidden
 * layer). The k eigenvectors of largest eigenvalue are the principal directions, and the
 * eigenvalues the variances along them: the n - 1 makes them scikit-learn's
 * `explained_variance_`. The projection and the share of variance kept do not depend on
 * that normalisation.
 *
 * The sign of each direction is fixed (its largest entry positive): eigenvectors are only
 * defined up to sign, and without a rule the picture could flip from one snapshot to the next.
 */
export function pca(points: ArrayLike<ArrayLike<number>>, k: number): PcaResult {
  const steps = pcaSteps(points, k);
  let step = steps.next();
  while (!step.done) {
    step = steps.next();
  }
  return step.value;
}

/** Rows of points per unit of `pcaSteps`: at 64 dimensions, a unit is about a millisecond. */
export const PCA_BLOCK_ROWS = 256;

/**
 * `pca` in short units, yielding after each block of `blockRows` rows (the mean, the
 * covariance, the projection) and after each sweep of the eigen-solver, so that a caller can
 * stop and resume between them. The numbers are exactly those of one uninterrupted pass:
 * every sum runs over the rows in the same order whatever the blocks (each entry of the
 * covariance is one running sum over the rows, continued from block to block).
 */
export function* pcaSteps(
  points: ArrayLike<ArrayLike<number>>,
  k: number,
  blockRows = PCA_BLOCK_ROWS
): Generator<void, PcaResult, void> {
  const n = points.length;
  const d = n === 0 ? 0 : points[0].length;
  const kk = Math.min(k, d);
  const block = Math.max(1, Math.floor(blockRows));
  const mean = new Array<number>(d).fill(0);
  for (let start = 0; start < n; start += block) {
    const end = Math.min(n, start + block);
    for (let i = start; i < end; i++) {
      for (let j = 0; j < d; j++) {
        mean[j] += points[i][j] / n;
      }
    }
    yield;
  }
  // C = X_c^T X_c, one running sum over the rows per entry (see `addTransAProduct`).
  const centred = Matrix.zeros(n, d);
  const C = new Float64Array(d * d);
  for (let start = 0; start < n; start += block) {
    const end = Math.min(n, start + block);
    for (let i = start; i < end; i++) {
      for (let j = 0; j < d; j++) {
        centred.data[i * d + j] = points[i][j] - mean[j];
      }
    }
    addTransAProduct(centred.data, d, start, end, C);
    yield;
  }
  // Only the upper triangle was summed: x_pi x_pj = x_pj x_pi exactly, so C is symmetric.
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      C[i * d + j] = C[j * d + i];
    }
  }
  const denom = Math.max(1, n - 1);
  for (let i = 0; i < d * d; i++) {
    C[i] /= denom;
  }
  const { values, vectors } = yield* jacobiEigen(C, d);
  const order = Array.from({ length: d }, (_, i) => i).sort((a, b) => values[b] - values[a]);
  const components: number[][] = [];
  const variances: number[] = [];
  for (let c = 0; c < kk; c++) {
    const idx = order[c];
    const v = Array.from({ length: d }, (_, i) => vectors[i * d + idx]);
    let largest = 0;
    for (let i = 1; i < d; i++) {
      if (Math.abs(v[i]) > Math.abs(v[largest]) + 1e-12) {
        largest = i;
      }
    }
    if (v[largest] < 0) {
      for (let i = 0; i < d; i++) {
        v[i] = -v[i];
      }
    }
    components.push(v);
    variances.push(Math.max(0, values[idx]));
  }
  const total = values.reduce((sum, v) => sum + Math.max(0, v), 0);
  const kept = variances.reduce((sum, v) => sum + v, 0);
  const projected = new Array<number[]>(n);
  for (let start = 0; start < n; start += block) {
    yield;
    const end = Math.min(n, start + block);
    for (let i = start; i < end; i++) {
      projected[i] = components.map(v => {
        let s = 0;
        for (let j = 0; j < d; j++) {
          s += centred.data[i * d + j] * v[j];
        }
        return s;
      });
    }
  }
  return { projected, components, variances, mean, explained: total > 0 ? kept / total : 1 };
}

/**
 * C += X[start..end)^T X[start..end) for the rows start..end of a row-major matrix X with d
 * columns, on and above the diagonal (j >= i): each entry C[i][j] continues its running sum
 * X[0][i] X[0][j] + X[1][i] X[1][j] + ... row by row, so that adding the blocks in order gives
 * the same numbers as `matmulTransA` over all rows at once (which sums each entry from 0 over
 * the rows in order).
 */
function addTransAProduct(
  X: Float64Array,
  d: number,
  start: number,
  end: number,
  C: Float64Array
): void {
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let s = C[i * d + j];
      for (let p = start; p < end; p++) {
        s += X[p * d + i] * X[p * d + j];
      }
      C[i * d + j] = s;
    }
  }
}

/**
 * Eigen-decomposition of a symmetric d x d matrix by cyclic Jacobi rotations:
 * each rotation zeroes one off-diagonal pair; sweeps repeat until the
 * off-diagonal mass is negligible. Returns eigenvalues and the eigenvectors as
 * the columns of a row-major matrix.
 */
function* jacobiEigen(
  S: Float64Array,
  d: number
): Generator<void, { values: number[]; vectors: Float64Array }, void> {
  const a = Float64Array.from(S);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    v[i * d + i] = 1;
  }
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const x = a[i * d + j] * a[i * d + j];
        total += x;
        if (i !== j) {
          off += x;
        }
      }
    }
    if (off <= 1e-24 * Math.max(total, 1e-300)) {
      break;
    }
    for (let p = 0; p < d - 1; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (Math.abs(apq) < 1e-300) {
          continue;
        }
        // Rotation angle that zeroes a[p][q]: tan(2 theta) = 2 a_pq / (a_qq - a_pp).
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cos = 1 / Math.sqrt(t * t + 1);
        const sin = t * cos;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p];
          const akq = a[k * d + q];
          a[k * d + p] = cos * akp - sin * akq;
          a[k * d + q] = sin * akp + cos * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k];
          const aqk = a[q * d + k];
          a[p * d + k] = cos * apk - sin * aqk;
          a[q * d + k] = sin * apk + cos * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p];
          const vkq = v[k * d + q];
          v[k * d + p] = cos * vkp - sin * vkq;
          v[k * d + q] = sin * vkp + cos * vkq;
        }
      }
    }
    yield;
  }
  const values = Array.from({ length: d }, (_, i) => a[i * d + i]);
  return { values, vectors: v };
}
