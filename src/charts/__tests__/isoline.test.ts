/**
 * The boundary view's 0.5 line (src/charts/isoline.ts) against contourpy, Matplotlib's
 * contouring library, run by python3 on the same grids: the same line segments, to 1e-9,
 * on smooth surfaces, noise, saddles, values exactly on the level, single-cell grids and
 * grids with holes.
 */
import { spawnSync } from 'child_process';

import { isoline } from '../isoline';

interface Case {
  name: string;
  n: number;
  x: number[];
  y: number[];
  /** Row-major with y as the row; null for NaN. */
  z: (number | null)[];
  level: number;
  /** contourpy's lines: each a list of [x, y] points. */
  lines: [number, number][][];
}

/** Grids made and contoured in python3 (NumPy's seeded generator, contourpy's serial algorithm). */
function reference(): Case[] {
  const script = `
import json, math
import numpy as np
import contourpy

rng = np.random.default_rng(12)
cases = []

def add(name, z, level=0.5, x=None, y=None):
    n = z.shape[0]
    x = np.linspace(-3.0, 2.0, n) if x is None else x
    y = np.linspace(-1.5, 4.0, n) if y is None else y
    gen = contourpy.contour_generator(x, y, z, name="serial", corner_mask=False,
                                      line_type=contourpy.LineType.Separate,
                                      quad_as_tri=False)
    lines = [line.tolist() for line in gen.lines(level)]
    flat = [None if math.isnan(v) else float(v) for v in z.ravel()]
    cases.append(dict(name=name, n=n, x=x.tolist(), y=y.tolist(), z=flat, level=level, lines=lines))

g = np.linspace(-1.0, 1.0, 40)
X, Y = np.meshgrid(g, g)
sig = lambda t: 1.0 / (1.0 + np.exp(-t))
add("a tilted line", sig(3.0 * X - 2.0 * Y + 0.3))
add("a circle (closed loop)", sig(4.0 - 9.0 * (X ** 2 + Y ** 2)))
add("XOR's saddle", sig(12.0 * X * Y + 0.05))
add("XOR's saddle, the other way", sig(-12.0 * X * Y - 0.05))
add("two rings", sig(np.sin(7.0 * X) * np.cos(6.0 * Y) * 4.0))
for k in range(6):
    add(f"noise {k}", rng.random((int(rng.integers(2, 30)),) * 2))
# Many cells with two opposite corners above: saddles of both kinds.
add("checkerboard, middles either side", np.indices((12, 12)).sum(axis=0) % 2 * 0.8 + rng.random((12, 12)) * 0.15)
add("checkerboard, middles below", np.indices((12, 12)).sum(axis=0) % 2 * 0.4 + 0.2 + rng.random((12, 12)) * 0.01)
# Values exactly on the level: a corner on the line counts as below.
add("values on the level", rng.integers(0, 5, (15, 15)) * 0.25)
add("a single cell", np.array([[0.2, 0.9], [0.7, 0.1]]))
add("a single saddle cell", np.array([[0.9, 0.2], [0.1, 0.8]]))
add("all above", np.full((5, 5), 0.9))
add("all below", np.full((5, 5), 0.1))
holes = sig(3.0 * X + 2.0 * Y)
holes[10:14, 5:30] = np.nan
# A lone hole on the line (3x + 2y = 0 runs between these grid points).
holes[19, 20] = np.nan
add("holes", holes)
add("another level", sig(2.0 * X + Y), level=0.8)
add("uneven spacing", rng.random((9, 9)), x=np.cumsum(rng.random(9) + 0.1), y=np.cumsum(rng.random(9) + 0.1))
print(json.dumps(cases))
`;
  const result = spawnSync('python3', ['-c', script], {
    encoding: 'utf-8',
    maxBuffer: 64 * 1024 * 1024
  });
  if (result.status !== 0) {
    throw new Error(`python3 failed: ${result.stderr}`);
  }
  return JSON.parse(result.stdout);
}

/** Undirected segments between consecutive points, as sorted keys rounded to 1e-9. */
function segments(pieces: [number, number][][]): string[] {
  const key = ([x, y]: [number, number]) => `${x.toFixed(9)},${y.toFixed(9)}`;
  const out: string[] = [];
  for (const piece of pieces) {
    for (let i = 1; i < piece.length; i++) {
      const [a, b] = [key(piece[i - 1]), key(piece[i])];
      if (a !== b) {
        out.push(a < b ? `${a} ${b}` : `${b} ${a}`);
      }
    }
  }
  return out.sort();
}

