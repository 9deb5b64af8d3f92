/**
 * One example's backward pass, unit by unit, against finite differences of the loss and
 * against the network's own batched backward pass.
 */
import { backpropExample, PlainParams } from '../backprop';
import { lossValue } from '../losses';
import { Matrix } from '../matrix';
import { Network } from '../network';
import { createRng } from '../rng';
import type { ActivationName, LossName } from '../types';

function randomParams(sizes: number[], seed: number): PlainParams {
  const rng = createRng(seed);
  const W: number[][][] = [];
  const b: number[][] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    W.push(
      Array.from({ length: sizes[l] }, () =>
        Array.from({ length: sizes[l + 1] }, () => rng.normal())
      )
    );
    b.push(Array.from({ length: sizes[l + 1] }, () => 0.5 * rng.normal()));
  }
  return { W, b };
}

function lossOf(
  sizes: number[],
  acts: ActivationName[],
  p: PlainParams,
  x: number[],
  y: number[],
  loss: LossName
): number {
  const net = new Network(sizes, acts, {
    W: p.W.map(w => Matrix.from(w)),
    b: p.b.map(v => Float64Array.from(v))
  });
  const cache = net.forward(Matrix.from([x]));
  const L = sizes.length - 1;
  return lossValue(loss, cache.A[L], Matrix.from([y]), cache.Z[L], acts[L - 1]);
}

const CASES: {
  name: string;
  sizes: number[];
  acts: ActivationName[];
  loss: LossName;
  y: number[];
}[] = [
  {
    name: 'tanh + sigmoid/bce',
    sizes: [2, 4, 3, 1],
    acts: ['tanh', 'tanh', 'sigmoid'],
    loss: 'bce',
    y: [1]
  },
  {
    name: 'sigmoid + identity/l2',
    sizes: [3, 5, 2],
    acts: ['sigmoid', 'identity'],
    loss: 'l2',
    y: [0.3, -1]
  },
  {
    name: 'softplus + softmax/cce',
    sizes: [2, 4, 3],
    acts: ['softplus', 'softmax'],
    loss: 'cce',
    y: [0, 0, 1]
  },
  {
    name: 'identity + identity/mse',
    sizes: [2, 3, 3, 1],
    acts: ['identity', 'identity', 'identity'],
    loss: 'mse',
    y: [2]
  }
];

describe('backpropExample', () => {
  for (const c of CASES) {
    it(`${c.name}: every dLoss/dW and dLoss/db equals a central finite difference`, () => {
      const p = randomParams(c.sizes, 3);
      const x = c.sizes[0] === 2 ? [0.7, -0.4] : [0.2, -1.1, 0.5];
      const trace = backpropExample(p, c.acts, x, c.y, c.loss);
      expect(trace.loss).toBeCloseTo(lossOf(c.sizes, c.acts, p, x, c.y, c.loss), 12);
      const h = 1e-6;
      let checked = 0;
      p.W.forEach((W, l) => {
        W.forEach((row, i) => {
          row.forEach((w, j) => {
            row[j] = w + h;
            const up = lossOf(c.sizes, c.acts, p, x, c.y, c.loss);
            row[j] = w - h;
            const down = lossOf(c.sizes, c.acts, p, x, c.y, c.loss);
            row[j] = w;
            const fd = (up - down) / (2 * h);
            expect(Math.abs(trace.dW[l][i][j] - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
            checked++;
          });
        });
        p.b[l].forEach((v, j) => {
          p.b[l][j] = v + h;
          const up = lossOf(c.sizes, c.acts, p, x, c.y, c.loss);
          p.b[l][j] = v - h;
          const down = lossOf(c.sizes, c.acts, p, x, c.y, c.loss);
          p.b[l][j] = v;
          expect(Math.abs(trace.db[l][j] - (up - down) / (2 * h))).toBeLessThan(1e-6);
        });
      });
      expect(checked).toBeGreaterThan(5);
    });
  }

  it('agrees with the network batched backward pass on a batch of one', () => {
    const sizes = [2, 4, 3, 1];
    const acts: ActivationName[] = ['relu', 'tanh', 'sigmoid'];
    const p = randomParams(sizes, 7);
    const trace = backpropExample(p, acts, [0.3, 0.9], [0], 'bce');
    const net = new Network(sizes, acts, {
      W: p.W.map(w => Matrix.from(w)),
      b: p.b.map(v => Float64Array.from(v))
    });
    const g = net.lossAndGradients(Matrix.from([[0.3, 0.9]]), Matrix.from([[0]]), 'bce').gradients;
    g.dW.forEach((dW, l) => {
      expect(
        dW
          .toArray()
          .flat()
          .map(v => +v.toFixed(12))
      ).toEqual(trace.dW[l].flat().map(v => +v.toFixed(12)));
    });
  });

  it('identity network: every hidden factor is exactly 1', () => {
    const sizes = [2, 3, 3, 1];
    const p = randomParams(sizes, 1);
    const trace = backpropExample(p, ['identity', 'identity', 'identity'], [1, 2], [0], 'l2');
    for (let l = 1; l <= 3; l++) {
      expect(trace.factor[l]!.every(f => f === 1)).toBe(true);
    }
  });

  it('sigmoid network: every factor is at most 0.25, and the error shrinks layer by layer', () => {
    const sizes = [2, 8, 8, 8, 8, 1];
    const acts: ActivationName[] = ['sigmoid', 'sigmoid', 'sigmoid', 'sigmoid', 'sigmoid'];
    const p = randomParams(sizes, 5);
    const trace = backpropExample(p, acts, [0.5, -0.5], [1], 'l2');
    for (let l = 1; l <= 5; l++) {
      expect(Math.max(...trace.factor[l]!)).toBeLessThanOrEqual(0.25);
    }
    const norm = (v: number[]) => Math.hypot(...v);
    expect(norm(trace.delta[1])).toBeLessThan(norm(trace.delta[4]));
  });
});
