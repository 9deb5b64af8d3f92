/**
 * A figure that holds only a sentence: shown when a view has nothing to draw yet (no
 * snapshot) or cannot apply (a 3-D input has no decision-surface picture), so that the
 * student reads why instead of staring at empty axes.
 */
import { applyTheme } from './theme';
import type { ChartTheme, Figure } from './types';

export function messageFigure(text: string, theme: ChartTheme, compact = false): Figure {
  const layout = {
    height: compact ? 180 : 260,
    margin: { l: 20, r: 20, t: 20, b: 20 },
    autosize: true,
    xaxis: { visible: false },
    yaxis: { visible: false },
    annotations: [
      {
        text,
        x: 0.5,
        y: 0.5,
        xref: 'paper',
        yref: 'paper',
        showarrow: false,
        font: { color: theme.textMuted, size: compact ? 11 : 14 }
      }
    ]
  };
  return { data: [], layout: applyTheme(layout, theme) };
}
