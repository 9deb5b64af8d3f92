/**
 * The activations view: the distribution of every hidden layer's outputs over the data.
 *
 * Two failure modes show up here before they show up in the loss. A ReLU unit whose input is
 * negative for every point outputs 0 forever and gets no gradient (a dead unit); a sigmoid or
 * tanh unit pushed into its flat tails passes almost no gradient back (saturation). Each
 * histogram is annotated with the fraction of dead or saturated units reported by the core.
 *
 * Layout: one row per hidden layer, one column per compared variant.
 */
import { formatColor, parseColor } from './colors';
import { formatNumber, formatPercent, variantLabel } from './format';
import { messageFigure } from './message';
import {
  baseLayout,
  panelAxes,
  panelGrid,
  variantPanels,
  panelNote,
  panelTitle,
  stripUndefined,
  widenLeftMargin,
  rowCuts
} from './subplots';
import { applyTheme, seriesColor } from './theme';
import type { ActivationName, LayerStats } from '../core/types';
import type { ChartInput, Figure, Trace } from './types';

/**
 * Above this many histograms (layers times compared variants) each variant's layers are
 * drawn as ridges in one panel (`ridgesFigure`): nine variants of seven layers made 63 small
 * plots whose titles and tick labels ran into each other, and whose axes took Plotly about
 * half a second a draw.
 */
export const RIDGES_ABOVE = 12;

/** Share of its row a ridge's tallest bin fills. */
const RIDGE_HEIGHT = 0.85;

/** Activations that can output exactly 0 on a whole half-line, so units can die. */
const CAN_DIE: ReadonlySet<ActivationName> = new Set<ActivationName>(['relu']);
/** Activations whose saturation the core measures (flat tails on both sides). */
const SATURATES: ReadonlySet<ActivationName> = new Set<ActivationName>(['sigmoid', 'tanh']);

/** The note of one layer: "dead 25%" / "saturated 60%", or null when there is nothing to say. */
export function layerNote(stats: LayerStats): string | null {
  const parts: string[] = [];
  if (CAN_DIE.has(stats.activation) || stats.deadFraction > 0) {
    parts.push(`dead ${formatPercent(stats.deadFraction)}`);
  }
  if (SATURATES.has(stats.activation) || stats.saturatedFraction > 0) {
    parts.push(`saturated ${formatPercent(stats.saturatedFraction)}`);
  }
  return parts.length > 0 ? parts.join(', ') : null;
}

export function activationsFigure(input: ChartInput): Figure {
  const { snapshots, theme } = input;
  const compact = input.compact ?? false;
  const rows = snapshots.reduce((m, s) => Math.max(m, s.activations ? s.activations.length : 0), 0);
  if (rows === 0) {
    return messageFigure(
      snapshots.length === 0 ? 'Waiting for the first epoch...' : 'No hidden layer to show.',
      theme,
      compact
    );
  }
  const cols = snapshots.length;
  if (rows * cols > RIDGES_ABOVE) {
    return ridgesFigure(input, rows);
  }
  const grid = panelGrid({
    rows,
    cols,
    compact,
    titles: true,
    rowHeight: compact ? 110 : 170
  });
  const layout = baseLayout(grid, 'activations', compact, false);
  layout.bargap = 0;
  const traces: Trace[] = [];
  const annotations = layout.annotations ?? [];
  const axes: Record<string, unknown> = {};
  for (const panel of grid.panels) {
    const snap = snapshots[panel.col];
    const stats = snap.activations?.[panel.row];
    if (!stats) {
      axes[panel.xKey] = { domain: panel.xDomain, anchor: panel.y, visible: false };
      axes[panel.yKey] = { domain: panel.yDomain, anchor: panel.x, visible: false };
      continue;
    }
    const { edges, counts } = stats.histogram;
    const n = Math.min(counts.length, Math.max(0, edges.length - 1));
    const centres = new Array<number>(n);
    const widths = new Array<number>(n);
    const heights = new Array<number>(n);
    for (let k = 0; k < n; k++) {
      centres[k] = (edges[k] + edges[k + 1]) / 2;
      widths[k] = edges[k + 1] - edges[k];
      heights[k] = counts[k];
    }
    traces.push({
      type: 'bar',
      name: `layer ${stats.layer}`,
      x: centres,
      y: heights,
      width: widths,
      xaxis: panel.x,
      yaxis: panel.y,
      marker: { color: seriesColor(theme, panel.col), line: { width: 0 } },
      hovertemplate: `%{y} outputs near %{x:.3g}<extra></extra>`
    });
    const who = cols > 1 ? `${variantLabel(snap, panel.col)}: ` : '';
    annotations.push(
      panelTitle(panel, `${who}layer ${stats.layer} (${stats.activation})`, compact)
    );
    const note = layerNote(stats);
    if (note) {
      const alarming = stats.deadFraction > 0 || stats.saturatedFraction > 0.5;
      annotations.push(
        panelNote(panel, note, alarming ? theme.warn : theme.textMuted, theme.background)
      );
    }
  }
  layout.annotations = annotations;
  Object.assign(
    layout,
    panelAxes(
      grid,
      p => ({
        zeroline: false,
        title: compact || p.row < rows - 1 ? undefined : { text: 'unit output' }
      }),
      p => ({
        rangemode: 'tozero',
        title: compact || p.col > 0 ? undefined : { text: 'count' }
      })
    ),
    axes
  );
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme), cuts: rowCuts(grid) };
}

