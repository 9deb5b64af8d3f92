import { activationsFigure, layerNote, RIDGES_ABOVE } from '../activations';
import { arr, input, snapshot, xorData } from './fixtures';
import type { LayerStats } from '../../core/types';

const relu: LayerStats = {
  layer: 1,
  activation: 'relu',
  histogram: { edges: [0, 1, 2, 4], counts: [5, 2, 1] },
  deadFraction: 0.25,
  saturatedFraction: 0
};
const sigmoid: LayerStats = {
  layer: 2,
  activation: 'sigmoid',
  histogram: { edges: [0, 0.5, 1], counts: [3, 5] },
  deadFraction: 0,
  saturatedFraction: 0.6
};

describe('activations figure', () => {
  const fig = activationsFigure(input([snapshot({ activations: [relu, sigmoid] })], xorData()));

  it('draws each layer histogram as bars at the bin centres with the bin widths', () => {
    expect(fig.data.map(t => t.type)).toEqual(['bar', 'bar']);
    expect(arr(fig.data[0].x)).toEqual([0.5, 1.5, 3]);
    expect(arr(fig.data[0].width)).toEqual([1, 1, 2]);
    expect(arr(fig.data[0].y)).toEqual([5, 2, 1]);
    expect(fig.data[1].yaxis).toBe('y2');
  });

  it('annotates the dead and saturated fractions', () => {
    const texts = (fig.layout.annotations ?? []).map(a => a.text);
    expect(texts).toContain('dead 25%');
    expect(texts).toContain('saturated 60%');
    expect(texts).toContain('layer 1 (relu)');
  });

  it('says nothing about dead units for a smooth non-saturating activation', () => {
    expect(layerNote({ ...relu, activation: 'softplus', deadFraction: 0 })).toBeNull();
  });

  it('lays compared variants out in columns', () => {
    const two = activationsFigure(
      input(
        [
          snapshot({ activations: [relu] }),
          snapshot({ variant: 1, label: 'tanh', activations: [sigmoid] })
        ],
        xorData()
      )
    );
    expect(two.data.map(t => t.xaxis)).toEqual(['x', 'x2']);
    const d1 = (two.layout.xaxis as { domain: number[] }).domain;
    const d2 = (two.layout.xaxis2 as { domain: number[] }).domain;
    expect(d1[1]).toBeLessThan(d2[0]);
  });
});

describe('activations figure with many histograms', () => {
  // Five variants of three layers: 15 histograms, over RIDGES_ABOVE.
  const layer = (n: number, stats: LayerStats): LayerStats => ({ ...stats, layer: n });
  const snaps = Array.from({ length: 5 }, (_, v) =>
    snapshot({
      variant: v,
      label: `v${v}`,
      activations: [layer(1, relu), layer(2, relu), layer(3, sigmoid)]
    })
  );
  const fig = activationsFigure(input(snaps, xorData(), { width: 1200 }));

  it('draws one panel per variant with a ridge per layer instead of a plot per histogram', () => {
    expect(5 * 3).toBeGreaterThan(RIDGES_ABOVE);
    expect(fig.data).toHaveLength(5);
    expect(fig.data.map(t => t.xaxis)).toEqual(['x', 'x2', 'x3', 'x4', 'x5']);
    expect(fig.layout.xaxis6).toBeUndefined();
  });

  it('outlines each bin at its edges, scaled so the tallest bin fills most of its row', () => {
    const x = arr<number | null>(fig.data[0].x);
    const y = arr<number | null>(fig.data[0].y);
    // Layer 1 (relu, counts 5, 2, 1 over edges 0, 1, 2, 4) is the top row: its base is 2.
    const first = x.indexOf(null);
    expect(x.slice(0, first)).toEqual([0, 0, 1, 1, 2, 2, 4, 4, 0]);
    expect(y.slice(0, first).map(v => +(v as number).toFixed(4))).toEqual(
      [2, 2.85, 2.85, 2 + 0.85 * 0.4, 2 + 0.85 * 0.4, 2 + 0.85 * 0.2, 2 + 0.85 * 0.2, 2, 2].map(
        v => +v.toFixed(4)
      )
    );
    // The last layer (sigmoid) sits on the bottom row.
    const last = x.lastIndexOf(null, x.length - 2);
    expect(y.slice(last + 1, -1).every(v => v !== null && v >= 0 && v <= 0.85)).toBe(true);
    // The counts are in the hover.
    expect(arr<string | null>(fig.data[0].customdata)[1]).toContain('5 outputs from 0 to 1');
  });

  it('labels each row with its layer and its note', () => {
    const axis = fig.layout.yaxis as { tickvals: number[]; ticktext: string[] };
    expect(axis.tickvals).toHaveLength(3);
    expect(axis.ticktext[0]).toMatch(/^layer 1<br><span style="color:[^"]+">dead 25%<\/span>$/);
    expect(axis.ticktext[2]).toContain('saturated 60%');
  });
});
