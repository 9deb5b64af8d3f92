/**
 * Loss functions and their gradients with respect to the output layer's pre-activation Z.
 *
 * Conventions (fixed; other parts of NN Lab and the PyTorch cross-checks rely on them),
 * for a batch of B rows with K outputs, N = B * K:
 *
 *   l2  = 1/2 sum_{i,k} (yHat_ik - y_ik)^2        the classic lesson's cost: not divided by B
 *   mse = 1/N sum_{i,k} (yHat_ik - y_ik)^2        PyTorch's MSELoss (mean)
 *   bce = 1/N sum_{i,k} -[y log yHat + (1 - y) log(1 - yHat)]   PyTorch's BCELoss (mean)
 *   cce = 1/B sum_i -sum_k y_ik log yHat_ik       cross-entropy over one-hot (or probability) rows
 *
 * Two pairings are "fused": they are computed from the logits Z, which is both stable and
 * gives the famous simple gradient
 *   bce + sigmoid output:  loss_ik = max(z, 0) - z y + log1p(e^{-|z|}),  dL/dZ = (sigmoid(Z) - Y) / N
 *   cce + softmax output:  loss_i = logsumexp(z_i) sum_k y_ik - sum_k y_ik z_ik,  dL/dZ = (softmax(Z) - Y) / B
 * (for rows of Y that sum to 1). Any other pairing goes through the chain rule:
 * dL/dZ = output activation's backward(dL/dYhat).
 */
import { Matrix } from './matrix';
import { ActivationInfo, getActivation } from './activations';
import type { ActivationName, LossName } from './types';

export type { LossName } from './types';

export const LOSS_NAMES: readonly LossName[] = ['l2', 'mse', 'bce', 'cce'];

export interface LossInfo {
  name: LossName;
  label: string;
  /** LaTeX of the loss over a batch. */
  formula: string;
  description: string;
}

export const LOSSES: Readonly<Record<LossName, LossInfo>> = {
  l2: {
    name: 'l2',
    label: 'Squared error (1/2 sum)',
    formula: String.raw`L = \tfrac12 \sum_{i,k} (\hat y_{ik} - y_{ik})^2`,
    description:
      'Half the sum of squared errors over the whole batch: the cost of the classic backpropagation lesson.'
  },
  mse: {
    name: 'mse',
    label: 'Mean squared error',
    formula: String.raw`L = \frac{1}{BK} \sum_{i,k} (\hat y_{ik} - y_{ik})^2`,
    description: 'The mean of the squared errors over batch and outputs.'
  },
  bce: {
    name: 'bce',
    label: 'Binary cross-entropy',
    formula: String.raw`L = -\frac{1}{BK} \sum_{i,k} \bigl[y_{ik} \log \hat y_{ik} + (1 - y_{ik}) \log(1 - \hat y_{ik})\bigr]`,
    description: 'For outputs that are probabilities of independent yes/no labels (sigmoid output).'
  },
  cce: {
    name: 'cce',
    label: 'Categorical cross-entropy',
    formula: String.raw`L = -\frac{1}{B} \sum_{i} \sum_k y_{ik} \log \hat y_{ik}`,
    description:
      'For one-hot class targets and a softmax output: the negative log-probability of the right class.'
  }
};

/**
 * The points a loss value is divided by to be a loss per point, the unit of the training
 * history, the loss chart and the readouts: l2 sums over the points, so its value over
 * `points` rows is divided by `points`; the other losses are means over the rows already
 * (mse and bce over the outputs too), so they are divided by 1. Only what is shown changes:
 * training still lowers the loss as defined above, with its gradient.
 */
export function pointsPerValue(name: LossName, points: number): number {
  return name === 'l2' && points > 0 ? points : 1;
}

/** log is clamped at -100 for probabilities (as PyTorch's BCELoss does) so that log(0) stays finite. */
const LOG_FLOOR = -100;
/** Smallest denominator in the probability-space gradients (as PyTorch's BCELoss backward). */
const GRAD_EPS = 1e-12;

function clampedLog(p: number): number {
  const l = Math.log(p);
  return l > LOG_FLOOR ? l : LOG_FLOOR;
}

function outputName(
  out: ActivationName | ActivationInfo | undefined | null
): ActivationName | undefined {
  if (out === undefined || out === null) {
    return undefined;
  }
  return typeof out === 'string' ? out : out.name;
}

function checkShapes(what: string, yHat: Matrix, y: Matrix): void {
  if (yHat.rows !== y.rows || yHat.cols !== y.cols) {
    throw new Error(
      `${what}: prediction is ${yHat.rows} x ${yHat.cols} but target is ${y.rows} x ${y.cols}`
    );
  }
}

/**
 * The loss of predictions `yHat` against targets `y` (same shape), by the conventions above.
 * Pass the output layer's pre-activation `logits` and its `outputActivation` to use the
 * stable logit forms of bce + sigmoid and cce + softmax (recommended: that is what training does).
 */
