import {
  activationStats,
  affineCollapse,
  evaluateGrid,
  gridInputs,
  hiddenRepresentation,
  histogram,
  leastSquaresFit,
  linearSeparability,
  pca
} from '../analysis';
import { Matrix } from '../matrix';
import { Network } from '../network';
import { createRng } from '../rng';

/** Every point strictly on its own side of w.x + b = 0. */
function separates(points: number[][], labels: number[], w: number[], b: number): boolean {
  return points.every((p, i) => {
    const s = p.reduce((acc, v, k) => acc + v * w[k], b);
    return labels[i] > 0 ? s > 0 : s < 0;
  });
}

describe('linearSeparability', () => {
  it('finds a separating plane for random separable data in 3-D', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 20; trial++) {
      const truth = [rng.normal(), rng.normal(), rng.normal()];
      const points: number[][] = [];
      const labels: number[] = [];
      while (points.length < 30) {
        const p = [rng.normal(), rng.normal(), rng.normal()];
        const s = p[0] * truth[0] + p[1] * truth[1] + p[2] * truth[2] + 0.3;
        if (Math.abs(s) > 0.05) {
          points.push(p);
          labels.push(s > 0 ? 1 : 0);
        }
      }
      const result = linearSeparability(points, labels);
      expect(result.separable).toBe(true);
      expect(separates(points, labels, result.w!, result.b!)).toBe(true);
    }
  });

  it('rejects a point that sits inside the other class (1-D: 0, 1, 2 labelled 0, 1, 0)', () => {
    expect(linearSeparability([[0], [1], [2]], [0, 1, 0]).separable).toBe(false);
    expect(linearSeparability([[0], [1], [2]], [0, 0, 1]).separable).toBe(true);
  });

  it('rejects the same point with both labels, and accepts -1/+1 labels', () => {
    expect(
      linearSeparability(
        [
          [1, 1],
          [1, 1]
        ],
        [0, 1]
      ).separable
    ).toBe(false);
    const r = linearSeparability(
      [
        [0, 0],
        [3, 3]
      ],
      [-1, 1]
    );
    expect(r.separable).toBe(true);
    expect(
      separates(
        [
          [0, 0],
          [3, 3]
        ],
        [-1, 1],
        r.w!,
        r.b!
      )
    ).toBe(true);
  });

  it('handles degenerate (collinear, repeated) points', () => {
    const points = [
      [0, 0],
      [1, 1],
      [2, 2],
      [2, 2],
      [3, 3],
      [4, 4]
    ];
    const labels = [0, 0, 1, 1, 1, 1];
    const r = linearSeparability(points, labels);
    expect(r.separable).toBe(true);
    expect(separates(points, labels, r.w!, r.b!)).toBe(true);
    expect(linearSeparability(points, [0, 1, 0, 0, 1, 1]).separable).toBe(false);
  });

  it('says yes for separable sets of 60-160 points in 4-11 dimensions', () => {
    // A primal programme with one row per point answered "no" for 5 of these 60 sets.
    const rng = createRng(7);
    for (let trial = 0; trial < 60; trial++) {
      const d = 4 + (trial % 8);
      const n = 60 + 20 * (trial % 6);
      const truth = Array.from({ length: d }, () => rng.normal());
      const points = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
      const labels = points.map(p => (p.reduce((s, v, k) => s + v * truth[k], 0.2) > 0 ? 1 : 0));
      const result = linearSeparability(points, labels);
      expect(result.separable).toBe(true);
      expect(separates(points, labels, result.w!, result.b!)).toBe(true);
    }
  });

  it('rejects more than two classes', () => {
    expect(() => linearSeparability([[0], [1], [2]], [0, 1, 2])).toThrow(/binary/);
  });
});

