/**
 * Speed of NN Lab's core against TensorFlow.js (cpu and wasm backends), in one Node process.
 *
 * Three workloads, run from identical data and identical initial weights on every side:
 *
 *   W1  XOR, 2-4-1, tanh hidden, sigmoid output, SGD lr 0.5, full batch, 5000 epochs
 *   W2  two-class spiral (500 points, no noise), 2-8-8-1 tanh with tanh output (labels +1/-1),
 *       SGD lr 0.03, batches of 10 in a fixed order, 200 epochs
 *   W3  the trained W2 network evaluated on a 100 x 100 grid over [-6, 6]^2
 *
 * The loss of W1 and W2 is half the mean squared error, 0.5 * mean((yHat - y)^2). The core's
 * losses are l2 (half the SUM) and mse (the mean), so the core trains on mse with the learning
 * rate halved: SGD then takes exactly the step of lr on mse / 2 (halving is exact in binary
 * floating point), and the losses reported for the core are mse / 2.
 *
 * Everything that is not the workload (building the data, the batches, the variables) happens
 * before the clock starts, on every side. Each timed run starts again from the initial
 * weights; the figure reported is the median of several runs after warm-up runs.
 *
 * Run: npm run bench:core   (add -- --quick for a short smoke run)
 * Writes: bench/results/core.json
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

// The core's modules one by one (not src/core/index, which also brings in the spec validator).
import type { ActivationName } from '../src/core/types';
import { Matrix } from '../src/core/matrix';
import { Network, NetworkParams } from '../src/core/network';
import { createOptimizer } from '../src/core/optimizers';
import { createRng } from '../src/core/rng';
import { initialiseWeights } from '../src/core/init';

// ---------------------------------------------------------------------------------------
// Workloads
// ---------------------------------------------------------------------------------------

/** A training workload: data, architecture and plain SGD on 0.5 * mean squared error. */
interface Problem {
  id: 'W1' | 'W2';
  title: string;
  sizes: number[];
  activations: ActivationName[];
  x: number[][];
  y: number[][];
  learningRate: number;
  /** Rows per batch; the batches are consecutive rows in data order. */
  batchSize: number;
  epochs: number;
}

function xorProblem(): Problem {
  return {
    id: 'W1',
    title: 'XOR 2-4-1 tanh/sigmoid, SGD 0.5, full batch, 5000 epochs',
    sizes: [2, 4, 1],
    activations: ['tanh', 'sigmoid'],
    x: [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1]
    ],
    y: [[0], [1], [1], [0]],
    learningRate: 0.5,
    batchSize: 4,
    epochs: 5000
  };
}

/**
 * Two interleaved spiral arms, 250 points each, no noise. Point j of arm c (c = 0, 1):
 *   r = 5 j / 250,  theta = 1.75 * 2 pi * j / 250 + c pi,  (x, y) = (r sin theta, r cos theta)
 * with label +1 for arm 0 and -1 for arm 1. The arms alternate row by row, so every batch of
 * 10 consecutive rows holds both classes. Coordinates are rounded to float32 so that every
 * side sees exactly the same numbers.
 */
function spiralProblem(): Problem {
  const perArm = 250;
  const x: number[][] = [];
  const y: number[][] = [];
  for (let j = 0; j < perArm; j++) {
    for (let c = 0; c < 2; c++) {
      const r = (5 * j) / perArm;
      const theta = (1.75 * 2 * Math.PI * j) / perArm + c * Math.PI;
      x.push([Math.fround(r * Math.sin(theta)), Math.fround(r * Math.cos(theta))]);
      y.push([c === 0 ? 1 : -1]);
    }
  }
  return {
    id: 'W2',
    title: 'spiral 500 points, 2-8-8-1 tanh, SGD 0.03, batch 10, 200 epochs',
    sizes: [2, 8, 8, 1],
    activations: ['tanh', 'tanh', 'tanh'],
    x,
    y,
    learningRate: 0.03,
    batchSize: 10,
    epochs: 200
  };
}

