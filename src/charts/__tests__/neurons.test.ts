import { parseColor } from '../colors';
import { PALETTE_LEVELS } from '../mapImage';
import { MAX_COLUMNS, MAX_PANELS, neuronsFigure } from '../neurons';
import { arr, input, snapshot, xorData } from './fixtures';
import { decodePng } from './png';
import type { Trace } from '../types';

/** The maps (image traces) of a figure. */
function maps(traces: Trace[]): Trace[] {
  return traces.filter(t => t.type === 'image');
}

/** Where a map is drawn, in plot pixels from the top left: [left, top, width, height]. */
function rect(trace: Trace): [number, number, number, number] {
  const n = (trace.customdata as unknown[]).length;
  const [x0, dx, y0, dy] = [trace.x0, trace.dx, trace.y0, trace.dy] as number[];
  return [x0 - dx / 2, y0 - dy / 2, n * dx, n * dy];
}

/** A map's hover values as plain rows (they are views into one Float64Array). */
function hover(trace: Trace): number[][] {
  return (trace.customdata as ArrayLike<number>[]).map(row => Array.from(row));
}

/** The palette level each cell of a map is painted with, rows from the top of the picture. */
function levels(trace: Trace): number[][] {
  return decodePng(trace.source as string).pixels;
}

describe('neurons figure', () => {
  const grid = { n: 2, x: [0, 1], y: [0, 1], values: [0, 1, 1, 0] };
  // Layer 1 has two units, layer 2 one: three maps of 2 x 2.
  const neurons = [
    [
      [0, 1, 1, 2],
      [0, 0, 0, 1]
    ],
    [[5, 6, 7, 8]]
  ];

  it('draws one map per hidden unit holding its values, a row per layer', () => {
    const fig = neuronsFigure(input([snapshot({ grid, neurons })], xorData(), { width: 700 }));
    const drawn = maps(fig.data);
    expect(drawn.map(t => t.name)).toEqual(['layer 1 unit 1', 'layer 1 unit 2', 'layer 2 unit 1']);
    // Hover values: the map's rows from the top (largest x2) down.
    expect(hover(drawn[0])).toEqual([
      [1, 2],
      [0, 1]
    ]);
    expect(hover(drawn[2])).toEqual([
      [7, 8],
      [5, 6]
    ]);
    // The picture: the same cells on the shared scale from 0 to 8 (254 levels).
    const level = (v: number) => Math.round((v / 8) * (PALETTE_LEVELS - 1));
    expect(levels(drawn[0])).toEqual([
      [level(1), level(2)],
      [level(0), level(1)]
    ]);
    expect(levels(drawn[1])).toEqual([
      [level(0), level(1)],
      [level(0), level(0)]
    ]);
    expect(levels(drawn[2])).toEqual([
      [level(7), level(8)],
      [level(5), level(6)]
    ]);
    // Unit 2 of layer 1 is beside unit 1; layer 2 starts a new row below.
    const [r0, r1, r2] = drawn.map(rect);
    expect(r1[1]).toBe(r0[1]);
    expect(r1[0]).toBeGreaterThan(r0[0] + r0[2]);
    expect(r2[1]).toBeGreaterThan(r0[1] + r0[3]);
    const headings = (fig.layout.annotations ?? []).map(a => a.text);
    expect(headings).toContain('hidden layer 1');
    expect(headings).toContain('hidden layer 2');
    // Each map's name stands just above its middle, in one text trace (not an annotation each).
    const labels = fig.data.find(t => t.type === 'scatter' && t.mode === 'text')!;
    expect(arr<string>(labels.text)).toEqual(['unit 1', 'unit 2', 'unit 1']);
    drawn.map(rect).forEach(([left, top, width], k) => {
      expect(arr<number>(labels.x)[k]).toBeCloseTo(left + width / 2, 3);
      expect(arr<number>(labels.y)[k]).toBeCloseTo(top - 1, 3);
      expect(arr<string>(labels.textposition)[k]).toBe('top center');
    });
    expect(headings).not.toContain('unit 1');
  });

  it('names the unit, its value and the input point on hover', () => {
    const fig = neuronsFigure(input([snapshot({ grid, neurons })], xorData(), { width: 700 }));
    const unit2 = maps(fig.data)[1];
    expect(unit2.hovertemplate).toBe('layer 1 unit 2: %{customdata:.4g}<br>%{text}<extra></extra>');
    // Top row first: x2 = 1 above x2 = 0; x1 from left to right.
    expect(unit2.text).toEqual([
      ['(0.00, 1.00)', '(1.00, 1.00)'],
      ['(0.00, 0.00)', '(1.00, 0.00)']
    ]);
  });

  it('shows a missing value as NaN on hover, not as 0', () => {
    const broken = [[[0, NaN, 1, Infinity]]];
    const fig = neuronsFigure(
      input([snapshot({ grid, neurons: broken })], xorData(), { width: 700 })
    );
    expect(hover(maps(fig.data)[0])).toEqual([
      [1, Infinity],
      [0, NaN]
    ]);
  });

  it('shares one table of input points between variants on the same grid', () => {
    const other = { ...grid, x: [0, 2] };
    const fig = neuronsFigure(
      input(
        [
          snapshot({ grid, neurons }),
          snapshot({ variant: 1, grid: { ...grid }, neurons }),
          snapshot({ variant: 2, grid: other, neurons })
        ],
        xorData(),
        { width: 700 }
      )
    );
    const drawn = maps(fig.data);
    // Three maps per variant: the first two variants' grids have the same points.
    expect(drawn[3].text).toBe(drawn[0].text);
    expect(drawn[6].text).not.toBe(drawn[0].text);
    expect(drawn[6].text).toEqual([
      ['(0.00, 1.00)', '(2.00, 1.00)'],
      ['(0.00, 0.00)', '(2.00, 0.00)']
    ]);
  });

  it('puts every map on one pair of fixed axes measured in pixels', () => {
    const fig = neuronsFigure(input([snapshot({ grid, neurons })], xorData(), { width: 700 }));
    expect(fig.data.every(t => !t.xaxis || t.xaxis === 'x')).toBe(true);
    expect(fig.layout.xaxis2).toBeUndefined();
    const margin = fig.layout.margin as { l: number; r: number; t: number; b: number };
    const height = (fig.layout.height as number) - margin.t - margin.b;
    expect(fig.layout.xaxis).toMatchObject({ range: [0, 700 - margin.l - margin.r] });
    expect(fig.layout.xaxis).toMatchObject({ fixedrange: true });
    // Pixels from the top: the y axis runs downwards.
    expect(fig.layout.yaxis).toMatchObject({ range: [height, 0], fixedrange: true });
    // Plotly would otherwise tie y to x for square image pixels and move the range.
    expect(fig.layout.yaxis).toMatchObject({ scaleanchor: false });
    // Every map inside the plot.
    for (const [left, top, w, h] of maps(fig.data).map(rect)) {
      expect(left).toBeGreaterThanOrEqual(0);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(left + w).toBeLessThanOrEqual(700 - margin.l - margin.r + 1e-6);
      expect(top + h).toBeLessThanOrEqual(height + 1e-6);
    }
  });

  it('shares one colour scale over every hidden unit, with a colour bar', () => {
    const fig = neuronsFigure(input([snapshot({ grid, neurons })], xorData(), { width: 700 }));
    // All values are non-negative: the sequential scale from the smallest to the largest.
    expect(fig.layout.coloraxis).toMatchObject({ cmin: 0, cmax: 8 });
    expect(
      (fig.layout.coloraxis as { colorbar: { title: { text: string } } }).colorbar.title.text
    ).toBe('unit output');
    // The colour bar hangs on a one-cell trace of that axis, drawn outside the plot.
    const bars = fig.data.filter(t => t.type === 'heatmap');
    expect(bars).toHaveLength(1);
    expect(bars[0]).toMatchObject({ coloraxis: 'coloraxis', hoverinfo: 'skip' });
    expect(bars[0].x0 as number).toBeLessThan(0);
    // The maps' colours are that scale's: the largest value gets the scale's top colour.
    const top = decodePng(maps(fig.data)[2].source as string);
    const scale = fig.layout.coloraxis as { colorscale: [number, string][] };
    const last = parseColor(scale.colorscale[scale.colorscale.length - 1][1])!;
    expect(top.palette[top.pixels[0][1]]).toEqual([last.r, last.g, last.b]);
    // Signed values: the same scale over their whole range.
    const signed = [[[-2, 1, 0, 0.5]]];
    const fig2 = neuronsFigure(input([snapshot({ grid, neurons: signed })], xorData()));
    expect(fig2.layout.coloraxis).toMatchObject({ cmin: -2, cmax: 1 });
    expect(levels(maps(fig2.data)[0])).toEqual([
      [Math.round((2 / 3) * 254), Math.round((2.5 / 3) * 254)],
      [0, 254]
    ]);
  });

  it('places the colour bar beside the maps, not at the far edge of a wide output', () => {
    const fig = neuronsFigure(input([snapshot({ grid, neurons })], xorData(), { width: 1600 }));
    const bar = (fig.layout.coloraxis as { colorbar: { x: number; xref: string } }).colorbar;
    const margin = fig.layout.margin as { l: number; r: number };
    const right = Math.max(...maps(fig.data).map(t => rect(t)[0] + rect(t)[2]));
    expect(bar.xref).toBe('paper');
    expect(bar.x * (1600 - margin.l - margin.r)).toBeCloseTo(right, 0);
    expect(bar.x).toBeLessThan(0.5);
  });

  it('draws the output unit below the hidden units on a 0..1 probability scale', () => {
    const outputs = [[0.1, 0.9, 0.8, 0.2]];
    const fig = neuronsFigure(
      input([snapshot({ grid, neurons, outputs })], xorData(), { width: 700 })
    );
    const out = fig.data.find(t => t.name === 'output 1');
    expect(out).toBeDefined();
    expect(hover(out!)).toEqual([
      [0.8, 0.2],
      [0.1, 0.9]
    ]);
    expect(fig.layout.coloraxis2).toMatchObject({ cmin: 0, cmax: 1 });
    // Coloured on the probability scale (0..1), not on the hidden units' (0..8).
    const level = (p: number) => Math.round(p * (PALETTE_LEVELS - 1));
    expect(levels(out!)).toEqual([
      [level(0.8), level(0.2)],
      [level(0.1), level(0.9)]
    ]);
    const scale = (fig.layout.coloraxis2 as { colorscale: [number, string][] }).colorscale;
    const high = parseColor(scale[scale.length - 1][1])!;
    expect(decodePng(out!.source as string).palette[PALETTE_LEVELS - 1]).toEqual([
      high.r,
      high.g,
      high.b
    ]);
    expect(fig.data.filter(t => t.type === 'heatmap').map(t => t.coloraxis)).toEqual([
      'coloraxis',
      'coloraxis2'
    ]);
    const last = fig.data.find(t => t.name === 'layer 2 unit 1')!;
    expect(rect(out!)[1]).toBeGreaterThan(rect(last)[1] + rect(last)[3]);
    expect((fig.layout.annotations ?? []).map(a => a.text)).toContain('output layer (1 unit)');
  });

  it("puts the outputs' colour bar beside the first row of output maps, the hidden one above", () => {
    // Two variants: variant 0's hidden rows, its output, variant 1's hidden rows, its output.
    const outputs = [[0.1, 0.9, 0.8, 0.2]];
    const fig = neuronsFigure(
      input(
        [snapshot({ grid, neurons, outputs }), snapshot({ variant: 1, grid, neurons, outputs })],
        xorData(),
        { width: 700 }
      )
    );
    const height = (fig.layout.height as number) - 12;
    // Paper y of the heading over the first output maps, from the heading's annotation.
    const heading = (fig.layout.annotations ?? []).find(a => /output layer/.test(a.text))!;
    const firstOutputMap = maps(fig.data).find(t => t.name === 'output 1')!;
    const mapTop = 1 - rect(firstOutputMap)[1] / height;
    const out = (fig.layout.coloraxis2 as { colorbar: { y: number; len: number } }).colorbar;
    const hidden = (fig.layout.coloraxis as { colorbar: { y: number; len: number } }).colorbar;
    expect(out.y).toBeGreaterThanOrEqual(mapTop);
    expect(out.y).toBeGreaterThanOrEqual(heading.y as number);
    expect(out.y - mapTop).toBeLessThan(50 / height);
    // ... down to the end of that row of output maps, not over variant 1's hidden maps.
    const [, top, , side] = rect(firstOutputMap);
    expect(side).toBeGreaterThanOrEqual(120);
    expect(out.y - out.len).toBeCloseTo(1 - (top + side) / height, 5);
    const variant1 = maps(fig.data).find(t => t.name === 'layer 1 unit 1' && rect(t)[1] > top)!;
    expect(1 - rect(variant1)[1] / height).toBeLessThan(out.y - out.len);
    // The hidden units' bar ends above it, not overlapping.
    expect(hidden.y - hidden.len).toBeGreaterThan(out.y);
    expect(hidden.len).toBeGreaterThan(0);
  });

  it('draws square maps, as many per row as the width holds, at most MAX_COLUMNS', () => {
    const wide = [Array.from({ length: 16 }, () => [0, 0, 0, 1])];
    const columns = (width: number) => {
      const fig = neuronsFigure(input([snapshot({ grid, neurons: wide })], xorData(), { width }));
      const drawn = maps(fig.data).map(rect);
      const firstRow = drawn.filter(r => r[1] === drawn[0][1]);
      expect(drawn[0][2]).toBeCloseTo(drawn[0][3], 6);
      return { cols: firstRow.length, size: drawn[0][2] };
    };
    expect(columns(320).cols).toBe(2);
    expect(columns(700).cols).toBe(5);
    expect(columns(1600).cols).toBe(MAX_COLUMNS);
    // Readable at every width: at least about 100 px a map.
    for (const width of [320, 700, 1170, 1600]) {
      expect(columns(width).size).toBeGreaterThanOrEqual(100);
    }
  });

  it('smooths the maps only at rest', () => {
    const at = (live: boolean) =>
      maps(neuronsFigure(input([snapshot({ grid, neurons })], xorData(), { live })).data)[0]
        .zsmooth;
    expect(at(true)).toBe(false);
    expect(at(false)).toBe('fast');
  });

  it('draws at most MAX_PANELS hidden units, counted over layers in order, and says so', () => {
    const many = [
      Array.from({ length: MAX_PANELS - 2 }, () => [0, 0, 0, 1]),
      Array.from({ length: 5 }, () => [0, 1, 0, 1])
    ];
    const fig = neuronsFigure(
      input([snapshot({ grid, neurons: many })], xorData(), { width: 1600 })
    );
    const drawn = maps(fig.data);
    expect(drawn).toHaveLength(MAX_PANELS);
    expect(drawn[drawn.length - 1].name).toBe('layer 2 unit 2');
    const note = (fig.layout.annotations ?? []).find(
      a => a.text === `showing ${MAX_PANELS} of ${MAX_PANELS + 3} hidden units`
    );
    // Inside the chart, on a line of its own above the first heading and map.
    expect(note).toMatchObject({ y: 1, yref: 'paper', yanchor: 'top' });
    const all = neuronsFigure(
      input([snapshot({ grid, neurons: [many[0]] })], xorData(), { width: 1600 })
    );
    expect(rect(drawn[0])[1]).toBeGreaterThan(rect(maps(all.data)[0])[1]);
  });

  it('draws the output curve in a panel of its own for 1-D data', () => {
    const line = { n: 3, x: [0, 0.5, 1], y: [], values: [0, 0, 0] };
    const data = { ...xorData(), inputDim: 1, task: 'regression' as const };
    const fig = neuronsFigure(
      input([snapshot({ grid: line, neurons: [[[0, 1, 2]]], outputs: [[3, 2, 1]] })], data)
    );
    expect(fig.data.map(t => t.name)).toEqual(['unit 1', 'unit 1']);
    expect(arr(fig.data[1].y)).toEqual([3, 2, 1]);
    expect((fig.layout.annotations ?? []).map(a => a.text)).toEqual([
      'hidden layer 1',
      'output layer'
    ]);
  });
});
