import { Trainer } from '../trainer';
import { Matrix } from '../matrix';
import { resolveVariants } from '../spec';
import { validSpec } from './support';
import { makeVariant } from './variantFixture';

/** Every number of every weight matrix and bias vector, in order. */
function flatParams(t: Trainer): number[] {
  const p = t.getParams();
  return [...p.W.flatMap(w => Array.from(w.data)), ...p.b.flatMap(v => Array.from(v))];
}

describe('Trainer history', () => {
  it('records epoch 0 before training and one entry per epoch', () => {
    const t = new Trainer(makeVariant({ training: { epochs: 20 } }));
    expect(t.epoch).toBe(0);
    expect(t.history.epoch).toEqual([0]);
    t.runEpochs(5);
    expect(t.epoch).toBe(5);
    expect(t.history.epoch).toEqual([0, 1, 2, 3, 4, 5]);
    expect(t.history.gradNorms.every(row => row.length === 2)).toBe(true);
    // The four gates train on all four points and have no test set.
    expect(t.history.testLoss.every(Number.isNaN)).toBe(true);
  });

  it('epoch 0 reports the untrained loss and the full-batch gradient norms', () => {
    const t = new Trainer(makeVariant());
    const X = Matrix.from([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1]
    ]);
    const Y = Matrix.column([0, 1, 1, 0]);
    const r = t.net.lossAndGradients(X, Y, 'bce');
    expect(t.history.trainLoss[0]).toBeCloseTo(r.loss, 14);
    t.history.gradNorms[0].forEach((g, l) => expect(g).toBeCloseTo(r.gradients.norms[l], 14));
  });

  it('lowers the loss of a learnable problem', () => {
    const t = new Trainer(
      makeVariant({
        data: { name: 'moons', n: 100, noise: 0.1, trainFraction: 0.8 },
        network: { layers: [2, 8, 1], activations: ['relu'], init: 'he' },
        training: { batchSize: 16, learningRate: 0.02, epochs: 60 }
      })
    );
    t.runEpochs(60);
    const h = t.history;
    expect(h.trainLoss[60]).toBeLessThan(0.5 * h.trainLoss[0]);
    expect(h.trainAccuracy[60]).toBeGreaterThan(0.85);
    expect(h.testLoss.every(Number.isFinite)).toBe(true);
  });

  it('trains multi-class data with softmax and cross-entropy', () => {
    const t = new Trainer(
      makeVariant({
        data: { name: 'gaussians', n: 90, noise: 0, classes: 3, trainFraction: 1 },
        network: { layers: [2, 6, 3], activations: ['tanh'], output: 'softmax' },
        training: { loss: 'cce', learningRate: 0.05, epochs: 80 }
      })
    );
    t.runEpochs(80);
    expect(t.history.trainAccuracy[80]).toBeGreaterThan(0.9);
    // No test set: NaN, not zero.
    expect(Number.isNaN(t.history.testLoss[80])).toBe(true);
  });

  it('maps binary labels to -1/+1 for a tanh output and thresholds at 0', () => {
    const t = new Trainer(
      makeVariant({
        network: { layers: [2, 4, 1], activations: ['tanh'], output: 'tanh' },
        training: { loss: 'mse', learningRate: 0.05, epochs: 300, seed: 1 }
      })
    );
    t.runEpochs(300);
    const out = t.net.predict(
      Matrix.from([
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1]
      ])
    );
    expect(out.get(0, 0)).toBeLessThan(-0.5);
    expect(out.get(1, 0)).toBeGreaterThan(0.5);
    expect(t.history.trainAccuracy[300]).toBe(1);
  });

  it('fits a regression target and reports NaN accuracy', () => {
    const t = new Trainer(
      makeVariant({
        data: { name: 'sine', n: 60, noise: 0, trainFraction: 0.75 },
        network: { layers: [1, 12, 1], activations: ['tanh'], output: 'identity' },
        training: { loss: 'mse', learningRate: 0.02, epochs: 200, batchSize: 15 }
      })
    );
    t.runEpochs(200);
    expect(t.history.trainLoss[200]).toBeLessThan(0.02);
    expect(Number.isNaN(t.history.trainAccuracy[200])).toBe(true);
  });
});

