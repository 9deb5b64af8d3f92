import {
  Matrix,
  addRowVector,
  affine,
  matmul,
  matmulTransA,
  matmulTransB,
  sumRows
} from '../matrix';
import { createRng } from '../rng';

/**
 * The kernels keep dot products in registers, four at a time, with indices walked by
 * increments. These tests compare them with the textbook triple loop, summing over p in the
 * same increasing order, so the results must agree bit for bit (toBe, not toBeCloseTo), for
 * every column count around the blocks of four and for inner sizes from 0 up.
 */

const rng = createRng(7);

function random(rows: number, cols: number): Matrix {
  const m = Matrix.zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) {
    m.data[i] = rng.normal();
  }
  return m;
}

/** c_ij = sum_p a(i, p) b(p, j), p = 0, 1, ... in order. */
function naive(
  n: number,
  k: number,
  m: number,
  a: (i: number, p: number) => number,
  b: (p: number, j: number) => number
): Matrix {
  const c = Matrix.zeros(n, m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        s += a(i, p) * b(p, j);
      }
      c.set(i, j, s);
    }
  }
  return c;
}

function expectIdentical(actual: Matrix, expected: Matrix): void {
  expect(actual.rows).toBe(expected.rows);
  expect(actual.cols).toBe(expected.cols);
  for (let i = 0; i < expected.data.length; i++) {
    expect(actual.data[i]).toBe(expected.data[i]);
  }
}

const SHAPES: [number, number, number][] = [];
for (const n of [1, 3, 10]) {
  for (const k of [0, 1, 2, 5, 8]) {
    for (const m of [1, 2, 3, 4, 5, 7, 8, 9]) {
      SHAPES.push([n, k, m]);
    }
  }
}

describe('matrix products', () => {
  it.each(SHAPES)(
    'matmul, affine, A^T B and A B^T match the textbook loops (%i x %i x %i)',
    (n, k, m) => {
      const a = random(n, k);
      const b = random(k, m);
      const bias = random(1, m).data;
      const expected = naive(
        n,
        k,
        m,
        (i, p) => a.get(i, p),
        (p, j) => b.get(p, j)
      );
      expectIdentical(matmul(a, b, Matrix.zeros(n, m)), expected);

      // affine = matmul then addRowVector, in one pass
      const withBias = addRowVector(expected.clone(), bias);
      expectIdentical(affine(a, b, bias, Matrix.zeros(n, m)), withBias);

      // A^T B with A stored k x n
      const at = a.transpose();
      expectIdentical(matmulTransA(at, b, Matrix.zeros(n, m)), expected);

      // A B^T with B stored m x k
      const bt = b.transpose();
      expectIdentical(matmulTransB(a, bt, Matrix.zeros(n, m)), expected);
    }
  );

  it('overwrites stale contents of the output', () => {
    const a = random(3, 5);
    const b = random(5, 6);
    const out = Matrix.zeros(3, 6).fill(123);
    const expected = naive(
      3,
      5,
      6,
      (i, p) => a.get(i, p),
      (p, j) => b.get(p, j)
    );
    expectIdentical(matmul(a, b, out), expected);
    out.fill(-7);
    expectIdentical(matmulTransA(a.transpose(), b, out), expected);
    out.fill(NaN);
    expectIdentical(matmulTransB(a, b.transpose(), out), expected);
  });

  it('reject mismatched shapes', () => {
    const a = random(3, 2);
    expect(() => matmul(a, random(3, 2), Matrix.zeros(3, 2))).toThrow(/matmul/);
    expect(() => affine(a, random(2, 4), new Float64Array(3), Matrix.zeros(3, 4))).toThrow(
      /affine/
    );
    expect(() => matmulTransA(a, random(2, 4), Matrix.zeros(2, 4))).toThrow(/matmulTransA/);
    expect(() => matmulTransB(a, random(4, 3), Matrix.zeros(3, 4))).toThrow(/matmulTransB/);
  });
});

describe('sumRows', () => {
  it('gives the column sums, rows added in order, and overwrites the output', () => {
    const a = random(7, 5);
    const out = new Float64Array(5).fill(99);
    sumRows(a, out);
    for (let j = 0; j < 5; j++) {
      let s = 0;
      for (let i = 0; i < 7; i++) {
        s += a.get(i, j);
      }
      expect(out[j]).toBe(s);
    }
    expect(() => sumRows(a, new Float64Array(4))).toThrow(/sumRows/);
  });
});
