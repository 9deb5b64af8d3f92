/**
 * Analysis: the facts of the lesson, computed rather than asserted.
 *
 * - `affineCollapse`: a network of identity layers is one affine map x K + c.
 * - `linearSeparability`: an exact test of whether a line (hyperplane) separates two
 *   classes, answered by separation.ts with a checked proof; XOR fails it, AND passes.
 * - `leastSquaresFit`: the best linear fit; for XOR it predicts 0.5 everywhere.
 * - `evaluateGrid`, `hiddenRepresentation`, `activationStats`: what the charts
 *   show, computed in batches without per-point allocation; `pca` (from pca.ts,
 *   re-exported here with the other analyses) for hidden layers wider than three.
 *
 * Products of matrices come from the matrix module; the rest of the linear algebra (a
 * Cholesky factor, Jacobi rotations) is small and written out, since the
 * problems are tiny and a student can read every step.
 */

import { separateTwo } from './separation';
import { ActivationName, LayerStats } from './types';
import { Matrix, affine, matmul } from './matrix';
import { Network } from './network';

export { pca } from './pca';
export type { PcaResult } from './pca';

// ---------------------------------------------------------------------------
// (a) Affine collapse of an all-identity network
// ---------------------------------------------------------------------------

/** The single affine map a stack of identity layers is equal to. */
export interface AffineCollapse {
  /** K = W1 W2 ... WL (input x output). */
  K: Matrix;
  /** c = b1 W2...WL + b2 W3...WL + ... + bL. */
  c: Float64Array;
  /** max |net(x) - (x K + c)| over the given inputs (0 when none are given). */
  maxDiff: number;
}

/**
 * Collapse a network whose every activation (hidden and output) is the identity
 * into one affine map. With Y_l = Y_{l-1} W_l + b_l at every layer:
 *
 *   Y_L = X (W1 W2 ... WL) + (b1 W2...WL + b2 W3...WL + ... + bL) = X K + c.
 *
 * K and c are built left to right: K_1 = W1, c_1 = b1; K_l = K_{l-1} W_l,
 * c_l = c_{l-1} W_l + b_l.
 *
 * With `throughOutput = false` only the hidden layers must be the identity and
 * the map describes the output layer's pre-activation Z_L = X K + c (the logits
 * that a sigmoid or softmax output then squashes): the network is still a
 * linear model followed by one fixed function, so its decision boundary is a
 * hyperplane. maxDiff then compares against Z_L.
 *
 * @throws Error if some layer's activation is not the identity: then the network
 *   is not an affine map, which is exactly the point of the lesson.
 */
export function affineCollapse(net: Network, X?: Matrix, throughOutput = true): AffineCollapse {
  const activations = net.activations;
  const checked = throughOutput ? activations : activations.slice(0, -1);
  checked.forEach((name, l) => {
    if (name !== 'identity') {
      throw new Error(
        `affineCollapse needs identity activations everywhere, but layer ${l + 1} uses '${name}': ` +
          'a non-linear layer does not collapse into one affine map.'
      );
    }
  });
  const { W, b } = net.getParams();
  let K = W[0].clone();
  let c: Float64Array = Float64Array.from(b[0]);
  for (let l = 1; l < W.length; l++) {
    const Wl = W[l];
    // K_l = K_{l-1} W_l and c_l = c_{l-1} W_l + b_l (c as a one-row matrix).
    K = matmul(K, Wl, Matrix.zeros(K.rows, Wl.cols));
    c = affine(new Matrix(1, c.length, c), Wl, b[l], Matrix.zeros(1, Wl.cols)).data;
  }
  let maxDiff = 0;
  if (X) {
    const L = net.numLayers;
    const network = throughOutput ? net.predict(X) : net.forward(X).Z[L];
    const affine = applyAffine(X, K, c);
    for (let i = 0; i < network.data.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(network.data[i] - affine.data[i]));
    }
  }
  return { K, c, maxDiff };
}

/** x K + c for every row x of X. */
export function applyAffine(X: Matrix, K: Matrix, c: Float64Array): Matrix {
  return affine(X, K, c, Matrix.zeros(X.rows, K.cols));
}

