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
import { formatMatrix, formatNumber, formatVector, variantLabel, wrapWords } from './format';
import { messageFigure } from './message';
import { baseLayout, panelGrid, panelTitle, roundPaper, stripUndefined } from './subplots';
import { applyTheme, seriesColor } from './theme';
import type { Annotation, ChartInput, Figure, Trace } from './types';
import { noteFontSize } from './verdict';

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
  // Only variants that collapse get a panel; the others are named in a note, so that a
  // compare does not spend half its width on a panel with nothing to plot.
  const shown = snapshots.map((snap, index) => ({ snap, index })).filter(v => v.snap.collapse);
  const others = snapshots
    .map((snap, index) => ({ snap, index }))
    .filter(v => !v.snap.collapse)
    .map(v => variantLabel(v.snap, v.index));
  // A panel too narrow for the note at the usual size gets it smaller.
  const narrow = input.width !== undefined && input.width < 420;
  const fontSize = noteFontSize(theme, narrow);
  const notes = shown.map(({ snap }) =>
    collapseText(
      snap.collapse!.K,
      snap.collapse!.c,
      snap.collapse!.maxDiff,
      snap.collapse!.preActivation
    )
  );
  const noteSize = notes.reduce(
    (m, text) => {
      const lines = text.split('<br>');
      return {
        w: Math.max(m.w, Math.ceil(Math.max(...lines.map(l => l.length)) * fontSize * 0.62) + 16),
        h: Math.max(m.h, lines.length * Math.round(fontSize * 1.35) + 8)
      };
    },
    { w: 0, h: 0 }
  );
  const options = {
    rows: 1,
    cols: shown.length,
    compact,
    width: input.width,
    xTitles: true,
    titles: several,
    rowHeight: compact ? 180 : 300
  };
  let grid = panelGrid(options);
  // Where the note goes: beside the square plot when the panel is wide enough (it fills what
  // would be blank), otherwise below the plot, where it cannot cover a point.
  const plotWidth = (input.width ?? 640) - grid.margin.l - grid.margin.r;
  const panelWidth = (grid.panels[0].xDomain[1] - grid.panels[0].xDomain[0]) * plotWidth;
  const beside = !compact && panelWidth >= MIN_PLOT + GAP + noteSize.w;
  const below = !compact && !beside;
  // Under the plot, for a note below it: the tick labels and the axis title, then the note.
  const underPlot = below ? AXIS_SPACE + noteSize.h : 0;
  let square = 0;
  if (beside) {
    square = Math.max(MIN_PLOT, Math.min(MAX_PLOT, panelWidth - GAP - noteSize.w));
    grid = panelGrid({ ...options, rowHeight: Math.max(square, noteSize.h) });
  } else if (below) {
    square = Math.min(300, Math.max(MIN_PLOT, panelWidth));
    grid = panelGrid({ ...options, rowHeight: square + underPlot });
  }
  const layout = baseLayout(grid, 'collapse', compact, false);
  const traces: Trace[] = [];
  const annotations: Annotation[] = [];
  grid.panels.forEach((panel, k) => {
    const { snap, index } = shown[k];
    const label = variantLabel(snap, index);
    if (several) {
      // Over the plot itself (its left part when the note is beside it).
      const title = panelTitle(panel, label, compact);
      if (beside) {
        title.x = roundPaper(panel.xDomain[0] + square / plotWidth / 2);
      }
      annotations.push(title);
    }
    const collapse = snap.collapse!;
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
      marker: { color: seriesColor(theme, index), size: compact ? 5 : 7 },
      hovertemplate: `x K + c = %{x:.6g}<br>${what} = %{y:.6g}<extra></extra>`
    });
    // The plot's own box within the panel: its left part (note beside) or its top part
    // (note below); the whole panel when compact.
    const xDomain: [number, number] = beside
      ? [panel.xDomain[0], roundPaper(panel.xDomain[0] + square / plotWidth)]
      : panel.xDomain;
    const yDomain: [number, number] = below
      ? [roundPaper(panel.yDomain[0] + underPlot / grid.plotHeight), panel.yDomain[1]]
      : panel.yDomain;
    if (!compact) {
      annotations.push({
        text: notes[k],
        x: beside ? roundPaper(xDomain[1] + GAP / plotWidth) : panel.xDomain[0],
        y: beside ? panel.yDomain[1] : panel.yDomain[0],
        xref: 'paper',
        yref: 'paper',
        xanchor: 'left',
        yanchor: beside ? 'top' : 'bottom',
        align: 'left',
        showarrow: false,
        font: { family: 'monospace', size: fontSize }
      });
    }
    layout[panel.xKey] = {
      domain: xDomain,
      anchor: panel.y,
      range,
      zeroline: false,
      constrain: 'domain',
      constraintoward: 'left',
      title: compact ? undefined : { text: 'x K + c' }
    };
    layout[panel.yKey] = {
      domain: yDomain,
      anchor: panel.x,
      range,
      zeroline: false,
      // Equal units on both axes, so the diagonal is at 45 degrees.
      scaleanchor: panel.x,
      constrain: 'domain',
      constraintoward: 'top',
      title: compact || k > 0 ? undefined : { text: what },
      // Outputs near 0.5 need three decimals: let the margin grow to hold them.
      automargin: true
    };
  });
  if (others.length > 0) {
    // Under everything: which variants have nothing to collapse, and why.
    const size = compact ? 10 : Math.max(10, theme.fontSize - 1);
    const perLine = Math.max(20, Math.floor(((input.width ?? 640) - 16) / (size * 0.6)));
    const lines = wrapWords(
      `${others.join(', ')}: a non-linear activation is in use, so ` +
        `${others.length > 1 ? 'their' : 'its'} layers do not collapse into one affine map.`,
      perLine
    );
    // Below the axis title (which reaches a little into the bottom margin's end).
    const clear = 14;
    const room = lines.length * Math.round(size * 1.4) + 8 + clear;
    const margin = layout.margin as { b: number };
    layout.margin = { ...margin, b: margin.b + room };
    layout.height = (layout.height as number) + room;
    annotations.push({
      text: lines.join('<br>'),
      x: 0,
      y: 0,
      xref: 'paper',
      yref: 'paper',
      xanchor: 'left',
      yanchor: 'top',
      align: 'left',
      yshift: -(margin.b + clear),
      showarrow: false,
      font: { color: theme.textMuted, size }
    });
  }
  layout.annotations = annotations;
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme) };
}

/** Smallest and largest side of a collapse plot, and the gap between a plot and its note. */
const MIN_PLOT = 200;
const MAX_PLOT = 440;
const GAP = 16;
/** Under a plot whose note is below it: tick labels and the axis title. */
const AXIS_SPACE = 64;

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
