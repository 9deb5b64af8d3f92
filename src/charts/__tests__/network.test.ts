/** The network view's pure parts: unit maps' pixels and colour lookups. */
import { mapPixels, networkFigure, scaleColor, scaleTable } from '../network';
import { arr, input, snapshot, xorData } from './fixtures';
import type { Colorscale } from '../types';

const SCALE: Colorscale = [
  [0, '#0000ff'],
  [0.5, '#ffffff'],
  [1, '#ff0000']
];

describe('unit maps', () => {
  it('samples the colour scale linearly between stops', () => {
    expect(scaleColor(SCALE, 0)).toEqual([0, 0, 255]);
    expect(scaleColor(SCALE, 0.5)).toEqual([255, 255, 255]);
    expect(scaleColor(SCALE, 1)).toEqual([255, 0, 0]);
    expect(scaleColor(SCALE, 0.75)).toEqual([255, 128, 128]);
  });

  it('signed maps put 0 in the middle and the largest |value| at the ends; rows are flipped', () => {
    const table = scaleTable(SCALE);
    // 2 x 2 map, row-major with the first row at the lowest x2.
    const px = mapPixels([-2, 0, 1, 2], 2, table, 'signed');
    // Image row 0 = highest x2 = values [1, 2].
    expect(Array.from(px.slice(0, 4))).toEqual([255, 128, 128, 255]);
    expect(Array.from(px.slice(4, 8))).toEqual([255, 0, 0, 255]);
    expect(Array.from(px.slice(8, 12))).toEqual([0, 0, 255, 255]);
    expect(Array.from(px.slice(12, 16))).toEqual([255, 255, 255, 255]);
  });

  it('probability maps use [0, 1] as given; NaN is neutral', () => {
    const table = scaleTable(SCALE);
    const px = mapPixels([0, NaN, 1, 0.5], 2, table, 'probability');
    expect(Array.from(px.slice(0, 3))).toEqual([255, 0, 0]);
    expect(Array.from(px.slice(12, 15))).toEqual([255, 255, 255]);
    expect(Array.from(px.slice(8, 11))).toEqual([0, 0, 255]);
  });
});

describe('network picture (static figure)', () => {
  // A 2-2-1 network on a 2 x 2 grid: each unit's map is known.
  const grid = { n: 2, x: [0, 1], y: [0, 1], values: [0.1, 0.9, 0.8, 0.2] };
  const weights = {
    W: [
      [
        [1, 1],
        [1, 1]
      ],
      [[1], [-2]]
    ],
    b: [[0, -1], [0]]
  };
  const neurons = [
    [
      [0, 1, 1, 2],
      [0, 0, 0, 1]
    ]
  ];
  const outputs = [[0.1, 0.9, 0.8, 0.2]];

  it('draws every unit’s map in its box: inputs, hidden units and the output', () => {
    const fig = networkFigure(
      input([snapshot({ grid, weights, neurons, outputs })], xorData(), { width: 640 })
    );
    const maps = fig.data.filter(t => t.type === 'heatmap');
    // x1, x2, two hidden units, the output.
    expect(maps).toHaveLength(5);
    // The input x1 over the grid: row-major with x varying fastest.
    expect(arr(maps[0].z)).toEqual([
      [0, 1],
      [0, 1]
    ]);
    expect(arr(maps[2].z)).toEqual([
      [0, 1],
      [1, 2]
    ]);
    // Hidden maps are signed (0 in the middle), the sigmoid output a probability.
    expect([maps[2].zmin, maps[2].zmax]).toEqual([-2, 2]);
    expect([maps[4].zmin, maps[4].zmax]).toEqual([0, 1]);
    // Each map fills its unit's square box around the marker drawn over it.
    const markers = fig.data.find(t => t.mode === 'text+markers')!;
    const size = (markers.marker as { size: number }).size;
    const xs = arr(markers.x);
    const ys = arr(markers.y);
    maps.forEach((m, k) => {
      const left = (m.x0 as number) - (m.dx as number) / 2;
      const bottom = (m.y0 as number) - (m.dy as number) / 2;
      expect(left + size / 2).toBeCloseTo(xs[k], 6);
      expect(bottom + size / 2).toBeCloseTo(ys[k], 6);
      expect((m.dx as number) * 2).toBeCloseTo(size, 6);
    });
  });

  it('keeps empty boxes when the snapshot has no maps', () => {
    const fig = networkFigure(input([snapshot({ weights })], xorData()));
    expect(fig.data.some(t => t.type === 'heatmap')).toBe(false);
  });
});