// ---------------------------------------------------------------------------
// (b) Exact linear separability (the test itself lives in separation.ts)
// ---------------------------------------------------------------------------

/** The answer of `linearSeparability`: when separable, a separating hyperplane. */
export interface Separability {
  separable: boolean;
  /** Normal of a separating hyperplane w.x + b = 0 (class 1 on the positive side). */
  w?: number[];
  b?: number;
}

/**
 * Decide exactly whether two classes are linearly separable: the two-class question of
 * `separateTwo` (separation.ts), whose answer comes with a checked proof either way.
 *
 * @param points rows x_i (any dimension).
 * @param labels binary labels: 0/1 or -1/+1 (a label > 0 is class 1).
 * @throws Error if the labels take more than two values, or if the problem is too large
 *   to decide within separation.ts's work cap.
 */
export function linearSeparability(points: number[][], labels: number[]): Separability {
  if (points.length !== labels.length) {
    throw new Error(`linearSeparability: ${points.length} points but ${labels.length} labels`);
  }
  const distinct = new Set(labels);
  if (distinct.size > 2) {
    throw new Error(`linearSeparability needs binary labels, got ${distinct.size} distinct values`);
  }
  const verdict = separateTwo(
    points,
    labels.map(label => label > 0)
  );
  if (verdict.separable === null) {
    throw new Error(`linearSeparability: ${points.length} points are too many to decide`);
  }
  return verdict.separable ? { separable: true, w: verdict.w, b: verdict.b } : { separable: false };
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) {
    s += a[k] * b[k];
  }
  return s;
}

// ---------------------------------------------------------------------------
// (c) Ordinary least squares
// ---------------------------------------------------------------------------

/** The best linear fit y ~ x . w + b in the least-squares sense. */
export interface LeastSquaresFit {
  w: number[];
  b: number;
  predictions: number[];
}

/**
 * Ordinary least squares with a bias: minimise sum_i (x_i . w + b - y_i)^2.
 *
 * With the design matrix A = [X 1] the minimiser solves the normal equations
 * (A^T A) theta = A^T y, theta = [w; b]. A^T A is symmetric positive
 * semi-definite, so we factor it by Cholesky, A^T A = L L^T, and solve two
 * triangular systems. When the columns of A are linearly dependent (e.g.
 * duplicated features) A^T A is singular; then a tiny ridge (1e-12 times its
 * trace) is added, which picks a least-squares solution of smallest norm to
 * within rounding. Normal equations square the condition number, which is
 * harmless for the small, well-scaled problems of the lesson.
 */
export function leastSquaresFit(X: number[][], y: number[]): LeastSquaresFit {
  const n = X.length;
  if (n === 0 || n !== y.length) {
    throw new Error(
      `leastSquaresFit: need as many targets as rows (got ${n} rows, ${y.length} targets)`
    );
  }
  const d = X[0].length;
  const p = d + 1;
  const row = (i: number, k: number): number => (k < d ? X[i][k] : 1);
  // Normal equations: G = A^T A, h = A^T y.
  const G = new Float64Array(p * p);
  const h = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const aij = row(i, j);
      h[j] += aij * y[i];
      for (let k = 0; k <= j; k++) {
        G[j * p + k] += aij * row(i, k);
      }
    }
  }
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < j; k++) {
      G[k * p + j] = G[j * p + k];
    }
  }
  let L = cholesky(G, p);
  if (!L) {
    let trace = 0;
    for (let j = 0; j < p; j++) {
      trace += G[j * p + j];
    }
    const ridged = Float64Array.from(G);
    for (let j = 0; j < p; j++) {
      ridged[j * p + j] += 1e-12 * trace;
    }
    L = cholesky(ridged, p);
    if (!L) {
      throw new Error('leastSquaresFit: the normal equations could not be factored');
    }
  }
  // Forward substitution L z = h, then back substitution L^T theta = z.
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = h[i];
    for (let k = 0; k < i; k++) {
      s -= L[i * p + k] * z[k];
    }
    z[i] = s / L[i * p + i];
  }
  const theta = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < p; k++) {
      s -= L[k * p + i] * theta[k];
    }
    theta[i] = s / L[i * p + i];
  }
  const w = Array.from(theta.subarray(0, d));
  const b = theta[d];
  const predictions = X.map(x => dot(w, x) + b);
  return { w, b, predictions };
}

