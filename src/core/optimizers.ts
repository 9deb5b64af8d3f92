/**
 * Gradient-descent optimisers with exactly PyTorch's update rules (torch.optim.SGD with
 * dampening 0, and torch.optim.Adam without amsgrad), so that trajectories can be checked
 * against PyTorch step by step.
 *
 * For every parameter p with gradient g (g already includes the penalty term, see below):
 *
 *   sgd:       p <- p - lr g
 *   momentum:  buf <- mu buf + g   (buf = g at the first step);  p <- p - lr buf
 *   nesterov:  buf as momentum;                                   p <- p - lr (g + mu buf)
 *   adam:      m <- b1 m + (1 - b1) g;   v <- b2 v + (1 - b2) g^2          (t = 1, 2, ...)
 *              p <- p - (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 *              which is p - lr mhat / (sqrt(vhat) + eps), written in PyTorch's order of operations.
 *
 * Regularisation acts on the weights only, never on the biases:
 *
 *   l2:  g <- g + rate w       penalty (rate / 2) sum w^2  (PyTorch's weight_decay = rate)
 *   l1:  g <- g + rate sign(w) penalty rate sum |w|         (sign(0) = 0)
 *
 * `penalty(net)` gives the penalty to add to the reported loss. The gradients passed to
 * `step` are not modified.
 */
import type { Gradients, Network } from './network';
import type { OptimizerName, RegularizationName } from './types';

export type { OptimizerName, RegularizationName } from './types';

export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'adam'];

export interface OptimizerOptions {
  name: OptimizerName;
  learningRate: number;
  /** Momentum coefficient mu (momentum, nesterov). Default 0.9. */
  momentum?: number;
  /** Adam's beta1 (default 0.9). */
  beta1?: number;
  /** Adam's beta2 (default 0.999). */
  beta2?: number;
  /** Adam's epsilon (default 1e-8). */
  epsilon?: number;
  regularization?: RegularizationName;
  regularizationRate?: number;
}

export interface Optimizer {
  /** The options in use, defaults filled in. */
  readonly options: Readonly<Required<OptimizerOptions>>;
  /** Number of steps taken. */
  readonly steps: number;
  /** Update the network's weights and biases in place from the gradients of its loss. */
  step(net: Network, grads: Gradients): void;
  /** The regularisation penalty of the network's current weights (0 without regularisation). */
  penalty(net: Network): number;
  /** Change the learning rate from the next step on (the state is kept). */
  setLearningRate(lr: number): void;
  /** Forget the momentum / Adam state and the step count. */
  reset(): void;
}

export const OPTIMIZER_DEFAULTS = {
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  regularization: 'none' as RegularizationName,
  regularizationRate: 0
};

/** The penalty of the weights (biases excluded): l2 (rate/2) sum w^2, l1 rate sum |w|. */
export function weightPenalty(
  net: Network,
  regularization: RegularizationName,
  rate: number
): number {
  if (regularization === 'none' || rate === 0) {
    return 0;
  }
  let s = 0;
  for (const w of net.W) {
    const d = w.data;
    if (regularization === 'l2') {
      for (let i = 0; i < d.length; i++) {
        s += d[i] * d[i];
      }
    } else {
      for (let i = 0; i < d.length; i++) {
        s += Math.abs(d[i]);
      }
    }
  }
  return regularization === 'l2' ? 0.5 * rate * s : rate * s;
}

/**
 * One optimiser for one network. State buffers (momentum, Adam moments) are created at the
 * first step, one per weight matrix and per bias vector.
 */
class GradientDescent implements Optimizer {
  readonly options: Required<OptimizerOptions>;
  steps = 0;
  /** State per parameter tensor, in the order W[0], b[0], W[1], b[1], ... */
  private first: Float64Array[] = [];
  private second: Float64Array[] = [];

  constructor(options: OptimizerOptions) {
    const o: Required<OptimizerOptions> = {
      name: options.name,
      learningRate: options.learningRate,
      momentum: options.momentum ?? OPTIMIZER_DEFAULTS.momentum,
      beta1: options.beta1 ?? OPTIMIZER_DEFAULTS.beta1,
      beta2: options.beta2 ?? OPTIMIZER_DEFAULTS.beta2,
      epsilon: options.epsilon ?? OPTIMIZER_DEFAULTS.epsilon,
      regularization: options.regularization ?? OPTIMIZER_DEFAULTS.regularization,
      regularizationRate: options.regularizationRate ?? OPTIMIZER_DEFAULTS.regularizationRate
    };
    if (!OPTIMIZER_NAMES.includes(o.name)) {
      throw new Error(`Unknown optimiser "${String(o.name)}"`);
    }
    if (!(o.learningRate >= 0) || !Number.isFinite(o.learningRate)) {
      throw new Error(`Learning rate must be a finite number >= 0, got ${o.learningRate}`);
    }
    this.options = o;
  }

