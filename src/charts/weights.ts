/**
 * The weights view: every weight matrix as a heatmap, with its biases as an extra row.
 *
 * Row i, column j of layer l's panel is the weight from unit i of layer l to unit j of
 * layer l + 1 (W[l] is n_in x n_out, as in Y = X W + b); the last row is the bias b. The
 * colour scale is diverging and centred at 0, symmetric over every panel, so the sign and
 * the relative size of a weight read the same everywhere. Rows are variants, columns are
 * layers, left to right as the signal flows.
 */
import { variantLabel } from './format';
import { messageFigure } from './message';
import { baseLayout, panelAxes, panelGrid, panelTitle, stripUndefined } from './subplots';
import { applyTheme } from './theme';
import type { ChartInput, Figure, Trace } from './types';

/** Matrices with at most this many cells print their values in the cells. */
const MAX_LABELLED_CELLS = 48;

export function weightsFigure(input: ChartInput): Figure {
  const { snapshots, theme } = input;
  const compact = input.compact ?? false;
  const layers = snapshots.reduce((m, s) => Math.max(m, s.weights ? s.weights.W.length : 0), 0);
  if (layers === 0) {
    return messageFigure(
      snapshots.length === 0 ? 'Waiting for the first epoch...' : 'No weights in this snapshot.',
      theme,
      compact
    );
  }
  const rows = snapshots.length;
  const grid = panelGrid({
    rows,
    cols: layers,
    compact,
    titles: true,
    rowHeight: compact ? 120 : 190,
    rightSpace: compact ? 0 : 60,
    // One layer per row where the width cannot hold them side by side; between columns,
    // room for the next panel's row labels ("in 1", "bias").
    width: input.width,
    minPanelWidth: compact ? 140 : 200,
    xTitles: true,
    gapX: input.width ? Math.min(0.25, (compact ? 36 : 56) / input.width) : undefined
  });
  const layout = baseLayout(grid, 'weights', compact, false);

  // One symmetric colour range for all panels: +-(largest |weight or bias|).
  let biggest = 0;
  for (const s of snapshots) {
    for (const m of s.weights ? [...s.weights.W, s.weights.b] : []) {
      for (const row of m) {
        for (const v of Array.isArray(row) ? row : [row]) {
          if (Number.isFinite(v) && Math.abs(v) > biggest) {
            biggest = Math.abs(v);
          }
        }
      }
    }
  }
  const limit = biggest > 0 ? biggest : 1;
  layout.coloraxis = {
    colorscale: theme.diverging,
    cmin: -limit,
    cmax: limit,
    showscale: !compact,
    ...(compact
      ? {}
      : { colorbar: { title: { text: 'weight', side: 'right' }, thickness: 12, len: 0.9 } })
  };

  const traces: Trace[] = [];
  const annotations = layout.annotations ?? [];
  const axes: Record<string, unknown> = {};
  for (const panel of grid.panels) {
    // One variant: its layers may wrap onto several rows, so count panels in reading order.
    const variant = rows > 1 ? panel.row : 0;
    const layer = rows > 1 ? panel.col : panel.index;
    const snap = snapshots[variant];
    const W = snap.weights?.W[layer];
    const b = snap.weights?.b[layer];
    if (!W || !b) {
      axes[panel.xKey] = { domain: panel.xDomain, anchor: panel.y, visible: false };
      axes[panel.yKey] = { domain: panel.yDomain, anchor: panel.x, visible: false };
      continue;
    }
    const nIn = W.length;
    const nOut = b.length;
    const z: (number | null)[][] = [];
    for (let i = 0; i < nIn; i++) {
      z.push(Array.from(W[i], v => (Number.isFinite(v) ? v : null)));
    }
    z.push(Array.from(b, v => (Number.isFinite(v) ? v : null)));
    const yLabels: string[] = [];
    for (let i = 0; i < nIn; i++) {
      yLabels.push(`in ${i + 1}`);
    }
    yLabels.push('bias');
    const xLabels: string[] = [];
    for (let j = 0; j < nOut; j++) {
      // Numbers only: "out 1", "out 2", ... side by side do not fit narrow cells.
      xLabels.push(String(j + 1));
    }
    const labelled = !compact && (nIn + 1) * nOut <= MAX_LABELLED_CELLS;
    traces.push({
      type: 'heatmap',
      name: `W${layer + 1}`,
      x: xLabels,
      y: yLabels,
      z,
      coloraxis: 'coloraxis',
      xgap: 1,
      ygap: 1,
      xaxis: panel.x,
      yaxis: panel.y,
      ...(labelled ? { texttemplate: '%{z:.2f}', textfont: { color: theme.text } } : {}),
      hovertemplate: `%{y} → out %{x}: %{z:.4g}<extra></extra>`
    });
    const who = rows > 1 ? `${variantLabel(snap, variant)}: ` : '';
    annotations.push(panelTitle(panel, `${who}layer ${layer + 1} (${nIn} → ${nOut})`, compact));
  }
  layout.annotations = annotations;
  Object.assign(
    layout,
    panelAxes(
      grid,
      () => ({
        type: 'category',
        showgrid: false,
        zeroline: false,
        title: compact ? undefined : { text: 'to unit' }
      }),
      // Matrix order: the first input row at the top.
      () => ({ type: 'category', autorange: 'reversed', showgrid: false, zeroline: false })
    ),
    axes
  );
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme) };
}