export function lossValue(
  name: LossName,
  yHat: Matrix,
  y: Matrix,
  logits?: Matrix | null,
  outputActivation?: ActivationName | ActivationInfo | null
): number {
  checkShapes('lossValue', yHat, y);
  const sum = lossSum(name, yHat, y, logits, outputActivation, 0);
  return lossFromSum(name, sum, yHat.rows, yHat.cols);
}

/**
 * The loss's running sum over the rows of `yHat` (before the mean or the 1/2 of l2): the
 * additions continue from `sum`, row after row, in the order of one pass over a whole
 * batch, so that a batch taken in consecutive blocks of rows, each continuing the sum of the
 * one before, gives bit for bit the sum of one pass (`lossFromSum` then finishes it).
 */
export function lossSum(
  name: LossName,
  yHat: Matrix,
  y: Matrix,
  logits: Matrix | null | undefined,
  outputActivation: ActivationName | ActivationInfo | null | undefined,
  sum: number
): number {
  checkShapes('lossSum', yHat, y);
  const P = yHat.data;
  const T = y.data;
  const n = P.length;
  const B = yHat.rows;
  const K = yHat.cols;
  const act = outputName(outputActivation);
  switch (name) {
    case 'l2':
    case 'mse': {
      let s = sum;
      for (let i = 0; i < n; i++) {
        const d = P[i] - T[i];
        s += d * d;
      }
      return s;
    }
    case 'bce': {
      let s = sum;
      if (logits && act === 'sigmoid') {
        // loss = max(z, 0) - z y + log1p(e^{-|z|}), the logit form of binary cross-entropy
        const Z = logits.data;
        for (let i = 0; i < n; i++) {
          const z = Z[i];
          s += (z > 0 ? z : 0) - z * T[i] + Math.log1p(Math.exp(-Math.abs(z)));
        }
      } else {
        for (let i = 0; i < n; i++) {
          const t = T[i];
          s -= t * clampedLog(P[i]) + (1 - t) * clampedLog(1 - P[i]);
        }
      }
      return s;
    }
    case 'cce': {
      let s = sum;
      if (logits && act === 'softmax') {
        // loss_i = logsumexp(z_i) sum_k y_ik - sum_k y_ik z_ik, with logsumexp taken after subtracting the row max
        const Z = logits.data;
        for (let i = 0; i < B; i++) {
          const o = i * K;
          let max = -Infinity;
          for (let k = 0; k < K; k++) {
            if (Z[o + k] > max) {
              max = Z[o + k];
            }
          }
          let sumExp = 0;
          for (let k = 0; k < K; k++) {
            sumExp += Math.exp(Z[o + k] - max);
          }
          const lse = max + Math.log(sumExp);
          for (let k = 0; k < K; k++) {
            const t = T[o + k];
            if (t !== 0) {
              s += t * (lse - Z[o + k]);
            }
          }
        }
      } else {
        for (let i = 0; i < n; i++) {
          if (T[i] !== 0) {
            s -= T[i] * clampedLog(P[i]);
          }
        }
      }
      return s;
    }
    default:
      throw new Error(`Unknown loss "${String(name)}"`);
  }
}

/**
 * The loss of a batch of `rows` rows of `cols` outputs from its running sum (`lossSum`):
 * l2 halves it, mse and bce divide it by rows * cols, cce by rows.
 */
export function lossFromSum(name: LossName, sum: number, rows: number, cols: number): number {
  const n = rows * cols;
  switch (name) {
    case 'l2':
      return 0.5 * sum;
    case 'mse':
    case 'bce':
      return n > 0 ? sum / n : 0;
    case 'cce':
      return rows > 0 ? sum / rows : 0;
    default:
      throw new Error(`Unknown loss "${String(name)}"`);
  }
}

/**
 * dL/dYhat for the non-fused pairings, written into `out`.
 *   l2:  yHat - y          mse: 2 (yHat - y) / N
 *   bce: (yHat - y) / (yHat (1 - yHat)) / N      cce: -y / yHat / B
 (N and B of a batch of `batchRows` rows, of which these rows may be one block)
 */
export function lossGradientWrtOutput(
  name: LossName,
  yHat: Matrix,
  y: Matrix,
  out: Matrix,
  batchRows: number = yHat.rows
): Matrix {
  checkShapes('lossGradientWrtOutput', yHat, y);
  const P = yHat.data;
  const T = y.data;
  const G = out.data;
  const n = P.length;
  // N and B of the whole batch (the rows here may be one block of it)
  const N = batchRows * yHat.cols;
  switch (name) {
    case 'l2':
      for (let i = 0; i < n; i++) {
        G[i] = P[i] - T[i];
      }
      break;
    case 'mse': {
      const c = 2 / N;
      for (let i = 0; i < n; i++) {
        G[i] = c * (P[i] - T[i]);
      }
      break;
    }
    case 'bce': {
      const c = 1 / N;
      for (let i = 0; i < n; i++) {
        const p = P[i];
        G[i] = (c * (p - T[i])) / Math.max(p * (1 - p), GRAD_EPS);
      }
      break;
    }
    case 'cce': {
      const c = 1 / batchRows;
      for (let i = 0; i < n; i++) {
        G[i] = T[i] === 0 ? 0 : (-c * T[i]) / Math.max(P[i], GRAD_EPS);
      }
      break;
    }
    default:
      throw new Error(`Unknown loss "${String(name)}"`);
  }
  return out;
}

