import { pca2, symmetricEigen } from '../pca';

describe('symmetricEigen', () => {
  it('finds the eigenvalues and eigenvectors of a symmetric matrix', () => {
    const A = [
      [2, 1, 0],
      [1, 2, 0],
      [0, 0, 5]
    ];
    const { values, vectors } = symmetricEigen(A);
    expect([...values].sort((a, b) => a - b).map(v => +v.toFixed(10))).toEqual([1, 3, 5]);
    // A v = lambda v for every column.
    values.forEach((lambda, k) => {
      const v = vectors.map(row => row[k]);
      A.forEach((row, i) => {
        const av = row.reduce((s, a, j) => s + a * v[j], 0);
        expect(av).toBeCloseTo(lambda * v[i], 10);
      });
    });
  });
});

describe('pca2', () => {
  it('finds the direction of largest spread first, with a fixed sign', () => {
    // Points spread along (1, 1) much more than along (1, -1).
    const pts = [
      [-3, -3],
      [3, 3],
      [1, -1],
      [-1, 1]
    ];
    const p = pca2(pts);
    expect(p.components[0][0]).toBeCloseTo(Math.SQRT1_2);
    expect(p.components[0][1]).toBeCloseTo(Math.SQRT1_2);
    expect(p.pc1[1]).toBeCloseTo(3 * Math.SQRT2);
    expect(p.pc1[0]).toBeCloseTo(-3 * Math.SQRT2);
    expect(p.variances[0]).toBeGreaterThan(p.variances[1]);
    expect(p.explained).toBeCloseTo(1);
    // Negating the input does not flip the picture's axes' orientation rule.
    const q = pca2(pts.map(r => r.map(v => -v)));
    expect(q.components[0]).toEqual(p.components[0]);
  });
});
