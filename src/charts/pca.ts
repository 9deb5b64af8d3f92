/**
 * Principal component analysis, just enough to draw a wide hidden layer on a flat screen.
 *
 * The principal directions of points are the eigenvectors of their covariance matrix,
 * ordered by eigenvalue (the variance along each direction). Projecting onto the first two
 * keeps as much of the spread as any 2-D linear view can. The covariance matrix is small
 * (hidden units x hidden units), so the classic Jacobi eigenvalue method is exact enough
 * and short enough to read.
 */

export interface Projection {
  /** Coordinates of every point on the first and second principal axes. */
  pc1: number[];
  pc2: number[];
  /** The principal directions (unit vectors), largest variance first. */
  components: number[][];
  /** Variance along each component. */
  variances: number[];
  /** Fraction of the total variance that the two components keep (1 when nothing spreads). */
  explained: number;
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations: each rotation in
 * the (p, q) plane zeroes the entry a_pq; sweeps repeat until the off-diagonal part is
 * negligible. Returns eigenvalues and eigenvectors (as columns of `vectors`), unsorted.
 */
export function symmetricEigen(matrix: number[][]): { values: number[]; vectors: number[][] } {
  const n = matrix.length;
  const a = matrix.map(row => row.slice());
  const v: number[][] = [];
  for (let i = 0; i < n; i++) {
    v.push(new Array<number>(n).fill(0));
    v[i][i] = 1;
  }
  let scale = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      scale += a[i][j] * a[i][j];
    }
  }
  const tolerance = 1e-24 * Math.max(scale, 1e-300);
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        off += a[p][q] * a[p][q];
      }
    }
    if (off <= tolerance) {
      break;
    }
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p][q];
        if (Math.abs(apq) < 1e-300) {
          continue;
        }
        // The rotation angle: cot(2 phi) = (a_qq - a_pp) / (2 a_pq); t = tan(phi) is the
        // smaller root of t^2 + 2 theta t - 1 = 0, which keeps the rotation small.
        const theta = (a[q][q] - a[p][p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          if (k === p || k === q) {
            continue;
          }
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = a[p][k] = c * akp - s * akq;
          a[k][q] = a[q][k] = s * akp + c * akq;
        }
        a[p][p] -= t * apq;
        a[q][q] += t * apq;
        a[p][q] = a[q][p] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]), vectors: v };
}

/**
 * Project `points` (rows) onto their first two principal components.
 *
 * Each component's sign is fixed so that its largest entry is positive: eigenvectors are
 * only defined up to sign, and without this rule the picture could flip from one training
 * frame to the next.
 */
export function pca2(points: ArrayLike<ArrayLike<number>>): Projection {
  const n = points.length;
  const d = n > 0 ? points[0].length : 0;
  const mean = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      mean[j] += points[i][j] / n;
    }
  }
  // Covariance C = (1 / n) sum_i (x_i - mean)(x_i - mean)^T.
  const cov: number[][] = [];
  for (let j = 0; j < d; j++) {
    cov.push(new Array<number>(d).fill(0));
  }
  for (let i = 0; i < n; i++) {
    const row = points[i];
    for (let j = 0; j < d; j++) {
      const dj = row[j] - mean[j];
      for (let k = j; k < d; k++) {
        cov[j][k] += (dj * (row[k] - mean[k])) / n;
      }
    }
  }
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < j; k++) {
      cov[j][k] = cov[k][j];
    }
  }
  const { values, vectors } = symmetricEigen(cov);
  const order = values.map((_, i) => i).sort((i, j) => values[j] - values[i]);
  const components: number[][] = [];
  for (const idx of order.slice(0, 2)) {
    const u = vectors.map(row => row[idx]);
    let big = 0;
    for (let j = 1; j < d; j++) {
      if (Math.abs(u[j]) > Math.abs(u[big])) {
        big = j;
      }
    }
    components.push(u[big] < 0 ? u.map(x => -x) : u);
  }
  while (components.length < 2) {
    components.push(new Array<number>(d).fill(0));
  }
  const pc1 = new Array<number>(n);
  const pc2 = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s1 = 0;
    let s2 = 0;
    for (let j = 0; j < d; j++) {
      const centred = points[i][j] - mean[j];
      s1 += centred * components[0][j];
      s2 += centred * components[1][j];
    }
    pc1[i] = s1;
    pc2[i] = s2;
  }
  const variances = order.map(i => Math.max(0, values[i]));
  const total = variances.reduce((s, x) => s + x, 0);
  const kept = (variances[0] ?? 0) + (variances[1] ?? 0);
  return { pc1, pc2, components, variances, explained: total > 0 ? kept / total : 1 };
}
