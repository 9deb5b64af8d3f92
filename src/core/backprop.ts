/**
 * Backpropagation for one example, unit by unit: the numbers a student writes down when
 * deriving the chain rule by hand.
 *
 * Forward, layer by layer (a[0] = x):
 *   z[l] = a[l-1] W[l-1] + b[l-1]        weighted sum of unit j of layer l
 *   a[l] = f_l(z[l])                      its output
 * Backward, from the output down:
 *   delta[L] = dLoss/dz[L]                from the loss and the output activation
 *   dLoss/da[l] = delta[l+1] W[l]^T       error sent back through the weights
 *   delta[l] = dLoss/da[l] * f_l'(z[l])   times the activation's derivative: the "factor"
 *   dLoss/dW[l][i][j] = a[l][i] delta[l+1][j],   dLoss/db[l][j] = delta[l+1][j]
 *
 * With identity activations every factor is exactly 1, so the error reaches the first layer
 * only scaled by the weights; a sigmoid's factor is at most 0.25, so each sigmoid layer
 * shrinks the error at least fourfold: the vanishing gradient.
 */
import { getActivation } from './activations';
import { lossGradient, lossValue } from './losses';
import { Matrix } from './matrix';
import type { ActivationName, LossName } from './types';

/** Weights and biases as plain arrays: W[l] is sizes[l] x sizes[l+1], b[l] has sizes[l+1]. */
export interface PlainParams {
  W: number[][][];
  b: number[][];
}

/** Everything the backward pass computes for one example. */
export interface BackpropTrace {
  /** z[l] for l = 1..L (index 0 is empty: the inputs have no weighted sum). */
  z: number[][];
  /** a[0] = the input row, a[l] = f_l(z[l]). */
  a: number[][];
  /** The example's loss. */
  loss: number;
  /** delta[l] = dLoss/dz[l] for l = 1..L (index 0 empty). */
  delta: number[][];
  /**
   * f_l'(z[l]) for l = 1..L: the factor the error is multiplied by on its way through unit j.
   * null for a softmax output, whose derivative mixes the units (the loss's delta says it all).
   */
  factor: (number[] | null)[];
  /** dLoss/dW[l] and dLoss/db[l] for this example. */
  dW: number[][][];
  db: number[][];
}

/**
 * Forward and backward pass of one example `x` (already as the first layer sees it) with
 * target row `y` through the network given by `params` and `activations` (one per layer
 * after the input, the last being the output's).
 */
export function backpropExample(
  params: PlainParams,
  activations: readonly ActivationName[],
  x: readonly number[],
  y: readonly number[],
  loss: LossName,
  options: { leakySlope?: number } = {}
): BackpropTrace {
  const L = params.W.length;
  if (activations.length !== L) {
    throw new Error(`backpropExample: ${L} layers need ${L} activations`);
  }
  const acts = activations.map(name => getActivation(name, options));
  const z: number[][] = [[]];
  const a: number[][] = [x.slice()];
  for (let l = 1; l <= L; l++) {
    const W = params.W[l - 1];
    const b = params.b[l - 1];
    const prev = a[l - 1];
    const zl = b.map((bias, j) => prev.reduce((s, v, i) => s + v * W[i][j], bias));
    z.push(zl);
    if (acts[l - 1].elementwise) {
      a.push(zl.map(v => acts[l - 1].f(v)));
    } else {
      const out = Matrix.zeros(1, zl.length);
      acts[l - 1].forward(Matrix.from([zl]), out);
      a.push(Array.from(out.data));
    }
  }
  const zL = Matrix.from([z[L]]);
  const aL = Matrix.from([a[L]]);
  const target = Matrix.from([y.slice()]);
  const value = lossValue(loss, aL, target, zL, acts[L - 1]);
  const dzL = Matrix.zeros(1, z[L].length);
  lossGradient(loss, acts[L - 1], zL, aL, target, dzL);

  const delta: number[][] = new Array<number[]>(L + 1);
  const factor: (number[] | null)[] = new Array<number[] | null>(L + 1);
  delta[0] = [];
  factor[0] = null;
  delta[L] = Array.from(dzL.data);
  factor[L] = acts[L - 1].elementwise ? z[L].map(v => acts[L - 1].df(v)) : null;
  for (let l = L - 1; l >= 1; l--) {
    const W = params.W[l];
    const next = delta[l + 1];
    const dA = z[l].map((_, i) => next.reduce((s, d, j) => s + d * W[i][j], 0));
    const f = z[l].map(v => acts[l - 1].df(v));
    factor[l] = f;
    delta[l] = dA.map((v, i) => v * f[i]);
  }
  const dW = params.W.map((W, l) =>
    W.map((row, i) => row.map((_, j) => a[l][i] * delta[l + 1][j]))
  );
  const db = params.b.map((_, l) => delta[l + 1].slice());
  return { z, a, loss: value, delta, factor, dW, db };
}