describe('Trainer reproducibility', () => {
  it('reset replays exactly the same run', () => {
    const variant = makeVariant({
      data: { name: 'circle', n: 60, noise: 0.05, trainFraction: 0.7 },
      network: { layers: [2, 5, 1], activations: ['relu'] },
      training: { batchSize: 8, epochs: 10 }
    });
    const t = new Trainer(variant);
    t.runEpochs(10);
    const first = JSON.stringify(t.history);
    const params = flatParams(t);
    t.reset();
    expect(t.epoch).toBe(0);
    expect(t.history.epoch).toEqual([0]);
    t.runEpochs(10);
    expect(JSON.stringify(t.history)).toBe(first);
    expect(flatParams(t)).toEqual(params);
  });

  it('the same seed gives the same run in a new trainer, another seed a different one', () => {
    const v = (seed: number) =>
      makeVariant({
        data: { name: 'moons', n: 40, noise: 0.1, trainFraction: 0.5 },
        training: { seed, batchSize: 5 }
      });
    const a = new Trainer(v(3));
    const b = new Trainer(v(3));
    const c = new Trainer(v(4));
    [a, b, c].forEach(t => t.runEpochs(5));
    expect(b.history).toEqual(a.history);
    expect(flatParams(c)).not.toEqual(flatParams(a));
  });

  it('shares data and initial weights with a compare variant', () => {
    const base = new Trainer(makeVariant({ data: { name: 'xor_blobs', n: 40, noise: 0 } }));
    const other = new Trainer(
      makeVariant({
        network: { layers: [2, 4, 1], activations: ['identity'] },
        training: { seed: 99 }
      }),
      {
        dataset: base.dataset,
        params: base.getInitialParams(),
        variantIndex: 1
      }
    );
    expect(other.dataset).toBe(base.dataset);
    expect(flatParams(other)).toEqual(flatParams(base));
    expect(other.snapshot().variant).toBe(1);
  });
});

describe('Trainer controls', () => {
  it('setActivation swaps activations but keeps the weights', () => {
    const t = new Trainer(
      makeVariant({ network: { layers: [2, 3, 3, 1], activations: ['relu', 'relu'] } })
    );
    t.runEpochs(3);
    const before = flatParams(t);
    t.setActivation(1, 'tanh');
    expect(t.net.activations).toEqual(['relu', 'tanh', 'sigmoid']);
    t.setActivation('all', 'identity');
    expect(t.net.activations).toEqual(['identity', 'identity', 'sigmoid']);
    expect(flatParams(t)).toEqual(before);
    expect(() => t.setActivation(2, 'relu')).toThrow(/hidden layer 2/);
  });

  it('setLearningRate changes the step size', () => {
    const make = () =>
      new Trainer(makeVariant({ training: { optimizer: 'sgd', learningRate: 0.1 } }));
    const a = make();
    const b = make();
    b.setLearningRate(0);
    a.runEpochs(1);
    b.runEpochs(1);
    expect(flatParams(b)).toEqual(flatParams(make()));
    expect(flatParams(a)).not.toEqual(flatParams(b));
  });

  it('stops on divergence, names the epoch and keeps the last finite weights', () => {
    const t = new Trainer(
      makeVariant({
        network: { layers: [2, 4, 1], activations: ['relu'], output: 'identity' },
        training: { loss: 'l2', optimizer: 'sgd', learningRate: 1e6, epochs: 50 }
      })
    );
    const initial = flatParams(t);
    t.runEpochs(50);
    expect(t.error).not.toBeNull();
    const { epoch, message } = t.error!;
    expect(epoch).toBeGreaterThanOrEqual(1);
    expect(message).toContain(`epoch ${epoch}`);
    expect(message).toMatch(/learning rate 1000000 is probably too high/);
    expect(t.epoch).toBe(epoch - 1);
    expect(t.history.epoch.length).toBe(epoch);
    const params = flatParams(t);
    expect(params.every(Number.isFinite)).toBe(true);
    if (epoch === 1) {
      expect(params).toEqual(initial);
    }
    // Further epochs do nothing until a setting changes.
    t.runEpochs(5);
    expect(t.epoch).toBe(epoch - 1);
    expect(t.snapshot().error).toEqual(t.error);
    expect(t.snapshot().done).toBe(true);
    t.setLearningRate(0.01);
    expect(t.error).toBeNull();
    t.runEpochs(2);
    expect(t.epoch).toBe(epoch + 1);
  });

  it('refuses a network whose input does not fit the data', () => {
    expect(
      () => new Trainer(makeVariant({ network: { layers: [3, 2, 1], activations: ['relu'] } }))
    ).toThrow(/2 input features/);
  });
});

