import { clipLine, decisionLevel, fitRange, hiddenFigure } from '../hidden';
import { arr, input, snapshot, variant, xorData } from './fixtures';
import type { DataSummary } from '../../core/types';
import type { Trace } from '../types';

/** The hand-made XOR network: h = relu(x W + c), y = h w + b. */
const W = [
  [1, 1],
  [1, 1]
];
const c = [0, -1];
const w = [[1], [-2]];
const b = [0];

function hiddenOf(x: number[][]): number[][] {
  return x.map(row => [0, 1].map(j => Math.max(0, row[0] * W[0][j] + row[1] * W[1][j] + c[j])));
}

const xorSnapshot = () =>
  snapshot({
    hidden: [{ layer: 1, points: hiddenOf(xorData().x) }],
    weights: { W: [W, w], b: [c, b] }
  });

/** Which side of the drawn segment (x0,y0)-(x1,y1) the point lies on: sign of the cross product. */
function side(line: Trace, px: number, py: number): number {
  const [x0, x1] = arr(line.x);
  const [y0, y1] = arr(line.y);
  return Math.sign((x1 - x0) * (py - y0) - (y1 - y0) * (px - x0));
}

describe('hidden figure for the hand-made XOR network', () => {
  const fig = hiddenFigure(input([xorSnapshot()], xorData(), { variants: [variant('identity')] }));
  const points = fig.data.filter(t => t.mode === 'markers');
  const line = fig.data.find(t => t.name === 'output boundary')!;

  it('places the four points at relu(x W + c)', () => {
    const class0 = points.find(t => t.name === 'class 0')!;
    const class1 = points.find(t => t.name === 'class 1')!;
    // (0,0) -> (0,0) and (1,1) -> (2,1) are class 0; (0,1) and (1,0) both land on (1,0).
    expect(arr(class0.x)).toEqual([0, 2]);
    expect(arr(class0.y)).toEqual([0, 1]);
    expect(arr(class1.x)).toEqual([1, 1]);
    expect(arr(class1.y)).toEqual([0, 0]);
  });

  it('draws the output line w . h + b = 0.5 so that it separates the classes', () => {
    expect(line).toBeDefined();
    const [x0, x1] = arr(line.x);
    const [y0, y1] = arr(line.y);
    // Both ends satisfy h1 - 2 h2 = 0.5.
    expect(x0 - 2 * y0).toBeCloseTo(0.5);
    expect(x1 - 2 * y1).toBeCloseTo(0.5);
    const h = hiddenOf(xorData().x);
    const sides = h.map(([u, v]) => side(line, u, v));
    const labels = xorData().y;
    expect(sides.every(s => s !== 0)).toBe(true);
    expect(sides[0]).toBe(sides[3]);
    expect(sides[1]).toBe(sides[2]);
    expect(sides[0]).not.toBe(sides[1]);
    expect(labels[0]).not.toBe(labels[1]);
  });

  it('shows the whole line segment inside the axis ranges', () => {
    const xr = (fig.layout.xaxis as { range: number[] }).range;
    const yr = (fig.layout.yaxis as { range: number[] }).range;
    for (const x of arr(line.x)) {
      expect(x).toBeGreaterThanOrEqual(xr[0] - 1e-9);
      expect(x).toBeLessThanOrEqual(xr[1] + 1e-9);
    }
    for (const y of arr(line.y)) {
      expect(y).toBeGreaterThanOrEqual(yr[0] - 1e-9);
      expect(y).toBeLessThanOrEqual(yr[1] + 1e-9);
    }
  });
});

describe('decision level of the output unit', () => {
  it('is the pre-activation where the output crosses the class threshold', () => {
    expect(decisionLevel('identity')).toBe(0.5);
    expect(decisionLevel('sigmoid')).toBe(0);
    expect(decisionLevel('tanh')).toBe(0);
    expect(decisionLevel(undefined)).toBe(0);
  });

  it('without variant information draws w . h + b = 0 (a sigmoid output)', () => {
    const fig = hiddenFigure(input([xorSnapshot()], xorData()));
    const line = fig.data.find(t => t.name === 'output boundary')!;
    const [x0] = arr(line.x);
    const [y0] = arr(line.y);
    expect(x0 - 2 * y0).toBeCloseTo(0);
  });
});

describe('clipLine', () => {
  it('returns the two points where a line crosses the box', () => {
    const seg = clipLine(1, 1, 1, [
      [0, 1],
      [0, 1]
    ])!; // u + v = 1: the anti-diagonal
    const ends = seg.map(p => p.join(',')).sort();
    expect(ends).toEqual(['0,1', '1,0']);
  });

  it('returns null when the line misses the box', () => {
    expect(
      clipLine(1, 1, 5, [
        [0, 1],
        [0, 1]
      ])
    ).toBeNull();
  });
});

