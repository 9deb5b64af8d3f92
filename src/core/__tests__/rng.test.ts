import { createRng, MT19937, NumpyRandomState, permutation, shuffleInPlace, Sfc32 } from '../rng';
import { initialiseWeights } from '../init';
import fixtures from './fixtures/numpy_rng.json';

interface NumpyCase {
  seed: number;
  rand: number[];
  randn: number[];
  interleaved: { kind: string; value: number }[];
  weights_randn_3x4_times_0_5: number[][];
  randint_10: number[];
  shuffle_arange_10: number[];
  xavier_2_3_1: number[][][];
  uniform_2_3_1: number[][][];
}

const cases = (fixtures as { cases: NumpyCase[] }).cases;

describe('MT19937', () => {
  it('matches the reference output of init_genrand(5489)', () => {
    // The first outputs of the reference implementation with the default seed 5489
    // (also std::mt19937's first value, 3499211612).
    const mt = new MT19937(5489);
    expect(mt.nextUint32()).toBe(3499211612);
    expect(mt.nextUint32()).toBe(581869302);
    expect(mt.nextUint32()).toBe(3890346734);
  });

  it('gives the 10000th output of std::mt19937 as required by the C++ standard', () => {
    const mt = new MT19937(5489);
    let v = 0;
    for (let i = 0; i < 10000; i++) {
      v = mt.nextUint32();
    }
    expect(v).toBe(4123659995);
  });
});

describe('NumpyRandomState reproduces NumPy legacy np.random', () => {
  it.each(cases.map(c => [c.seed, c] as [number, NumpyCase]))('seed %d: rand', (seed, c) => {
    const rs = new NumpyRandomState(seed);
    expect(Array.from(rs.rand(c.rand.length))).toEqual(c.rand);
  });

  it.each(cases.map(c => [c.seed, c] as [number, NumpyCase]))('seed %d: randn', (seed, c) => {
    const rs = new NumpyRandomState(seed);
    const got = Array.from(rs.randn(c.randn.length));
    got.forEach((v, i) =>
      expect(Math.abs(v - c.randn[i])).toBeLessThanOrEqual(1e-15 * Math.abs(c.randn[i]))
    );
  });

  it.each(cases.map(c => [c.seed, c] as [number, NumpyCase]))(
    'seed %d: interleaved rand/randn',
    (seed, c) => {
      const rs = new NumpyRandomState(seed);
      for (const { kind, value } of c.interleaved) {
        const v = kind === 'randn' ? rs.normal() : rs.uniform();
        expect(Math.abs(v - value)).toBeLessThanOrEqual(1e-15 * Math.abs(value));
      }
    }
  );

  it.each(cases.map(c => [c.seed, c] as [number, NumpyCase]))(
    'seed %d: randn(3, 4) * 0.5',
    (seed, c) => {
      const rs = createRng(seed, 'numpy');
      const expected = c.weights_randn_3x4_times_0_5;
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 4; j++) {
          const v = rs.normal() * 0.5;
          expect(Math.abs(v - expected[i][j])).toBeLessThanOrEqual(
            1e-15 * Math.abs(expected[i][j])
          );
        }
      }
    }
  );

  it.each(cases.map(c => [c.seed, c] as [number, NumpyCase]))(
    'seed %d: randint and shuffle',
    (seed, c) => {
      const rs = new NumpyRandomState(seed);
      expect(Array.from(rs.randint(10, c.randint_10.length))).toEqual(c.randint_10);
      rs.seed(seed);
      const a = new Int32Array(10).map((_, i) => i);
      expect(Array.from(rs.shuffle(a))).toEqual(c.shuffle_arange_10);
      expect(Array.from(permutation(createRng(seed, 'numpy'), 10))).toEqual(c.shuffle_arange_10);
    }
  );

  it('reseeding clears the cached Gaussian', () => {
    const rs = new NumpyRandomState(0);
    rs.normal(); // leaves a cached value
    rs.seed(0);
    expect(rs.normal()).toBe(cases[0].randn[0]);
  });
});

describe('initialisation with the numpy generator equals the NumPy expressions', () => {
  it.each(cases.map(c => [c.seed, c] as [number, NumpyCase]))(
    'seed %d: xavier and uniform 2-3-1',
    (seed, c) => {
      for (const [init, expected] of [
        ['xavier', c.xavier_2_3_1],
        ['uniform', c.uniform_2_3_1]
      ] as const) {
        const { W, b } = initialiseWeights([2, 3, 1], init, createRng(seed, 'numpy'));
        W.forEach((w, l) => {
          const e = expected[l].flat();
          w.data.forEach((v, i) =>
            expect(Math.abs(v - e[i])).toBeLessThanOrEqual(1e-15 * Math.abs(e[i]))
          );
        });
        expect(b.map(v => Array.from(v))).toEqual([[0, 0, 0], [0]]);
      }
    }
  );
});

describe('default generator (sfc32)', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xs = [a.uniform(), a.uniform(), a.normal()];
    expect([b.uniform(), b.uniform(), b.normal()]).toEqual(xs);
    expect(c.uniform()).not.toBe(xs[0]);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and normals with mean 0, variance 1', () => {
    const rng = new Sfc32(123);
    const n = 20000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      su += u;
      const z = rng.normal();
      sn += z;
      sn2 += z * z;
    }
    expect(Math.abs(su / n - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(sn / n)).toBeLessThan(0.03);
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(0.05);
  });

  it('int(n) covers 0..n-1 evenly and shuffles are permutations', () => {
    const rng = createRng(1);
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 5000; i++) {
      counts[rng.int(5)]++;
    }
    for (const c of counts) {
      expect(Math.abs(c - 1000)).toBeLessThan(120);
    }
    const p = shuffleInPlace(rng, [0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...p].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