describe('Trainer snapshots', () => {
  const variant = makeVariant({
    data: { name: 'xor_blobs', n: 40, noise: 0 },
    network: { layers: [2, 5, 1], activations: ['tanh'] },
    grid: 7
  });

  it('is cheap by default: scalars and history only', () => {
    const t = new Trainer(variant);
    t.runEpochs(2);
    const s = t.snapshot();
    expect(s.epoch).toBe(2);
    expect(s.totalEpochs).toBe(500);
    expect(s.done).toBe(false);
    expect(s.task).toBe('classification');
    expect(s.history.epoch).toEqual([0, 1, 2]);
    expect(s.grid).toBeUndefined();
    expect(s.hidden).toBeUndefined();
    expect(s.weights).toBeUndefined();
    expect(t.snapshot({ historyFrom: 2 }).history.epoch).toEqual([2]);
  });

  it('includes the grid, hidden layers, statistics, weights and neurons when asked', () => {
    const t = new Trainer(variant);
    t.runEpochs(3);
    const s = t.snapshot({
      grid: true,
      hidden: true,
      activations: true,
      weights: true,
      neurons: true,
      collapse: true
    });
    expect(s.grid!.n).toBe(7);
    expect(s.grid!.values.length).toBe(49);
    expect(s.grid!.values.every(v => v > 0 && v < 1)).toBe(true);
    // The grid's corner equals the network at that point.
    const corner = t.net.predict(Matrix.from([[s.grid!.x[0], s.grid!.y[0]]])).get(0, 0);
    expect(s.grid!.values[0]).toBeCloseTo(corner, 14);
    expect(s.hidden!.length).toBe(1);
    expect(s.hidden![0].points.length).toBe(40);
    expect(s.hidden![0].points[0].length).toBe(5);
    expect(s.hidden![0].units).toBe(5);
    expect(s.hidden![0].projected![0].length).toBe(2);
    expect(s.activations!.length).toBe(2);
    expect(s.weights!.W[0].length).toBe(2);
    expect(s.weights!.W[0][0].length).toBe(5);
    expect(s.neurons!.length).toBe(1);
    expect(s.neurons![0].length).toBe(5);
    expect(s.neurons![0][0].length).toBe(49);
    // tanh hidden layer: no affine collapse to report.
    expect(s.collapse).toBeUndefined();
    // Plain data: survives a JSON round trip.
    expect(JSON.parse(JSON.stringify(s)).grid).toEqual(s.grid);
    // A numeric grid option overrides the resolution.
    expect(t.snapshot({ grid: 4 }).grid!.values.length).toBe(16);
  });

  it('leaves out the points of layers sent by their projection when asked, after the verdict', () => {
    const wide = makeVariant({
      data: { name: 'xor', n: 40 },
      network: { layers: [2, 2, 5, 1], activations: ['tanh', 'tanh'] },
      grid: 7
    });
    const full = new Trainer(wide);
    const lean = new Trainer(wide);
    full.runEpochs(3);
    lean.runEpochs(3);
    const options = { hidden: true, separation: { hidden: true } };
    const a = full.snapshot(options);
    const b = lean.snapshot({ ...options, wideHiddenPoints: false });
    // The 2-unit layer is drawn from its points: they stay.
    expect(b.hidden![0].points).toEqual(a.hidden![0].points);
    expect(b.hidden![0].points.length).toBe(40);
    expect(b.hidden![0].projected).toBeUndefined();
    // The last, 5-unit layer: projection and width kept, points gone.
    expect(a.hidden![1].points.length).toBe(40);
    expect(b.hidden![1].units).toBe(5);
    expect(b.hidden![1].points).toEqual([]);
    expect(b.hidden![1].projected).toEqual(a.hidden![1].projected);
    // The verdict on that layer reads its points: the same as with every point sent.
    expect(b.separation?.hidden).toBeDefined();
    expect(b.separation).toEqual(a.separation);
  });

  it('reports the affine collapse of an identity network', () => {
    const t = new Trainer(
      makeVariant({
        network: { layers: [2, 3, 1], activations: ['identity'], output: 'identity' },
        training: { loss: 'mse' }
      })
    );
    t.runEpochs(5);
    const c = t.snapshot({ collapse: true }).collapse!;
    expect(c.maxDiff).toBeLessThan(1e-12);
    expect(c.preActivation).toBeUndefined();
    c.network.forEach((v, i) => expect(v).toBeCloseTo(c.affine[i], 12));
  });

  it('collapses the logits when only the output squashes', () => {
    const t = new Trainer(
      makeVariant({ network: { layers: [2, 3, 3, 1], activations: ['identity', 'identity'] } })
    );
    t.runEpochs(5);
    const c = t.snapshot({ collapse: true }).collapse!;
    expect(c.preActivation).toBe(true);
    expect(c.maxDiff).toBeLessThan(1e-12);
    // The logits, not the probabilities: sigmoid(z) is what the network outputs.
    const out = t.net.predict(t.dataset.x);
    c.network.forEach((z, i) => expect(1 / (1 + Math.exp(-z))).toBeCloseTo(out.get(i, 0), 12));
  });
});

describe('Trainer from a validated spec', () => {
  it('trains the design example and its identity variant on shared data and weights', () => {
    const spec = validSpec({
      title: 'XOR needs a non-linearity',
      data: { name: 'xor', noise: 0.1, n: 80, trainFraction: 0.75 },
      network: { layers: [2, 4, 1], activation: 'tanh', output: 'sigmoid' },
      training: {
        loss: 'bce',
        optimizer: 'adam',
        learningRate: 0.05,
        batchSize: 8,
        epochs: 100,
        seed: 0
      },
      compare: [{ network: { activation: 'identity' } }]
    });
    const [base, variant] = resolveVariants(spec);
    const a = new Trainer(base);
    const b = new Trainer(variant, {
      dataset: a.dataset,
      params: a.getInitialParams(),
      variantIndex: 1
    });
    expect(flatParams(b)).toEqual(flatParams(a));
    a.runEpochs(100);
    b.runEpochs(100);
    expect(a.history.trainAccuracy[100]).toBeGreaterThan(0.95);
    // A linear decision boundary gets at most 3 of the 4 noisy corners' clusters right.
    expect(b.history.trainAccuracy[100]).toBeLessThan(0.8);
  });
});
