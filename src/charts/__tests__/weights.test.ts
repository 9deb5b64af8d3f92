import { parseColor } from '../colors';
import { levelOf, PALETTE_LEVELS } from '../mapImage';
import type { ChartInput } from '../types';
import { MAX_HEATMAP_CELLS, MAX_HEATMAP_PANELS, weightsFigure } from '../weights';
import { arr, input, snapshot, xorData } from './fixtures';
import { decodePng } from './png';

describe('weights figure', () => {
  const W1 = [
    [1, 1],
    [1, 1]
  ];
  const W2 = [[1], [-2]];
  const fig = weightsFigure(
    input([snapshot({ weights: { W: [W1, W2], b: [[0, -1], [0]] } })], xorData())
  );

  it('draws every layer as a heatmap of W with the bias as the last row', () => {
    const maps = fig.data.filter(t => t.type === 'heatmap');
    expect(maps).toHaveLength(2);
    expect(arr(maps[0].z)).toEqual([
      [1, 1],
      [1, 1],
      [0, -1]
    ]);
    expect(arr(maps[1].z)).toEqual([[1], [-2], [0]]);
    expect(arr(maps[0].y)).toEqual(['in 1', 'in 2', 'bias']);
    expect(arr(maps[1].x)).toEqual(['1']);
  });

  it('uses one diverging colour range symmetric about zero', () => {
    const axis = fig.layout.coloraxis as { cmin: number; cmax: number };
    expect(axis.cmin).toBe(-2);
    expect(axis.cmax).toBe(2);
    expect(fig.data.every(t => t.coloraxis === 'coloraxis')).toBe(true);
  });

  it('shows the matrix with its first row on top', () => {
    expect(fig.layout.yaxis).toMatchObject({ autorange: 'reversed' });
  });

  it('keeps a 64-unit layer readable: taller rows, no gaps, thinned labels, exact hover', () => {
    const W = (nIn: number, nOut: number) =>
      Array.from({ length: nIn }, (_, i) => Array.from({ length: nOut }, (_, j) => (i - j) / 64));
    const weights = {
      W: [W(2, 64), W(64, 64), W(64, 1)],
      b: [Array(64).fill(0.1), Array(64).fill(-0.1), [0.5]]
    };
    const fig = weightsFigure(input([snapshot({ weights })], xorData(), { width: 1170 }));
    // 65 rows (64 inputs and the bias) at 6 px or more each.
    expect(fig.layout.height as number).toBeGreaterThanOrEqual(65 * 6);
    const big = fig.data[1];
    expect(big.xgap).toBe(0);
    expect(big.hovertemplate).toContain('%{z:.6g}');
    const y = fig.layout.yaxis2 as { tickvals: string[] };
    expect(y.tickvals[0]).toBe('in 1');
    expect(y.tickvals[y.tickvals.length - 1]).toBe('bias');
    // No label crowds the bias row's: the last numbered one is a whole step above it.
    const step = Number(y.tickvals[1].slice(3)) - 1;
    expect(64 - Number(y.tickvals[y.tickvals.length - 2].slice(3))).toBeGreaterThanOrEqual(step);
    expect(y.tickvals.length).toBeLessThan(30);
    const x = fig.layout.xaxis2 as { tickvals: string[] };
    expect(x.tickvals.length).toBeLessThan(20);
    // One colour scale for every panel.
    expect(fig.data.every(t => t.coloraxis === 'coloraxis')).toBe(true);
  });
});

