/**
 * @jest-environment jsdom
 *
 * Every figure checked against Plotly's own attribute schema (Plotly.validate), so that a
 * misspelt attribute or an out-of-range value is caught here rather than silently ignored
 * by Plotly in the browser.
 */
import { buildFigure, FIGURE_BUILDERS } from '../index';
import { input, snapshot, variant, XOR_VALUES, xorData } from './fixtures';
import type { DataSummary, Snapshot, ViewName } from '../../core/types';

interface ValidationError {
  msg: string;
}

let plotly: { validate(data: object[], layout: object): ValidationError[] | undefined };

beforeAll(() => {
  // The bundle probes a few browser features that jsdom lacks.
  (window.URL as unknown as { createObjectURL: () => string }).createObjectURL = () => '';

  plotly = require('plotly.js-cartesian-dist-min');
});

function classificationSnapshot(v: number, extra: Partial<Snapshot> = {}): Snapshot {
  return snapshot({
    variant: v,
    label: `v${v}`,
    history: {
      epoch: [0, 1, 2],
      trainLoss: [1, 0.1, 0.001],
      testLoss: [1, 0.2, NaN],
      trainAccuracy: [0.5, 0.75, 1],
      testAccuracy: [0, 1, 1],
      gradNorms: [
        [0.1, 0.2],
        [0.01, 0.1],
        [0, 0.05]
      ]
    },
    values: XOR_VALUES,
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
        activation: 'sigmoid',
        histogram: { edges: [0, 0.5, 1], counts: [2, 2] },
        deadFraction: 0,
        saturatedFraction: 0.5
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
    collapse: { K: [[1], [2]], c: [0], maxDiff: 0, network: [0, 2, 1, 3], affine: [0, 2, 1, 3] },
    neurons: [
      [
        [0, 1, 2, 3],
        [3, 2, 1, 0]
      ]
    ],
    ...extra
  });
}

const cases: [string, DataSummary, Snapshot[]][] = [
  [
    'binary',
    { ...xorData(), train: [0, 1, 2], test: [3] },
    [classificationSnapshot(0), classificationSnapshot(1)]
  ],
  [
    'three classes, wide hidden layer',
    { ...xorData(), y: [0, 1, 2, 1], nClasses: 3 },
    [
      classificationSnapshot(0, {
        nClasses: 3,
        values: XOR_VALUES,
        grid: { n: 2, x: [0, 1], y: [0, 1], values: [0, 1, 2, 1] },
        hidden: [
          {
            layer: 1,
            points: [
              [0, 0, 1],
              [1, 0, 0],
              [1, 2, 0],
              [2, 1, 1]
            ]
          }
        ],
        weights: {
          W: [
            [
              [1, 1, 1],
              [1, 1, 1]
            ],
            [
              [1, 0, 0],
              [0, 1, 0],
              [0, 0, 1]
            ]
          ],
          b: [
            [0, 0, 0],
            [0, 0, 0]
          ]
        }
      })
    ]
  ],
  [
    '1-D regression',
    {
      x: [[-1], [0], [1]],
      y: [1, 0, 1],
      train: [0, 1],
      test: [2],
      task: 'regression',
      nClasses: 0,
      inputDim: 1,
      domain: [[-1, 1]]
    },
    [
      classificationSnapshot(0, {
        task: 'regression',
        values: XOR_VALUES,
        grid: { n: 3, x: [-1, 0, 1], y: [], values: [1, 0, 1] },
        hidden: [{ layer: 1, points: [[1], [0], [1]] }],
        neurons: [[[1, 0, 1]]]
      })
    ]
  ]
];

describe.each(cases)('Plotly accepts every view (%s)', (_, data, snaps) => {
  it.each(Object.keys(FIGURE_BUILDERS) as ViewName[])('%s', view => {
    for (const compact of [false, true]) {
      const fig = buildFigure(
        view,
        input(snaps, data, { compact, variants: snaps.map(() => variant('sigmoid')) })
      );
      const errors = (plotly.validate(fig.data, fig.layout) ?? [])
        .map(e => e.msg)
        // Plotly.validate checks a trace's `coloraxis` reference against a pattern built
        // from its null default and so rejects every shared colour axis; Plotly's own
        // defaults step (what draws the chart) accepts it, so this one message is ignored.
        .filter(msg => !/key coloraxis is set to an invalid value \(coloraxis\)/.test(msg));
      expect(errors).toEqual([]);
    }
  });
});
