/**
 * Input features: what the network's first layer sees, computed from a point's own
 * coordinates (x1, x2). With features the first layer is as wide as the list of features,
 * while the data set, its domain and every map stay in the data's own coordinates.
 *
 * A product x1 * x2 is a non-linear function of the inputs; a network that receives it needs
 * no hidden layer to separate XOR, because the corners' product already tells the classes
 * apart. The non-linearity can come from the features or from the activations.
 */

import { Matrix } from './matrix';
import type { FeatureName } from './names';

export { FEATURE_NAMES, usesSecondInput } from './names';
export type { FeatureName } from './names';

/** Each feature as a function of one input row. */
const FEATURE_FUNCTIONS: Readonly<Record<FeatureName, (x1: number, x2: number) => number>> = {
  x1: x1 => x1,
  x2: (_x1, x2) => x2,
  'x1*x2': (x1, x2) => x1 * x2,
  'x1^2': x1 => x1 * x1,
  'x2^2': (_x1, x2) => x2 * x2,
  'sin(x1)': x1 => Math.sin(x1),
  'sin(x2)': (_x1, x2) => Math.sin(x2)
};

/**
 * The features of every row of `X` (n x 1 or n x 2): an n x features.length matrix.
 * A 1-D row has no x2; features that read it are rejected by the spec's checks first.
 */
export function applyFeatures(X: Matrix, features: readonly FeatureName[]): Matrix {
  const out = Matrix.zeros(X.rows, features.length);
  const fns = features.map(f => FEATURE_FUNCTIONS[f]);
  const twoD = X.cols >= 2;
  for (let i = 0; i < X.rows; i++) {
    const x1 = X.get(i, 0);
    const x2 = twoD ? X.get(i, 1) : 0;
    for (let j = 0; j < fns.length; j++) {
      out.set(i, j, fns[j](x1, x2));
    }
  }
  return out;
}

/** The features of one point, e.g. for a readout of a single row. */
export function featureRow(point: readonly number[], features: readonly FeatureName[]): number[] {
  return features.map(f => FEATURE_FUNCTIONS[f](point[0], point.length > 1 ? point[1] : 0));
}
