/**
 * The core against PyTorch: replays training runs recorded by scripts/make_reference.py
 * (float64 PyTorch, explicit data and initial weights) and checks that every per-step loss
 * and every final weight and bias agree.
 *
 * Tolerance: a value a from the core matches the reference b when
 *   |a - b| <= 1e-9 * max(1, |b|)
 * i.e. a relative error of 1e-9 for |b| >= 1 and an absolute error of 1e-9 below that (so
 * weights that pass near zero are not held to an impossible relative accuracy).
 *
 * The recorded loss of step t is the data loss (no weight penalty) of the batch used by
 * step t, before the update: exactly what Network.lossAndGradients returns.
 */
import * as fs from 'fs';
import * as path from 'path';

import {
  ActivationName,
  LossName,
  Matrix,
  Network,
  OptimizerOptions,
  RegularizationName,
  createOptimizer
} from '../index';

interface ReferenceCase {
  name: string;
  sizes: number[];
  activations: ActivationName[];
  leakySlope: number;
  eluAlpha: number;
  loss: LossName;
  /** The optimiser and its hyper-parameters, under the core's own option names. */
  optimizer: Pick<
    OptimizerOptions,
    'name' | 'learningRate' | 'momentum' | 'beta1' | 'beta2' | 'epsilon'
  >;
  regularization: { name: RegularizationName; rate: number };
  steps: number;
  x: number[][];
  y: number[][];
  /** Row indices of the batch of every step; null = every step uses all rows in order. */
  batches: number[][] | null;
  W0: number[][][];
  b0: number[][];
  losses: number[];
  W: number[][][];
  b: number[][];
}

interface ReferenceFile {
  torch: string;
  dtype: string;
  cases: ReferenceCase[];
}

const FIXTURES = path.join(__dirname, 'fixtures');
const TOLERANCE = 1e-9;

function loadCases(): { file: string; c: ReferenceCase }[] {
  const files = fs
    .readdirSync(FIXTURES)
    .filter(f => f.startsWith('torch_') && f.endsWith('.json'))
    .sort();
  const out: { file: string; c: ReferenceCase }[] = [];
  for (const file of files) {
    const doc = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as ReferenceFile;
    for (const c of doc.cases) {
      out.push({ file, c });
    }
  }
  return out;
}

/** The core's trajectory for a case: per-step losses and the final parameters. */
interface Trajectory {
  losses: number[];
  W: Float64Array[];
  b: Float64Array[];
}

function replay(c: ReferenceCase, learningRateFactor = 1): Trajectory {
  const net = new Network(
    c.sizes,
    c.activations,
    { W: c.W0.map(w => Matrix.from(w)), b: c.b0.map(v => Float64Array.from(v)) },
    { leakySlope: c.leakySlope, eluAlpha: c.eluAlpha }
  );
  const optimizer = createOptimizer({
    ...c.optimizer,
    learningRate: c.optimizer.learningRate * learningRateFactor,
    regularization: c.regularization.name,
    regularizationRate: c.regularization.rate
  });
  const X = Matrix.from(c.x);
  const Y = Matrix.from(c.y);
  const losses: number[] = [];
  for (let t = 0; t < c.steps; t++) {
    let xb = X;
    let yb = Y;
    if (c.batches) {
      const rows = c.batches[t];
      xb = X.gatherRows(rows, Matrix.zeros(rows.length, X.cols));
      yb = Y.gatherRows(rows, Matrix.zeros(rows.length, Y.cols));
    }
    const { loss, gradients } = net.lossAndGradients(xb, yb, c.loss);
    losses.push(loss);
    optimizer.step(net, gradients);
  }
  return { losses, W: net.W.map(w => w.data.slice()), b: net.b.map(v => v.slice()) };
}

/** Largest scaled error |a - b| / max(1, |b|) seen per case (printed with NNLAB_REFERENCE_REPORT=1). */
const worst = new Map<string, number>();

/** Every entry that misses the tolerance, worst first, as readable lines. */
function mismatches(c: ReferenceCase, got: Trajectory, record = true): string[] {
  const bad: { err: number; line: string }[] = [];
  const check = (what: string, a: number, b: number): void => {
    const err = Math.abs(a - b) / Math.max(1, Math.abs(b));
    if (record) {
      worst.set(c.name, Math.max(worst.get(c.name) ?? 0, err));
    }
    if (!(err <= TOLERANCE)) {
      bad.push({
        err,
        line: `${what}: core ${a} vs torch ${b} (scaled error ${err.toExponential(2)})`
      });
    }
  };
  if (got.losses.length !== c.losses.length) {
    return [`ran ${got.losses.length} steps, the reference has ${c.losses.length}`];
  }
  c.losses.forEach((b, t) => check(`loss at step ${t}`, got.losses[t], b));
  c.W.forEach((w, l) => {
    const cols = w[0].length;
    w.forEach((row, i) =>
      row.forEach((b, j) => check(`W[${l}][${i}][${j}]`, got.W[l][i * cols + j], b))
    );
  });
  c.b.forEach((v, l) => v.forEach((b, j) => check(`b[${l}][${j}]`, got.b[l][j], b)));
  bad.sort((p, q) => q.err - p.err);
  return bad.map(x => x.line);
}

const cases = loadCases();

describe('training trajectories match PyTorch (float64)', () => {
  it('has reference cases for every optimiser, loss and hidden activation', () => {
    const optimisers = new Set(cases.map(({ c }) => c.optimizer.name));
    const lossNames = new Set(cases.map(({ c }) => c.loss));
    const hidden = new Set(cases.flatMap(({ c }) => c.activations.slice(0, -1)));
    const regs = new Set(cases.map(({ c }) => c.regularization.name));
    expect([...optimisers].sort()).toEqual(['adam', 'momentum', 'nesterov', 'sgd']);
    expect([...lossNames].sort()).toEqual(['bce', 'cce', 'l2', 'mse']);
    expect([...regs].sort()).toEqual(['l1', 'l2', 'none']);
    for (const a of [
      'identity',
      'relu',
      'leaky_relu',
      'elu',
      'sigmoid',
      'tanh',
      'softplus',
      'swish',
      'gelu',
      'sin',
      'cos',
      'step'
    ]) {
      expect(hidden.has(a as ActivationName)).toBe(true);
    }
    expect(cases.some(({ c }) => c.sizes.length >= 5)).toBe(true);
    expect(cases.some(({ c }) => c.batches !== null)).toBe(true);
  });

  it.each(cases.map(({ file, c }) => [`${file} ${c.name}`, c] as const))('%s', (_label, c) => {
    const got = replay(c);
    const bad = mismatches(c, got);
    // Show the worst few entries when something differs.
    expect(bad.slice(0, 5)).toEqual([]);
    // The run must actually have trained: the loss moved.
    expect(got.losses[got.losses.length - 1]).not.toBe(got.losses[0]);
  });

  afterAll(() => {
    if (process.env.NNLAB_REFERENCE_REPORT) {
      const lines = [...worst].map(([name, err]) => `${name.padEnd(34)} ${err.toExponential(2)}`);
      console.log(`largest scaled error per case:\n${lines.join('\n')}`);
    }
  });

  it('notices a learning rate that is off by one part in a million', () => {
    const c = cases.find(({ c }) => c.optimizer.name === 'adam' && c.batches === null)!.c;
    expect(mismatches(c, replay(c, 1 + 1e-6), false).length).toBeGreaterThan(0);
  });
});
