/**
 * Separation: the lesson's verdict "a straight line separates these classes, or none does",
 * decided exactly for data sets of the size a chart draws, with a proof either way.
 *
 * Gordan's theorem of the alternative splits every case in two. With a_i = s_i (x_i, 1)
 * (s_i = +1 on one class, -1 on the other), exactly one of these holds:
 *
 * - a hyperplane separates: some u = (w, b) has a_i . u > 0 for every point; or
 * - none does: some weights mu_i >= 0 adding up to 1 have sum_i mu_i a_i = 0 (a mixture of
 *   one class's points equals a mixture of the other's, so any line leaves one of them on
 *   the wrong side).
 *
 * We look for the weights mu with phase one of the simplex method on the small system
 * "sum_i mu_i a_i = 0, sum_i mu_i = 1, mu >= 0": one row per coordinate plus two, one column
 * per point, so 2000 points in 64 dimensions make a 66 x 2066 tableau. If phase one reaches
 * zero the weights are the proof of "no"; if it stops above zero, its simplex multipliers y
 * give the separating hyperplane u = -(y_1 .. y_(d+1)) (the dual of phase one says exactly
 * that a_i . u >= y_(d+2) > 0 for every point). Both proofs are checked in plain arithmetic
 * before they are believed; a proof that fails its check (rounding) gives "undecided".
 *
 * analysis.ts's `linearSeparability` asks this test its two-class question. (It used to solve
 * a primal programme of its own, one row and two columns per point, which grew with the
 * square of the point count and answered "no" for some separable sets of a few dozen points
 * in several dimensions.)
 *
 * Points that span fewer dimensions than they have (a layer of identity units, dead ReLU
 * units) are first written in coordinates of their affine hull (fewer rows), and a
 * hyperplane already at hand (the network's own output rule in its last hidden layer) is
 * taken as the proof of "yes" when it separates every point, with no programme at all.
 */

import { runToEnd } from './forwardBlocks';
import { now as monotonicNow } from './marks';

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
 * Work per unit of the verdict in steps, in tableau entries touched (a pivot touches
 * (rows + 3) x columns: the rows, the reduced costs and two scans) or in point coordinates
 * handled by the affine hull: a few milliseconds. At the caps (a 66 x 2066 tableau) that is
 * 7 pivots per unit, where one verdict takes a few hundred.
 */
export const UNIT_WORK = 1e6;

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
  return runToEnd(separationVerdictSteps(points, labels, nClasses, options));
}

/**
 * `separationVerdict` in short units: it yields every few pivots of the programme (about
 * `UNIT_WORK` tableau entries) and between two questions, so that a caller can answer
 * messages in between. The same computation, so the same verdict.
 */