/** The W3 grid: n x n points over [-6, 6]^2, row-major (y outer, x inner). */
function gridPoints(n: number): number[][] {
  const pts: number[][] = [];
  for (let i = 0; i < n; i++) {
    const gy = Math.fround(-6 + (12 * i) / (n - 1));
    for (let j = 0; j < n; j++) {
      pts.push([Math.fround(-6 + (12 * j) / (n - 1)), gy]);
    }
  }
  return pts;
}

/** Xavier-normal initial weights from the core's seeded generator, rounded to float32; zero biases. */
function initialParams(sizes: number[], seed: number): NetworkParams {
  const p = initialiseWeights(sizes, 'xavier', createRng(seed));
  for (const w of p.W) {
    for (let i = 0; i < w.data.length; i++) {
      w.data[i] = Math.fround(w.data[i]);
    }
  }
  for (const b of p.b) {
    b.fill(0);
  }
  return p;
}

/** Batches as [start, end) row ranges. */
function batchRanges(n: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let s = 0; s < n; s += size) {
    out.push([s, Math.min(n, s + size)]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The two implementations behind one small interface
// ---------------------------------------------------------------------------------------

/** What a side can do; every method runs a whole workload. */
interface Trainable {
  /** Reset to the initial weights and train for the problem's epochs. */
  train(): void;
  /** 0.5 * mean squared error over all the data with the current weights. */
  loss(): number;
  /** The current weights, as float64 (for cross-checks). */
  params(): NetworkParams;
  /** Outputs on the grid (prepared beforehand). */
  evalGrid(): ArrayLike<number>;
  dispose(): void;
}

/** The NN Lab core: Network.lossAndGradients + the SGD optimiser, as the trainer uses them. */
function coreSide(p: Problem, init: NetworkParams, grid: number[][]): Trainable {
  const net = new Network(p.sizes, p.activations, init);
  // SGD with lr / 2 on mse is SGD with lr on mse / 2 (see the file comment).
  const optimizer = createOptimizer({ name: 'sgd', learningRate: Math.fround(p.learningRate) / 2 });
  const X = Matrix.from(p.x);
  const Y = Matrix.from(p.y);
  const batches = batchRanges(p.x.length, p.batchSize).map(([s, e]) => ({
    x: Matrix.from(p.x.slice(s, e)),
    y: Matrix.from(p.y.slice(s, e))
  }));
  const G = Matrix.from(grid);
  return {
    train() {
      net.setParams(init);
      optimizer.reset();
      for (let epoch = 0; epoch < p.epochs; epoch++) {
        for (let k = 0; k < batches.length; k++) {
          const { gradients } = net.lossAndGradients(batches[k].x, batches[k].y, 'mse');
          optimizer.step(net, gradients);
        }
      }
    },
    loss: () => net.loss(X, Y, 'mse') / 2,
    params: () => net.getParams(),
    evalGrid: () => net.predict(G).data,
    dispose() {}
  };
}

/**
 * TensorFlow.js, written the way its documentation trains a custom model: variables, a
 * forward function of ops, and optimizer.minimize (which runs the tape, the gradients and the
 * update, and disposes the intermediates).
 */
function tfjsSide(p: Problem, init: NetworkParams, grid: number[][]): Trainable {
  const L = p.sizes.length - 1;
  const initW = init.W.map(w =>
    tf.tensor2d(Float32Array.from(w.data), [w.rows, w.cols], 'float32')
  );
  const initB = init.b.map(b => tf.tensor1d(Float32Array.from(b), 'float32'));
  const W = initW.map(w => tf.variable(w.clone()));
  const b = initB.map(v => tf.variable(v.clone()));
  const vars = [...W, ...b];
  const optimizer = tf.train.sgd(p.learningRate);
  const X = tf.tensor2d(p.x, undefined, 'float32');
  const Y = tf.tensor2d(p.y, undefined, 'float32');
  const batches = batchRanges(p.x.length, p.batchSize).map(([s, e]) => ({
    x: tf.tensor2d(p.x.slice(s, e), undefined, 'float32'),
    y: tf.tensor2d(p.y.slice(s, e), undefined, 'float32')
  }));
  const G = tf.tensor2d(grid, undefined, 'float32');

  const act = (name: ActivationName, z: tf.Tensor): tf.Tensor => {
    if (name === 'tanh') {
      return tf.tanh(z);
    }
    if (name === 'sigmoid') {
      return tf.sigmoid(z);
    }
    throw new Error(`bench: no tfjs activation for ${name}`);
  };
  const forward = (x: tf.Tensor): tf.Tensor => {
    let a = x;
    for (let l = 0; l < L; l++) {
      a = act(p.activations[l], tf.add(tf.matMul(a, W[l]), b[l]));
    }
    return a;
  };
  // 0.5 * mean((yHat - y)^2)
  const halfMse = (x: tf.Tensor, y: tf.Tensor): tf.Scalar =>
    tf.mul(0.5, tf.mean(tf.squaredDifference(forward(x), y))) as tf.Scalar;

  return {
    train() {
      for (let l = 0; l < L; l++) {
        W[l].assign(initW[l]);
        b[l].assign(initB[l]);
      }
      for (let epoch = 0; epoch < p.epochs; epoch++) {
        for (let k = 0; k < batches.length; k++) {
          const batch = batches[k];
          optimizer.minimize(() => halfMse(batch.x, batch.y), false, vars);
        }
      }
    },
    loss() {
      const t = tf.tidy(() => halfMse(X, Y));
      const v = t.dataSync()[0];
      t.dispose();
      return v;
    },
    params: () => ({
      W: W.map(w => new Matrix(w.shape[0], w.shape[1], Float64Array.from(w.dataSync()))),
      b: b.map(v => Float64Array.from(v.dataSync()))
    }),
    evalGrid() {
      const out = tf.tidy(() => forward(G));
      const values = out.dataSync();
      out.dispose();
      return values;
    },
    dispose() {
      tf.dispose([...initW, ...initB, ...vars, X, Y, G, ...batches.flatMap(t => [t.x, t.y])]);
      optimizer.dispose();
    }
  };
}

// ---------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------

interface Timing {
  runs: number;
  warmups: number;
  /** Wall-clock milliseconds of every timed run. */
  ms: number[];
  medianMs: number;
  /**
   * Process CPU milliseconds (user + system) of every timed run. On a machine shared with
   * other work, CPU time is much less disturbed than wall time (every side runs on one thread).
   */
  cpuMs: number[];
  medianCpuMs: number;
}

function median(a: number[]): number {
  const s = a.slice().sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Run `fn` `warmups` times untimed, then `runs` times timed. */
function time(fn: () => void, warmups: number, runs: number): Timing {
  for (let i = 0; i < warmups; i++) {
    fn();
  }
  const ms: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpuMs.push((c.user + c.system) / 1000);
  }
  return { runs, warmups, ms, medianMs: median(ms), cpuMs, medianCpuMs: median(cpuMs) };
}

// ---------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------

type SideName = 'core' | 'tfjs-cpu' | 'tfjs-wasm';

interface SideResult {
  side: SideName;
  W1: { timing: Timing; epochsPerSec: number; samplesPerSec: number; finalLoss: number };
  W2: { timing: Timing; epochsPerSec: number; samplesPerSec: number; finalLoss: number };
  W3: { timing: Timing; msPerGrid: number; pointsPerSec: number };
  /** W2's trained weights (for the cross-check of the forward pass). */
  w2Params: NetworkParams;
  grid: Float64Array;
}

/** How many warm-up and timed runs per side and workload. */
interface Plan {
  train: { warmups: number; runs: number };
  grid: { warmups: number; runs: number };
}

function runSide(
  side: SideName,
  make: (p: Problem, init: NetworkParams, grid: number[][]) => Trainable,
  problems: {
    w1: Problem;
    w2: Problem;
    init1: NetworkParams;
    init2: NetworkParams;
    grid: number[][];
  },
  plan: Plan
): SideResult {
  const { w1, w2, init1, init2, grid } = problems;

  const a = make(w1, init1, grid.slice(0, 1));
  const t1 = time(() => a.train(), plan.train.warmups, plan.train.runs);
  const loss1 = a.loss();
  a.dispose();

  const c = make(w2, init2, grid);
  const t2 = time(() => c.train(), plan.train.warmups, plan.train.runs);
  const loss2 = c.loss();
  const t3 = time(() => void c.evalGrid(), plan.grid.warmups, plan.grid.runs);
  const values = Float64Array.from(c.evalGrid());
  const w2Params = c.params();
  c.dispose();

  const perEpoch = (p: Problem, t: Timing) => ({
    epochsPerSec: p.epochs / (t.medianMs / 1000),
    samplesPerSec: (p.epochs * p.x.length) / (t.medianMs / 1000)
  });
  return {
    side,
    W1: { timing: t1, ...perEpoch(w1, t1), finalLoss: loss1 },
    W2: { timing: t2, ...perEpoch(w2, t2), finalLoss: loss2 },
    W3: { timing: t3, msPerGrid: t3.medianMs, pointsPerSec: grid.length / (t3.medianMs / 1000) },
    w2Params,
    grid: values
  };
}

function signMismatches(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (Math.sign(a[i]) !== Math.sign(b[i])) {
      n++;
    }
  }
  return n;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    m = Math.max(m, Math.abs(a[i] - b[i]));
  }
  return m;
}

