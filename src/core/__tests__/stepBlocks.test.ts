/**
 * A big mini-batch (at the caps the full batch of 1600 rows, ~130 ms) is one optimiser step
 * taken in units of blocks of rows. The blocks must give the numbers of the step in one
 * piece bit for bit: the sums over rows (dW = A^T dZ, db, the loss) continue one running sum
 * per entry across the blocks. Comparisons are of the bits of every float64, so a change in
 * the order of the additions (say, summing each block apart and adding the block sums) fails.
 */
import { Trainer } from '../trainer';
import { Network } from '../network';
import { Matrix } from '../matrix';
import { createRng } from '../rng';
import { resolveVariants } from '../spec';
import { LossName } from '../losses';
import { ActivationName } from '../types';
import { validSpec } from './support';
import { makeVariant } from './variantFixture';

/** The bits of every number, as hex strings (+0 and -0, NaNs all told apart). */
function bits(values: ArrayLike<number>): string[] {
  const f = Float64Array.from(values);
  return Array.from(new BigUint64Array(f.buffer), b => b.toString(16));
}

function runBits(t: Trainer): { params: string[]; history: string[]; epoch: number } {
  const p = t.getParams();
  const h = t.history;
  return {
    epoch: t.epoch,
    params: bits([...p.W.flatMap(w => Array.from(w.data)), ...p.b.flatMap(v => Array.from(v))]),
    history: bits([
      ...h.epoch,
      ...h.trainLoss,
      ...h.testLoss,
      ...h.trainAccuracy,
      ...h.testAccuracy,
      ...h.gradNorms.flat(),
      ...(h.penalty ?? [])
    ])
  };
}

const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adam'];
const TASKS: Array<[string, Record<string, unknown>]> = [
  [
    'classification',
    {
      data: { name: 'moons', n: 400 },
      network: { layers: [2, 9, 7, 1], activation: 'tanh' },
      training: { learningRate: 0.05 }
    }
  ],
  [
    'regression',
    {
      data: { name: 'sine', n: 400 },
      network: { layers: [1, 10, 6, 1], activation: 'relu', output: 'identity' },
      training: { loss: 'mse', learningRate: 0.01 }
    }
  ]
];
// 300 training rows: the full batch, and batches of 250 (a last batch of 50).
const BATCHES = [0, 250];
const CASES: Array<[string, Record<string, unknown>]> = [];
for (const optimizer of OPTIMIZERS) {
  for (const [task, spec] of TASKS) {
    for (const batchSize of BATCHES) {
      for (const shuffle of [true, false]) {
        const training = {
          ...(spec.training as object),
          optimizer,
          batchSize,
          shuffle,
          epochs: 3
        };
        CASES.push([
          `${optimizer}, ${task}, batch ${batchSize || 'full'}, ${shuffle ? '' : 'not '}shuffled`,
          { ...spec, training }
        ]);
      }
    }
  }
}

function trainer(spec: Record<string, unknown>, stepBlockRows: number): Trainer {
  return new Trainer(resolveVariants(validSpec(spec))[0], { stepBlockRows });
}

