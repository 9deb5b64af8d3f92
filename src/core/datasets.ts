/**
 * The data sets of the lesson, generated from a seeded random source.
 *
 * Every generator is a pure function of the spec and the rng, so the same seed
 * gives the same points in the widget, in the tests and in a notebook. All
 * classification sets store their labels twice: as class indices (`labels`) and
 * as the target matrix `y` the network trains on:
 *
 * - binary classification: y is one column of 0/1 (the Trainer maps it to -1/+1
 *   for a tanh output, or to one-hot rows for a two-unit softmax output);
 * - multi-class: y is one-hot rows;
 * - regression: y is the target rows.
 */

import { DataSpec, DataSummary } from './types';
import { Matrix } from './matrix';
import { Rng, permutation } from './rng';

export type { DatasetName } from './types';
export { DATASET_NAMES } from './names';

/** A generated data set with its train/test split. */
export interface Dataset {
  /** Inputs, one row per point. */
  x: Matrix;
  /** Targets, one row per point (see the module comment). */
  y: Matrix;
  /** Class index of every point (classification), or null (regression). */
  labels: Int32Array | null;
  /** Number of classes; 0 for regression (the convention of types.ts). */
  nClasses: number;
  task: 'classification' | 'regression';
  inputDim: number;
  /** Bounding box of x padded by 10%: [[x0, x1], [y0, y1]] (1-D: [[x0, x1]]). */
  domain: number[][];
  /** Indices of the training points (ascending). */
  train: Int32Array;
  /** Indices of the test points (ascending; may be empty). */
  test: Int32Array;
}

/** The four corners of the unit square, in the order of a truth table. */
const GATE_POINTS: readonly [number, number][] = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1]
];

/** Truth tables of the two-input logic gates, in the order of GATE_POINTS. */
const GATES: Readonly<Record<'xor' | 'and' | 'or' | 'nand', readonly number[]>> = {
  xor: [0, 1, 1, 0],
  and: [0, 0, 0, 1],
  or: [0, 1, 1, 1],
  nand: [1, 1, 1, 0]
};

/** Raw points and class labels (or regression targets) before the split. */
interface RawData {
  points: number[][];
  /** Class indices (classification). */
  labels?: number[];
  /** Target rows (regression). */
  targets?: number[][];
  nClasses: number;
}

/**
 * Generate the data set described by `data` from `rng` (which it advances).
 * The same spec and a fresh rng of the same seed give the same data set.
 */
export function makeDataset(data: DataSpec, rng: Rng): Dataset {
  const raw = generate(data, rng);
  const n = raw.points.length;
  const { train, test } = split(data, n, rng);
  const inputDim = n > 0 ? raw.points[0].length : 0;
  const x = Matrix.from(raw.points);
  let y: Matrix;
  let labels: Int32Array | null = null;
  if (raw.labels) {
    labels = Int32Array.from(raw.labels);
    y = targetMatrix(labels, raw.nClasses);
  } else {
    y = Matrix.from(raw.targets ?? []);
  }
  return {
    x,
    y,
    labels,
    nClasses: raw.labels ? raw.nClasses : 0,
    task: raw.labels ? 'classification' : 'regression',
    inputDim,
    domain: paddedDomain(raw.points, inputDim),
    train,
    test
  };
}

/** Plain-array summary of a data set, sent once to the widgets. */
export function toSummary(dataset: Dataset): DataSummary {
  const y: number[] = dataset.labels
    ? Array.from(dataset.labels)
    : Array.from({ length: dataset.y.rows }, (_, i) => dataset.y.get(i, 0));
  return {
    x: dataset.x.toArray(),
    y,
    train: Array.from(dataset.train),
    test: Array.from(dataset.test),
    task: dataset.task,
    nClasses: dataset.nClasses,
    inputDim: dataset.inputDim,
    domain: dataset.domain.map(range => range.slice())
  };
}

/**
 * Targets for class labels: a 0/1 column for two classes, one-hot rows for more.
 */
export function targetMatrix(labels: ArrayLike<number>, nClasses: number): Matrix {
  const n = labels.length;
  if (nClasses <= 2) {
    return Matrix.column(Array.from(labels, l => (l > 0 ? 1 : 0)));
  }
  const y = Matrix.zeros(n, nClasses);
  for (let i = 0; i < n; i++) {
    y.set(i, labels[i], 1);
  }
  return y;
}

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