describe('hidden figure, other widths', () => {
  it('draws a single unit as a strip with one row per class and the threshold', () => {
    const h = [[0], [1], [1], [0.2]];
    const snap = snapshot({
      hidden: [{ layer: 1, points: h }],
      weights: { W: [[[1], [1]], [[2]]], b: [[0], [-1]] }
    });
    const fig = hiddenFigure(input([snap], xorData()));
    const class1 = fig.data.find(t => t.name === 'class 1')!;
    expect(arr(class1.x)).toEqual([1, 1]);
    for (const y of arr(class1.y)) {
      expect(Math.abs(y - 1)).toBeLessThanOrEqual(0.15);
    }
    // Sigmoid output: 2 h - 1 = 0 at h = 0.5.
    const line = fig.data.find(t => t.name === 'output boundary')!;
    expect(arr(line.x)).toEqual([0.5, 0.5]);
  });

  it('projects a wide layer onto its principal components, keeping distances of planar data', () => {
    // Points in a plane inside 3-D space: PCA keeps all of their spread.
    const pts = [
      [0, 0, 0],
      [1, 0, 1],
      [0, 2, 0],
      [1, 2, 1]
    ];
    const snap = snapshot({ hidden: [{ layer: 1, points: pts }] });
    const fig = hiddenFigure(input([snap], xorData()));
    const xs: number[] = [];
    const ys: number[] = [];
    const order: number[] = [];
    for (const t of fig.data.filter(t => t.mode === 'markers')) {
      xs.push(...arr(t.x));
      ys.push(...arr(t.y));
    }
    // Traces hold class 0 (points 0, 3) then class 1 (points 1, 2).
    order.push(0, 3, 1, 2);
    const proj: number[][] = [];
    order.forEach((p, k) => (proj[p] = [xs[k], ys[k]]));
    const dist = (a: number[], b: number[]) => Math.hypot(...a.map((v, i) => v - b[i]));
    for (let i = 0; i < 4; i++) {
      for (let j = i + 1; j < 4; j++) {
        expect(dist(proj[i], proj[j])).toBeCloseTo(dist(pts[i], pts[j]), 9);
      }
    }
    expect(
      (fig.layout.annotations ?? []).some(a => /PCA of 3 units \(keeps 100%\)/.test(a.text))
    ).toBe(true);
  });

  it('draws a wide layer sent by its projection alone (no points), naming its width', () => {
    const projected = [
      [0, 0],
      [1, 0],
      [0, 2],
      [1, 2]
    ];
    const snap = snapshot({ hidden: [{ layer: 1, units: 64, points: [], projected }] });
    const fig = hiddenFigure(input([snap], xorData()));
    const xs: number[] = [];
    const ys: number[] = [];
    for (const t of fig.data.filter(t => t.mode === 'markers')) {
      xs.push(...arr(t.x));
      ys.push(...arr(t.y));
    }
    // Class 0 (points 0, 3) then class 1 (points 1, 2), where the projection puts them.
    expect(xs).toEqual([0, 1, 1, 0]);
    expect(ys).toEqual([0, 2, 0, 2]);
    const notes = (fig.layout.annotations ?? []).map(a => a.text);
    expect(notes).toContain('PCA of 64 units');
    expect(notes.some(t => /no hidden layer/.test(t))).toBe(false);
    // A width nobody gave is not made up.
    const unknown = snapshot({ hidden: [{ layer: 1, points: [], projected }] });
    const texts = (hiddenFigure(input([unknown], xorData())).layout.annotations ?? []).map(
      a => a.text
    );
    expect(texts).toContain('PCA');
    expect(texts.some(t => /PCA of/.test(t))).toBe(false);
  });

  it('explains a network without hidden layers', () => {
    const fig = hiddenFigure(input([snapshot()], xorData()));
    expect(fig.data).toHaveLength(0);
    expect(fig.layout.annotations![0].text).toMatch(/no hidden layer/);
  });

  it('shades hidden space by the predicted class for several classes', () => {
    const data: DataSummary = { ...xorData(), y: [0, 1, 2, 1], nClasses: 3 };
    const snap = snapshot({
      nClasses: 3,
      hidden: [
        {
          layer: 1,
          points: [
            [0, 0],
            [1, 0],
            [0, 1],
            [1, 1]
          ]
        }
      ],
      // Output scores: class 0 = -h1 - h2, class 1 = h1, class 2 = h2.
      weights: {
        W: [
          W,
          [
            [-1, 1, 0],
            [-1, 0, 1]
          ]
        ],
        b: [c, [0, 0, 0]]
      }
    });
    const fig = hiddenFigure(input([snap], data));
    const regions = fig.data.find(t => t.type === 'heatmap')!;
    const z = arr<number[]>(regions.z);
    const us = arr(regions.x);
    const vs = arr(regions.y);
    const last = us.length - 1;
    // Top-right corner (large h1, large h2 equal-ish) is class 1 or 2; bottom-left is class 0.
    expect(z[0][0]).toBe(0);
    expect(us[last]).toBeGreaterThan(1);
    expect(z[0][last]).toBe(1); // large h1, small h2
    expect(z[last][0]).toBe(2); // small h1, large h2
    expect(vs[0]).toBeLessThan(0);
  });
});

describe('fitRange', () => {
  it('keeps every value inside with a margin on both sides', () => {
    const [lo, hi] = fitRange([0, 1, 2], 0.1);
    expect(lo).toBeCloseTo(-0.2);
    expect(hi).toBeCloseTo(2.2);
  });

  it('widens a spread of rounding error to a readable range around its middle', () => {
    const [lo, hi] = fitRange([4e-15, 5e-15], 0.1);
    expect(hi - lo).toBeGreaterThanOrEqual(0.1);
    expect(lo).toBeLessThan(4e-15);
    expect(hi).toBeGreaterThan(5e-15);
  });
});