/**
 * Cholesky factor of a symmetric positive-definite p x p matrix (row-major):
 * G = L L^T with L lower triangular. Returns null when a pivot is not clearly
 * positive (the matrix is singular or indefinite to working precision).
 */
function cholesky(G: Float64Array, p: number): Float64Array | null {
  const L = new Float64Array(p * p);
  let scale = 0;
  for (let j = 0; j < p; j++) {
    scale = Math.max(scale, Math.abs(G[j * p + j]));
  }
  for (let j = 0; j < p; j++) {
    let diag = G[j * p + j];
    for (let k = 0; k < j; k++) {
      diag -= L[j * p + k] * L[j * p + k];
    }
    if (!(diag > 1e-14 * Math.max(scale, 1e-300))) {
      return null;
    }
    const ljj = Math.sqrt(diag);
    L[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = G[i * p + j];
      for (let k = 0; k < j; k++) {
        s -= L[i * p + k] * L[j * p + k];
      }
      L[i * p + j] = s / ljj;
    }
  }
  return L;
}

// ---------------------------------------------------------------------------
// (d) The network over a grid covering the data's domain
// ---------------------------------------------------------------------------

/** Inputs of a regular grid and the network's forward pass over them. */
export interface GridEvaluation {
  n: number;
  /** Grid coordinates along the first input (n values). */
  x: number[];
  /** Grid coordinates along the second input (n values; empty for 1-D data). */
  y: number[];
  /** The grid points as rows: n*n x 2 (row-major, y outer, x inner) or n x 1. */
  inputs: Matrix;
  /** Activations of every layer over the grid: A[0] = inputs, A[L] = the output (copies). */
  A: Matrix[];
}

