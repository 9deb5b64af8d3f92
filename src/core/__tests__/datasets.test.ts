import { makeDataset, toSummary, DATASET_NAMES, Dataset } from '../datasets';
import { createRng } from '../rng';
import { DataSpec, DatasetName } from '../types';

function spec(name: DatasetName, extra: Partial<DataSpec> = {}): DataSpec {
  return { name, n: 120, noise: 0.1, trainFraction: 0.75, classes: 3, ...extra };
}

function build(name: DatasetName, seed: number, extra: Partial<DataSpec> = {}): Dataset {
  return makeDataset(spec(name, extra), createRng(seed));
}

const generated = DATASET_NAMES.filter(name => name !== 'custom');

describe('logic gates', () => {
  const tables: Record<string, number[]> = {
    xor: [0, 1, 1, 0],
    and: [0, 0, 0, 1],
    or: [0, 1, 1, 1],
    nand: [1, 1, 1, 0]
  };
  for (const [name, table] of Object.entries(tables)) {
    it(`${name} is the truth table on the four corners`, () => {
      const d = makeDataset(
        spec(name as DatasetName, { n: 4, noise: 0, trainFraction: 1 }),
        createRng(0)
      );
      expect(d.x.toArray()).toEqual([
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1]
      ]);
      expect(Array.from(d.labels!)).toEqual(table);
      expect(d.y.toArray()).toEqual(table.map(v => [v]));
      expect(d.task).toBe('classification');
      expect(d.nClasses).toBe(2);
      expect(Array.from(d.train)).toEqual([0, 1, 2, 3]);
      expect(Array.from(d.test)).toEqual([]); // four points: none held out
    });
  }

  it('keeps all four points for training even with trainFraction < 1', () => {
    const d = makeDataset(spec('xor', { n: 4, noise: 0, trainFraction: 0.5 }), createRng(0));
    expect(Array.from(d.train)).toEqual([0, 1, 2, 3]);
  });

  it('repeats noisy corners up to n with labels of the nearest corner', () => {
    const d = makeDataset(spec('xor', { n: 40, noise: 0.05, trainFraction: 1 }), createRng(3));
    expect(d.x.rows).toBe(40);
    for (let i = 0; i < 40; i++) {
      const a = Math.round(d.x.get(i, 0));
      const b = Math.round(d.x.get(i, 1));
      expect(d.labels![i]).toBe(a ^ b);
    }
  });
});

describe('generated data sets', () => {
  for (const name of generated) {
    it(`${name} is deterministic for a seed and changes with the seed`, () => {
      const a = build(name, 7);
      const b = build(name, 7);
      const c = build(name, 8);
      expect(Array.from(a.x.data)).toEqual(Array.from(b.x.data));
      expect(Array.from(a.y.data)).toEqual(Array.from(b.y.data));
      expect(Array.from(a.train)).toEqual(Array.from(b.train));
      expect(Array.from(a.x.data)).not.toEqual(Array.from(c.x.data));
    });

    it(`${name} splits into disjoint train and test sets covering every point`, () => {
      const d = build(name, 1);
      expect(d.x.rows).toBe(120);
      expect(d.train.length).toBe(90);
      const all = [...Array.from(d.train), ...Array.from(d.test)].sort((p, q) => p - q);
      expect(all).toEqual(Array.from({ length: 120 }, (_, i) => i));
    });

    it(`${name} has a domain that contains every point with padding`, () => {
      const d = build(name, 2);
      for (let k = 0; k < d.domain.length; k++) {
        const [lo, hi] = d.domain[k];
        for (let i = 0; i < d.x.rows; i++) {
          const v = d.x.get(i, k);
          expect(v).toBeGreaterThan(lo);
          expect(v).toBeLessThan(hi);
        }
      }
    });
  }

  it('multi-class sets use one-hot targets matching the labels', () => {
    const d = build('spiral', 0, { classes: 3 });
    expect(d.nClasses).toBe(3);
    expect(d.y.cols).toBe(3);
    for (let i = 0; i < d.x.rows; i++) {
      const row = Array.from(d.y.row(i));
      expect(row.reduce((s, v) => s + v, 0)).toBe(1);
      expect(row.indexOf(1)).toBe(d.labels![i]);
    }
  });

  it('xor_blobs labels are the XOR of the coordinate signs', () => {
    const d = build('xor_blobs', 4);
    for (let i = 0; i < d.x.rows; i++) {
      expect(d.labels![i]).toBe(d.x.get(i, 0) > 0 !== d.x.get(i, 1) > 0 ? 1 : 0);
    }
  });

  it('circle puts class 1 inside class 0', () => {
    const d = build('circle', 4, { noise: 0 });
    for (let i = 0; i < d.x.rows; i++) {
      const r = Math.hypot(d.x.get(i, 0), d.x.get(i, 1));
      if (d.labels![i] === 1) {
        expect(r).toBeLessThanOrEqual(0.5);
      } else {
        expect(r).toBeGreaterThanOrEqual(0.7);
      }
    }
  });

  it('sine is 1-D regression of sin(x) on [-pi, pi]', () => {
    const d = build('sine', 5, { noise: 0 });
    expect(d.task).toBe('regression');
    expect(d.labels).toBeNull();
    expect(d.inputDim).toBe(1);
    expect(d.domain.length).toBe(1);
    for (let i = 0; i < d.x.rows; i++) {
      const x = d.x.get(i, 0);
      expect(Math.abs(x)).toBeLessThanOrEqual(Math.PI);
      expect(d.y.get(i, 0)).toBeCloseTo(Math.sin(x), 12);
    }
  });
});

describe('custom data', () => {
  it('integer labels make a classification task', () => {
    const d = makeDataset(
      spec('custom', { x: [[0], [1], [2]], y: [0, 2, 1], trainFraction: 1 }),
      createRng(0)
    );
    expect(d.task).toBe('classification');
    expect(d.nClasses).toBe(3);
    expect(d.y.toArray()).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0]
    ]);
  });

  it('real targets make a regression task', () => {
    const d = makeDataset(
      spec('custom', {
        x: [
          [0, 1],
          [1, 0]
        ],
        y: [[0.5], [1.5]],
        trainFraction: 1
      }),
      createRng(0)
    );
    expect(d.task).toBe('regression');
    expect(d.y.toArray()).toEqual([[0.5], [1.5]]);
  });

  it('rejects mismatched lengths', () => {
    expect(() => makeDataset(spec('custom', { x: [[0]], y: [0, 1] }), createRng(0))).toThrow(
      /targets/
    );
  });
});

describe('toSummary', () => {
  it('gives plain arrays that mirror the data set', () => {
    const d = build('moons', 3);
    const s = toSummary(d);
    expect(s.x).toEqual(d.x.toArray());
    expect(s.y).toEqual(Array.from(d.labels!));
    expect(s.train).toEqual(Array.from(d.train));
    expect(s.domain).toEqual(d.domain);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
