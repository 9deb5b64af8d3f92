/**
 * Divergence is judged relative to where training started: exploding runs stop with the
 * message for every optimiser, even when the loss stays far below any fixed threshold, and a
 * run whose untrained loss is already huge trains on.
 */
import {
  LOSS_GROWTH,
  WEIGHT_GROWTH,
  baseline,
  largestMagnitude,
  lossDiverged,
  weightsDiverged
} from '../divergence';
import { resolveVariants, validateSpec } from '../spec';
import { Trainer } from '../trainer';
import { OptimizerName } from '../types';

function trainer(spec: unknown): Trainer {
  const result = validateSpec(spec);
  if (!result.ok) {
    throw new Error(JSON.stringify(result.errors));
  }
  return new Trainer(resolveVariants(result.spec)[0]);
}

describe('the divergence rule', () => {
  it('compares the loss with the starting loss, at least 1', () => {
    const start = baseline(2, 0.5);
    expect(lossDiverged(2 * LOSS_GROWTH * 0.99, start)).toBe(false);
    expect(lossDiverged(2 * LOSS_GROWTH * 1.01, start)).toBe(true);
    expect(lossDiverged(NaN, start)).toBe(true);
    expect(lossDiverged(Infinity, start)).toBe(true);
    // A tiny starting loss does not make ordinary losses look explosive.
    expect(lossDiverged(0.5 * LOSS_GROWTH, baseline(1e-9, 0))).toBe(false);
    // A huge starting loss is the scale, not an explosion.
    expect(lossDiverged(1.8e12, baseline(1.8e12, 1))).toBe(false);
  });

  it('compares the largest weight with the starting one, at least 1', () => {
    const start = baseline(1, 3);
    expect(weightsDiverged(3 * WEIGHT_GROWTH, start)).toBe(false);
    expect(weightsDiverged(3.1 * WEIGHT_GROWTH, start)).toBe(true);
    expect(weightsDiverged(NaN, start)).toBe(true);
    expect(largestMagnitude([new Float64Array([1, -7, 2]), [3]])).toBe(7);
    expect(largestMagnitude([[1, NaN, 9]])).toBeNaN();
  });
});

describe('exploding runs stop with the message, for every optimiser', () => {
  // Four gaussians at learning rate 10: the loss reaches millions (far below the old fixed
  // threshold of 1e12, which let such runs go on for ever). Adam's steps have a fixed size,
  // so it needs many of them: one point per batch and a linear network.
  const cases: Array<[OptimizerName, Record<string, unknown>]> = [
    ['sgd', {}],
    ['momentum', {}],
    ['nesterov', {}],
    ['adam', { batchSize: 1, activation: 'identity' }]
  ];
  it.each(cases)('%s', (optimizer, extra) => {
    const { activation, ...training } = extra as { activation?: string };
    const t = trainer({
      data: { name: 'gaussians', classes: 4, n: 200 },
      network: { layers: [2, 8, 4], ...(activation ? { activation } : {}) },
      training: { optimizer, learningRate: 10, epochs: 100, seed: 1, ...training }
    });
    t.runEpochs(100);
    expect(t.error).not.toBeNull();
    expect(t.error!.message).toMatch(/^Training stopped at epoch \d+: the loss exploded to/);
    const exploded = Number(/exploded to (\d[\d.]*e[+-]\d+)/.exec(t.error!.message)![1]);
    expect(exploded).toBeLessThan(1e12);
    expect(t.history.trainLoss.every(Number.isFinite)).toBe(true);
  });
});

describe('huge but stable runs go on', () => {
  it('a regression whose untrained loss is above 1e12 trains without stopping', () => {
    const x = Array.from({ length: 50 }, (_, i) => [i / 50]);
    const y = Array.from({ length: 50 }, (_, i) => [9e5 + 1e5 * Math.sin(i) + 0.5]);
    const t = trainer({
      data: { name: 'custom', x, y, trainFraction: 1 },
      network: { layers: [1, 8, 1], output: 'identity' },
      training: { loss: 'l2', optimizer: 'adam', learningRate: 0.03, epochs: 40 }
    });
    t.runEpochs(40);
    const losses = t.history.trainLoss;
    // The history holds the loss per point; times the 50 points it is the l2 as defined.
    expect(losses[0] * x.length).toBeGreaterThan(1e12);
    expect(t.error).toBeNull();
    expect(t.epoch).toBe(40);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
  });
});
