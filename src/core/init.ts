/**
 * Weight initialisation.
 *
 * Layer l maps sizes[l] inputs to sizes[l+1] outputs with Y = X W + b, so W[l] is
 * sizes[l] x sizes[l+1] (fan_in x fan_out). Weights are drawn layer by layer, each W in
 * row-major order, so that with the `'numpy'` generator
 *
 *   xavier / he / normal:  W[l] = np.random.randn(fan_in, fan_out) * std
 *   uniform:               W[l] = (np.random.rand(fan_in, fan_out) * 2 - 1) * limit
 *
 * drawn in layer order after `np.random.seed(seed)`, each then multiplied by the spec's
 * `initScale` when it is not 1 (so `init: 'normal', initScale: 0.01` is exactly
 * `0.01 * np.random.randn(fan_in, fan_out)`). Biases start at zero.
 *
 * | scheme  | distribution                                  | why                                           |
 * | ------- | --------------------------------------------- | --------------------------------------------- |
 * | uniform | U(-1/sqrt(fan_in), 1/sqrt(fan_in))            | the classic default (PyTorch's Linear bound)  |
 * | xavier  | N(0, std^2), std = sqrt(2 / (fan_in+fan_out)) | keeps variance through tanh/sigmoid layers    |
 * | he      | N(0, std^2), std = sqrt(2 / fan_in)           | keeps variance through ReLU layers            |
 * | normal  | N(0, 1), std = 1, not scaled                  | shows what happens without any scaling        |
 * | zeros   | all weights 0                                 | shows the symmetry problem: units stay equal  |
 */
import { Matrix } from './matrix';
import type { Rng } from './rng';
import type { InitName } from './types';

export type { InitName } from './types';

export const INIT_NAMES: readonly InitName[] = ['uniform', 'xavier', 'he', 'normal', 'zeros'];

/** The trainable parameters of a dense network: W[l] is sizes[l] x sizes[l+1], b[l] has sizes[l+1] entries. */
export interface NetworkParams {
  W: Matrix[];
  b: Float64Array[];
}

/**
 * The scale of a scheme for one layer: the standard deviation of the normal schemes,
 * the half-width `limit` of the uniform one, 0 for zeros.
 */
export function initScale(init: InitName, fanIn: number, fanOut: number): number {
  switch (init) {
    case 'uniform':
      return 1 / Math.sqrt(fanIn); // limit = 1 / sqrt(fan_in)
    case 'xavier':
      return Math.sqrt(2 / (fanIn + fanOut)); // Glorot normal: std = sqrt(2 / (fan_in + fan_out))
    case 'he':
      return Math.sqrt(2 / fanIn); // He normal: std = sqrt(2 / fan_in)
    case 'normal':
      return 1; // std = 1
    case 'zeros':
      return 0;
    default:
      throw new Error(`Unknown initialisation "${String(init)}"`);
  }
}

function checkSizes(sizes: readonly number[]): void {
  if (sizes.length < 2) {
    throw new Error(
      `A network needs at least an input and an output layer, got sizes [${sizes.join(', ')}]`
    );
  }
  sizes.forEach((n, i) => {
    if (!Number.isInteger(n) || n < 1) {
      throw new Error(`Layer ${i} must have a positive whole number of units, got ${n}`);
    }
  });
}

/** Draw the weights of every layer (see the table above); biases are zero. */
export function initialiseWeights(
  sizes: readonly number[],
  init: InitName,
  rng: Rng,
  factor = 1
): NetworkParams {
  checkSizes(sizes);
  const W: Matrix[] = [];
  const b: Float64Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const w = Matrix.zeros(fanIn, fanOut);
    const scale = initScale(init, fanIn, fanOut);
    const d = w.data;
    if (init === 'uniform') {
      // (u * 2 - 1) * limit, u uniform in [0, 1): NumPy's (rand(...) * 2 - 1) * limit, same rounding
      for (let i = 0; i < d.length; i++) {
        d[i] = (rng.uniform() * 2 - 1) * scale;
      }
    } else if (init !== 'zeros') {
      for (let i = 0; i < d.length; i++) {
        d[i] = rng.normal() * scale;
      }
    }
    if (factor !== 1) {
      // A second rounding, as NumPy's (randn(...) * std) * factor; for std = 1 the first is exact.
      for (let i = 0; i < d.length; i++) {
        d[i] *= factor;
      }
    }
    W.push(w);
    b.push(new Float64Array(fanOut));
  }
  return { W, b };
}

/**
 * Shape problems of explicit weights and biases (as given in a spec) for the layer sizes,
 * as messages naming the offending entry; an empty list means they fit.
 */
export function checkExplicitParams(
  sizes: readonly number[],
  weights?: readonly (readonly (readonly number[])[])[] | null,
  biases?: readonly (readonly number[])[] | null
): string[] {
  const errors: string[] = [];
  const L = sizes.length - 1;
  if (weights) {
    if (weights.length !== L) {
      errors.push(`weights: expected ${L} matrices (one per layer), got ${weights.length}`);
    }
    for (let l = 0; l < Math.min(L, weights.length); l++) {
      const w = weights[l];
      if (!Array.isArray(w) || w.length !== sizes[l]) {
        errors.push(
          `weights[${l}]: expected ${sizes[l]} rows (${sizes[l]} x ${sizes[l + 1]}), got ${Array.isArray(w) ? w.length : typeof w}`
        );
        continue;
      }
      w.forEach((row, i) => {
        if (!Array.isArray(row) || row.length !== sizes[l + 1]) {
          errors.push(
            `weights[${l}][${i}]: expected ${sizes[l + 1]} numbers, got ${Array.isArray(row) ? row.length : typeof row}`
          );
        } else if (row.some(v => typeof v !== 'number' || !Number.isFinite(v))) {
          errors.push(`weights[${l}][${i}]: entries must be finite numbers`);
        }
      });
    }
  }
  if (biases) {
    if (biases.length !== L) {
      errors.push(`biases: expected ${L} vectors (one per layer), got ${biases.length}`);
    }
    for (let l = 0; l < Math.min(L, biases.length); l++) {
      const v = biases[l];
      if (!Array.isArray(v) || v.length !== sizes[l + 1]) {
        errors.push(
          `biases[${l}]: expected ${sizes[l + 1]} numbers, got ${Array.isArray(v) ? v.length : typeof v}`
        );
      } else if (v.some(x => typeof x !== 'number' || !Number.isFinite(x))) {
        errors.push(`biases[${l}]: entries must be finite numbers`);
      }
    }
  }
  return errors;
}

/**
 * The initial parameters of a network: explicit `weights` / `biases` where given (validated
 * for shape, an Error otherwise), drawn by `init` (weights) or zero (biases) where not.
 * The random draws happen only when weights are not given, so explicit weights consume no
 * random numbers.
 */
export function makeInitialParams(
  sizes: readonly number[],
  init: InitName,
  rng: Rng,
  weights?: number[][][] | null,
  biases?: number[][] | null,
  factor = 1
): NetworkParams {
  checkSizes(sizes);
  const errors = checkExplicitParams(sizes, weights, biases);
  if (errors.length > 0) {
    throw new Error(
      `Explicit parameters do not fit layers [${sizes.join(', ')}]: ${errors.join('; ')}`
    );
  }
  const params: NetworkParams = weights
    ? { W: weights.map(w => Matrix.from(w)), b: sizes.slice(1).map(n => new Float64Array(n)) }
    : initialiseWeights(sizes, init, rng, factor);
  if (biases) {
    params.b = biases.map(v => Float64Array.from(v));
  }
  return params;
}