describe('weights figure drawn as pictures (many panels)', () => {
  // 9 variants of a [2, 3, 2] network: 18 panels, more than a figure of heatmaps holds.
  // Every weight is different, so a cell showing its neighbour's value is caught.
  const labels = ['relu', 'tanh', 'sigmoid', 'elu', 'gelu', 'swish', 'softplus', 'leaky', 'id'];
  const value = (v: number, l: number, i: number, j: number) =>
    (v % 2 === 0 ? 1 : -1) * (0.1 * v + 0.01 * l + 0.001 * (i * 4 + j) + 0.0005);
  const weightsOf = (v: number) => ({
    W: [
      Array.from({ length: 2 }, (_, i) => Array.from({ length: 3 }, (_, j) => value(v, 0, i, j))),
      Array.from({ length: 3 }, (_, i) => Array.from({ length: 2 }, (_, j) => value(v, 1, i, j)))
    ],
    b: [
      Array.from({ length: 3 }, (_, j) => value(v, 0, 9, j)),
      Array.from({ length: 2 }, (_, j) => value(v, 1, 9, j))
    ]
  });
  const snaps = labels.map((label, v) => snapshot({ variant: v, label, weights: weightsOf(v) }));
  const build = (extra: Partial<ChartInput> = {}) =>
    weightsFigure(input(snaps, xorData(), { width: 1200, ...extra }));
  const fig = build();
  const pictures = fig.data.filter(t => t.type === 'image');
  // The largest |weight| of all variants (variant 8's biggest) bounds the one scale.
  const limit = Math.max(
    ...snaps.flatMap(s => [...s.weights!.W.flat(2), ...s.weights!.b.flat()].map(Math.abs))
  );
  /** The rows a panel shows: W's rows, then the bias. */
  const matrix = (v: number, l: number) => [...snaps[v].weights!.W[l], snaps[v].weights!.b[l]];

  it('draws one picture per matrix, in variant and layer order, each cell its own weight', () => {
    expect(fig.data.some(t => t.type === 'heatmap' && t.name !== 'coloraxis')).toBe(false);
    expect(pictures).toHaveLength(18);
    pictures.forEach((trace, k) => {
      const [v, l] = [Math.floor(k / 2), k % 2];
      const rows = matrix(v, l);
      expect(trace.name).toBe(`W${l + 1}`);
      const png = decodePng(trace.source as string);
      expect([png.width, png.height]).toEqual([rows[0].length, rows.length]);
      expect(png.pixels).toEqual(rows.map(r => r.map(w => levelOf(w, -limit, limit))));
      // Hover values: the exact weights, bias row last.
      expect(trace.customdata).toEqual(rows);
    });
    // Positive and negative weights land on opposite halves of the scale.
    const first = decodePng(pictures[4].source as string).pixels;
    const second = decodePng(pictures[2].source as string).pixels;
    expect(first[0][0]).toBeGreaterThan(PALETTE_LEVELS / 2);
    expect(second[0][0]).toBeLessThan(PALETTE_LEVELS / 2);
  });

  it('colours every picture on one shared diverging scale with a colour bar', () => {
    const axis = fig.layout.coloraxis as {
      cmin: number;
      cmax: number;
      colorscale: [number, string][];
      colorbar: { title: { text: string } };
    };
    expect(axis.cmin).toBeCloseTo(-limit, 12);
    expect(axis.cmax).toBeCloseTo(limit, 12);
    expect(axis.colorbar.title.text).toBe('weight');
    // Every picture's palette is that scale's: its ends are the scale's end colours.
    const low = parseColor(axis.colorscale[0][1])!;
    const high = parseColor(axis.colorscale[axis.colorscale.length - 1][1])!;
    for (const trace of pictures) {
      const png = decodePng(trace.source as string);
      expect(png.palette[0]).toEqual([low.r, low.g, low.b]);
      expect(png.palette[PALETTE_LEVELS - 1]).toEqual([high.r, high.g, high.b]);
    }
    // The largest weight of all is the scale's top colour, wherever it is.
    const top = decodePng(pictures[17].source as string).pixels;
    expect(Math.max(...top.flat())).toBe(PALETTE_LEVELS - 1);
    // The colour bar hangs on one cell of that axis, outside the plot.
    const bars = fig.data.filter(t => t.type === 'heatmap');
    expect(bars).toHaveLength(1);
    expect(bars[0]).toMatchObject({ coloraxis: 'coloraxis', hoverinfo: 'skip' });
    expect(bars[0].x0 as number).toBeLessThan(0);
  });

  it('names the variant, layer, input or bias and unit on hover, to 6 digits', () => {
    const tanh2 = pictures[3];
    expect(tanh2.hovertemplate).toBe('tanh: layer 2, %{text}: %{customdata:.6g}<extra></extra>');
    const names = tanh2.text as unknown as string[][];
    expect(names).toEqual([
      ['in 1 → unit 1', 'in 1 → unit 2'],
      ['in 2 → unit 1', 'in 2 → unit 2'],
      ['in 3 → unit 1', 'in 3 → unit 2'],
      ['bias → unit 1', 'bias → unit 2']
    ]);
    // The same cell of the name table and of the values: in 3 → unit 2 of tanh's layer 2.
    expect((tanh2.customdata as number[][])[2][1]).toBe(snaps[1].weights!.W[1][2][1]);
  });

  it('places each picture in its panel, one pixel axis pair, cells as the panel divides', () => {
    expect(fig.layout.xaxis2).toBeUndefined();
    expect(fig.layout.yaxis).toMatchObject({ fixedrange: true, scaleanchor: false });
    const rects = pictures.map(t => {
      const png = decodePng(t.source as string);
      const [x0, dx, y0, dy] = [t.x0, t.dx, t.y0, t.dy] as number[];
      return {
        left: x0 - dx / 2,
        top: y0 - dy / 2,
        right: x0 - dx / 2 + png.width * dx,
        bottom: y0 - dy / 2 + png.height * dy
      };
    });
    // Layers side by side, variants one under the other, panels of equal height.
    expect(rects[1].left).toBeGreaterThan(rects[0].right);
    expect(rects[2].top).toBeGreaterThan(rects[0].bottom);
    expect(rects[2].left).toBeCloseTo(rects[0].left, 6);
    for (const r of rects) {
      expect(r.bottom - r.top).toBeCloseTo(rects[0].bottom - rects[0].top, 6);
      expect(r.left).toBeGreaterThanOrEqual(0);
    }
    expect(pictures.every(t => t.zsmooth === false)).toBe(true);
    // Every variant has the same shapes: between rows only a title's room (the column labels
    // stand under the last row); with a variant of other shapes, room for labels too.
    const gap = rects[2].top - rects[0].bottom;
    expect(gap).toBeGreaterThan(20);
    expect(gap).toBeLessThan(40);
    const other = snapshot({
      variant: 9,
      label: 'wide',
      weights: {
        W: [
          [
            [1, 2, 3, 4],
            [5, 6, 7, 8]
          ],
          [
            [1, 2],
            [3, 4],
            [5, 6],
            [7, 8]
          ]
        ],
        b: [
          [0, 0, 0, 0],
          [0, 0]
        ]
      }
    });
    const mixed = weightsFigure(input([...snaps, other], xorData(), { width: 1200 }));
    const [a, , c] = mixed.data
      .filter(t => t.type === 'image')
      .map(t => {
        const png = decodePng(t.source as string);
        const [y0, dy] = [t.y0, t.dy] as number[];
        return { top: y0 - dy / 2, bottom: y0 - dy / 2 + png.height * dy };
      });
    expect(c.top - a.bottom).toBeGreaterThan(gap + 20);
  });

  it('labels rows, columns and panels beside the pictures and prints values in big cells', () => {
    const text = fig.data.find(t => t.type === 'scatter')!;
    const at = (s: string) => arr<string>(text.text).flatMap((t, k) => (t === s ? [k] : []));
    const xs = arr(text.x);
    const ys = arr(text.y);
    // Every panel has its title; the row labels of a column stand once, at its top, and its
    // column labels once, at its bottom (the panels in between have the same shape).
    expect(at('tanh: layer 2 (3 → 2)')).toHaveLength(1);
    for (const label of labels) {
      expect(at(`${label}: layer 1 (2 → 3)`)).toHaveLength(1);
    }
    expect(at('bias')).toHaveLength(2);
    expect(at('to unit')).toHaveLength(2);
    const bottom = Math.max(...pictures.map(t => Number(t.y0)));
    for (const k of at('to unit')) {
      expect(ys[k]).toBeGreaterThan(bottom);
    }
    // "in 2" of relu's layer 2 sits left of that picture, level with its second row.
    const p = pictures[1];
    const [x0, dx, y0, dy] = [p.x0, p.dx, p.y0, p.dy] as number[];
    const mine = at('in 2').find(k => Math.abs(ys[k] - (y0 + dy)) < 0.01 && xs[k] < x0 - dx / 2);
    expect(mine).toBeDefined();
    expect(x0 - dx / 2 - xs[mine!]).toBeLessThan(10);
    // Cells of 100+ px: each holds its value to 2 decimals, at its centre (tanh's layer 2).
    const q = pictures[3];
    const [qx0, qdx, qy0, qdy] = [q.x0, q.dx, q.y0, q.dy] as number[];
    const w = snaps[1].weights!.W[1][2][1];
    const cell = at(w.toFixed(2)).find(
      k => Math.abs(xs[k] - (qx0 + qdx)) < 0.01 && Math.abs(ys[k] - (qy0 + 2 * qdy)) < 0.01
    );
    expect(cell).toBeDefined();
    expect(text.cliponaxis).toBe(false);
  });

  it('compact: no values, axis titles or colour bar; pictures all the same', () => {
    const small = build({ compact: true, width: 320 });
    const text = arr<string>(small.data.find(t => t.type === 'scatter')!.text);
    expect(text).not.toContain('to unit');
    expect(text.some(t => /^-?\d+\.\d\d$/.test(t))).toBe(false);
    expect(small.layout.coloraxis).toMatchObject({ showscale: false });
    expect(small.data.filter(t => t.type === 'image')).toHaveLength(18);
  });

  it('keeps heatmaps up to the size rule and switches to pictures above it', () => {
    const one = (nIn: number, nOut: number, variants: number) =>
      weightsFigure(
        input(
          Array.from({ length: variants }, (_, v) =>
            snapshot({
              variant: v,
              weights: {
                W: [Array.from({ length: nIn }, () => Array(nOut).fill(0.5))],
                b: [Array(nOut).fill(0.1)]
              }
            })
          ),
          xorData(),
          { width: 900 }
        )
      );
    const kinds = (f: ReturnType<typeof one>) => new Set(f.data.map(t => t.type));
    expect(kinds(one(2, 4, MAX_HEATMAP_PANELS))).toEqual(new Set(['heatmap']));
    expect(kinds(one(2, 4, MAX_HEATMAP_PANELS + 1)).has('image')).toBe(true);
    // Cells: (nIn + 1) x nOut over the figure.
    const n = Math.floor(Math.sqrt(MAX_HEATMAP_CELLS)) - 1;
    expect(kinds(one(n, n + 1, 1))).toEqual(new Set(['heatmap']));
    expect(kinds(one(n + 8, n + 8, 1)).has('image')).toBe(true);
  });
});