describe('leastSquaresFit', () => {
  it('recovers the coefficients of exactly linear data', () => {
    const rng = createRng(5);
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 25; i++) {
      const x = [rng.normal(), rng.normal(), rng.normal()];
      X.push(x);
      y.push(2 * x[0] - 3 * x[1] + 0.5 * x[2] + 1.25);
    }
    const fit = leastSquaresFit(X, y);
    expect(fit.w[0]).toBeCloseTo(2, 10);
    expect(fit.w[1]).toBeCloseTo(-3, 10);
    expect(fit.w[2]).toBeCloseTo(0.5, 10);
    expect(fit.b).toBeCloseTo(1.25, 10);
    fit.predictions.forEach((p, i) => expect(p).toBeCloseTo(y[i], 10));
  });

  it('makes the residual orthogonal to every column of [X 1]', () => {
    const rng = createRng(6);
    const X = Array.from({ length: 12 }, () => [rng.normal(), rng.uniform()]);
    const y = X.map(() => rng.normal());
    const fit = leastSquaresFit(X, y);
    const r = fit.predictions.map((p, i) => p - y[i]);
    for (let k = 0; k < 2; k++) {
      expect(Math.abs(r.reduce((s, v, i) => s + v * X[i][k], 0))).toBeLessThan(1e-10);
    }
    expect(Math.abs(r.reduce((s, v) => s + v, 0))).toBeLessThan(1e-10);
  });

  it('still fits when two columns are identical (singular normal equations)', () => {
    const X = [
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3]
    ];
    const y = [1, 3, 5, 7];
    const fit = leastSquaresFit(X, y);
    fit.predictions.forEach((p, i) => expect(p).toBeCloseTo(y[i], 6));
  });
});

describe('affineCollapse', () => {
  it('equals K = W1 W2 and c = b1 W2 + b2 for a two-layer identity network', () => {
    const W1 = [
      [1, 2],
      [3, 4]
    ];
    const W2 = [[5], [6]];
    const net = new Network([2, 2, 1], ['identity', 'identity'], {
      W: [Matrix.from(W1), Matrix.from(W2)],
      b: [Float64Array.from([1, -1]), Float64Array.from([0.5])]
    });
    const { K, c, maxDiff } = affineCollapse(
      net,
      Matrix.from([
        [1, 0],
        [0, 1],
        [2, -3]
      ])
    );
    expect(K.toArray()).toEqual([[1 * 5 + 2 * 6], [3 * 5 + 4 * 6]]);
    expect(Array.from(c)).toEqual([1 * 5 - 1 * 6 + 0.5]);
    expect(maxDiff).toBeLessThan(1e-12);
  });

  it('refuses a network with a non-linear layer', () => {
    const net = Network.create([2, 3, 1], ['relu', 'identity'], 'he', createRng(0));
    expect(() => affineCollapse(net)).toThrow(/identity/);
    expect(() => affineCollapse(net, undefined, false)).toThrow(/layer 1 uses 'relu'/);
  });

  it('collapses up to the output pre-activation when asked', () => {
    const net = Network.create(
      [2, 3, 4, 2],
      ['identity', 'identity', 'softmax'],
      'xavier',
      createRng(1)
    );
    net.b[0].set([0.1, -0.2, 0.3]);
    expect(() => affineCollapse(net)).toThrow(/softmax/);
    const X = Matrix.from([
      [1, 2],
      [-1, 0.5],
      [0, 0]
    ]);
    const { K, c, maxDiff } = affineCollapse(net, X, false);
    expect(maxDiff).toBeLessThan(1e-12);
    expect(K.rows).toBe(2);
    expect(K.cols).toBe(2);
    // At x = 0 the pre-activation is c itself.
    const z0 = net.forward(Matrix.from([[0, 0]])).Z[3];
    expect(z0.get(0, 0)).toBeCloseTo(c[0], 14);
    expect(z0.get(0, 1)).toBeCloseTo(c[1], 14);
  });
});