/** Our curve split at its nulls into pieces of points. */
function pieces(curve: { x: (number | null)[]; y: (number | null)[] }): [number, number][][] {
  const out: [number, number][][] = [[]];
  curve.x.forEach((x, i) => {
    const y = curve.y[i];
    if (x === null || y === null) {
      out.push([]);
    } else {
      out[out.length - 1].push([x, y]);
    }
  });
  return out.filter(p => p.length > 0);
}

describe('isoline against contourpy', () => {
  const cases = reference();

  it('covers saddles, loops, holes and values on the level', () => {
    expect(cases.length).toBeGreaterThan(15);
    const withLines = cases.filter(c => c.lines.length > 0);
    expect(withLines.length).toBeGreaterThan(12);
    // The circle is one closed loop in contourpy too.
    expect(cases.find(c => c.name.startsWith('a circle'))!.lines).toHaveLength(1);
    // Values equal to the level, crossed by the line.
    const onLevel = cases.find(c => c.name === 'values on the level')!;
    expect(onLevel.z).toContain(0.5);
    expect(onLevel.lines.length).toBeGreaterThan(0);
    // Saddles whose middle is above and below, and a hole the line runs into.
    const middles = (c: Case) => {
      const out = new Set<boolean>();
      for (let i = 0; i + c.n + 1 < c.n * c.n; i++) {
        const [a, b, d, e] = [i, i + 1, i + c.n + 1, i + c.n].map(k => c.z[k] as number);
        if (
          i % c.n < c.n - 1 &&
          a > c.level === d > c.level &&
          b > c.level === e > c.level &&
          a > c.level !== b > c.level
        ) {
          out.add((a + b + d + e) / 4 > c.level);
        }
      }
      return out;
    };
    expect(middles(cases.find(c => c.name === 'checkerboard, middles either side')!)).toEqual(
      new Set([true, false])
    );
    expect(middles(cases.find(c => c.name === 'checkerboard, middles below')!)).toEqual(
      new Set([false])
    );
  });

  it.each(cases.map(c => [c.name, c] as const))('%s: the same segments', (_, c) => {
    const z = c.z.map(v => (v === null ? NaN : v));
    const curve = isoline(z, c.n, c.x, c.y, c.level);
    expect(curve.x).toHaveLength(curve.y.length);
    expect(segments(pieces(curve))).toEqual(segments(c.lines));
    // No point twice in a row (where the curve passes through a grid point).
    for (const piece of pieces(curve)) {
      for (let i = 1; i < piece.length; i++) {
        expect(piece[i]).not.toEqual(piece[i - 1]);
      }
    }
  });

  it.each(cases.map(c => [c.name, c] as const))(
    '%s: as many pieces, each joined end to end',
    (_, c) => {
      const z = c.z.map(v => (v === null ? NaN : v));
      const ours = pieces(isoline(z, c.n, c.x, c.y, c.level));
      expect(ours.length).toBe(c.lines.length);
      // Closed: ends where it starts, around at least three distinct points (contourpy
      // repeats a point where the line passes through a grid point; ours does not).
      const closed = (p: [number, number][]) => {
        const distinct = p.filter(
          (q, i) => i === 0 || q[0] !== p[i - 1][0] || q[1] !== p[i - 1][1]
        );
        const [a, z] = [distinct[0], distinct[distinct.length - 1]];
        return distinct.length > 3 && a[0] === z[0] && a[1] === z[1];
      };
      expect(ours.filter(closed).length).toBe(c.lines.filter(closed).length);
    }
  );

  it('leaves its scratch clean: the same grid gives the same curve twice', () => {
    const c = cases.find(k => k.name === 'two rings')!;
    const first = isoline(c.z as number[], c.n, c.x, c.y, c.level);
    isoline([0.9, 0.1, 0.1, 0.9], 2, [0, 1], [0, 1], 0.5);
    expect(isoline(c.z as number[], c.n, c.x, c.y, c.level)).toEqual(first);
  });

  it('gives nothing for a grid too small or too short', () => {
    expect(isoline([0.9], 1, [0], [0], 0.5)).toEqual({ x: [], y: [] });
    expect(isoline([0.9, 0.1, 0.1], 2, [0, 1], [0, 1], 0.5)).toEqual({ x: [], y: [] });
  });
});
