/**
 * The collapse view: a network without non-linear activations is one affine map.
 *
 * If every activation is the identity, the layers compose to y = x K + c, however many
 * there are. The core computes K and c from the weights and evaluates both the network and
 * x K + c on the data; this view plots one against the other. Every point lands on the
 * diagonal y = x (up to rounding, reported as the largest difference), and K and c are
 * printed so that the student can check that 3 -> 4 -> 10 -> 1 is really 3 -> 1.
 */
import { extent, pad } from './arrays';
import { formatMatrix, formatNumber, formatVector, variantLabel } from './format';
import { messageFigure } from './message';
import { baseLayout, panelGrid, panelTitle, stripUndefined } from './subplots';
import { applyTheme, seriesColor } from './theme';
import type { Annotation, ChartInput, Figure, Trace } from './types';

/** K matrices taller than this are cut short in the annotation. */
const MAX_ROWS_SHOWN = 6;

/** Why there is nothing to plot for a network with a non-linear activation. */
export const NO_COLLAPSE_TEXT =
  'A non-linear activation is in use:<br>the layers do not collapse<br>into one affine map x K + c.';

export function collapseFigure(input: ChartInput): Figure {
  const { snapshots, theme } = input;
  const compact = input.compact ?? false;
  if (snapshots.length === 0) {
    return messageFigure('Waiting for the first epoch...', theme, compact);
  }
  if (!snapshots.some(s => s.collapse)) {
    return messageFigure(NO_COLLAPSE_TEXT, theme, compact);
  }
  const several = snapshots.length > 1;
  // A panel too narrow for the note at the usual size gets it smaller.
  const narrow = input.width !== undefined && input.width < 420;
  const grid = panelGrid({
    rows: 1,
    cols: snapshots.length,
    compact,
    width: input.width,
    xTitles: true,
    titles: several,
    rowHeight: compact ? 180 : 300
  });
  const layout = baseLayout(grid, 'collapse', compact, false);
  const traces: Trace[] = [];
  const annotations: Annotation[] = [];
  for (const panel of grid.panels) {
    const snap = snapshots[panel.index];
    const label = variantLabel(snap, panel.index);
    if (several) {
      annotations.push(panelTitle(panel, label, compact));
    }
    const collapse = snap.collapse;
    if (!collapse) {
      layout[panel.xKey] = { domain: panel.xDomain, anchor: panel.y, visible: false };
      layout[panel.yKey] = { domain: panel.yDomain, anchor: panel.x, visible: false };
      annotations.push({
        text: NO_COLLAPSE_TEXT,
        x: (panel.xDomain[0] + panel.xDomain[1]) / 2,
        y: (panel.yDomain[0] + panel.yDomain[1]) / 2,
        xref: 'paper',
        yref: 'paper',
        showarrow: false,
        font: { color: theme.textMuted, size: compact ? 10 : 12 }
      });
      continue;
    }
    const range = pad(extent(collapse.affine, collapse.network) ?? [0, 1], 0.05);
    // With identity hidden layers but a squashing output, the core collapses the output's
    // pre-activation z instead: the network is then sigma(x K + c), still one linear rule.
    const what = collapse.preActivation ? 'output pre-activation z' : 'network output';
    // The diagonal first, so the points are drawn over it.
    traces.push({
      type: 'scatter',
      mode: 'lines',
      name: 'y = x',
      x: range,
      y: range,
      xaxis: panel.x,
      yaxis: panel.y,
      line: { color: theme.textMuted, width: 1, dash: 'dash' },
      hoverinfo: 'skip'
    });
    traces.push({
      type: 'scatter',
      mode: 'markers',
      name: label,
      x: Array.from(collapse.affine),
      y: Array.from(collapse.network),
      xaxis: panel.x,
      yaxis: panel.y,
      marker: { color: seriesColor(theme, panel.index), size: compact ? 5 : 7 },
      hovertemplate: `x K + c = %{x:.6g}<br>${what} = %{y:.6g}<extra></extra>`
    });
    if (!compact) {
      annotations.push({
        text: collapseText(collapse.K, collapse.c, collapse.maxDiff, collapse.preActivation),
        x: panel.xDomain[0],
        y: panel.yDomain[1],
        xref: 'paper',
        yref: 'paper',
        xanchor: 'left',
        yanchor: 'top',
        xshift: narrow ? 2 : 6,
        yshift: -4,
        align: 'left',
        showarrow: false,
        bgcolor: theme.background,
        opacity: 0.9,
        font: { family: 'monospace', size: Math.max(9, theme.fontSize - (narrow ? 2 : 1)) }
      });
    }
    layout[panel.xKey] = {
      domain: panel.xDomain,
      anchor: panel.y,
      range,
      zeroline: false,
      constrain: 'domain',
      title: compact ? undefined : { text: 'x K + c' }
    };
    layout[panel.yKey] = {
      domain: panel.yDomain,
      anchor: panel.x,
      range,
      zeroline: false,
      // Equal units on both axes, so the diagonal is at 45 degrees.
      scaleanchor: panel.x,
      constrain: 'domain',
      title: compact || panel.index > 0 ? undefined : { text: what },
      // Outputs near 0.5 need three decimals: let the margin grow to hold them.
      automargin: true
    };
  }
  layout.annotations = annotations;
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme) };
}

/**
 * "K = ...", "c = ...", "max |network - (x K + c)| = ..." as annotation text; with
 * `preActivation` the compared quantity is the output's pre-activation z.
 */
export function collapseText(
  K: number[][],
  c: number[],
  maxDiff: number,
  preActivation = false
): string {
  const shown = K.slice(0, MAX_ROWS_SHOWN);
  const more = K.length > shown.length ? `<br>... (${K.length} rows)` : '';
  const lhs = preActivation ? 'z' : 'network';
  return (
    (preActivation ? 'output = f(z), z = x K + c<br>' : '') +
    `K = ${formatMatrix(shown).split('<br>').join('<br>    ')}${more}<br>` +
    `c = ${formatVector(c)}<br>` +
    `max |${lhs} - (x K + c)| = ${formatNumber(maxDiff, 2)}`
  );
}
