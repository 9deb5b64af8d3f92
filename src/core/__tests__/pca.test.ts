/**
 * The one PCA, against NumPy: the fixture holds what NumPy's SVD of the centred points gives
 * (scikit-learn's route: directions, variances S^2 / (n - 1), share kept), with each
 * direction's sign fixed as NN Lab fixes it. Regenerate: python3 scripts/make_pca_fixture.py
 */
import { pca, pcaSteps, PCA_BLOCK_ROWS } from '../pca';
import { pcaInOnePiece } from './pcaInOnePiece';
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

/** A deterministic cloud: `n` rows of `d` ReLU-like values (some exactly 0, some negative 0). */
function cloud(n: number, d: number, seed: number): number[][] {
  let s = seed;
  const next = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  return Array.from({ length: n }, () =>
    Array.from({ length: d }, (_, j) => {
      const v = (next() * 2 - 1) * (1 + j / 4) + next();
      return v < 0 ? (j % 5 === 0 ? -0 : 0) : v;
    })
  );
}

function bitsOf(rows: number[][]): string {
  return Buffer.from(new Float64Array(rows.flat()).buffer).toString('hex');
}

function drain<T>(steps: Generator<void, T, void>): { value: T; units: number } {
  let units = 0;
  let step = steps.next();
  while (!step.done) {
    units++;
    step = steps.next();
  }
  return { value: step.value, units };
}

describe('pca in units', () => {
  const clouds: Array<[string, number[][]]> = [
    ['600 x 24', cloud(600, 24, 3)],
    ['257 x 64', cloud(257, 64, 11)],
    ['5 x 3', cloud(5, 3, 5)]
  ];

  it.each(clouds)('%s: the same numbers, bit for bit, whatever the block size', (_, points) => {
    const whole = pcaInOnePiece(points, 2);
    expect(whole.projected.length).toBe(points.length);
    for (const block of [1, 7, 64, PCA_BLOCK_ROWS, 10_000]) {
      const { value } = drain(pcaSteps(points, 2, block));
      expect(value.components).toEqual(whole.components);
      expect(value.variances).toEqual(whole.variances);
      expect(value.mean).toEqual(whole.mean);
      expect(value.projected).toEqual(whole.projected);
      expect(value.explained).toBe(whole.explained);
      // toEqual treats 0 and -0 alike: compare the bits of every number too.
      expect(bitsOf(value.projected)).toEqual(bitsOf(whole.projected));
      expect(bitsOf(value.components)).toEqual(bitsOf(whole.components));
    }
  });

  it('cuts the work into units of at most a block of rows or one sweep', () => {
    const points = cloud(1000, 16, 9);
    const few = drain(pcaSteps(points, 2, 1000)).units;
    const many = drain(pcaSteps(points, 2, 100)).units;
    // Mean, covariance and projection each take ten units instead of one.
    expect(many - few).toBe(3 * 9);
  });

  it.each(CASES)('%s: against NumPy in small blocks', (_, ref) => {
    const r = drain(pcaSteps(ref.points, 2, 3)).value;
    expect(maxDiff(r.components, ref.components)).toBeLessThan(1e-9);
    expect(maxDiff(r.projected, ref.projected)).toBeLessThan(1e-9 * Math.sqrt(ref.variances[0]));
  });
});
