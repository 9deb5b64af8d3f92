/**
 * Labels from a spec reach Plotly as text, never as markup: no view's figure holds a tag,
 * a style or a template from a label, and the label's characters are still all shown.
 */
import { buildFigure, FIGURE_BUILDERS } from '../index';
import { plotlyText, safeChartInput } from '../plotlyText';
import { input, snapshot, variant, xorData } from './fixtures';
import type { ViewName } from '../../core/types';

const LINK = '<a href="https://example.org/x">click</a>';
const STYLE = '<span style="font-size:80px;color:red">big</span>';
const TEMPLATE = 'rate %{y}';

function hostileSnapshot(index: number, label: string) {
  return snapshot({
    variant: index,
    label,
    error: { epoch: 3, message: `stopped ${label}` },
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
    grid: { n: 2, x: [0, 1], y: [0, 1], values: [0.1, 0.2, 0.3, 0.4] },
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
    weights: {
      W: [
        [
          [1, 1],
          [1, 1]
        ],
        [[1], [-2]]
      ],
      b: [[0, -1], [0]]
    }
  });
}

describe('plotlyText', () => {
  it('turns markup characters into the entities Plotly shows literally', () => {
    expect(plotlyText(LINK)).toBe('&lt;a href="https://example.org/x"&gt;click&lt;/a&gt;');
    expect(plotlyText('a & b <br>')).toBe('a &amp; b &lt;br&gt;');
    expect(plotlyText(TEMPLATE)).not.toContain('%{');
    expect(plotlyText('relu')).toBe('relu');
  });

  it('safeChartInput leaves the original input alone', () => {
    const original = input([hostileSnapshot(0, LINK)], xorData());
    const safe = safeChartInput(original);
    expect(original.snapshots[0].label).toBe(LINK);
    expect(safe.snapshots[0].label).toBe(plotlyText(LINK));
  });
});

describe('no view draws markup from a label', () => {
  const views = Object.keys(FIGURE_BUILDERS) as ViewName[];
  const labels = [LINK, STYLE, TEMPLATE];
  it.each(views)('%s', view => {
    const snapshots = labels.map((label, i) => hostileSnapshot(i, label));
    const variants = labels.map(label => ({ ...variant('sigmoid'), label }));
    const figure = buildFigure(view, input(snapshots, xorData(), { variants }));
    const text = JSON.stringify(figure);
    expect(text).not.toMatch(/<a\b/);
    expect(text).not.toMatch(/<span/);
    expect(text).not.toContain('rate %{');
  });

  it('the loss view still shows every label, escaped', () => {
    const snapshots = [LINK, STYLE].map((label, i) => hostileSnapshot(i, label));
    const text = JSON.stringify(buildFigure('loss', input(snapshots, xorData())));
    expect(text).toContain('&lt;a href=');
    expect(text).toContain('&lt;span style=');
  });
});