  setLearningRate(lr: number): void {
    if (!(lr >= 0) || !Number.isFinite(lr)) {
      throw new Error(`Learning rate must be a finite number >= 0, got ${lr}`);
    }
    this.options.learningRate = lr;
  }

  reset(): void {
    this.steps = 0;
    this.first = [];
    this.second = [];
  }

  penalty(net: Network): number {
    return weightPenalty(net, this.options.regularization, this.options.regularizationRate);
  }

  step(net: Network, grads: Gradients): void {
    const L = net.numLayers;
    const o = this.options;
    if (o.name === 'sgd' && (o.regularization === 'none' || o.regularizationRate === 0)) {
      // Plain SGD, p <- p - lr g, needs no state: one tight loop per tensor, no dispatch per tensor.
      const lr = o.learningRate;
      this.steps++;
      for (let l = 0; l < L; l++) {
        subtractScaled(net.W[l].data, grads.dW[l].data, lr);
        subtractScaled(net.b[l], grads.db[l], lr);
      }
      return;
    }
    if (this.first.length === 0) {
      for (let l = 0; l < L; l++) {
        this.first.push(new Float64Array(net.W[l].data.length), new Float64Array(net.b[l].length));
        if (this.options.name === 'adam') {
          this.second.push(
            new Float64Array(net.W[l].data.length),
            new Float64Array(net.b[l].length)
          );
        }
      }
    }
    this.steps++;
    for (let l = 0; l < L; l++) {
      this.update(net.W[l].data, grads.dW[l].data, 2 * l, true);
      this.update(net.b[l], grads.db[l], 2 * l + 1, false);
    }
  }

  /** Update one parameter tensor p with gradient g; `k` indexes its state buffers. */
  private update(p: Float64Array, g: Float64Array, k: number, isWeight: boolean): void {
    const o = this.options;
    const lr = o.learningRate;
    const reg = isWeight ? o.regularization : 'none';
    const rate = o.regularizationRate;
    const n = p.length;
    const buf = this.first[k];
    const first = this.steps === 1;
    switch (o.name) {
      case 'sgd':
        if (reg === 'none') {
          // p <- p - lr g; the plain case gets its own loop, free of the penalty test per entry
          for (let i = 0; i < n; i++) {
            p[i] -= lr * g[i];
          }
        } else {
          for (let i = 0; i < n; i++) {
            p[i] -= lr * regularised(g[i], p[i], reg, rate);
          }
        }
        break;
      case 'momentum': {
        const mu = o.momentum;
        for (let i = 0; i < n; i++) {
          const gi = regularised(g[i], p[i], reg, rate);
          // buf = mu buf + g (buf = g at the first step)
          buf[i] = first ? gi : mu * buf[i] + gi;
          p[i] -= lr * buf[i];
        }
        break;
      }
      case 'nesterov': {
        const mu = o.momentum;
        for (let i = 0; i < n; i++) {
          const gi = regularised(g[i], p[i], reg, rate);
          buf[i] = first ? gi : mu * buf[i] + gi;
          // p -= lr (g + mu buf)
          p[i] -= lr * (gi + mu * buf[i]);
        }
        break;
      }
      case 'adam': {
        const v = this.second[k];
        const b1 = o.beta1;
        const b2 = o.beta2;
        const t = this.steps;
        const biasCorrection1 = 1 - Math.pow(b1, t);
        const biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(b2, t));
        const stepSize = lr / biasCorrection1;
        for (let i = 0; i < n; i++) {
          const gi = regularised(g[i], p[i], reg, rate);
          // m = b1 m + (1 - b1) g, as PyTorch's lerp: m + (1 - b1)(g - m)
          buf[i] += (1 - b1) * (gi - buf[i]);
          // v = b2 v + (1 - b2) g^2
          v[i] = v[i] * b2 + (1 - b2) * gi * gi;
          // p -= (lr / bc1) m / (sqrt(v) / sqrt(bc2) + eps)
          const denom = Math.sqrt(v[i]) / biasCorrection2Sqrt + o.epsilon;
          p[i] -= stepSize * (buf[i] / denom);
        }
        break;
      }
    }
  }
}

/** p <- p - lr g, entry by entry. */
function subtractScaled(p: Float64Array, g: Float64Array, lr: number): void {
  for (let i = 0; i < p.length; i++) {
    p[i] -= lr * g[i];
  }
}

/** g plus the derivative of the weight penalty: l2 adds rate w, l1 adds rate sign(w). */
function regularised(g: number, w: number, reg: RegularizationName, rate: number): number {
  if (reg === 'l2') {
    return g + rate * w;
  }
  if (reg === 'l1') {
    return g + rate * (w > 0 ? 1 : w < 0 ? -1 : 0);
  }
  return g;
}

/** An optimiser from options (defaults: momentum 0.9, beta1 0.9, beta2 0.999, epsilon 1e-8, no regularisation). */
export function createOptimizer(options: OptimizerOptions): Optimizer {
  return new GradientDescent(options);
}
