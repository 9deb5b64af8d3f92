/**
 * The demos teach what their text claims: trained with NN Lab's own core (as the widget
 * trains them), each experiment shows the effect its explanation promises.
 */
import { resolveVariants } from '../../core/spec';
import { validSpec } from '../../core/__tests__/support';
import { Trainer } from '../../core/trainer';
import type { Snapshot } from '../../core/types';
import { findDemo } from '../catalogue';

/** Train every variant of a demo for its full number of epochs, from shared data and weights. */
function run(id: string, options: Parameters<Trainer['snapshot']>[0] = {}): Snapshot[] {
  const variants = resolveVariants(validSpec(findDemo(id)!.spec));
  const first = new Trainer(variants[0]);
  const trainers = [
    first,
    ...variants.slice(1).map(
      (v, i) =>
        new Trainer(v, {
          dataset: first.dataset,
          params: first.getInitialParams(),
          variantIndex: i + 1
        })
    )
  ];
  return trainers.map(t => {
    t.runEpochs(t.variant.training.epochs);
    return t.snapshot(options);
  });
}

const last = (xs: number[]) => xs[xs.length - 1];

describe('what the demos show', () => {
  it('a deep linear network equals x K + c to rounding error', () => {
    const [linear] = run('linear-collapse', { collapse: true });
    expect(linear.collapse).toBeDefined();
    expect(linear.collapse!.maxDiff).toBeLessThan(1e-9);
    // ... and it cannot fit XOR: the loss stays far from zero.
    expect(last(linear.history.trainLoss)).toBeGreaterThan(0.1);
  });

  it('XOR: ReLU reaches every point, the linear network cannot', () => {
    const [relu, identity] = run('xor-linear-vs-relu');
    expect(relu.label).not.toBe(identity.label);
    expect(last(relu.history.trainAccuracy)).toBe(1);
    expect(last(identity.history.trainAccuracy)).toBeLessThan(1);
  });

  it('the hand-made network is exact and stays so when trained', () => {
    const [net] = run('hand-made-xor', { weights: true });
    expect(last(net.history.trainLoss)).toBe(0);
    expect(net.weights!.W).toEqual([
      [
        [1, 1],
        [1, 1]
      ],
      [[1], [-2]]
    ]);
  });

  it('gradients vanish towards the input of a deep sigmoid network, not of a ReLU one', () => {
    const [sigmoid, relu] = run('vanishing-gradients');
    // Ratio of the first layer's gradient norm to the last layer's, before training.
    const ratio = (s: Snapshot) => s.history.gradNorms[0][0] / last(s.history.gradNorms[0]);
    expect(ratio(sigmoid)).toBeLessThan(0.05);
    expect(ratio(relu)).toBeGreaterThan(10 * ratio(sigmoid));
  });

  it('the spiral needs the non-linearity', () => {
    const [relu, identity] = run('softmax-spiral');
    expect(last(relu.history.trainAccuracy)).toBeGreaterThan(0.9);
    expect(last(identity.history.trainAccuracy)).toBeLessThan(0.7);
  });

  it('ReLU units fit the sine wave far better than identity units', () => {
    const [relu, identity] = run('relu-sine');
    expect(last(relu.history.trainLoss)).toBeLessThan(last(identity.history.trainLoss) / 3);
  });
});
