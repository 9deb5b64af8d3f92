import { MAX_COLUMNS, MAX_PANELS, neuronsFigure } from '../neurons';
import { arr, input, snapshot, xorData } from './fixtures';
import type { Trace } from '../types';

/** The paper domain of a trace's axis. */
function domainOf(layout: Record<string, unknown>, trace: Trace, axis: 'x' | 'y'): number[] {
  const id = (trace[`${axis}axis`] as string).slice(1);
  return (layout[`${axis}axis${id}`] as { domain: number[] }).domain;
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

  it('draws one heatmap per hidden unit, reshaped like the grid, a row per layer', () => {
    const fig = neuronsFigure(input([snapshot({ grid, neurons })], xorData(), { width: 700 }));
    const maps = fig.data.filter(t => t.type === 'heatmap');
    expect(maps).toHaveLength(3);
    expect(arr(maps[0].z)).toEqual([
      [0, 1],
      [1, 2]
    ]);
    expect(arr(maps[2].z)).toEqual([
      [5, 6],
      [7, 8]
    ]);
    expect(arr(maps[0].x)).toEqual([0, 1]);
    // Unit 2 of layer 1 is beside unit 1; layer 2 starts a new row below.
    expect(domainOf(fig.layout, maps[1], 'y')).toEqual(domainOf(fig.layout, maps[0], 'y'));
    expect(domainOf(fig.layout, maps[2], 'y')[1]).toBeLessThan(
      domainOf(fig.layout, maps[0], 'y')[0]
    );
    const headings = (fig.layout.annotations ?? []).map(a => a.text);
    expect(headings).toContain('hidden layer 1');
    expect(headings).toContain('hidden layer 2');
  });

  it('shares one colour scale over every hidden unit, with a colour bar', () => {
    const fig = neuronsFigure(input([snapshot({ grid, neurons })], xorData(), { width: 700 }));
    expect(fig.data.every(t => t.coloraxis === 'coloraxis')).toBe(true);
    // All values are non-negative: the sequential scale from the smallest to the largest.
    expect(fig.layout.coloraxis).toMatchObject({ cmin: 0, cmax: 8 });
    expect(
      (fig.layout.coloraxis as { colorbar: { title: { text: string } } }).colorbar.title.text
    ).toBe('unit output');
    // Signed values: the same scale over their whole range.
    const signed = [[[-2, 1, 0, 0.5]]];
    const fig2 = neuronsFigure(input([snapshot({ grid, neurons: signed })], xorData()));
    expect(fig2.layout.coloraxis).toMatchObject({ cmin: -2, cmax: 1 });
  });

  it('draws the output unit below the hidden units on a 0..1 probability scale', () => {
    const outputs = [[0.1, 0.9, 0.8, 0.2]];
    const fig = neuronsFigure(
      input([snapshot({ grid, neurons, outputs })], xorData(), { width: 700 })
    );
    const out = fig.data.find(t => t.name === 'output 1');
    expect(out).toBeDefined();
    expect(arr(out!.z)).toEqual([
      [0.1, 0.9],
      [0.8, 0.2]
    ]);
    expect(out!.coloraxis).toBe('coloraxis2');
    expect(fig.layout.coloraxis2).toMatchObject({ cmin: 0, cmax: 1 });
    const last = fig.data.find(t => t.name === 'layer 2 unit 1')!;
    expect(domainOf(fig.layout, out!, 'y')[1]).toBeLessThan(domainOf(fig.layout, last, 'y')[0]);
    expect((fig.layout.annotations ?? []).map(a => a.text)).toContain('output layer (1 unit)');
  });

  it('draws square maps, as many per row as the width holds, at most MAX_COLUMNS', () => {
    const wide = [Array.from({ length: 16 }, () => [0, 0, 0, 1])];
    const columns = (width: number) => {
      const fig = neuronsFigure(input([snapshot({ grid, neurons: wide })], xorData(), { width }));
      const top = domainOf(fig.layout, fig.data[0], 'y');
      const firstRow = fig.data.filter(t => domainOf(fig.layout, t, 'y')[1] === top[1]);
      // Square in pixels: the domain fractions times the plot's width and height.
      const margin = fig.layout.margin as { l: number; r: number; t: number; b: number };
      const x = domainOf(fig.layout, fig.data[0], 'x');
      const w = (x[1] - x[0]) * (width - margin.l - margin.r);
      const h = (top[1] - top[0]) * ((fig.layout.height as number) - margin.t - margin.b);
      expect(Math.abs(w - h)).toBeLessThan(1);
      return { cols: firstRow.length, size: w };
    };
    expect(columns(320).cols).toBe(2);
    expect(columns(700).cols).toBe(5);
    expect(columns(1600).cols).toBe(MAX_COLUMNS);
    // Readable at every width: at least about 100 px a map.
    for (const width of [320, 700, 1170, 1600]) {
      expect(columns(width).size).toBeGreaterThanOrEqual(100);
    }
  });

  it('draws at most MAX_PANELS hidden units, counted over layers in order, and says so', () => {
    const many = [
      Array.from({ length: MAX_PANELS - 2 }, () => [0, 0, 0, 1]),
      Array.from({ length: 5 }, () => [0, 1, 0, 1])
    ];
    const fig = neuronsFigure(
      input([snapshot({ grid, neurons: many })], xorData(), { width: 1600 })
    );
    expect(fig.data).toHaveLength(MAX_PANELS);
    expect(fig.data[fig.data.length - 1].name).toBe('layer 2 unit 2');
    expect((fig.layout.annotations ?? []).map(a => a.text)).toContain(
      `showing ${MAX_PANELS} of ${MAX_PANELS + 3} hidden units`
    );
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
