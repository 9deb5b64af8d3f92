import { ActivationName, ResolvedVariant } from '../types';

/**
 * A resolved variant with the defaults of the lesson, overridden where given.
 * Tests build variants directly rather than through the spec validator.
 */
export function makeVariant(
  overrides: {
    data?: Partial<ResolvedVariant['data']>;
    network?: Partial<ResolvedVariant['network']>;
    training?: Partial<ResolvedVariant['training']>;
    grid?: number;
    label?: string;
  } = {}
): ResolvedVariant {
  const layers = overrides.network?.layers ?? [2, 4, 1];
  const activation: ActivationName = 'tanh';
  return {
    label: overrides.label ?? 'test',
    grid: overrides.grid ?? 10,
    data: { name: 'xor', n: 4, noise: 0, trainFraction: 1, classes: 2, ...overrides.data },
    network: {
      layers,
      activation,
      activations: new Array<ActivationName>(layers.length - 2).fill(activation),
      output: 'sigmoid',
      init: 'xavier',
      ...overrides.network
    },
    training: {
      loss: 'bce',
      optimizer: 'adam',
      learningRate: 0.05,
      momentum: 0.9,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
      batchSize: 0,
      epochs: 500,
      seed: 0,
      rng: 'default',
      regularization: 'none',
      regularizationRate: 0,
      shuffle: true,
      ...overrides.training
    }
  };
}

/**
 * The textbook network that computes XOR exactly with two ReLU units (Goodfellow, Bengio and
 * Courville, Deep Learning, section 6.1): y = max(0, x W + c) w + b with W all ones,
 * c = (0, -1), w = (1, -2) and b = 0. Its activation is left to each test.
 */
export const HAND_MADE_XOR: { layers: number[]; weights: number[][][]; biases: number[][] } = {
  layers: [2, 2, 1],
  weights: [
    [
      [1, 1],
      [1, 1]
    ],
    [[1], [-2]]
  ],
  biases: [[0, -1], [0]]
};