function generate(data: DataSpec, rng: Rng): RawData {
  const n = Math.max(1, Math.floor(data.n || 0));
  const noise = Math.max(0, data.noise || 0);
  const classes = Math.max(2, Math.floor(data.classes || 2));
  switch (data.name) {
    case 'xor':
    case 'and':
    case 'or':
    case 'nand':
      return gate(data.name, n, noise, rng);
    case 'xor_blobs':
      return xorBlobs(n, noise, rng);
    case 'circle':
      return circle(n, noise, rng);
    case 'gaussians':
      return gaussians(n, noise, classes, rng);
    case 'spiral':
      return spiral(n, noise, classes, rng);
    case 'moons':
      return moons(n, noise, rng);
    case 'sine':
      return sine(n, noise, rng);
    case 'custom':
      return custom(data);
    default:
      throw new Error(`Unknown data set "${String(data.name)}"`);
  }
}

/**
 * A logic gate: the four corners of {0,1}^2 labelled by its truth table. Exactly
 * four points unless more (n > 4) or noise is asked for; then the corners are
 * repeated cyclically up to n points and each gets Gaussian noise of sd `noise`.
 */
function gate(name: 'xor' | 'and' | 'or' | 'nand', n: number, noise: number, rng: Rng): RawData {
  const table = GATES[name];
  const count = n > 4 || noise > 0 ? Math.max(n, 4) : 4;
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const [a, b] = GATE_POINTS[i % 4];
    points.push(noise > 0 ? [a + noise * rng.normal(), b + noise * rng.normal()] : [a, b]);
    labels.push(table[i % 4]);
  }
  return { points, labels, nClasses: 2 };
}

/**
 * XOR as four blobs around the corners (+-1, +-1) of [-1, 1]^2 (sd 0.3 + noise).
 * The label is the XOR of the signs of the point's coordinates (class 1 when
 * exactly one coordinate is negative), so the quadrants define the classes exactly.
 */
function xorBlobs(n: number, noise: number, rng: Rng): RawData {
  const sd = 0.3 + noise;
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const cx = i % 2 === 0 ? -1 : 1;
    const cy = i % 4 < 2 ? -1 : 1;
    const p = [cx + sd * rng.normal(), cy + sd * rng.normal()];
    points.push(p);
    labels.push(p[0] > 0 !== p[1] > 0 ? 1 : 0);
  }
  return { points, labels, nClasses: 2 };
}

/**
 * A disc inside a ring: class 1 has radius < 0.5, class 0 radius in [0.7, 1]
 * (uniform in angle and radius), positions then jittered by Gaussian noise.
 */
function circle(n: number, noise: number, rng: Rng): RawData {
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const inner = i % 2 === 0;
    const r = inner ? 0.5 * rng.uniform() : 0.7 + 0.3 * rng.uniform();
    const t = 2 * Math.PI * rng.uniform();
    points.push([r * Math.cos(t) + noise * rng.normal(), r * Math.sin(t) + noise * rng.normal()]);
    labels.push(inner ? 1 : 0);
  }
  return { points, labels, nClasses: 2 };
}

/**
 * `classes` Gaussian clusters (sd 0.4 + noise) with centres evenly spaced on a
 * circle of radius 1.5; two classes sit at (-1.06, -1.06) and (1.06, 1.06).
 */
function gaussians(n: number, noise: number, classes: number, rng: Rng): RawData {
  const sd = 0.4 + noise;
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % classes;
    const angle = Math.PI / 4 + (2 * Math.PI * k) / classes;
    points.push([
      1.5 * Math.cos(angle) + sd * rng.normal(),
      1.5 * Math.sin(angle) + sd * rng.normal()
    ]);
    labels.push(k);
  }
  return { points, labels, nClasses: classes };
}

/**
 * The k-arm spiral: arm k starts at the centre and winds outwards; a point at
 * radius r in (0, 1] on arm k has angle theta = 2 pi k / K + 4 r (plus angular
 * noise), so the arms interleave. A classic test that a linear model fails.
 */
function spiral(n: number, noise: number, classes: number, rng: Rng): RawData {
  const perArm = Math.max(1, Math.ceil(n / classes));
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % classes;
    const j = Math.floor(i / classes);
    const r = (j + 1) / perArm;
    const theta = (2 * Math.PI * k) / classes + 4 * r + noise * rng.normal();
    points.push([r * Math.cos(theta), r * Math.sin(theta)]);
    labels.push(k);
  }
  return { points, labels, nClasses: classes };
}

/**
 * Two interleaving half-moons: class 0 on (cos t, sin t) and class 1 on
 * (1 - cos t, 0.5 - sin t) for t uniform in [0, pi], plus Gaussian noise.
 */
function moons(n: number, noise: number, rng: Rng): RawData {
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const upper = i % 2 === 0;
    const t = Math.PI * rng.uniform();
    const base = upper ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    points.push([base[0] + noise * rng.normal(), base[1] + noise * rng.normal()]);
    labels.push(upper ? 0 : 1);
  }
  return { points, labels, nClasses: 2 };
}