/** Evenly spaced values from lo to hi inclusive. */
export function linspace(lo: number, hi: number, n: number): number[] {
  if (n === 1) {
    return [(lo + hi) / 2];
  }
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/**
 * The grid points over a domain, as one matrix so the network evaluates them in
 * a single batched forward pass. 2-D domains give n*n rows (row-major: y outer,
 * x inner, i.e. row index = iy * n + ix); 1-D domains give n rows.
 */
export function gridInputs(
  domain: number[][],
  n: number
): { x: number[]; y: number[]; inputs: Matrix } {
  const xs = linspace(domain[0][0], domain[0][1], n);
  if (domain.length < 2) {
    const inputs = Matrix.zeros(n, 1);
    inputs.data.set(xs);
    return { x: xs, y: [], inputs };
  }
  const ys = linspace(domain[1][0], domain[1][1], n);
  const inputs = Matrix.zeros(n * n, 2);
  const data = inputs.data;
  for (let iy = 0; iy < n; iy++) {
    for (let ix = 0; ix < n; ix++) {
      const r = iy * n + ix;
      data[2 * r] = xs[ix];
      data[2 * r + 1] = ys[iy];
    }
  }
  return { x: xs, y: ys, inputs };
}

/**
 * Evaluate the network over an n x n grid (or n points for 1-D data) in one
 * batched forward pass. Pass `grid` (from `gridInputs`) to reuse the inputs
 * between snapshots.
 */
export function evaluateGrid(
  net: Network,
  domain: number[][],
  n: number,
  grid?: { x: number[]; y: number[]; inputs: Matrix }
): GridEvaluation {
  const g = grid ?? gridInputs(domain, n);
  // The network's forward cache is a view into its buffers: copy what we keep.
  const cache = net.forward(g.inputs);
  return { n, x: g.x, y: g.y, inputs: g.inputs, A: cache.A.map(a => a.clone()) };
}

// ---------------------------------------------------------------------------
// (e) Hidden representations
// ---------------------------------------------------------------------------

/**
 * The data as layer `layer` sees it: the activations A[layer] (1 = first hidden
 * layer; 0 = the inputs themselves), one row per input row.
 */
export function hiddenRepresentation(net: Network, X: Matrix, layer: number): number[][] {
  const cache = net.forward(X);
  if (layer < 0 || layer >= cache.A.length) {
    throw new Error(`hiddenRepresentation: layer ${layer} is outside 0..${cache.A.length - 1}`);
  }
  return cache.A[layer].toArray();
}

// ---------------------------------------------------------------------------
// (f) Activation statistics
// ---------------------------------------------------------------------------

/** Activations whose units can die (output zero, or stuck in the flat negative part). */
const RELU_FAMILY: ReadonlySet<ActivationName> = new Set<ActivationName>([
  'relu',
  'leaky_relu',
  'elu'
]);

/** |z| beyond which a saturating unit's derivative is tiny (see LayerStats). */
const SATURATION: Partial<Record<ActivationName, number>> = { sigmoid: 4, tanh: 2 };

/**
 * Per-layer statistics of the network's activations over the inputs X, for every
 * layer after the input (hidden layers and the output):
 *
 * - histogram: `bins` equal bins between the smallest and largest activation;
 * - deadFraction: for ReLU-family layers, the fraction of units whose
 *   pre-activation z <= 0 for every input (a dead ReLU outputs 0 everywhere and
 *   gets no gradient); 0 for other activations;
 * - saturatedFraction: for sigmoid (|z| > 4) and tanh (|z| > 2), the fraction of
 *   (input, unit) outputs in the flat tails; 0 for others.
 */
export function activationStats(net: Network, X: Matrix, bins = 30): LayerStats[] {
  return cacheStats(net.activations, net.forward(X), bins);
}

/** `activationStats` from a forward pass already made (e.g. in blocks of rows). */
export function cacheStats(
  activations: readonly ActivationName[],
  cache: { Z: Matrix[]; A: Matrix[] },
  bins = 30
): LayerStats[] {
  const steps = cacheStatsSteps(activations, cache, bins);
  let step = steps.next();
  while (!step.done) {
    step = steps.next();
  }
  return step.value;
}

/** `cacheStats` a layer at a time, yielding between layers. */
export function* cacheStatsSteps(
  activations: readonly ActivationName[],
  cache: { Z: Matrix[]; A: Matrix[] },
  bins = 30
): Generator<void, LayerStats[], void> {
  const stats: LayerStats[] = [];
  for (let l = 1; l < cache.A.length; l++) {
    if (l > 1) {
      yield;
    }
    const activation = activations[l - 1];
    const A = cache.A[l];
    const Z = cache.Z[l];
    stats.push({
      layer: l,
      activation,
      histogram: histogram(A.data, bins),
      deadFraction: RELU_FAMILY.has(activation) ? deadFraction(Z) : 0,
      saturatedFraction: saturatedFraction(Z, SATURATION[activation])
    });
  }
  return stats;
}

/** Equal-width histogram of the finite values. */
export function histogram(
  values: ArrayLike<number>,
  bins: number
): { edges: number[]; counts: number[] } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (lo === Infinity) {
    lo = 0;
    hi = 1;
  }
  if (hi - lo < 1e-12) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const counts = new Array(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      const k = Math.min(bins - 1, Math.floor((v - lo) / width));
      counts[k]++;
    }
  }
  const edges = Array.from({ length: bins + 1 }, (_, k) => lo + k * width);
  return { edges, counts };
}

function deadFraction(Z: Matrix): number {
  if (Z.cols === 0) {
    return 0;
  }
  let dead = 0;
  for (let j = 0; j < Z.cols; j++) {
    let alive = false;
    for (let i = 0; i < Z.rows && !alive; i++) {
      alive = Z.data[i * Z.cols + j] > 0;
    }
    if (!alive) {
      dead++;
    }
  }
  return dead / Z.cols;
}

function saturatedFraction(Z: Matrix, threshold: number | undefined): number {
  if (threshold === undefined || Z.data.length === 0) {
    return 0;
  }
  let count = 0;
  for (let i = 0; i < Z.data.length; i++) {
    if (Math.abs(Z.data[i]) > threshold) {
      count++;
    }
  }
  return count / Z.data.length;
}
