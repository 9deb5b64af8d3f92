/**
 * The separation verdict as NN Lab computed it in one piece before it was cut into units
 * (#12): phase one of the simplex method without pauses. Kept word for word (below this
 * comment) as the reference that the verdict in units must match exactly (separation.test.ts).
 */
/** The verdict for one two-class question (class 1 vs class 0, or one class vs the rest). */
export interface ClassSeparation {
  /** true: a hyperplane separates; false: none does; null: undecided (too large to test). */
  separable: boolean | null;
  /** When separable: w . x + b > 0 on the positive class, < 0 on the other. */
  w?: number[];
  b?: number;
}

/** Whether the classes of a point set are linearly separable. */
export interface SeparationVerdict {
  /** The dimension of the points (2 for the input plane, the layer's width for hidden). */
  dim: number;
  /** How many points were judged. */
  points: number;
  /**
   * The dimension of the points' affine hull when it is smaller than `dim` (and at most 8):
   * a layer of identity units keeps two inputs' points in a plane, however wide it is.
   */
  span?: number;
  /**
   * Two classes: one entry, class 1 (positive side) against class 0. Several classes: one
   * entry per class k, class k (positive side) against all the others ("one vs rest").
   */
  classes: ClassSeparation[];
}

export interface SeparationOptions {
  /**
   * Most work per question, in tableau entries updated (pivots x rows x columns), before the
   * answer is "undecided" (default 3e7: about 0.1 s in a browser; see bench/separation.ts).
   */
  maxWork?: number;
  /** A candidate separating hyperplane per entry of `classes` (null where none). */
  hints?: ({ w: number[]; b: number } | null)[];
}

const DEFAULT_MAX_WORK = 3e7;

/**
 * Points are moved into coordinates of their affine hull only when it has at most this many
 * dimensions (then finding it costs at most n x 8 x d steps, about 1 ms at the caps).
 */
const MAX_REDUCED_DIMENSION = 8;

/**
 * The separability verdict of labelled points.
 *
 * @param points rows x_i, all of the same dimension.
 * @param labels the class index of each point (0 .. nClasses - 1).
 * @param nClasses two or more; two gives one verdict, more one per class (one vs rest).
 */
export function separationVerdict(
  points: number[][],
  labels: ArrayLike<number>,
  nClasses: number,
  options: SeparationOptions = {}
): SeparationVerdict {
  const dim = points.length > 0 ? points[0].length : 0;
  const questions = nClasses > 2 ? nClasses : 1;
  const classes: ClassSeparation[] = [];
  for (let k = 0; k < questions; k++) {
    const positive = Array.from({ length: points.length }, (_, i) =>
      nClasses > 2 ? labels[i] === k : labels[i] > 0
    );
    classes.push(separateTwo(points, positive, options.hints?.[k] ?? null, options.maxWork));
  }
  const verdict: SeparationVerdict = { dim, points: points.length, classes };
  if (points.length > 0) {
    const span = affineHull(points).coords[0].length;
    if (span < dim) {
      verdict.span = span;
    }
  }
  return verdict;
}

/**
 * Exact two-class separability (see the module comment).
 *
 * @param positive which points are on the positive side.
 * @param hint a hyperplane to try first.
 * @param maxWork most tableau entries updated before the answer is null (undecided).
 */
export function separateTwo(
  points: number[][],
  positive: boolean[],
  hint: { w: number[]; b: number } | null = null,
  maxWork = DEFAULT_MAX_WORK
): ClassSeparation {
  const n = points.length;
  const signs = positive.map(p => (p ? 1 : -1));
  const nPositive = positive.filter(p => p).length;
  if (n === 0 || nPositive === 0 || nPositive === n) {
    // One class only: every point is on one side of any far-away line.
    const d = n === 0 ? 0 : points[0].length;
    return { separable: true, w: new Array(d).fill(0), b: nPositive > 0 ? 1 : -1 };
  }
  if (hint && hint.w.length === points[0].length) {
    const proof = asProof(points, signs, hint.w, hint.b);
    if (proof) {
      return proof;
    }
  }
  const hull = affineHull(points);
  const found = gordan(hull.coords, signs, maxWork);
  if (found.separable !== true) {
    return found;
  }
  const lifted = hull.lift(found.w as number[], found.b as number);
  // Check the proof where the points really are (they sit off their hull by rounding only).
  return asProof(points, signs, lifted.w as number[], lifted.b as number) ?? { separable: null };
}

/**
 * Phase one of the simplex method on sum_i mu_i a_i = 0, sum_i mu_i = 1, mu >= 0 with
 * a_i = s_i (x_i, 1), the points first centred and scaled to unit size (which changes no
 * answer) and each a_i scaled to unit length (which changes only the weights' sizes).
 */
