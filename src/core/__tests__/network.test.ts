import { Matrix } from '../matrix';
import { Network, cloneCache, cloneGradients } from '../network';
import { createRng } from '../rng';
import { initialiseWeights, makeInitialParams } from '../init';
import type { ActivationName } from '../types';

const XOR_X = Matrix.from([
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1]
]);

/** The hand-made XOR network: h = relu(x W + c), y = h w + b. */
function handMadeXor(): Network {
  return new Network(
    [2, 2, 1],
    ['relu', 'identity'],
    makeInitialParams(
      [2, 2, 1],
      'zeros',
      createRng(0),
      [
        [
          [1, 1],
          [1, 1]
        ],
        [[1], [-2]]
      ],
      [[0, -1], [0]]
    )
  );
}

describe('Network forward', () => {
  it('computes XOR exactly with the hand-made 2-2-1 ReLU network', () => {
    const net = handMadeXor();
    const y = net.predict(XOR_X);
    expect(Array.from(y.data)).toEqual([0, 1, 1, 0]);
    const cache = net.forward(XOR_X);
    // The hidden layer maps the four points to (0,0), (1,0), (1,0), (2,1).
    expect(cache.A[1].toArray()).toEqual([
      [0, 0],
      [1, 0],
      [1, 0],
      [2, 1]
    ]);
    expect(cache.Z[1].toArray()).toEqual([
      [0, -1],
      [1, 0],
      [1, 0],
      [2, 1]
    ]);
    expect(cache.A[0]).toBe(XOR_X);
    expect(cache.Z[0]).toBe(XOR_X);
  });

  it('fails XOR when the hidden ReLU is replaced by the identity (the net collapses to an affine map)', () => {
    const net = handMadeXor();
    net.setActivations(['identity', 'identity']);
    const y = Array.from(net.predict(XOR_X).data);
    expect(y).not.toEqual([0, 1, 1, 0]);
    // Affine: f(0,0) + f(1,1) = f(0,1) + f(1,0)
    expect(y[0] + y[3]).toBeCloseTo(y[1] + y[2], 12);
  });

  it('matches a naive per-sample computation on a deeper mixed network', () => {
    const sizes = [3, 5, 4, 2];
    const acts: ActivationName[] = ['tanh', 'gelu', 'sigmoid'];
    const net = Network.create(sizes, acts, 'xavier', createRng(3));
    const p = net.getParams();
    p.b = p.b.map(v => v.map((_, i) => 0.1 * (i + 1)));
    net.setParams(p);
    const rng = createRng(9);
    const X = new Matrix(
      6,
      3,
      Float64Array.from({ length: 18 }, () => rng.normal())
    );
    const out = net.predict(X);
    const f: Record<string, (x: number) => number> = {
      tanh: Math.tanh,
      sigmoid: x => 1 / (1 + Math.exp(-x)),
      gelu: x => {
        // 0.5 x (1 + erf(x / sqrt 2)) via a high-order numerical integral of the normal density
        const steps = 20000;
        const h = x / steps;
        let s = 0;
        for (let k = 0; k <= steps; k++) {
          const t = k * h;
          const w = k === 0 || k === steps ? 1 : k % 2 ? 4 : 2;
          s += w * Math.exp(-0.5 * t * t);
        }
        return x * (0.5 + (s * h) / 3 / Math.sqrt(2 * Math.PI));
      }
    };
    for (let i = 0; i < X.rows; i++) {
      let a = Array.from(X.row(i));
      for (let l = 0; l < 3; l++) {
        const next: number[] = [];
        for (let j = 0; j < sizes[l + 1]; j++) {
          let z = p.b[l][j];
          for (let k = 0; k < sizes[l]; k++) {
            z += a[k] * p.W[l].get(k, j);
          }
          next.push(f[acts[l]](z));
        }
        a = next;
      }
      a.forEach((v, j) => expect(out.get(i, j)).toBeCloseTo(v, 10));
    }
  });

  it('returns views that the next pass overwrites, and copies on request', () => {
    const net = Network.create([2, 3, 1], ['tanh', 'sigmoid'], 'he', createRng(1));
    const X1 = Matrix.from([
      [0.5, -1],
      [2, 0.25]
    ]);
    const X2 = Matrix.from([
      [-3, 1],
      [0, 0.75]
    ]);
    const c1 = net.forward(X1);
    const kept = cloneCache(c1);
    const c2 = net.forward(X2);
    expect(c2.A[2]).toBe(c1.A[2]);
    expect(kept.A[2].data).not.toEqual(c2.A[2].data);
    expect(kept.A[2].data).toEqual(net.predict(X1).data);
    const g1 = cloneGradients(net.lossAndGradients(X1, Matrix.from([[1], [0]]), 'bce').gradients);
    const g2 = net.lossAndGradients(X2, Matrix.from([[1], [0]]), 'bce').gradients;
    expect(g1.dW[0].data).not.toEqual(g2.dW[0].data);
  });

  it('keeps separate buffers per batch size', () => {
    const net = Network.create([2, 4, 1], ['relu', 'identity'], 'he', createRng(2));
    const small = Matrix.from([[1, 2]]);
    const big = Matrix.from([
      [1, 2],
      [3, 4],
      [5, 6]
    ]);
    const a = net.forward(small).A[2].clone();
    net.forward(big);
    expect(net.forward(small).A[2].data).toEqual(a.data);
  });
});