export function* separationVerdictSteps(
  points: number[][],
  labels: ArrayLike<number>,
  nClasses: number,
  options: SeparationOptions = {}
): Generator<void, SeparationVerdict, void> {
  const dim = points.length > 0 ? points[0].length : 0;
  const questions = nClasses > 2 ? nClasses : 1;
  const classes: ClassSeparation[] = [];
  for (let k = 0; k < questions; k++) {
    const positive = Array.from({ length: points.length }, (_, i) =>
      nClasses > 2 ? labels[i] === k : labels[i] > 0
    );
    classes.push(
      yield* separateTwoSteps(points, positive, options.hints?.[k] ?? null, options.maxWork)
    );
    yield;
  }
  const verdict: SeparationVerdict = { dim, points: points.length, classes };
  if (points.length > 0) {
    const span = (yield* affineHullSteps(points)).coords[0].length;
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
  return runToEnd(separateTwoSteps(points, positive, hint, maxWork));
}

/** `separateTwo` in short units (see `separationVerdictSteps`). */
export function* separateTwoSteps(
  points: number[][],
  positive: boolean[],
  hint: { w: number[]; b: number } | null = null,
  maxWork = DEFAULT_MAX_WORK
): Generator<void, ClassSeparation, void> {
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
  yield;
  const hull = yield* affineHullSteps(points);
  yield;
  const found = yield* gordanSteps(hull.coords, signs, maxWork);
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
 * Yields after every few pivots (about `UNIT_WORK` tableau entries updated).
 */
function* gordanSteps(
  points: number[][],
  signs: number[],
  maxWork: number
): Generator<void, ClassSeparation, void> {
  // The loops live in plain functions (the set-up, the choice of a pivot, the pivot, the
  // answer): the generator only counts pivots and pauses between them.
  const tableau = phaseOneTableau(points, signs);
  const { T, rhs, basis, reduced, rows, cols } = tableau;
  const eps = 1e-10;
  const maxPivots = Math.max(1, Math.floor(maxWork / (rows * cols)));
  const pivotsPerUnit = Math.max(1, Math.floor(UNIT_WORK / ((rows + 3) * cols)));
  let degenerate = 0;
  for (let pivots = 0; ; pivots++) {
    if (pivots >= maxPivots) {
      return { separable: null };
    }
    // Entering column: the most negative reduced cost (Dantzig), or after a run of
    // degenerate pivots the first negative one (Bland), which cannot cycle.
    const enter = enteringColumn(reduced, cols, eps, degenerate > rows);
    if (enter < 0) {
      break;
    }
    const leave = leavingRow(T, rhs, basis, rows, cols, enter);
    if (leave < 0) {
      return { separable: null }; // cannot happen in exact arithmetic: phase one is bounded
    }
    const ratio = rhs[leave] / T[leave * cols + enter];
    degenerate = ratio <= 1e-12 ? degenerate + 1 : 0;
    pivot(T, rhs, reduced, rows, cols, leave, enter);
    basis[leave] = enter;
    if ((pivots + 1) % pivotsPerUnit === 0) {
      yield;
    }
  }
  return phaseOneAnswer(points, signs, tableau);
}

/** The phase-one tableau of `gordanSteps`, with the centring and scaling it used. */
interface PhaseOneTableau {
  T: Float64Array;
  rhs: Float64Array;
  basis: Int32Array;
  reduced: Float64Array;
  norms: Float64Array;
  mean: number[];
  scale: number;
  rows: number;
  cols: number;
}

/** The tableau of phase one with the artificial variables as the basis (see `gordanSteps`). */
function phaseOneTableau(points: number[][], signs: number[]): PhaseOneTableau {
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
  return { T, rhs, basis, reduced, norms, mean, scale, rows, cols };
}

/**
 * The entering column: the most negative reduced cost below -eps, or with `bland` the first
 * one; -1 when none is (phase one's optimum).
 */
function enteringColumn(reduced: Float64Array, cols: number, eps: number, bland: boolean): number {
  let enter = -1;
  let best = -eps;
  for (let j = 0; j < cols; j++) {
    if (reduced[j] < best) {
      enter = j;
      if (bland) {
        break;
      }
      best = reduced[j];
    }
  }
  return enter;
}

/**
 * Ratio test over clearly positive entries (relative to the column's largest), ties to the
 * lowest basic index; -1 when no entry is positive.
 */
function leavingRow(
  T: Float64Array,
  rhs: Float64Array,
  basis: Int32Array,
  rows: number,
  cols: number,
  enter: number
): number {
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
  return leave;
}

/** The answer at phase one's optimum, its proof checked (see `gordanSteps`). */
function phaseOneAnswer(
  points: number[][],
  signs: number[],
  tableau: PhaseOneTableau
): ClassSeparation {
  const { rhs, basis, reduced, norms, mean, scale, rows } = tableau;
  const n = points.length;
  const d = points[0].length;
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
export function affineHull(points: number[][], maxDim = MAX_REDUCED_DIMENSION): AffineHull {
  return runToEnd(affineHullSteps(points, maxDim));
}

/** Points in coordinates of their affine hull, and the way back (see `affineHull`). */
export interface AffineHull {
  coords: number[][];
  lift: (w: number[], b: number) => ClassSeparation;
}

/**
 * `affineHull` in short units: it yields after about `UNIT_WORK` point coordinates
 * handled (the same arithmetic in the same order).
 */
export function* affineHullSteps(
  points: number[][],
  maxDim = MAX_REDUCED_DIMENSION
): Generator<void, AffineHull, void> {
  const n = points.length;
  const d = points[0].length;
  const { mean, scale } = meanAndLargest(points);
  const tolerance = 1e-9 * Math.max(scale, 1e-300);
  const basis: Float64Array[] = [];
  const residual = new Float64Array(d);
  let work = 0; // point coordinates handled since the last pause
  for (let i = 0; i < n && basis.length < d; i++) {
    work += d * (4 * basis.length + 2);
    if (work >= UNIT_WORK) {
      work = 0;
      yield;
    }
    const norm = residualNorm(points[i], mean, basis, residual);
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
  const coords: number[][] = [];
  for (const p of points) {
    work += r * d;
    if (work >= UNIT_WORK) {
      work = 0;
      yield;
    }
    coords.push(hullCoordinates(p, mean, basis, r));
  }
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

/** The points' mean and their largest coordinate in magnitude. */
function meanAndLargest(points: number[][]): { mean: number[]; scale: number } {
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
  return { mean, scale };
}

/**
 * The point minus the mean, with its components along the basis removed (twice, for
 * orthogonality that survives rounding), into `residual`; returns its length.
 */
function residualNorm(
  point: number[],
  mean: number[],
  basis: Float64Array[],
  residual: Float64Array
): number {
  const d = residual.length;
  for (let k = 0; k < d; k++) {
    residual[k] = point[k] - mean[k];
  }
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
  return Math.sqrt(norm);
}

/** The coordinates of a point along the hull's basis (r of them; zeros past the basis). */
function hullCoordinates(p: number[], mean: number[], basis: Float64Array[], r: number): number[] {
  const d = mean.length;
  const c = new Array<number>(r).fill(0);
  basis.forEach((q, j) => {
    let s = 0;
    for (let k = 0; k < d; k++) {
      s += q[k] * (p[k] - mean[k]);
    }
    c[j] = s;
  });
  return c;
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) {
    s += a[k] * b[k];
  }
  return s;
}

/** The verdict for a hidden layer, with the layer and the epoch it was computed at. */
export interface HiddenSeparation extends SeparationVerdict {
  /** The hidden layer (1 = first). */
  layer: number;
  /** The epoch whose network gave these points (may trail the snapshot's, see below). */
  epoch: number;
}

/**
 * The output layer's binary decision rule as a hyperplane in its input (the last hidden
 * layer): class 1 where w . h + b > 0. One output unit: its pre-activation crosses the
 * threshold the core classifies by (0.5 for an identity output, else 0: sigmoid(0) = 0.5,
 * tanh(0) = 0). Two output units (softmax): the difference of their scores.
 */
export function outputRule(
  W: number[][],
  b: number[],
  output: string
): { w: number[]; b: number } | null {
  if (b.length === 1) {
    const level = output === 'identity' ? 0.5 : 0;
    return { w: W.map(row => row[0]), b: b[0] - level };
  }
  if (b.length === 2) {
    return { w: W.map(row => row[1] - row[0]), b: b[1] - b[0] };
  }
  return null;
}

/**
 * Keeps the verdicts of one trainer: the input plane's once (the data does not change), the
 * hidden layer's as the network learns, at a bounded cost.
 *
 * Most hidden verdicts cost well under a millisecond (the network's own rule proves "yes",
 * or the points span a plane); a wide layer that is not separable yet can cost tens of
 * milliseconds. So a new hidden verdict is computed only when the points changed and either
 * the last computation took at most a tenth of the time since (so the verdict uses at most
 * about a tenth of the worker's time), training has ended, or the network changed without
 * training (an edit: a new activation, a weight set by hand, a reset). Otherwise the last
 * verdict is reported again with the epoch it belongs to.
 */
export class SeparationTracker {
  constructor(now: () => number = monotonicNow) {
    this._now = now;
  }

  /** The input plane's verdict (computed on the first call). */
  input(points: number[][], labels: ArrayLike<number>, nClasses: number): SeparationVerdict {
    return runToEnd(this.inputSteps(points, labels, nClasses));
  }

  /** `input` in short units (see `separationVerdictSteps`). */
  *inputSteps(
    points: number[][],
    labels: ArrayLike<number>,
    nClasses: number
  ): Generator<void, SeparationVerdict, void> {
    this._input ??= yield* separationVerdictSteps(points, labels, nClasses);
    return this._input;
  }

  /** The hidden layer's verdict (see the class comment for when it is recomputed). */
  hidden(
    layer: number,
    epoch: number,
    points: number[][],
    labels: ArrayLike<number>,
    nClasses: number,
    options: { hints?: SeparationOptions['hints']; final?: boolean } = {}
  ): HiddenSeparation {
    const known = this.known(layer, epoch, points, options.final);
    if ('verdict' in known) {
      return known.verdict;
    }
    const verdict: HiddenSeparation = {
      ...separationVerdict(points, labels, nClasses, { hints: options.hints }),
      layer,
      epoch
    };
    const done = this._now();
    this._hidden = { verdict, print: known.print, layer, at: done, cost: done - known.now };
    return verdict;
  }

  /**
   * `hidden` in short units (see `separationVerdictSteps`). The cost that decides when the
   * next verdict is due is the time of its own units, not of whatever ran between them.
   */
  *hiddenSteps(
    layer: number,
    epoch: number,
    points: number[][],
    labels: ArrayLike<number>,
    nClasses: number,
    options: { hints?: SeparationOptions['hints']; final?: boolean } = {}
  ): Generator<void, HiddenSeparation, void> {
    const known = this.known(layer, epoch, points, options.final);
    if ('verdict' in known) {
      return known.verdict;
    }
    const steps = separationVerdictSteps(points, labels, nClasses, { hints: options.hints });
    let cost = 0;
    let unitStart = known.now;
    let step = steps.next();
    for (;;) {
      const unitEnd = this._now();
      cost += unitEnd - unitStart;
      if (step.done) {
        const verdict: HiddenSeparation = { ...step.value, layer, epoch };
        this._hidden = { verdict, print: known.print, layer, at: unitEnd, cost };
        return verdict;
      }
      yield;
      unitStart = this._now();
      step = steps.next();
    }
  }

  /**
   * The last hidden verdict when it stands (see the class comment), else the points'
   * fingerprint and the time a new verdict starts at.
   */
  private known(
    layer: number,
    epoch: number,
    points: number[][],
    final: boolean | undefined
  ): { verdict: HiddenSeparation } | { print: number; now: number } {
    const print = fingerprint(points);
    const last = this._hidden;
    const now = this._now();
    if (last && last.layer === layer && last.print === print) {
      return { verdict: last.verdict };
    }
    const edited = !last || last.layer !== layer || epoch <= last.verdict.epoch;
    const due = !last || now - last.at >= 10 * last.cost;
    if (last && !edited && !due && !final) {
      return { verdict: last.verdict };
    }
    return { print, now };
  }

  private readonly _now: () => number;
  private _input: SeparationVerdict | undefined;
  private _hidden:
    | { verdict: HiddenSeparation; print: number; layer: number; at: number; cost: number }
    | undefined;
}

/** A cheap summary that changes when any point moves (weights are irrational-ish steps). */
function fingerprint(points: number[][]): number {
  let s = points.length;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    for (let k = 0; k < p.length; k++) {
      s = s * 1.0000001 + p[k] * (1 + ((i * 31 + k * 17) % 97) / 97);
    }
  }
  return s;
}