/**
 * One panel per compared variant, each hidden layer's histogram a ridge in its own row
 * (layer 1 at the top), scaled so that its tallest bin fills most of the row: where a
 * layer's outputs sit (a spike at 0 for dead ReLUs, at the ends for saturated tanh) reads
 * at a glance; the counts are in the hover. A layer's row is labelled with its number and its
 * note (dead or saturated share), the note coloured as in the panels of `activationsFigure`.
 */
function ridgesFigure(input: ChartInput, rows: number): Figure {
  const { snapshots, theme } = input;
  const compact = input.compact ?? false;
  const several = snapshots.length > 1;
  // Room beside each panel for its row labels ("layer 7" over "saturated 22%").
  const longest = snapshots.reduce(
    (m, snap) =>
      (snap.activations ?? []).reduce(
        (n, stats) => Math.max(n, `layer ${stats.layer}`.length, (layerNote(stats) ?? '').length),
        m
      ),
    0
  );
  const labelPx = Math.ceil(longest * theme.fontSize * 0.6) + 12;
  const plotWidth = Math.max(200, (input.width ?? 800) - labelPx - 30);
  const grid = variantPanels(input, Math.max(compact ? 160 : 220, rows * (compact ? 22 : 30)), {
    gapX: Math.min(0.3, (labelPx + 16) / plotWidth),
    minPanelWidth: labelPx + (compact ? 140 : 200)
  });
  const layout = baseLayout(grid, 'activations', compact, false);
  const traces: Trace[] = [];
  const annotations = layout.annotations ?? [];
  const yAxes: Record<string, unknown>[] = [];
  for (const panel of grid.panels) {
    const snap = snapshots[panel.index];
    const layers = snap.activations ?? [];
    // One trace per panel: every ridge is a closed outline, the outlines separated by gaps.
    const x: (number | null)[] = [];
    const y: (number | null)[] = [];
    const hover: (string | null)[] = [];
    const tickvals: number[] = [];
    const ticktext: string[] = [];
    layers.forEach((stats, row) => {
      const base = rows - 1 - row;
      const { edges, counts } = stats.histogram;
      const n = Math.min(counts.length, Math.max(0, edges.length - 1));
      let most = 0;
      for (let k = 0; k < n; k++) {
        most = Math.max(most, counts[k]);
      }
      const scale = most > 0 ? RIDGE_HEIGHT / most : 0;
      const name = `layer ${stats.layer} (${stats.activation})`;
      if (n > 0) {
        x.push(edges[0]);
        y.push(base);
        hover.push(null);
        for (let k = 0; k < n; k++) {
          const top = base + counts[k] * scale;
          const what = `${name}: ${counts[k]} outputs from ${formatNumber(edges[k])} to ${formatNumber(edges[k + 1])}`;
          x.push(edges[k], edges[k + 1]);
          y.push(top, top);
          hover.push(what, what);
        }
        x.push(edges[n], edges[0], null);
        y.push(base, base, null);
        hover.push(null, null, null);
      }
      tickvals.push(base + RIDGE_HEIGHT / 2);
      const note = layerNote(stats);
      const alarming = stats.deadFraction > 0 || stats.saturatedFraction > 0.5;
      ticktext.push(
        note
          ? `layer ${stats.layer}<br><span style="color:${alarming ? theme.warn : theme.textMuted}">${note}</span>`
          : `layer ${stats.layer}`
      );
    });
    const color = seriesColor(theme, panel.index);
    const rgba = parseColor(color);
    traces.push({
      type: 'scatter',
      mode: 'lines',
      name: variantLabel(snap, panel.index),
      x,
      y,
      customdata: hover,
      fill: 'toself',
      fillcolor: rgba ? formatColor({ ...rgba, a: 0.55 }) : color,
      line: { color, width: 1 },
      xaxis: panel.x,
      yaxis: panel.y,
      showlegend: false,
      hoveron: 'points',
      hovertemplate: '%{customdata}<extra></extra>'
    });
    if (several) {
      annotations.push(panelTitle(panel, variantLabel(snap, panel.index), compact));
    }
    yAxes.push({ tickvals, ticktext });
  }
  layout.annotations = annotations;
  widenLeftMargin(layout, labelPx);
  Object.assign(
    layout,
    panelAxes(
      grid,
      () => ({
        zeroline: false,
        title: compact ? undefined : { text: 'unit output' }
      }),
      p => ({
        range: [-0.1, rows],
        showgrid: false,
        zeroline: false,
        ticks: '',
        ...yAxes[p.index]
      })
    )
  );
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme), cuts: rowCuts(grid) };
}