describe('Network gradient norms', () => {
  /** sqrt(||dW[l]||_F^2 + ||db[l]||^2) from the gradient buffers themselves. */
  function directNorm(dW: Matrix, db: Float64Array): number {
    let w = 0;
    for (const v of dW.data) {
      w += v * v;
    }
    let b = 0;
    for (const v of db) {
      b += v * v;
    }
    return Math.sqrt(w + b);
  }

  it('are the norms of the latest backward pass, however often and whenever they are read', () => {
    const net = Network.create([2, 5, 3, 1], ['tanh', 'relu', 'sigmoid'], 'xavier', createRng(4));
    const Y1 = Matrix.from([[0], [1], [1], [0]]);
    const Y2 = Matrix.from([[1], [0], [0], [1]]);
    const first = net.lossAndGradients(XOR_X, Y1, 'bce').gradients;
    const normsFirst = first.norms.slice();
    for (let l = 0; l < 3; l++) {
      expect(normsFirst[l]).toBeGreaterThan(0);
      expect(normsFirst[l]).toBe(directNorm(first.dW[l], first.db[l]));
    }
    expect(first.norms).toEqual(normsFirst); // a second read gives the same values

    // A new pass with other targets changes the gradients: the norms must follow.
    const second = net.lossAndGradients(XOR_X, Y2, 'bce').gradients;
    for (let l = 0; l < 3; l++) {
      expect(second.norms[l]).toBe(directNorm(second.dW[l], second.db[l]));
    }
    expect(second.norms).not.toEqual(normsFirst);
    expect(cloneGradients(second).norms).toEqual(second.norms);
  });
});

describe('Network parameters', () => {
  it('clone and toJSON give independent copies that predict the same', () => {
    const net = Network.create([2, 3, 2], ['elu', 'softmax'], 'xavier', createRng(5), {
      eluAlpha: 0.5
    });
    const copy = net.clone();
    const back = Network.fromJSON(JSON.parse(JSON.stringify(net.toJSON())));
    const X = Matrix.from([
      [0.3, -2],
      [1, 1]
    ]);
    expect(copy.predict(X).data).toEqual(net.predict(X).data);
    expect(back.predict(X).data).toEqual(net.predict(X).data);
    copy.W[0].set(0, 0, 100);
    expect(net.W[0].get(0, 0)).not.toBe(100);
  });

  it('rejects explicit weights of the wrong shape', () => {
    expect(() =>
      makeInitialParams([2, 2, 1], 'zeros', createRng(0), [[[1, 1]], [[1], [1]]])
    ).toThrow(/weights\[0\]/);
    expect(() =>
      makeInitialParams([2, 2, 1], 'zeros', createRng(0), undefined, [
        [0, 0],
        [0, 0]
      ])
    ).toThrow(/biases\[1\]/);
  });

  it('initialises with the documented scales and zero biases', () => {
    const sizes = [50, 40, 30];
    for (const [init, std] of [
      ['he', Math.sqrt(2 / 50)],
      ['xavier', Math.sqrt(2 / 90)],
      ['normal', 1]
    ] as const) {
      const { W, b } = initialiseWeights(sizes, init, createRng(11));
      const d = W[0].data;
      const mean = d.reduce((s, v) => s + v, 0) / d.length;
      const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / d.length);
      expect(Math.abs(sd / std - 1)).toBeLessThan(0.06);
      expect(b.every(v => v.every(x => x === 0))).toBe(true);
    }
    const u = initialiseWeights(sizes, 'uniform', createRng(11)).W[1].data;
    const limit = 1 / Math.sqrt(40);
    expect(Math.max(...u)).toBeLessThanOrEqual(limit);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-limit);
    expect(Math.max(...u)).toBeGreaterThan(0.9 * limit);
    expect(initialiseWeights(sizes, 'zeros', createRng(11)).W[0].data.every(v => v === 0)).toBe(
      true
    );
  });
});
