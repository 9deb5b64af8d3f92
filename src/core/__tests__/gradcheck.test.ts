/**
 * Finite-difference gradient checks of whole networks: every weight and bias of every layer,
 * for mixed activations and each loss (fused pairs and the chain-rule paths).
 */
import { Matrix } from '../matrix';
import { Network } from '../network';
import { createRng, Rng } from '../rng';
import type { ActivationName, LossName } from '../types';

/** |a - b| relative to the larger magnitude, with a floor so that near-zero gradients compare absolutely. */
function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-4);
}

function randomMatrix(rng: Rng, rows: number, cols: number, scale = 1): Matrix {
  return new Matrix(
    rows,
    cols,
    Float64Array.from({ length: rows * cols }, () => scale * rng.normal())
  );
}

function targetsFor(loss: LossName, rng: Rng, rows: number, cols: number): Matrix {
  const y = Matrix.zeros(rows, cols);
  for (let i = 0; i < rows; i++) {
    if (loss === 'cce') {
      y.set(i, rng.int(cols), 1);
    } else {
      for (let j = 0; j < cols; j++) {
        y.set(i, j, loss === 'bce' ? rng.int(2) : rng.normal());
      }
    }
  }
  return y;
}

interface Case {
  sizes: number[];
  activations: ActivationName[];
  loss: LossName;
}

const CASES: Case[] = [
  { sizes: [2, 4, 3, 1], activations: ['tanh', 'relu', 'sigmoid'], loss: 'bce' },
  { sizes: [3, 5, 4, 3], activations: ['gelu', 'elu', 'softmax'], loss: 'cce' },
  { sizes: [2, 3, 3, 2], activations: ['swish', 'softplus', 'identity'], loss: 'l2' },
  { sizes: [2, 4, 4, 4, 2], activations: ['sin', 'cos', 'leaky_relu', 'tanh'], loss: 'mse' },
  { sizes: [2, 4, 3], activations: ['relu', 'softmax'], loss: 'mse' },
  { sizes: [2, 5, 3], activations: ['sigmoid', 'softmax'], loss: 'l2' },
  { sizes: [3, 4, 2], activations: ['tanh', 'sigmoid'], loss: 'mse' },
  { sizes: [1, 6, 1], activations: ['elu', 'identity'], loss: 'mse' },
  { sizes: [2, 3, 2], activations: ['gelu', 'sigmoid'], loss: 'cce' },
  { sizes: [4, 3], activations: ['softmax'], loss: 'bce' }
];

describe.each(
  CASES.map((c, i) => [i, c.sizes.join('-'), c.activations.join(','), c.loss, c] as const)
)('case %d: %s [%s] with %s', (i, _sizes, _acts, _loss, c) => {
  it('backprop gradients equal central differences for every weight and bias', () => {
    const rng = createRng(100 + i);
    const net = Network.create(c.sizes, c.activations, 'xavier', rng);
    // Non-zero biases so that their gradients are exercised away from the origin.
    const p = net.getParams();
    p.b.forEach(v => v.forEach((_, j) => (v[j] = 0.3 * rng.normal())));
    net.setParams(p);
    const B = 5;
    const X = randomMatrix(rng, B, c.sizes[0]);
    const Y = targetsFor(c.loss, rng, B, c.sizes[c.sizes.length - 1]);

    const { gradients } = net.lossAndGradients(X, Y, c.loss);
    const dW = gradients.dW.map(m => m.clone());
    const db = gradients.db.map(v => v.slice());
    const norms = gradients.norms.slice();

    const h = 1e-5;
    const lossAt = (): number => net.loss(X, Y, c.loss);
    let checked = 0;
    for (let l = 0; l < net.numLayers; l++) {
      const params: [Float64Array, Float64Array][] = [
        [net.W[l].data, dW[l].data],
        [net.b[l], db[l]]
      ];
      let sq = 0;
      for (const [theta, grad] of params) {
        for (let k = 0; k < theta.length; k++) {
          const saved = theta[k];
          theta[k] = saved + h;
          const lp = lossAt();
          theta[k] = saved - h;
          const lm = lossAt();
          theta[k] = saved;
          const numeric = (lp - lm) / (2 * h);
          expect(relErr(grad[k], numeric)).toBeLessThan(1e-6);
          sq += grad[k] * grad[k];
          checked++;
        }
      }
      // The per-layer norm is the Frobenius norm of dW and db together.
      expect(norms[l]).toBeCloseTo(Math.sqrt(sq), 12);
    }
    expect(checked).toBe(net.numParams);
  });
});