function gordan(points: number[][], signs: number[], maxWork: number): ClassSeparation {
  const n = points.length;
  const d = points[0].length;
  const mean = new Array<number>(d).fill(0);
  for (const p of points) {
    for (let k = 0; k < d; k++) {
      mean[k] += p[k] / n;
    }
  }
  let scale = 0;
  for (const p of points) {
    for (let k = 0; k < d; k++) {
      scale = Math.max(scale, Math.abs(p[k] - mean[k]));
    }
  }
  scale = scale > 0 ? scale : 1;
  // Rows 0 .. d: the coordinates of a_i and its 1; row d + 1: the weights add up to 1.
  const rows = d + 2;
  const cols = n + rows; // the points' weights, then one artificial variable per row
  const T = new Float64Array(rows * cols);
  const a = new Float64Array(d + 1);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let k = 0; k < d; k++) {
      a[k] = (signs[i] * (points[i][k] - mean[k])) / scale;
      norm += a[k] * a[k];
    }
    a[d] = signs[i];
    norm = Math.sqrt(norm + 1);
    norms[i] = norm;
    for (let k = 0; k <= d; k++) {
      T[k * cols + i] = a[k] / norm;
    }
    T[(d + 1) * cols + i] = 1;
  }
  const rhs = new Float64Array(rows);
  rhs[d + 1] = 1;
  const basis = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    // The artificial columns start as the basis (the right sides, 0 and 1, are >= 0).
    T[r * cols + n + r] = 1;
    basis[r] = n + r;
  }
  // Reduced costs of phase one (cost 1 on every artificial variable): c_j - sum of column j.
  const reduced = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) {
      sum += T[r * cols + j];
    }
    reduced[j] = (j >= n ? 1 : 0) - sum;
  }
  const eps = 1e-10;
  const maxPivots = Math.max(1, Math.floor(maxWork / (rows * cols)));
  let degenerate = 0;
  for (let pivots = 0; ; pivots++) {
    if (pivots >= maxPivots) {
      return { separable: null };
    }
    // Entering column: the most negative reduced cost (Dantzig), or after a run of
    // degenerate pivots the first negative one (Bland), which cannot cycle.
    let enter = -1;
    let best = -eps;
    for (let j = 0; j < cols; j++) {
      if (reduced[j] < best) {
        enter = j;
        if (degenerate > rows) {
          break;
        }
        best = reduced[j];
      }
    }
    if (enter < 0) {
      break;
    }
    // Ratio test over clearly positive entries (relative to the column's largest), ties to
    // the lowest basic index.
    let colMax = 0;
    for (let r = 0; r < rows; r++) {
      colMax = Math.max(colMax, Math.abs(T[r * cols + enter]));
    }
    let leave = -1;
    let ratio = Infinity;
    for (let r = 0; r < rows; r++) {
      const v = T[r * cols + enter];
      if (v > 1e-9 * colMax) {
        const q = rhs[r] / v;
        if (q < ratio - 1e-12 || (Math.abs(q - ratio) <= 1e-12 && basis[r] < basis[leave])) {
          ratio = q;
          leave = r;
        }
      }
    }
    if (leave < 0) {
      return { separable: null }; // cannot happen in exact arithmetic: phase one is bounded
    }
    degenerate = ratio <= 1e-12 ? degenerate + 1 : 0;
    pivot(T, rhs, reduced, rows, cols, leave, enter);
    basis[leave] = enter;
  }
  // Phase one's optimum: the sum of the artificial variables left in the basis.
  let objective = 0;
  for (let r = 0; r < rows; r++) {
    if (basis[r] >= n) {
      objective += rhs[r];
    }
  }
  if (objective < 1e-9) {
    // "No": check that the weights really balance (to rounding) before saying so.
    const mu = new Float64Array(n);
    for (let r = 0; r < rows; r++) {
      if (basis[r] < n) {
        mu[basis[r]] = Math.max(0, rhs[r]);
      }
    }
    let total = 0;
    const sum = new Float64Array(d + 1);
    for (let i = 0; i < n; i++) {
      if (mu[i] > 0) {
        total += mu[i];
        for (let k = 0; k <= d; k++) {
          const coordinate = k === d ? signs[i] : (signs[i] * (points[i][k] - mean[k])) / scale;
          sum[k] += (mu[i] * coordinate) / norms[i];
        }
      }
    }
    let residual = 0;
    for (let k = 0; k <= d; k++) {
      residual = Math.max(residual, Math.abs(sum[k]));
    }
    return total > 0 && residual <= 1e-7 * total ? { separable: false } : { separable: null };
  }
  // "Yes": the multipliers y_r = 1 - (reduced cost of artificial r); u = -(y_0 .. y_d).
  const u = Array.from({ length: d + 1 }, (_, k) => -(1 - reduced[n + k]));
  // Back to the original coordinates: w . (x - mean) / scale + b = (w / scale) . x + ...
  const w = u.slice(0, d).map(v => v / scale);
  const b = u[d] - dot(w, mean);
  return { separable: true, w, b };
}