/** True when the loss and output activation pair has the fused logit gradient. */
export function isFused(name: LossName, outputActivation: ActivationName): boolean {
  return (
    (name === 'bce' && outputActivation === 'sigmoid') ||
    (name === 'cce' && outputActivation === 'softmax')
  );
}

/**
 * The loss and dL/dZ of the output layer in one call, as training needs them. For the
 * squared errors (l2, mse) the value and dL/dYhat come from one pass over the batch, which
 * matters for tiny networks where the per-call cost dominates; every other pairing is
 * `lossValue` followed by `lossGradient`, with the same results.
 */
export function lossValueAndGradient(
  name: LossName,
  outputActivation: ActivationInfo,
  z: Matrix,
  yHat: Matrix,
  y: Matrix,
  out: Matrix
): number {
  const sum = lossSumAndGradient(name, outputActivation, z, yHat, y, out, yHat.rows, 0);
  return lossFromSum(name, sum, yHat.rows, yHat.cols);
}

/**
 * `lossValueAndGradient` for one block of the rows of a batch of `batchRows` rows: the
 * loss's running sum continued from `sum` (see `lossSum`) is returned, and dL/dZ of these
 * rows, as part of the loss of the whole batch (divided by its N or B), is written into
 * `out`. Over consecutive blocks, each continuing the sum of the one before, the sum and the
 * gradients are bit for bit those of one call on the whole batch.
 */
export function lossSumAndGradient(
  name: LossName,
  outputActivation: ActivationInfo,
  z: Matrix,
  yHat: Matrix,
  y: Matrix,
  out: Matrix,
  batchRows: number,
  sum: number
): number {
  if (name !== 'l2' && name !== 'mse') {
    const s = lossSum(name, yHat, y, z, outputActivation, sum);
    lossGradient(name, outputActivation, z, yHat, y, out, batchRows);
    return s;
  }
  checkShapes('lossValueAndGradient', yHat, y);
  const P = yHat.data;
  const T = y.data;
  const G = out.data;
  const n = P.length;
  const N = batchRows * yHat.cols;
  // l2: L = 0.5 sum d^2, dL/dYhat = d;  mse: L = sum d^2 / N, dL/dYhat = 2 d / N  (d = yHat - y)
  const c = name === 'l2' ? 1 : N > 0 ? 2 / N : 0;
  let s = sum;
  for (let i = 0; i < n; i++) {
    const d = P[i] - T[i];
    s += d * d;
    G[i] = c * d;
  }
  // Chain rule through the output activation, in place.
  outputActivation.backward(z, yHat, out, out);
  return s;
}

/**
 * dL/dZ of the output layer, written into `out` (same shape as `yHat`; may not alias `yHat` or `y`).
 * When the rows are one block of a batch of `batchRows` rows, the gradient is that of the
 * whole batch's loss (divided by the batch's N or B, not the block's).
 * `z` is the output pre-activation and `yHat` = outputActivation(z).
 */
export function lossGradient(
  name: LossName,
  outputActivation: ActivationName | ActivationInfo,
  z: Matrix,
  yHat: Matrix,
  y: Matrix,
  out: Matrix,
  batchRows: number = yHat.rows
): Matrix {
  checkShapes('lossGradient', yHat, y);
  const act =
    typeof outputActivation === 'string' ? getActivation(outputActivation) : outputActivation;
  const P = yHat.data;
  const T = y.data;
  const G = out.data;
  const n = P.length;
  if (name === 'bce' && act.name === 'sigmoid') {
    // dL/dZ = (sigmoid(Z) - Y) / N
    const c = 1 / (batchRows * yHat.cols);
    for (let i = 0; i < n; i++) {
      G[i] = c * (P[i] - T[i]);
    }
    return out;
  }
  if (name === 'cce' && act.name === 'softmax') {
    // dL/dZ_ik = (softmax(z_i)_k sum_j y_ij - y_ik) / B, which is (softmax(Z) - Y) / B for one-hot rows
    const B = yHat.rows;
    const K = yHat.cols;
    const c = 1 / batchRows;
    for (let i = 0; i < B; i++) {
      const o = i * K;
      let rowSum = 0;
      for (let k = 0; k < K; k++) {
        rowSum += T[o + k];
      }
      for (let k = 0; k < K; k++) {
        G[o + k] = c * (P[o + k] * rowSum - T[o + k]);
      }
    }
    return out;
  }
  // Chain rule: dL/dZ = backward of the output activation applied to dL/dYhat (in place in out).
  lossGradientWrtOutput(name, yHat, y, out, batchRows);
  act.backward(z, yHat, out, out);
  return out;
}