/** Regression: x uniform in [-pi, pi], y = sin(x) + Gaussian noise of sd `noise`. */
function sine(n: number, noise: number, rng: Rng): RawData {
  const points: number[][] = [];
  const targets: number[][] = [];
  for (let i = 0; i < n; i++) {
    const x = -Math.PI + 2 * Math.PI * rng.uniform();
    points.push([x]);
    targets.push([Math.sin(x) + noise * rng.normal()]);
  }
  return { points, targets, nClasses: 0 };
}

/**
 * User data. The task is inferred from the targets:
 * - y as a list of non-negative integers: class indices;
 * - y as rows of length 1 holding non-negative integers: class indices too
 *   (e.g. [[0], [1], [1], [0]]);
 * - y as one-hot rows (0/1, exactly one 1 per row, width >= 2): classes;
 * - anything else: regression targets.
 */
function custom(data: DataSpec): RawData {
  const x = data.x;
  const y = data.y;
  if (x && x.length > 0 && !y) {
    // Inputs alone (a forward pass without training): regression with no target columns.
    return { points: x.map(row => row.slice()), targets: x.map(() => []), nClasses: 0 };
  }
  if (!x || !y || x.length === 0) {
    throw new Error('The custom data set needs non-empty "x" and "y"');
  }
  if (x.length !== y.length) {
    throw new Error(`The custom data set has ${x.length} rows of x but ${y.length} targets`);
  }
  const width = x[0].length;
  x.forEach((row, i) => {
    if (row.length !== width) {
      throw new Error(`Row ${i} of x has ${row.length} entries, expected ${width}`);
    }
  });
  const points = x.map(row => row.slice());
  const isClassIndex = (v: number): boolean => Number.isInteger(v) && v >= 0;
  const rows: number[][] = y.map(v => (Array.isArray(v) ? v.slice() : [v as number]));
  const rowWidth = rows[0].length;
  rows.forEach((row, i) => {
    if (row.length !== rowWidth) {
      throw new Error(`Target ${i} has ${row.length} entries, expected ${rowWidth}`);
    }
  });
  if (rowWidth === 1 && rows.every(r => isClassIndex(r[0]))) {
    const labels = rows.map(r => r[0]);
    return { points, labels, nClasses: Math.max(2, Math.max(...labels) + 1) };
  }
  const oneHot =
    rowWidth >= 2 &&
    rows.every(r => r.every(v => v === 0 || v === 1) && r.filter(v => v === 1).length === 1);
  if (oneHot) {
    return { points, labels: rows.map(r => r.indexOf(1)), nClasses: rowWidth };
  }
  return { points, targets: rows, nClasses: 0 };
}

// ---------------------------------------------------------------------------
// Split and domain
// ---------------------------------------------------------------------------

/**
 * Split the indices 0..n-1 into train and test after a seeded shuffle: the first
 * round(trainFraction * n) shuffled indices train (at least one point), the
 * rest test. Both lists are returned sorted.
 *
 * The plain four-point logic gates are special: four points cannot be split in
 * a useful way, so all four train and there is no test set (whatever
 * trainFraction says).
 */
function split(data: DataSpec, n: number, rng: Rng): { train: Int32Array; test: Int32Array } {
  const isGate =
    data.name === 'xor' || data.name === 'and' || data.name === 'or' || data.name === 'nand';
  const fraction = Math.min(1, Math.max(0, data.trainFraction ?? 1));
  if (isGate && n === 4) {
    // Four points: all of them train, none is held out (no "test" curve pretends otherwise).
    return { train: Int32Array.from([0, 1, 2, 3]), test: new Int32Array(0) };
  }
  if (fraction >= 1) {
    return { train: Int32Array.from({ length: n }, (_, i) => i), test: new Int32Array(0) };
  }
  const order = permutation(rng, n);
  const nTrain = Math.min(n, Math.max(1, Math.round(fraction * n)));
  const train = order.slice(0, nTrain).sort();
  const test = order.slice(nTrain).sort();
  return { train, test };
}

/** Bounding box of the points, padded by 10% of its width on each side (at least 0.5 when flat). */
function paddedDomain(points: number[][], dim: number): number[][] {
  const axes = Math.min(Math.max(dim, 1), 2);
  const domain: number[][] = [];
  for (let k = 0; k < axes; k++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of points) {
      const v = p[k] ?? 0;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (!Number.isFinite(lo)) {
      lo = 0;
      hi = 1;
    }
    const pad = hi - lo > 1e-12 ? 0.1 * (hi - lo) : 0.5;
    domain.push([lo - pad, hi + pad]);
  }
  return domain;
}
