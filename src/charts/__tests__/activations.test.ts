import { activationsFigure, layerNote } from '../activations';
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
