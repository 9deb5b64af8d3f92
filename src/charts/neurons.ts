/**
 * The neurons view: what every hidden unit computes, as a small map over the input plane.
 *
 * A ReLU unit is a "fold" along a line, a sigmoid unit a soft step, a tanh unit in a later
 * layer a combination of earlier ones. Seeing each unit's map explains how the network
 * builds its decision surface out of simple pieces (and shows dead units as flat maps).
 *
 * One row of small heatmaps per hidden layer and variant, at most MAX_COLUMNS units per row
 * (wider layers wrap). Each map has its own colour range, because the shape matters here,
 * not the scale. With a 1-D input each layer gets one panel of curves instead.
 */
import { reshape } from './arrays';
import { variantLabel } from './format';
import { messageFigure } from './message';
import { baseLayout, panelGrid, panelTitle, stripUndefined } from './subplots';
import { applyTheme, seriesColor } from './theme';
import type { Snapshot } from '../core/types';
import type { Annotation, ChartInput, Figure, Trace } from './types';

/** Units per row of panels. */
export const MAX_COLUMNS = 8;
/** Most panels in one figure; further units are left out (and the figure says so). */
export const MAX_PANELS = 64;

/** One row of the panel grid: some units of one layer of one variant. */
interface Row {
  variant: number;
  layer: number;
  units: number[];
}

export function neuronsFigure(input: ChartInput): Figure {
  const { snapshots, data, theme } = input;
  const compact = input.compact ?? false;
  if (!snapshots.some(s => s.neurons && s.neurons.length > 0)) {
    return messageFigure(
      snapshots.length === 0 ? 'Waiting for the first epoch...' : 'No hidden units to show.',
      theme,
      compact
    );
  }
  if (data.inputDim === 1) {
    return curvesFigure(input);
  }
  if (data.inputDim !== 2) {
    return messageFigure(
      `Unit maps are drawn for 2-D inputs; this data set has ${data.inputDim}.`,
      theme,
      compact
    );
  }
  const several = snapshots.length > 1;
  const rows: Row[] = [];
  let panels = 0;
  let total = 0;
  snapshots.forEach((snap, variant) => {
    (snap.neurons ?? []).forEach((maps, layer) => {
      total += maps.length;
      for (let start = 0; start < maps.length; start += MAX_COLUMNS) {
        const units: number[] = [];
        for (let u = start; u < Math.min(maps.length, start + MAX_COLUMNS); u++) {
          if (panels < MAX_PANELS) {
            units.push(u);
            panels++;
          }
        }
        if (units.length > 0) {
          rows.push({ variant, layer, units });
        }
      }
    });
  });
  const cols = rows.reduce((m, r) => Math.max(m, r.units.length), 1);
  const grid = panelGrid({
    rows: rows.length,
    cols,
    compact,
    titles: true,
    // Maps have no tick labels, so columns can sit close; rows about as tall as a column
    // is wide in a typical notebook, so that the square maps fill their slots.
    gapX: 0.02,
    rowHeight: compact ? 56 : 84
  });
  const layout = baseLayout(grid, 'neurons', compact, false);
  const traces: Trace[] = [];
  const annotations: Annotation[] = [];
  const domain = data.domain;
  for (const panel of grid.panels) {
    const row = rows[panel.row];
    const unit = row.units[panel.col];
    const snap = snapshots[row.variant];
    const map = unit === undefined ? undefined : snap.neurons?.[row.layer]?.[unit];
    const axisBase = { showticklabels: false, showgrid: false, zeroline: false, ticks: '' };
    if (map === undefined || unit === undefined) {
      layout[panel.xKey] = { domain: panel.xDomain, anchor: panel.y, visible: false };
      layout[panel.yKey] = { domain: panel.yDomain, anchor: panel.x, visible: false };
      continue;
    }
    const g = gridOf(snap, map.length);
    traces.push({
      type: 'heatmap',
      name: `layer ${row.layer + 1} unit ${unit + 1}`,
      x: g.x,
      y: g.y,
      z: reshape(map, g.n, g.n),
      colorscale: theme.sequential,
      showscale: false,
      // Per-pixel smoothing is costly; only the resting network gets it (see boundary.ts).
      zsmooth: input.live ? false : 'best',
      xaxis: panel.x,
      yaxis: panel.y,
      hovertemplate:
        `layer ${row.layer + 1} unit ${unit + 1}: %{z:.3g}<br>` +
        '(%{x:.2f}, %{y:.2f})<extra></extra>'
    });
    const unitTitle = `L${row.layer + 1} u${unit + 1}`;
    const title =
      several && panel.col === 0 ? `${variantLabel(snap, row.variant)}: ${unitTitle}` : unitTitle;
    annotations.push(panelTitle(panel, title, true));
    layout[panel.xKey] = {
      domain: panel.xDomain,
      anchor: panel.y,
      ...axisBase,
      ...(domain[0] ? { range: [domain[0][0], domain[0][1]] } : {}),
      constrain: 'domain',
      ...(panel.index > 0 ? { matches: 'x' } : {})
    };
    layout[panel.yKey] = {
      domain: panel.yDomain,
      anchor: panel.x,
      ...axisBase,
      ...(domain[1] ? { range: [domain[1][0], domain[1][1]] } : {}),
      // Square maps: the input plane is not stretched.
      constrain: 'domain',
      ...(panel.index > 0 ? { matches: 'y' } : { scaleanchor: panel.x })
    };
  }
  if (total > panels && !compact) {
    annotations.push({
      text: `showing ${panels} of ${total} units`,
      x: 1,
      y: 0,
      xref: 'paper',
      yref: 'paper',
      xanchor: 'right',
      yanchor: 'top',
      yshift: -6,
      showarrow: false,
      font: { color: theme.textMuted }
    });
  }
  layout.annotations = annotations;
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme) };
}

