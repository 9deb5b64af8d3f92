/**
 * The history's losses are per point, so a train set and a smaller test set compare: l2
 * (half the SUM of squared errors) is divided by the split's points, the mean losses are
 * left as they are, and the penalty is in the same unit. Training is unchanged: a step
 * still follows the gradient of the l2 as defined (a sum). Every expected number below is
 * worked out by hand from the definitions.
 */
import { resolveVariants } from '../spec';
import { Trainer } from '../trainer';
import { validSpec } from './support';

// One input, one identity output unit: y_hat = w x + b with w = 1, b = 0 (given weights).
// Targets 1, so the squared errors of x = 0..4 are (x - 1)^2 = 1, 0, 1, 4, 9.
const X = [[0], [1], [2], [3], [4]];
const SQUARED = [1, 0, 1, 4, 9];

function trainer(training: Record<string, unknown>, w = 1): Trainer {
  const spec = validSpec({
    data: { name: 'custom', x: X, y: X.map(() => [1]), trainFraction: 0.6 },
    network: { layers: [1, 1], output: 'identity', weights: [[[w]]], biases: [[0]] },
    training: { optimizer: 'sgd', batchSize: 0, epochs: 1, ...training }
  });
  return new Trainer(resolveVariants(spec)[0]);
}

const sum = (indices: Int32Array, f: (i: number) => number): number =>
  Array.from(indices).reduce((s, i) => s + f(i), 0);

describe('losses per point in the history', () => {
  it('l2: half the sum over a split, divided by its points', () => {
    const t = trainer({ loss: 'l2' });
    const { train, test } = t.dataset;
    expect([train.length, test.length]).toEqual([3, 2]);
    const h = t.history;
    expect(h.trainLoss[0]).toBeCloseTo((0.5 * sum(train, i => SQUARED[i])) / 3, 14);
    expect(h.testLoss[0]).toBeCloseTo((0.5 * sum(test, i => SQUARED[i])) / 2, 14);
  });

  it('mse: the mean already, unchanged', () => {
    const t = trainer({ loss: 'mse' });
    const { train, test } = t.dataset;
    expect(t.history.trainLoss[0]).toBeCloseTo(sum(train, i => SQUARED[i]) / 3, 14);
    expect(t.history.testLoss[0]).toBeCloseTo(sum(test, i => SQUARED[i]) / 2, 14);
  });

  it('the penalty is in the same unit, so loss + penalty is the objective per point', () => {
    // Weight 2, l2 regularisation with rate 0.1: penalty (0.1 / 2) * 2^2 = 0.2 (biases free).
    const l2 = trainer({ loss: 'l2', regularization: 'l2', regularizationRate: 0.1 }, 2);
    expect(l2.history.penalty![0]).toBeCloseTo(0.2 / 3, 14);
    const mse = trainer({ loss: 'mse', regularization: 'l2', regularizationRate: 0.1 }, 2);
    expect(mse.history.penalty![0]).toBeCloseTo(0.2, 14);
  });

  it('training still follows the gradient of the l2 as defined, a sum over the batch', () => {
    // dL/dw = sum_i (w x_i + b - y_i) x_i and dL/db = sum_i (w x_i + b - y_i) over the
    // training points (the whole training set is one batch): one SGD step of 0.01.
    const t = trainer({ loss: 'l2', learningRate: 0.01 });
    const { train } = t.dataset;
    const dw = sum(train, i => (X[i][0] - 1) * X[i][0]);
    const db = sum(train, i => X[i][0] - 1);
    t.runEpochs(1);
    const { W, b } = t.getParams();
    expect(W[0].data[0]).toBeCloseTo(1 - 0.01 * dw, 14);
    expect(b[0][0]).toBeCloseTo(0 - 0.01 * db, 14);
  });
});
