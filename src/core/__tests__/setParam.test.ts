/** Setting weights by hand: the network view's edits, down to the trainer. */
import { resolveVariants } from '../spec';
import { Trainer } from '../trainer';
import { validSpec } from './support';

function zeroXor(): Trainer {
  const spec = validSpec({
    data: { name: 'xor' },
    network: { layers: [2, 2, 1], activation: 'relu', output: 'identity', init: 'zeros' },
    training: { loss: 'mse', epochs: 1 },
    autoplay: false
  });
  return new Trainer(resolveVariants(spec)[0]);
}

describe('Trainer.setParam', () => {
  it('builds the hand-made XOR network one weight at a time, and the loss follows', () => {
    const t = zeroXor();
    const before = t.history.trainLoss[0];
    expect(before).toBeCloseTo(0.5, 12); // outputs 0 for targets 0, 1, 1, 0
    // W = [[1, 1], [1, 1]], c = [0, -1], w = [1, -2], b = 0
    t.setParam(0, 0, 0, 1);
    t.setParam(0, 0, 1, 1);
    t.setParam(0, 1, 0, 1);
    t.setParam(0, 1, 1, 1);
    t.setParam(0, 'bias', 1, -1);
    t.setParam(1, 0, 0, 1);
    expect(t.history.trainLoss[0]).not.toBeCloseTo(before, 3);
    t.setParam(1, 1, 0, -2);
    expect(t.history.trainLoss[0]).toBe(0);
    expect(t.history.trainAccuracy[0]).toBe(1);
    const snap = t.snapshot({ weights: true, grid: 2 });
    expect(snap.weights!.W[1]).toEqual([[1], [-2]]);
    expect(snap.weights!.b[0]).toEqual([0, -1]);
  });

  it('names the parameter that does not exist', () => {
    const t = zeroXor();
    expect(() => t.setParam(2, 0, 0, 1)).toThrow(/weight layer 2 does not exist/);
    expect(() => t.setParam(0, 2, 0, 1)).toThrow(/layer 0 has no unit 2/);
    expect(() => t.setParam(0, 0, 5, 1)).toThrow(/layer 1 has no unit 5/);
    expect(() => t.setParam(0, 0, 0, NaN)).toThrow(/finite/);
  });
});
