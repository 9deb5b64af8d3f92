import { ActivationName, ResolvedVariant } from '../types';

/**
 * A resolved variant with the defaults of the lesson, overridden where given.
 * Tests build variants directly rather than through the spec validator.
 */
export function makeVariant(overrides: {
  data?: Partial<ResolvedVariant['data']>;
  network?: Partial<ResolvedVariant['network']>;
  training?: Partial<ResolvedVariant['training']>;
  grid?: number;
  label?: string;
} = {}): ResolvedVariant {
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
