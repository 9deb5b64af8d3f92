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
import { formatPercent, variantLabel } from './format';
import { messageFigure } from './message';
import {
  baseLayout,
  panelAxes,
  panelGrid,
  panelNote,
  panelTitle,
  stripUndefined
} from './subplots';
import { applyTheme, seriesColor } from './theme';
import type { ActivationName, LayerStats } from '../core/types';
import type { ChartInput, Figure, Trace } from './types';

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
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme) };
}
