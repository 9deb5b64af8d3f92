/**
 * Training in short units (one mini-batch, one block of the end-of-epoch evaluation) must
 * give exactly the same run as training whole epochs: the worker interrupts epochs between
 * units to answer the page, and results must not depend on where it did.
 */
import { Trainer } from '../trainer';
import { resolveVariants } from '../spec';
import { createRng } from '../rng';
import { validSpec } from './support';
import { Matrix } from '../matrix';

/** Every number of every weight matrix and bias vector, in order. */
function flatParams(t: Trainer): number[] {
  const p = t.getParams();
  return [...p.W.flatMap(w => Array.from(w.data)), ...p.b.flatMap(v => Array.from(v))];
}

const SPECS: Array<[string, Record<string, unknown>]> = [
  [
    'sgd, batch 1, shuffled',
    {
      data: { name: 'moons', n: 150 },
      network: { layers: [2, 6, 5, 1], activation: 'tanh' },
      training: { optimizer: 'sgd', batchSize: 1, learningRate: 0.05, epochs: 4 }
    }
  ],
  [
    'adam, batch 7 (a shorter last batch), shuffled, l2 penalty',
    {
      data: { name: 'circle', n: 300 },
      network: { layers: [2, 8, 8, 1], activation: 'relu' },
      training: {
        optimizer: 'adam',
        batchSize: 7,
        learningRate: 0.01,
        regularization: 'l2',
        regularizationRate: 0.001,
        epochs: 5
      }
    }
  ],
  [
    'nesterov, batch 16, not shuffled, 3 classes',
    {
      data: { name: 'gaussians', n: 400, classes: 3 },
      network: { layers: [2, 10, 3], activation: 'elu', output: 'softmax' },
      training: { optimizer: 'nesterov', batchSize: 16, shuffle: false, epochs: 4 }
    }
  ],
  [
    'momentum, full batch, regression',
    {
      data: { name: 'sine', n: 300 },
      network: { layers: [1, 16, 16, 1], activation: 'swish', output: 'identity' },
      training: { optimizer: 'momentum', batchSize: 0, loss: 'mse', epochs: 6 }
    }
  ]
];

function trainer(spec: Record<string, unknown>): Trainer {
  return new Trainer(resolveVariants(validSpec(spec))[0]);
}

describe('Trainer.trainStep', () => {
  it.each(SPECS)('%s: chunked and whole-epoch training agree bit for bit', (_name, spec) => {
    const whole = trainer(spec);
    const epochs = (whole.variant.training.epochs as number) - 1;
    whole.runEpochs(epochs);

    // The same run in units of random length, with snapshots, another trainer's steps
    // and reads of the history in between.
    const chunked = trainer(spec);
    const other = trainer(spec);
    const rng = createRng(7);
    let steps = 0;
    while (chunked.epoch < epochs) {
      const units = 1 + rng.int(9);
      for (let i = 0; i < units && chunked.epoch < epochs; i++) {
        chunked.trainStep();
        steps++;
      }
      chunked.snapshot({ grid: 10, hidden: true, weights: true, activations: true });
      expect(chunked.history.epoch.length).toBe(chunked.epoch + 1);
      other.trainStep();
    }
    expect(steps).toBeGreaterThan(epochs);
    expect(chunked.midEpoch).toBe(false);
    expect(flatParams(chunked)).toEqual(flatParams(whole));
    expect(chunked.history).toEqual(whole.history);
    // And the next epoch continues the same way.
    whole.runEpochs(1);
    chunked.runEpochs(1);
    expect(flatParams(chunked)).toEqual(flatParams(whole));
    expect(chunked.history).toEqual(whole.history);
  });

  it('stops mid-epoch: the epoch counts only once all its units ran', () => {
    const t = trainer(SPECS[0][1]);
    const before = flatParams(t);
    expect(t.trainStep()).toBe(false);
    expect(t.midEpoch).toBe(true);
    expect(t.epoch).toBe(0);
    expect(t.history.epoch).toEqual([0]);
    expect(flatParams(t)).not.toEqual(before);
    let units = 1;
    while (!t.trainStep()) {
      units++;
    }
    // 150 points, a quarter of them for testing: 113 batches of one, then the evaluation.
    expect(units).toBeGreaterThan(100);
    expect(t.epoch).toBe(1);
    expect(t.history.epoch).toEqual([0, 1]);
  });

  it('reset mid-epoch starts the same run again', () => {
    const spec = SPECS[1][1];
    const fresh = trainer(spec);
    fresh.runEpochs(2);
    const t = trainer(spec);
    for (let i = 0; i < 10; i++) {
      t.trainStep();
    }
    t.reset();
    expect(t.midEpoch).toBe(false);
    t.runEpochs(2);
    expect(flatParams(t)).toEqual(flatParams(fresh));
    expect(t.history).toEqual(fresh.history);
  });
});

describe('Trainer.snapshotSteps', () => {
  const spec = {
    data: { name: 'moons', n: 300 },
    network: { layers: [2, 8, 6, 5, 1], activation: 'relu' },
    grid: 30
  };

  it('gives in units the snapshot made at once, with the same numbers', () => {
    const t = trainer(spec);
    t.runEpochs(2);
    const options = { grid: true, hidden: true, activations: true, weights: true, neurons: true };
    const steps = t.snapshotSteps(options);
    let units = 0;
    let step = steps.next();
    while (!step.done) {
      units++;
      step = steps.next();
    }
    expect(units).toBeGreaterThan(5);
    expect(step.value).toEqual(t.snapshot(options));
    // The same maps as the network's own forward pass over the whole grid at once.
    const grid = step.value.grid!;
    const inputs = grid.y.flatMap(y => grid.x.map(x => [x, y]));
    const whole = t.net.forward(Matrix.from(inputs));
    expect(step.value.neurons![1][3]).toEqual(
      Array.from({ length: 900 }, (_, i) => whole.A[2].get(i, 3))
    );
  });

  it('maps only the units asked for, keeping the count of units', () => {
    const t = trainer(spec);
    const all = t.snapshot({ neurons: true });
    const some = t.snapshot({ neurons: true, neuronUnits: [3, 0, 5] });
    expect(some.neurons!.map(layer => layer.length)).toEqual([8, 6, 5]);
    expect(some.neurons!.map(layer => layer.filter(map => map.length > 0).length)).toEqual([
      3, 0, 5
    ]);
    expect(some.neurons![0].slice(0, 3)).toEqual(all.neurons![0].slice(0, 3));
    expect(some.neurons![2]).toEqual(all.neurons![2]);
  });

  it('sends only the last hidden layer when asked, the same as among all of them', () => {
    const t = trainer(spec);
    const all = t.snapshot({ hidden: true });
    const last = t.snapshot({ hidden: true, hiddenLayers: 'last' });
    expect(all.hidden!.map(h => h.layer)).toEqual([1, 2, 3]);
    expect(last.hidden).toEqual([all.hidden![2]]);
  });
});