describe('weights figure at the caps', () => {
  it('thins the labels of 64 x 64 pictures to a few a panel, each at its row', () => {
    const W = (nIn: number, nOut: number, v: number) =>
      Array.from({ length: nIn }, (_, i) =>
        Array.from({ length: nOut }, (_, j) => Math.sin(v + i * 0.7 + j * 1.3))
      );
    const snaps = Array.from({ length: 9 }, (_, v) =>
      snapshot({
        variant: v,
        label: `v${v}`,
        weights: {
          W: [W(2, 64, v), W(64, 64, v), W(64, 1, v)],
          b: [Array(64).fill(0.1), Array(64).fill(-0.1), [0.5]]
        }
      })
    );
    const fig = weightsFigure(input(snaps, xorData(), { width: 1150 }));
    const pictures = fig.data.filter(t => t.type === 'image');
    expect(pictures).toHaveLength(27);
    // Rows at least 6 px high.
    expect(pictures.every(t => (t.dy as number) >= 6)).toBe(true);
    const text = fig.data.find(t => t.type === 'scatter')!;
    const labels = arr<string>(text.text);
    const ys = arr(text.y);
    // A label per 8 rows or fewer, plus the bias, in each of the 18 panels with 64 inputs.
    const inputs = labels.filter(t => /^in \d+$/.test(t));
    expect(inputs.length).toBeLessThanOrEqual(9 * (2 + 8 + 8));
    // Each "in k" of the second panel sits at the centre of row k.
    const p = pictures[1];
    const [x0, dx, y0, dy] = [p.x0, p.dx, p.y0, p.dy] as number[];
    const mine = labels
      .map((t, k) => ({ t, k }))
      .filter(({ t, k }) => /^in /.test(t) && Math.abs(arr(text.x)[k] - (x0 - dx / 2 - 3)) < 0.01)
      .filter(({ k }) => ys[k] >= y0 - dy && ys[k] <= y0 + 65 * dy);
    expect(mine.length).toBeGreaterThan(3);
    for (const { t, k } of mine) {
      const row = Number(t.slice(3)) - 1;
      expect(ys[k]).toBeCloseTo(y0 + row * dy, 2);
    }
  });
});
