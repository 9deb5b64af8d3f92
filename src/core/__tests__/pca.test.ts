/**
 * The one PCA, against NumPy: the fixture holds what NumPy's SVD of the centred points gives
 * (scikit-learn's route: directions, variances S^2 / (n - 1), share kept), with each
 * direction's sign fixed as NN Lab fixes it. Regenerate: python3 scripts/make_pca_fixture.py
 */
import { pca } from '../pca';
import fixture from './fixtures/numpy_pca.json';

interface Case {
  points: number[][];
  components: number[][];
  variances: number[];
  projected: number[][];
  explained: number;
}

const CASES = Object.entries(fixture as Record<string, Case>);

function maxDiff(a: number[][], b: number[][]): number {
  let m = 0;
  a.forEach((row, i) => row.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i][j])))));
  return m;
}

describe('pca against NumPy', () => {
  it.each(CASES)('%s: directions, variances, projection and share kept', (_, ref) => {
    const r = pca(ref.points, 2);
    expect(maxDiff(r.components, ref.components)).toBeLessThan(1e-9);
    expect(maxDiff([r.variances], [ref.variances])).toBeLessThan(1e-9 * ref.variances[0]);
    expect(maxDiff(r.projected, ref.projected)).toBeLessThan(1e-9 * Math.sqrt(ref.variances[0]));
    expect(r.explained).toBeCloseTo(ref.explained, 12);
  });
});

describe('pca', () => {
  it('finds the direction of largest spread first, with a sign that does not flip', () => {
    // Points spread along (1, 1) much more than along (1, -1).
    const pts = [
      [-3, -3],
      [3, 3],
      [1, -1],
      [-1, 1]
    ];
    const p = pca(pts, 2);
    expect(p.components[0][0]).toBeCloseTo(Math.SQRT1_2);
    expect(p.components[0][1]).toBeCloseTo(Math.SQRT1_2);
    expect(p.projected[1][0]).toBeCloseTo(3 * Math.SQRT2);
    expect(p.projected[0][0]).toBeCloseTo(-3 * Math.SQRT2);
    // Sample variances (n - 1 = 3): 36 / 3 and 4 / 3.
    expect(p.variances[0]).toBeCloseTo(12);
    expect(p.variances[1]).toBeCloseTo(4 / 3);
    expect(p.explained).toBeCloseTo(1);
    // Negated points: the same directions (the sign rule), the coordinates negated.
    const q = pca(
      pts.map(r => r.map(v => -v)),
      2
    );
    expect(q.components[0]).toEqual(p.components[0]);
    expect(q.projected[1][0]).toBeCloseTo(-3 * Math.SQRT2);
  });

  it('keeps all of nothing: identical points have no spread', () => {
    const r = pca(
      [
        [1, 2, 3],
        [1, 2, 3]
      ],
      2
    );
    expect(r.variances).toEqual([0, 0]);
    expect(r.explained).toBe(1);
    expect(r.projected).toEqual([
      [0, 0],
      [0, 0]
    ]);
  });
});
