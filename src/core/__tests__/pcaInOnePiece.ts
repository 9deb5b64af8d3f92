/**
 * The PCA as NN Lab computed it in one piece before it was cut into units (#12): the
 * covariance by `matmulTransA` over every row at once, the Jacobi eigen-solver without pauses.
 * Kept word for word as the reference `pcaSteps` must match bit for bit (pca.test.ts).
 */
import { Matrix, matmulTransA } from '../matrix';
import type { PcaResult } from '../pca';

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
export function pcaInOnePiece(points: ArrayLike<ArrayLike<number>>, k: number): PcaResult {
  const n = points.length;
  const d = n === 0 ? 0 : points[0].length;
  const kk = Math.min(k, d);
  const mean = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      mean[j] += points[i][j] / n;
    }
  }
  const centred = Matrix.zeros(n, d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      centred.data[i * d + j] = points[i][j] - mean[j];
    }
  }
  const C = matmulTransA(centred, centred, Matrix.zeros(d, d)).data;
  const denom = Math.max(1, n - 1);
  for (let i = 0; i < d * d; i++) {
    C[i] /= denom;
  }
  const { values, vectors } = jacobiEigen(C, d);
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
  const projected = Array.from({ length: n }, (_, i) =>
    components.map(v => {
      let s = 0;
      for (let j = 0; j < d; j++) {
        s += centred.data[i * d + j] * v[j];
      }
      return s;
    })
  );
  return { projected, components, variances, mean, explained: total > 0 ? kept / total : 1 };
}

/**
 * Eigen-decomposition of a symmetric d x d matrix by cyclic Jacobi rotations:
 * each rotation zeroes one off-diagonal pair; sweeps repeat until the
 * off-diagonal mass is negligible. Returns eigenvalues and the eigenvectors as
 * the columns of a row-major matrix.
 */
function jacobiEigen(S: Float64Array, d: number): { values: number[]; vectors: Float64Array } {
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
  }
  const values = Array.from({ length: d }, (_, i) => a[i * d + i]);
  return { values, vectors: v };
}
