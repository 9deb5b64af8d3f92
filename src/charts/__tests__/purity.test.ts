/**
 * The builders run on every snapshot the widget receives; they must not modify it (the
 * same snapshot may be drawn again after a theme change or a resize).
 */
import { buildFigure, FIGURE_BUILDERS } from '../index';
import { input, snapshot, xorData } from './fixtures';
import type { ViewName } from '../../core/types';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) {
      deepFreeze((value as Record<string, unknown>)[key]);
    }
  }
  return value;
}

it.each(Object.keys(FIGURE_BUILDERS) as ViewName[])('%s leaves its input untouched', view => {
  const snap = snapshot({
    history: {
      epoch: [0, 1],
      trainLoss: [1, 0.5],
      testLoss: [1, 0.6],
      trainAccuracy: [0.5, 1],
      testAccuracy: [0.5, 1],
      gradNorms: [
        [1, 1],
        [0.5, 0.5]
      ]
    },
    grid: { n: 2, x: [0, 1], y: [0, 1], values: [0.1, 0.9, 0.8, 0.2] },
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
        histogram: { edges: [0, 1, 2], counts: [3, 1] },
        deadFraction: 0.5,
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
    collapse: { K: [[1], [1]], c: [0], maxDiff: 0, network: [0, 1, 1, 2], affine: [0, 1, 1, 2] },
    neurons: [
      [
        [0, 1, 1, 2],
        [0, 0, 0, 1]
      ]
    ]
  });
  const chartInput = deepFreeze(
    input([snap, { ...snap, variant: 1, label: 'b' }], { ...xorData(), test: [3] })
  );
  const before = JSON.stringify(chartInput);
  expect(() => buildFigure(view, chartInput)).not.toThrow();
  expect(JSON.stringify(chartInput)).toBe(before);
});
