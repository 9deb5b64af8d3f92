/** The network view's pure parts: unit maps' pixels and colour lookups. */
import { mapPixels, scaleColor, scaleTable } from '../network';
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
