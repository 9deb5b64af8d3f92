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

/** Smallest height of a matrix row in pixels (the panel grows up to a limit to keep it). */
const MIN_CELL = 6;

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
  // Tall enough for the tallest matrix (inputs + bias row) at MIN_CELL px a row: a 64-unit
  // layer gets rows a student can point at, small layers keep the usual height.
  const tallest = snapshots.reduce(
    (m, s) => Math.max(m, ...(s.weights?.W ?? []).map(W => W.length + 1)),
    0
  );
  const rowHeight = Math.min(
    compact ? 360 : 560,
    Math.max(compact ? 120 : 190, tallest * (compact ? MIN_CELL - 2 : MIN_CELL))
  );
  const grid = panelGrid({
    rows,
    cols: layers,
    compact,
    titles: true,
    rowHeight,
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
  const tickLabels = new Map<number, { x: string[]; y: string[] }>();
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
    // Cells a few pixels across: no gaps between them (a 1 px gap would be most of a cell),
    // and only every k-th label, as many as fit (the bias row's always).
    const plotWidth = (input.width ?? 640) - grid.margin.l - grid.margin.r;
    const cellWidth = ((panel.xDomain[1] - panel.xDomain[0]) * plotWidth) / nOut;
    const cellHeight = rowHeight / (nIn + 1);
    const gap = cellWidth >= 8 && cellHeight >= 8 ? 1 : 0;
    const xTicks = everyKth(xLabels, Math.ceil(24 / Math.max(1, cellWidth)));
    // Rows too close to the bias row lose their label to it.
    const k = Math.ceil(16 / Math.max(1, cellHeight));
    const yTicks = everyKth(yLabels.slice(0, -1), k).filter((_, i) => nIn - i * k >= k);
    yTicks.push('bias');
    tickLabels.set(panel.index, { x: xTicks, y: yTicks });
    traces.push({
      type: 'heatmap',
      name: `W${layer + 1}`,
      x: xLabels,
      y: yLabels,
      z,
      coloraxis: 'coloraxis',
      xgap: gap,
      ygap: gap,
      xaxis: panel.x,
      yaxis: panel.y,
      ...(labelled ? { texttemplate: '%{z:.2f}', textfont: { color: theme.text } } : {}),
      hovertemplate: `${variantPrefix(rows, snap, variant)}layer ${layer + 1}, %{y} → unit %{x}: %{z:.6g}<extra></extra>`
    });
    const who = rows > 1 ? `${variantLabel(snap, variant)}: ` : '';
    annotations.push(panelTitle(panel, `${who}layer ${layer + 1} (${nIn} → ${nOut})`, compact));
  }
  layout.annotations = annotations;
  Object.assign(
    layout,
    panelAxes(
      grid,
      panel => ({
        type: 'category',
        showgrid: false,
        zeroline: false,
        title: compact ? undefined : { text: 'to unit' },
        ...ticksOf(tickLabels.get(panel.index)?.x)
      }),
      // Matrix order: the first input row at the top.
      panel => ({
        type: 'category',
        autorange: 'reversed',
        showgrid: false,
        zeroline: false,
        ...ticksOf(tickLabels.get(panel.index)?.y)
      })
    ),
    axes
  );
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme) };
}

/** The first label and every k-th after it. */
function everyKth(labels: string[], k: number): string[] {
  return labels.filter((_, i) => i % Math.max(1, k) === 0);
}

/** Explicit tick labels for a category axis (none given: Plotly's own). */
function ticksOf(labels: string[] | undefined): Record<string, unknown> {
  return labels ? { tickmode: 'array', tickvals: labels, ticktext: labels } : {};
}

/** "relu: " when variants are compared, else nothing. */
function variantPrefix(rows: number, snap: { label?: string }, variant: number): string {
  return rows > 1 ? `${variantLabel(snap, variant)}: ` : '';
}