/** The grid a map was evaluated on: the snapshot's, or an n x n guess over the domain. */
function gridOf(
  snap: Snapshot,
  length: number
): { n: number; x: ArrayLike<number>; y: ArrayLike<number> } {
  if (snap.grid && snap.grid.n * snap.grid.n === length) {
    return snap.grid;
  }
  const n = Math.round(Math.sqrt(length));
  const idx = Array.from({ length: n }, (_, i) => i);
  return { n, x: idx, y: idx };
}

/** 1-D input: one panel per (variant, layer), each unit's output as a curve over x. */
function curvesFigure(input: ChartInput): Figure {
  const { snapshots, theme } = input;
  const compact = input.compact ?? false;
  const several = snapshots.length > 1;
  const rows: { variant: number; layer: number }[] = [];
  snapshots.forEach((snap, variant) =>
    (snap.neurons ?? []).forEach((_, layer) => rows.push({ variant, layer }))
  );
  const grid = panelGrid({
    rows: rows.length,
    cols: 1,
    compact,
    titles: true,
    rowHeight: compact ? 100 : 160
  });
  const layout = baseLayout(grid, 'neurons', compact, false);
  const traces: Trace[] = [];
  const annotations: Annotation[] = [];
  for (const panel of grid.panels) {
    const { variant, layer } = rows[panel.row];
    const snap = snapshots[variant];
    const maps = snap.neurons?.[layer] ?? [];
    maps.forEach((map, unit) => {
      const x = snap.grid && snap.grid.x.length === map.length ? snap.grid.x : map.map((_, i) => i);
      traces.push({
        type: 'scatter',
        mode: 'lines',
        name: `unit ${unit + 1}`,
        x,
        y: Array.from(map),
        xaxis: panel.x,
        yaxis: panel.y,
        line: { color: seriesColor(theme, unit), width: compact ? 1 : 1.5 },
        hovertemplate: `layer ${layer + 1} unit ${unit + 1}: %{y:.3g}<extra></extra>`
      });
    });
    const title = `${several ? variantLabel(snap, variant) + ': ' : ''}layer ${layer + 1}`;
    annotations.push(panelTitle(panel, title, compact));
    layout[panel.xKey] = {
      domain: panel.xDomain,
      anchor: panel.y,
      zeroline: false,
      ...(panel.index > 0 ? { matches: 'x' } : {})
    };
    layout[panel.yKey] = { domain: panel.yDomain, anchor: panel.x };
  }
  layout.annotations = annotations;
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme) };
}
