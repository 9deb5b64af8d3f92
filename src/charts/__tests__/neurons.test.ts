import { MAX_COLUMNS, neuronsFigure } from '../neurons';
import { arr, input, snapshot, xorData } from './fixtures';

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

  it('draws one small heatmap per hidden unit, reshaped like the grid', () => {
    const fig = neuronsFigure(input([snapshot({ grid, neurons })], xorData()));
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
    // Layers are rows: unit 2 of layer 1 is beside unit 1, layer 2 starts a new row.
    expect(maps.map(t => t.xaxis)).toEqual(['x', 'x2', 'x3']);
    const row1 = (fig.layout.yaxis as { domain: number[] }).domain;
    const row2 = (fig.layout.yaxis3 as { domain: number[] }).domain;
    expect(row2[1]).toBeLessThan(row1[0]);
    expect(fig.layout.xaxis4).toMatchObject({ visible: false });
  });

  it('wraps layers wider than a row', () => {
    const wide = [Array.from({ length: MAX_COLUMNS + 2 }, () => [0, 0, 0, 0])];
    const fig = neuronsFigure(input([snapshot({ grid, neurons: wide })], xorData()));
    expect(fig.data).toHaveLength(MAX_COLUMNS + 2);
    const last = fig.data[fig.data.length - 1];
    // Unit MAX_COLUMNS + 2 is the second panel of the second row.
    expect(last.xaxis).toBe(`x${MAX_COLUMNS + 2}`);
  });
});