describe('grid, hidden representation and statistics', () => {
  it('lays the grid out row-major with y outer and x inner', () => {
    const { x, y, inputs } = gridInputs(
      [
        [0, 1],
        [10, 20]
      ],
      3
    );
    expect(x).toEqual([0, 0.5, 1]);
    expect(y).toEqual([10, 15, 20]);
    expect(inputs.rows).toBe(9);
    expect(Array.from(inputs.row(1))).toEqual([0.5, 10]);
    expect(Array.from(inputs.row(3))).toEqual([0, 15]);
  });

  it('evaluates the network at every grid point as a single forward pass would', () => {
    const net = Network.create([2, 4, 1], ['tanh', 'sigmoid'], 'xavier', createRng(2));
    const grid = evaluateGrid(
      net,
      [
        [-1, 1],
        [-2, 2]
      ],
      5
    );
    const out = grid.A[2];
    expect(out.rows).toBe(25);
    for (let iy = 0; iy < 5; iy++) {
      for (let ix = 0; ix < 5; ix++) {
        const single = net.predict(Matrix.from([[grid.x[ix], grid.y[iy]]]));
        expect(out.get(iy * 5 + ix, 0)).toBeCloseTo(single.get(0, 0), 14);
      }
    }
  });

  it('1-D domains give n points', () => {
    const net = Network.create([1, 3, 1], ['relu', 'identity'], 'he', createRng(2));
    const grid = evaluateGrid(net, [[-3, 3]], 7);
    expect(grid.y).toEqual([]);
    expect(grid.A[2].rows).toBe(7);
  });

  it('hiddenRepresentation returns the activations of the layer', () => {
    const net = new Network([2, 2, 1], ['relu', 'identity'], {
      W: [
        Matrix.from([
          [1, -1],
          [1, 1]
        ]),
        Matrix.from([[1], [1]])
      ],
      b: [Float64Array.from([0, 0]), Float64Array.from([0])]
    });
    expect(
      hiddenRepresentation(
        net,
        Matrix.from([
          [1, 0],
          [0, 1]
        ]),
        1
      )
    ).toEqual([
      [1, 0],
      [1, 1]
    ]);
  });

  it('counts dead ReLU units and saturated sigmoid outputs', () => {
    // Unit 0 is alive for x > 0, unit 1 gets z = -x - 1 < 0 for every x >= 0: dead.
    const net = new Network([1, 2, 1], ['relu', 'sigmoid'], {
      W: [Matrix.from([[1, -1]]), Matrix.from([[10], [0]])],
      b: [Float64Array.from([0, -1]), Float64Array.from([0])]
    });
    const X = Matrix.column([0, 0.1, 1, 2]);
    const [hidden, output] = activationStats(net, X, 4);
    expect(hidden.layer).toBe(1);
    expect(hidden.deadFraction).toBe(0.5);
    expect(hidden.histogram.counts.reduce((s, v) => s + v, 0)).toBe(8);
    // Output z = 10 * relu(x): |z| > 4 for x = 1 and 2.
    expect(output.activation).toBe('sigmoid');
    expect(output.saturatedFraction).toBe(0.5);
  });

  it('histogram bins include both ends', () => {
    const h = histogram([0, 1, 2, 3, 4], 4);
    expect(h.edges).toEqual([0, 1, 2, 3, 4]);
    expect(h.counts).toEqual([1, 1, 1, 2]);
  });
});

describe('pca', () => {
  it('finds the direction of largest spread first', () => {
    const rng = createRng(9);
    const points = Array.from({ length: 200 }, () => {
      const a = 3 * rng.normal();
      const b = 0.2 * rng.normal();
      // Long axis along (1, 1, 0)/sqrt(2), short along (1, -1, 0)/sqrt(2), tiny in z.
      return [(a + b) / Math.SQRT2, (a - b) / Math.SQRT2, 0.01 * rng.normal()];
    });
    const r = pca(points, 2);
    expect(Math.abs(r.components[0][0])).toBeCloseTo(Math.SQRT1_2, 2);
    expect(Math.abs(r.components[0][1])).toBeCloseTo(Math.SQRT1_2, 2);
    expect(r.components[0][0] * r.components[0][1]).toBeGreaterThan(0);
    expect(r.components[1][0] * r.components[1][1]).toBeLessThan(0);
    expect(r.variances[0]).toBeGreaterThan(r.variances[1]);
    // Components are orthonormal.
    const dot = r.components[0].reduce((s, v, i) => s + v * r.components[1][i], 0);
    expect(Math.abs(dot)).toBeLessThan(1e-10);
    // The variance of the projection equals the reported variance.
    const v0 = r.projected.reduce((s, p) => s + p[0] * p[0], 0) / (points.length - 1);
    expect(v0).toBeCloseTo(r.variances[0], 8);
  });
});