describe('optimiser steps in blocks of rows', () => {
  it.each(CASES)(
    '%s: blocks of 1, 7, 128 rows and the whole batch agree bit for bit',
    (_n, spec) => {
      const whole = trainer(spec, Infinity);
      whole.runEpochs(3);
      const expected = runBits(whole);
      expect(expected.epoch).toBe(3);
      for (const rows of [1, 7, 128, 300]) {
        const t = trainer(spec, rows);
        t.runEpochs(3);
        expect(runBits(t)).toEqual(expected);
      }
    }
  );

  it('a full-batch step of 300 rows in blocks of 128 is three units', () => {
    const t = trainer(CASES[0][1], 128);
    expect(t.history.epoch).toEqual([0]); // the untrained network evaluated first
    expect(t.trainStep()).toBe(false);
    expect(t.midStep).toBe(true);
    expect(t.trainStep()).toBe(false);
    expect(t.midStep).toBe(true);
    expect(t.trainStep()).toBe(false);
    expect(t.midStep).toBe(false);
  });

  it('pausing between blocks (snapshots, other trainers, history reads) changes nothing', () => {
    const spec = CASES.find(([name]) => name.startsWith('adam, classification, batch full'))![1];
    const whole = trainer(spec, Infinity);
    whole.runEpochs(3);
    const t = trainer(spec, 7);
    const other = trainer(spec, 7);
    const rng = createRng(3);
    let pausedMidStep = 0;
    while (t.epoch < 3) {
      const units = 1 + rng.int(5);
      for (let i = 0; i < units && t.epoch < 3; i++) {
        t.trainStep();
      }
      if (t.midStep) {
        pausedMidStep++;
      }
      t.snapshot({ grid: 10, hidden: true, weights: true, activations: true, values: true });
      expect(t.history.epoch.length).toBe(t.epoch + 1);
      other.trainStep();
    }
    expect(pausedMidStep).toBeGreaterThan(20);
    expect(runBits(t)).toEqual(runBits(whole));
  });

  it('a change of learning rate mid-step comes after the step, as with a step in one piece', () => {
    const spec = CASES.find(([name]) => name.startsWith('momentum, regression, batch full'))![1];
    const whole = trainer(spec, Infinity);
    expect(whole.history.epoch).toEqual([0]);
    whole.trainStep(); // one whole step
    whole.setLearningRate(0.002);
    whole.runEpochs(2);
    const t = trainer(spec, 7);
    expect(t.history.epoch).toEqual([0]);
    t.trainStep();
    t.trainStep();
    expect(t.midStep).toBe(true);
    t.setLearningRate(0.002);
    expect(t.midStep).toBe(false);
    t.runEpochs(2);
    expect(runBits(t)).toEqual(runBits(whole));
  });

  it('reset mid-step starts the same run again', () => {
    const spec = CASES[0][1];
    const fresh = trainer(spec, Infinity);
    fresh.runEpochs(2);
    const t = trainer(spec, 7);
    for (let i = 0; i < 5; i++) {
      t.trainStep();
    }
    expect(t.midStep).toBe(true);
    t.reset();
    expect(t.midStep).toBe(false);
    t.runEpochs(2);
    expect(runBits(t)).toEqual(runBits(fresh));
  });

  it('a short last mini-batch and the l2 loss, split or not, agree bit for bit', () => {
    const variant = makeVariant({
      data: { name: 'moons', n: 333, noise: 0.1 },
      network: { layers: [2, 6, 1], activations: ['relu'], output: 'tanh' },
      training: {
        loss: 'l2',
        optimizer: 'nesterov',
        batchSize: 200,
        learningRate: 0.001,
        epochs: 4
      }
    });
    const whole = new Trainer(variant, { stepBlockRows: Infinity });
    whole.runEpochs(4);
    for (const rows of [1, 7, 128]) {
      const t = new Trainer(variant, { stepBlockRows: rows });
      t.runEpochs(4);
      expect(runBits(t)).toEqual(runBits(whole));
    }
  });
});

describe('Network.lossAndGradientsSteps', () => {
  const PAIRS: Array<[LossName, ActivationName, number]> = [
    ['l2', 'tanh', 1],
    ['mse', 'identity', 2],
    ['mse', 'sigmoid', 3],
    ['bce', 'sigmoid', 2],
    ['bce', 'softmax', 3],
    ['cce', 'softmax', 3],
    ['cce', 'sigmoid', 3]
  ];
  it.each(PAIRS)('%s with a %s output: the loss, dW, db and norms of one call', (loss, out, K) => {
    const rng = createRng(11);
    const n = 53;
    const sizes = [3, 8, 5, K];
    const net = Network.create(sizes, ['elu', 'tanh', out], 'xavier', rng);
    const X = Matrix.from(
      Array.from({ length: n }, () => [rng.normal(), rng.normal(), rng.normal()])
    );
    const Y = Matrix.from(
      Array.from({ length: n }, () => {
        const k = rng.int(K);
        return Array.from({ length: K }, (_, j) => (K === 1 ? rng.uniform() : j === k ? 1 : 0));
      })
    );
    const one = net.lossAndGradients(X, Y, loss);
    const expected = {
      loss: bits([one.loss]),
      dW: one.gradients.dW.map(w => bits(w.data)),
      db: one.gradients.db.map(v => bits(v)),
      norms: bits(one.gradients.norms)
    };
    for (const rows of [1, 7, 16, 52]) {
      const steps = net.lossAndGradientsSteps(X, Y, loss, rows);
      let units = 1;
      let step = steps.next();
      while (!step.done) {
        // A forward pass of another batch in between leaves the running sums alone.
        net.forward(X.rowsView(0, rows));
        units++;
        step = steps.next();
      }
      expect(units).toBe(Math.ceil(n / rows));
      const got = step.value;
      expect({
        loss: bits([got.loss]),
        dW: got.gradients.dW.map(w => bits(w.data)),
        db: got.gradients.db.map(v => bits(v)),
        norms: bits(got.gradients.norms)
      }).toEqual(expected);
    }
  });
});
