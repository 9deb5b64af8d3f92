/**
 * Every view, on the same realistic snapshot: the figure is plain data (JSON but for typed
 * arrays of numbers), its traces refer
 * only to axes the layout defines, and it carries the theme's colours.
 */
import { buildFigure, FIGURE_BUILDERS, VIEW_TITLES } from '../index';
import { input, snapshot, XOR_VALUES, xorData } from './fixtures';
import type { ViewName } from '../../core/types';

const views = Object.keys(FIGURE_BUILDERS) as ViewName[];

function fullSnapshot(variant: number) {
  const n = 3;
  return snapshot({
    variant,
    label: `v${variant}`,
    history: {
      epoch: [0, 1],
      trainLoss: [0.7, 0.5],
      testLoss: [0.8, 0.6],
      trainAccuracy: [0.5, 0.75],
      testAccuracy: [0.5, 1],
      gradNorms: [
        [0.1, 0.2],
        [0.05, 0.1]
      ]
    },
    values: XOR_VALUES,
    grid: {
      n,
      x: [0, 0.5, 1],
      y: [0, 0.5, 1],
      values: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    },
    hidden: [
      {
        layer: 1,
        points: [
          [0, 0],
          [1, 0],
          [1, 0],
          [2, 1]
        ]
      }
    ],
    activations: [
      {
        layer: 1,
        activation: 'relu',
        histogram: { edges: [0, 1, 2], counts: [4, 4] },
        deadFraction: 0,
        saturatedFraction: 0
      }
    ],
    weights: {
      W: [
        [
          [1, 1],
          [1, 1]
        ],
        [[1], [-2]]
      ],
      b: [[0, -1], [0]]
    },
    neurons: [[new Array(9).fill(0), new Array(9).fill(1)]]
  });
}

/** A deep copy of `value` with its typed arrays turned into arrays. */
function typedAsArrays(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) {
    return Array.from(value as unknown as ArrayLike<number>);
  }
  if (Array.isArray(value)) {
    return value.map(typedAsArrays);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typedAsArrays(v)]));
  }
  return value;
}

describe('every view', () => {
  it('has a title', () => {
    for (const view of views) {
      expect(VIEW_TITLES[view].length).toBeGreaterThan(0);
    }
  });

  it.each(views)('%s: valid, themed figure whose traces use defined axes', view => {
    for (const count of [1, 2]) {
      const snaps = Array.from({ length: count }, (_, i) => fullSnapshot(i));
      for (const compact of [false, true]) {
        const chartInput = input(snaps, { ...xorData(), train: [0, 1, 2], test: [3] }, { compact });
        const fig = buildFigure(view, chartInput);
        // Plain data, typed arrays standing for arrays of numbers.
        const plain = typedAsArrays(fig);
        expect(JSON.parse(JSON.stringify(plain))).toEqual(plain);
        expect(fig.layout.paper_bgcolor).toBe(chartInput.theme.background);
        for (const trace of fig.data) {
          const xKey = `xaxis${(trace.xaxis ?? 'x').slice(1)}`;
          const yKey = `yaxis${(trace.yaxis ?? 'y').slice(1)}`;
          if (xKey !== 'xaxis') {
            expect(fig.layout[xKey]).toBeDefined();
          }
          if (yKey !== 'yaxis') {
            expect(fig.layout[yKey]).toBeDefined();
          }
        }
        if (view !== 'collapse') {
          expect(fig.data.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('shows a waiting message before the first snapshot', () => {
    for (const view of views) {
      const fig = buildFigure(view, input([], xorData()));
      expect(fig.data).toHaveLength(0);
      expect(fig.layout.annotations?.length).toBe(1);
    }
  });

  it('rejects an unknown view', () => {
    expect(() => buildFigure('nope' as ViewName, input([], xorData()))).toThrow(/Unknown view/);
  });
});