/** One simplex pivot on (leave, enter): the entering column becomes a unit column. */
function pivot(
  T: Float64Array,
  rhs: Float64Array,
  reduced: Float64Array,
  rows: number,
  cols: number,
  leave: number,
  enter: number
): void {
  const base = leave * cols;
  const p = T[base + enter];
  for (let j = 0; j < cols; j++) {
    T[base + j] /= p;
  }
  rhs[leave] /= p;
  for (let r = 0; r < rows; r++) {
    if (r === leave) {
      continue;
    }
    const f = T[r * cols + enter];
    if (f !== 0) {
      const row = r * cols;
      for (let j = 0; j < cols; j++) {
        T[row + j] -= f * T[base + j];
      }
      rhs[r] -= f * rhs[leave];
      if (rhs[r] < 0 && rhs[r] > -1e-12) {
        rhs[r] = 0;
      }
    }
  }
  const f = reduced[enter];
  for (let j = 0; j < cols; j++) {
    reduced[j] -= f * T[base + j];
  }
}

/**
 * The hint as a proof: every point strictly on its own side, by more than a rounding error.
 * It is rescaled so that its smallest margin is 1, like the programme's hyperplanes.
 */
function asProof(
  points: number[][],
  signs: number[],
  w: number[],
  b: number
): ClassSeparation | null {
  let smallest = Infinity;
  let scale = Math.abs(b);
  for (let i = 0; i < points.length; i++) {
    smallest = Math.min(smallest, signs[i] * (dot(w, points[i]) + b));
    for (let k = 0; k < w.length; k++) {
      scale = Math.max(scale, Math.abs(w[k] * points[i][k]));
    }
  }
  if (!(smallest > 1e-9 * Math.max(scale, 1e-300)) || !Number.isFinite(smallest)) {
    return null;
  }
  return { separable: true, w: w.map(v => v / smallest), b: b / smallest };
}

/**
 * Coordinates of the points in an orthonormal basis of their affine hull when it has at most
 * MAX_REDUCED_DIMENSION dimensions (else the points themselves), found by
 * Gram-Schmidt on the centred points (a direction counts when it is longer than a rounding
 * error of the data's scale), and the map of a hyperplane in those coordinates back to the
 * original ones: with c = B (x - mean), w' . c + b' = (B^T w') . x + (b' - (B^T w') . mean).
 */
export function affineHull(
  points: number[][],
  maxDim = MAX_REDUCED_DIMENSION
): {
  coords: number[][];
  lift: (w: number[], b: number) => ClassSeparation;
} {
  const n = points.length;
  const d = points[0].length;
  const mean = new Array<number>(d).fill(0);
  let scale = 0;
  for (const p of points) {
    for (let k = 0; k < d; k++) {
      mean[k] += p[k] / n;
      scale = Math.max(scale, Math.abs(p[k]));
    }
  }
  const tolerance = 1e-9 * Math.max(scale, 1e-300);
  const basis: Float64Array[] = [];
  const residual = new Float64Array(d);
  for (let i = 0; i < n && basis.length < d; i++) {
    for (let k = 0; k < d; k++) {
      residual[k] = points[i][k] - mean[k];
    }
    // Twice, for orthogonality that survives rounding.
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        let c = 0;
        for (let k = 0; k < d; k++) {
          c += q[k] * residual[k];
        }
        for (let k = 0; k < d; k++) {
          residual[k] -= c * q[k];
        }
      }
    }
    let norm = 0;
    for (let k = 0; k < d; k++) {
      norm += residual[k] * residual[k];
    }
    norm = Math.sqrt(norm);
    if (norm > tolerance * Math.sqrt(d)) {
      basis.push(Float64Array.from(residual, v => v / norm));
      if (basis.length > maxDim) {
        break; // not worth it: a few dimensions fewer do not make the programme cheaper
      }
    }
  }
  if (basis.length === d || basis.length > maxDim) {
    // Full dimension: keep the points as they are (no rounding from a change of basis).
    return { coords: points, lift: (w, b) => ({ separable: true, w, b }) };
  }
  const r = Math.max(1, basis.length);
  const coords = points.map(p => {
    const c = new Array<number>(r).fill(0);
    basis.forEach((q, j) => {
      let s = 0;
      for (let k = 0; k < d; k++) {
        s += q[k] * (p[k] - mean[k]);
      }
      c[j] = s;
    });
    return c;
  });
  const lift = (w: number[], b: number): ClassSeparation => {
    const full = new Array<number>(d).fill(0);
    basis.forEach((q, j) => {
      for (let k = 0; k < d; k++) {
        full[k] += w[j] * q[k];
      }
    });
    return { separable: true, w: full, b: b - dot(full, mean) };
  };
  return { coords, lift };
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) {
    s += a[k] * b[k];
  }
  return s;
}