const relDiff = (ours: number, peer: number): number => Math.abs(ours - peer) / Math.abs(ours);

function fmt(x: number, digits = 3): string {
  if (x === 0) {
    return '0';
  }
  if (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-2) {
    return x.toExponential(digits - 1);
  }
  return x.toPrecision(digits);
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const started = Date.now();
  // The machine may be shared: the load average is recorded next to the figures.
  const loadBefore = os.loadavg()[0];

  const w1 = xorProblem();
  const w2 = spiralProblem();
  const init1 = initialParams(w1.sizes, 1);
  const init2 = initialParams(w2.sizes, 2);
  const grid = gridPoints(100);
  const problems = { w1, w2, init1, init2, grid };

  const corePlan: Plan = quick
    ? { train: { warmups: 1, runs: 3 }, grid: { warmups: 3, runs: 5 } }
    : { train: { warmups: 3, runs: 11 }, grid: { warmups: 20, runs: 51 } };
  const tfPlan: Plan = quick
    ? { train: { warmups: 0, runs: 1 }, grid: { warmups: 1, runs: 3 } }
    : { train: { warmups: 1, runs: 3 }, grid: { warmups: 5, runs: 21 } };

  const log = (s: string) => process.stdout.write(s + '\n');
  log(
    `NN Lab core vs TensorFlow.js ${tf.version_core} (Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}, ${os.cpus().length} cores)`
  );

  log('running core ...');
  const core = runSide('core', coreSide, problems, corePlan);

  log('running tfjs-cpu ...');
  await tf.setBackend('cpu');
  await tf.ready();
  const cpu = runSide('tfjs-cpu', tfjsSide, problems, tfPlan);

  log('running tfjs-wasm ...');
  const wasmDir = path.join(
    path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')),
    'dist'
  );
  setWasmPaths(wasmDir + path.sep);
  await tf.setBackend('wasm');
  await tf.ready();
  const wasmSimd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const wasmThreads = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  const wasm = runSide('tfjs-wasm', tfjsSide, problems, tfPlan);

  // Cross-check of the forward pass alone: the core's trained W2 weights in tfjs (float32).
  const sameWeights = tfjsSide(w2, core.w2Params, grid);
  const sameWeightsGrid = sameWeights.evalGrid();
  sameWeights.dispose();

  const peers = [cpu, wasm];
  const sides = [core, ...peers];

  // ---- table -------------------------------------------------------------------------
  log('');
  log(`W1  ${w1.title}`);
  log(`W2  ${w2.title}`);
  log(`W3  W2's trained network on a 100 x 100 grid over [-6, 6]^2`);
  log('loss = 0.5 * mean squared error; times are medians of the timed runs after warm-up');
  log('');
  const head = [
    pad('side', 10),
    pad('W1 ms', 9),
    pad('W1 epochs/s', 12),
    pad('W1 samples/s', 13),
    pad('W2 ms', 9),
    pad('W2 epochs/s', 12),
    pad('W2 samples/s', 13),
    pad('W3 ms/grid', 11),
    'runs (W1/W2, W3)'
  ];
  log(head.join(' '));
  for (const s of sides) {
    log(
      [
        pad(s.side, 10),
        pad(fmt(s.W1.timing.medianMs), 9),
        pad(fmt(s.W1.epochsPerSec), 12),
        pad(fmt(s.W1.samplesPerSec), 13),
        pad(fmt(s.W2.timing.medianMs), 9),
        pad(fmt(s.W2.epochsPerSec), 12),
        pad(fmt(s.W2.samplesPerSec), 13),
        pad(fmt(s.W3.msPerGrid), 11),
        `${s.W1.timing.runs}, ${s.W3.timing.runs}`
      ].join(' ')
    );
  }

  log('');
  log(
    'core speed-up over each peer from wall time (peer time / core time; > 1 means the core is faster):'
  );
  const ratios: Record<string, { W1: number; W2: number; W3: number }> = {};
  for (const p of peers) {
    ratios[p.side] = {
      W1: core.W1.samplesPerSec / p.W1.samplesPerSec,
      W2: core.W2.samplesPerSec / p.W2.samplesPerSec,
      W3: p.W3.msPerGrid / core.W3.msPerGrid
    };
    const r = ratios[p.side];
    log(
      `  vs ${pad(p.side, 10)} W1 ${pad(fmt(r.W1) + 'x', 9)} W2 ${pad(fmt(r.W2) + 'x', 9)} W3 ${fmt(r.W3)}x`
    );
  }

  log('the same ratios from process CPU time (less sensitive to other load on the machine):');
  const cpuRatios: Record<string, { W1: number; W2: number; W3: number }> = {};
  for (const p of peers) {
    cpuRatios[p.side] = {
      W1: p.W1.timing.medianCpuMs / core.W1.timing.medianCpuMs,
      W2: p.W2.timing.medianCpuMs / core.W2.timing.medianCpuMs,
      W3: p.W3.timing.medianCpuMs / core.W3.timing.medianCpuMs
    };
    const r = cpuRatios[p.side];
    log(
      `  vs ${pad(p.side, 10)} W1 ${pad(fmt(r.W1) + 'x', 9)} W2 ${pad(fmt(r.W2) + 'x', 9)} W3 ${fmt(r.W3)}x`
    );
  }

  // Targets are judged on the CPU-time ratios: each side runs on one thread, and CPU time is
  // what a side costs even when other processes compete for the cores; wall-time ratios are
  // printed next to them.
  const targets = [
    { what: 'W2 samples/s >= 40x tfjs-cpu', need: 40, peer: 'tfjs-cpu', workload: 'W2' as const },
    { what: 'W1 samples/s >= 250x tfjs-cpu', need: 250, peer: 'tfjs-cpu', workload: 'W1' as const },
    { what: 'W3 no slower than tfjs-wasm', need: 1, peer: 'tfjs-wasm', workload: 'W3' as const }
  ].map(t => {
    const cpuRatio = cpuRatios[t.peer][t.workload];
    const wallRatio = ratios[t.peer][t.workload];
    return { what: t.what, need: t.need, cpuRatio, wallRatio, met: cpuRatio >= t.need };
  });
  log('');
  log('targets (judged on CPU time):');
  for (const t of targets) {
    log(
      `  ${t.met ? 'met   ' : 'MISSED'} ${pad(t.what + ':', 32)} ${pad(fmt(t.cpuRatio) + 'x', 8)} (wall time ${fmt(t.wallRatio)}x)`
    );
  }

  // ---- agreement -----------------------------------------------------------------------
  log('');
  log('agreement (the core trains in float64, tfjs in float32):');
  const agreement: Record<string, unknown> = {};
  for (const p of peers) {
    const a = {
      W1: {
        core: core.W1.finalLoss,
        peer: p.W1.finalLoss,
        relDiff: relDiff(core.W1.finalLoss, p.W1.finalLoss)
      },
      W2: {
        core: core.W2.finalLoss,
        peer: p.W2.finalLoss,
        relDiff: relDiff(core.W2.finalLoss, p.W2.finalLoss)
      },
      W3: {
        signMismatches: signMismatches(core.grid, p.grid),
        points: grid.length,
        maxAbsDiff: maxAbsDiff(core.grid, p.grid)
      }
    };
    agreement[p.side] = a;
    log(
      `  ${pad(p.side, 10)} final loss W1 ${fmt(a.W1.peer, 8)} vs core ${fmt(a.W1.core, 8)} (rel. diff ${fmt(a.W1.relDiff)}${a.W1.relDiff <= 1e-5 ? ', within 1e-5' : ', above 1e-5'})`
    );
    log(
      `  ${pad('', 10)} final loss W2 ${fmt(a.W2.peer, 8)} vs core ${fmt(a.W2.core, 8)} (rel. diff ${fmt(a.W2.relDiff)}${a.W2.relDiff <= 1e-5 ? ', within 1e-5' : ', above 1e-5'})`
    );
    log(
      `  ${pad('', 10)} W3 grid signs differ at ${a.W3.signMismatches} of ${a.W3.points} points (each side's own trained network; max |diff| ${fmt(a.W3.maxAbsDiff)})`
    );
  }
  const forwardCheck = {
    signMismatches: signMismatches(core.grid, sameWeightsGrid),
    maxAbsDiff: maxAbsDiff(core.grid, sameWeightsGrid)
  };
  log(
    `  forward pass alone (the core's trained W2 weights evaluated by tfjs-wasm in float32): ` +
      `${forwardCheck.signMismatches} sign differences, max |diff| ${fmt(forwardCheck.maxAbsDiff)}`
  );
  const totalSeconds = (Date.now() - started) / 1000;
  log('');
  log(
    `total bench time ${totalSeconds.toFixed(1)} s; 1-minute load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after (${os.cpus().length} cores)`
  );

  // ---- results file ----------------------------------------------------------------------
  const strip = (s: SideResult) => ({
    W1: { ...s.W1, timing: { ...s.W1.timing } },
    W2: { ...s.W2, timing: { ...s.W2.timing } },
    W3: s.W3
  });
  const result = {
    date: new Date().toISOString(),
    quick,
    machine: {
      node: process.version,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      platform: process.platform,
      loadAverage1min: { before: loadBefore, after: os.loadavg()[0] }
    },
    tfjs: { version: tf.version_core, wasmSimd, wasmThreads },
    workloads: {
      W1: w1.title,
      W2: w2.title,
      W3: "W2's trained network on a 100 x 100 grid over [-6, 6]^2",
      loss: '0.5 * mean squared error (core: mse with the learning rate halved, loss reported as mse / 2)'
    },
    sides: { core: strip(core), 'tfjs-cpu': strip(cpu), 'tfjs-wasm': strip(wasm) },
    ratios,
    cpuRatios,
    targets,
    agreement,
    forwardCheck,
    totalSeconds
  };
  const out = path.resolve(__dirname, '..', '..', 'results', 'core.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  log(`wrote ${path.relative(process.cwd(), out)}`);
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
