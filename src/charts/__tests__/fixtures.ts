/**
 * Hand-built data sets and snapshots for the chart tests: small enough that every expected
 * number can be worked out by hand from the values written here.
 */
import type { DataSummary, ResolvedVariant, Snapshot } from '../../core/types';
import { readTheme } from '../theme';
import type { ChartInput, ChartTheme, Trace } from '../types';

/** The theme with every fallback value (no DOM in the Node environment). */
export function plainTheme(): ChartTheme {
  return readTheme(null);
}

/** The four XOR points, all for training. */
export function xorData(): DataSummary {
  return {
    x: [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1]
    ],
    y: [0, 1, 1, 0],
    train: [0, 1, 2, 3],
    test: [],
    task: 'classification',
    nClasses: 2,
    inputDim: 2,
    domain: [
      [-0.5, 1.5],
      [-0.5, 1.5]
    ]
  };
}

/** A snapshot with an empty history; fill in what a test needs. */
export function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    variant: 0,
    label: 'relu',
    epoch: 0,
    totalEpochs: 100,
    done: false,
    task: 'classification',
    nClasses: 2,
    history: {
      epoch: [],
      trainLoss: [],
      testLoss: [],
      trainAccuracy: [],
      testAccuracy: [],
      gradNorms: []
    },
    ...overrides
  };
}

/**
 * The history of three epochs (0, 5, 10) with a flat training loss and each epoch's gradient
 * norm per layer (`gradNorms[epoch][layer]`): what the gradients view draws.
 */
export function gradientHistory(gradNorms: number[][]): Snapshot['history'] {
  return {
    epoch: [0, 5, 10],
    trainLoss: [1, 1, 1],
    testLoss: [],
    trainAccuracy: [],
    testAccuracy: [],
    gradNorms
  };
}

/** A resolved variant with the given output activation (only the fields charts read). */
export function variant(
  output: ResolvedVariant['network']['output'],
  activations: ResolvedVariant['network']['activations'] = ['relu']
): ResolvedVariant {
  return {
    label: 'v',
    data: { name: 'xor', n: 4, noise: 0, trainFraction: 1, classes: 2 },
    network: { layers: [2, 2, 1], activation: activations[0], activations, output, init: 'zeros' },
    training: {
      loss: 'mse',
      optimizer: 'sgd',
      learningRate: 0.1,
      momentum: 0,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
      batchSize: 0,
      epochs: 10,
      seed: 0,
      rng: 'default',
      regularization: 'none',
      regularizationRate: 0,
      shuffle: false
    },
    grid: 10
  };
}

export function input(
  snapshots: Snapshot[],
  data: DataSummary,
  extra: Partial<ChartInput> = {}
): ChartInput {
  return { snapshots, data, theme: plainTheme(), ...extra };
}

/** The traces with the given name. */
export function named(traces: Trace[], name: string): Trace[] {
  return traces.filter(t => t.name === name);
}

/** A trace's array attribute as a plain array. */
export function arr<T = number>(values: unknown): T[] {
  return Array.from(values as ArrayLike<T>);
}

/** The hand-made XOR network's forward pass (the values view). */
export const XOR_VALUES: NonNullable<Snapshot['values']> = {
  x: [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1]
  ],
  layers: [
    {
      activation: 'relu',
      Z: [
        [0, -1],
        [1, 0],
        [1, 0],
        [2, 1]
      ],
      A: [
        [0, 0],
        [1, 0],
        [1, 0],
        [2, 1]
      ]
    },
    { activation: 'identity', Z: [[0], [1], [1], [0]], A: [[0], [1], [1], [0]] }
  ]
};
