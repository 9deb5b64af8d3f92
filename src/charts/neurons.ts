/**
 * The neurons view: what every unit computes, as a map over the input plane.
 *
 * A ReLU unit is a "fold" along a line, a sigmoid unit a soft step, a tanh unit in a later
 * layer a combination of earlier ones. Seeing each unit's map explains how the network
 * builds its decision surface out of simple pieces (and shows dead units as flat maps).
 * The output unit's map closes the story: it is the decision surface itself.
 *
 * One block per layer (and variant): a heading, then square maps, as many per row as the
 * width holds at a readable size (at most MAX_COLUMNS). All hidden units share one colour
 * scale, so a unit whose outputs are small looks faint next to one that dominates; the
 * output maps have their own (P(class 1) for a classifier, as in the boundary view). Both
 * scales have a colour bar. With a 1-D input each layer gets one panel of curves instead.
 */
import { extent } from './arrays';
import { variantLabel } from './format';
import { mapImage, paletteOf } from './mapImage';
import { messageFigure } from './message';
import {
  baseLayout,
  colourBarCell,
  panelGrid,
  panelTitle,
  MIN_COLOUR_BAR,
  PIXEL_AXIS,
  PIXEL_Y_AXIS,
  roundPaper,
  stripUndefined,
  rowCuts
} from './subplots';
import { TextPoints } from './textPoints';
import { applyTheme, seriesColor } from './theme';
import type { Snapshot } from '../core/types';
import type { Annotation, ChartInput, Colorscale, Figure, Layout, Trace } from './types';

/** Most maps per row (wider layers wrap onto more rows). */
export const MAX_COLUMNS = 8;
/**
 * Most hidden-unit maps in one figure, counted over variants, layers and units in that
 * order; further units are left out (and the figure says so). The output units' maps
 * (`Snapshot.outputs`) are drawn in addition.
 */
export const MAX_PANELS = 64;

/** One row of maps: some units of one layer ('output': the output layer) of one variant. */
interface Row {
  variant: number;
  layer: number | 'output';
  units: number[];
  /** The first row of its layer: a heading goes above it. */
  first: boolean;
}

/** Pixel sizes of the map grid (compact: the side panel). */
const SIZES = {
  full: { minMap: 104, maxMap: 190, gap: 10, heading: 22, title: 15, colorbar: 84 },
  compact: { minMap: 64, maxMap: 120, gap: 6, heading: 18, title: 13, colorbar: 64 }
};

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
  const size = compact ? SIZES.compact : SIZES.full;
  const width = input.width ?? (compact ? 320 : 640);
  const margin = { l: 8, r: size.colorbar, t: 6, b: 6 };
  const available = Math.max(size.minMap, width - margin.l - margin.r);

  // Which units are drawn: the first MAX_PANELS hidden units, then every output unit.
  const layers: { variant: number; layer: number | 'output'; units: number[] }[] = [];
  let panels = 0;
  let total = 0;
  snapshots.forEach((snap, variant) => {
    (snap.neurons ?? []).forEach((maps, layer) => {
      total += maps.length;
      const units: number[] = [];
      for (let u = 0; u < maps.length && panels < MAX_PANELS; u++, panels++) {
        units.push(u);
      }
      if (units.length > 0) {
        layers.push({ variant, layer, units });
      }
    });
    const outputs = snap.outputs ?? [];
    if (outputs.length > 0 && outputs.every(map => map.length === outputs[0].length)) {
      layers.push({ variant, layer: 'output', units: outputs.map((_, u) => u) });
    }
  });

  // As many maps per row as fit at the smallest readable size, no more than any layer needs.
  const widest = layers.reduce((m, l) => Math.max(m, l.units.length), 1);
  const fit = Math.floor((available + size.gap) / (size.minMap + size.gap));
  const cols = Math.max(1, Math.min(MAX_COLUMNS, widest, fit));
  const map = Math.min(size.maxMap, (available - (cols - 1) * size.gap) / cols);
  const rows: Row[] = [];
  for (const l of layers) {
    for (let start = 0; start < l.units.length; start += cols) {
      rows.push({ ...l, units: l.units.slice(start, start + cols), first: start === 0 });
    }
  }

  // Lay the rows out in pixels from the top, then turn pixels into paper fractions.
  // Units left out: a line of its own above the first heading says so.
  const leftOut = total > panels;
  const tops: number[] = [];
  let y = leftOut ? size.title : 0;
  for (const row of rows) {
    y += (row.first ? size.heading : 0) + size.title;
    tops.push(y);
    y += map + size.gap;
  }
  const plotHeight = y - size.gap;
  // Where the figure may be cut (src/charts/split.ts): in the gap above each row's title.
  const cuts = rows.slice(1).map((row, r) => {
    const start = tops[r + 1] - size.title - (row.first ? size.heading : 0);
    return roundPaper(1 - (start - size.gap / 2) / plotHeight);
  });
  const plotWidth = available;
  const fy = (px: number) => roundPaper(1 - px / plotHeight);
  const fx = (px: number) => roundPaper(px / plotWidth);

  const layout: Layout = {
    height: plotHeight + margin.t + margin.b,
    margin,
    autosize: true,
    uirevision: 'neurons',
    showlegend: false,
    hovermode: 'closest'
  };
  // One pair of axes for every map, measured in pixels of the plot area from its top left
  // corner, so that a map is an image placed by its x0/dx and y0/dy. Many small subplots,
  // each with its own axes, cost Plotly far more per draw than the maps' pixels do. The maps
  // are small multiples, not something to zoom into: the axes stay fixed.
  layout.xaxis = { ...PIXEL_AXIS, domain: [0, 1], range: [0, plotWidth], fixedrange: true };
  layout.yaxis = {
    ...PIXEL_Y_AXIS,
    domain: [0, 1],
    range: [plotHeight, 0],
    fixedrange: true
  };
  // The output maps' bar beside the first rows of output maps, from their heading down to
  // their end (at least MIN_COLOUR_BAR px); the hidden units' bar from the first map down to
  // just above it.
  const firstOutput = rows.findIndex(row => row.layer === 'output');
  let lastOutput = firstOutput;
  while (lastOutput + 1 < rows.length && rows[lastOutput + 1].layer === 'output') {
    lastOutput++;
  }
  const outputPlace =
    firstOutput > 0
      ? {
          outputTop: fy(tops[firstOutput] - size.title - size.heading),
          outputBottom: fy(
            Math.min(
              plotHeight,
              Math.max(tops[lastOutput] + map, tops[firstOutput] + MIN_COLOUR_BAR)
            )
          )
        }
      : {};
  const scales = colourScales(input, layers, theme, {
    right: fx(Math.min(plotWidth, cols * map + (cols - 1) * size.gap)),
    top: rows.length > 0 ? fy(tops[0]) : 1,
    ...outputPlace,
    gap: size.gap / plotHeight
  });
  layout.coloraxis = scales.hidden;
  if (scales.output) {
    layout.coloraxis2 = scales.output;
  }
  const traces: Trace[] = [];
  const annotations: Annotation[] = [];
  const labels = new TextPoints(compact ? 10 : 11);
  const several = snapshots.length > 1;
  // Each map is a picture coloured here (src/charts/mapImage.ts), on its colour axis's scale.
  const paint = {
    hidden: { palette: paletteOf(scales.hidden.colorscale), ...scales.hidden },
    output: scales.output
      ? { palette: paletteOf(scales.output.colorscale), ...scales.output }
      : undefined
  };
  // The input point of each map cell, as hover text: one table per grid, shared by every
  // map drawn on it (the maps hold only references to it), and by every variant whose grid
  // has the same points.
  const pointTables = new Map<string, string[][]>();
  // Each grid's table, looked up by the grid itself first: its points are compared (gridKey)
  // once per grid, not once per map.
  const gridTables = new Map<object, string[][]>();
  const pointsOf = (g: ReturnType<typeof gridOf>): string[][] => {
    let points = gridTables.get(g);
    if (!points) {
      const key = gridKey(g);
      points = pointTables.get(key) ?? pointLabels(g);
      pointTables.set(key, points);
      gridTables.set(g, points);
    }
    return points;
  };
  rows.forEach((row, r) => {
    const snap = snapshots[row.variant];
    const top = tops[r];
    if (row.first) {
      const what =
        row.layer === 'output'
          ? `output layer (${row.units.length} ${row.units.length === 1 ? 'unit' : 'units'})`
          : `hidden layer ${row.layer + 1}`;
      annotations.push({
        text: several ? `${variantLabel(snap, row.variant)}: ${what}` : what,
        x: 0,
        y: fy(top - size.title),
        xref: 'paper',
        yref: 'paper',
        xanchor: 'left',
        yanchor: 'bottom',
        showarrow: false,
        font: { size: compact ? 11 : 13 }
      });
    }
    row.units.forEach((unit, c) => {
      const values =
        row.layer === 'output' ? snap.outputs?.[unit] : snap.neurons?.[row.layer]?.[unit];
      if (!values) {
        return;
      }
      const left = c * (map + size.gap);
      const g = gridOf(snap, values.length);
      const cell = map / g.n;
      const name =
        row.layer === 'output' ? `output ${unit + 1}` : `layer ${row.layer + 1} unit ${unit + 1}`;
      const points = pointsOf(g);
      const scale = row.layer === 'output' && paint.output ? paint.output : paint.hidden;
      traces.push({
        type: 'image',
        name,
        // The map's rows go up in x2 and the image's rows go down the page: its last row
        // is the image's first.
        source: mapImage(values, g.n, scale.palette, scale.cmin, scale.cmax, true),
        x0: left + cell / 2,
        dx: cell,
        y0: top + cell / 2,
        dy: cell,
        // Hover: the unit's value and the input point of the cell, top row first.
        customdata: hoverRows(values, g.n),
        text: points,
        // Live: a map cell is a block of pixels; at rest the browser smooths the picture as
        // it scales it (at no cost to Plotly).
        zsmooth: input.live ? false : 'fast',
        hovertemplate: `${name}: %{customdata:.4g}<br>%{text}<extra></extra>`
      });
      // The map's name just above it (a text point: dozens of annotations took most of a
      // draw at the caps).
      labels.add(
        left + map / 2,
        top - 1,
        row.layer === 'output' && row.units.length === 1 ? 'output' : `unit ${unit + 1}`,
        'top center'
      );
    });
  });
  traces.push(labels.trace(theme.textMuted));
  // Images carry no colour axis: one cell on each scale, outside the plotted range, gives
  // Plotly a trace to hang each colour bar on.
  traces.push(colourBarCell('coloraxis', scales.hidden, { x: -2 * plotWidth, y: 0 }));
  if (scales.output) {
    traces.push(colourBarCell('coloraxis2', scales.output, { x: -2 * plotWidth, y: 0 }));
  }
  if (leftOut) {
    annotations.push({
      text: `showing ${panels} of ${total} hidden units`,
      x: fx(Math.min(plotWidth, cols * map + (cols - 1) * size.gap)),
      y: 1,
      xref: 'paper',
      yref: 'paper',
      xanchor: 'right',
      yanchor: 'top',
      showarrow: false,
      font: { color: theme.textMuted, size: compact ? 10 : 11 }
    });
  }
  layout.annotations = annotations;
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme), cuts };
}

/**
 * A map's values as hover rows, top row (largest x2) first: views into one copy of them, so
 * that dozens of 100 x 100 maps per draw cost one block of memory each instead of a hundred
 * arrays (hover shows a missing value as NaN, where a null showed as 0).
 */
function hoverRows(values: ArrayLike<number>, n: number): Float64Array[] {
  const all = new Float64Array(values.length);
  all.set(values);
  const rows = new Array<Float64Array>(n);
  for (let j = 0; j < n; j++) {
    rows[n - 1 - j] = all.subarray(j * n, (j + 1) * n);
  }
  return rows;
}

/** Grids with the same points have the same key. */
function gridKey(g: { n: number; x: ArrayLike<number>; y: ArrayLike<number> }): string {
  return `${g.n}:${Array.prototype.join.call(g.x, ',')}:${Array.prototype.join.call(g.y, ',')}`;
}

/**
 * Per cell [row][column] of an n x n map on grid `g`, top row (largest x2) first: the input
 * point there, "(x1, x2)".
 */
function pointLabels(g: { n: number; x: ArrayLike<number>; y: ArrayLike<number> }): string[][] {
  const xs = Array.from({ length: g.n }, (_, i) => Number(g.x[i]).toFixed(2));
  const rows: string[][] = [];
  for (let j = g.n - 1; j >= 0; j--) {
    const y = Number(g.y[j]).toFixed(2);
    rows.push(xs.map(x => `(${x}, ${y})`));
  }
  return rows;
}

/**
 * The colour axes: one for every hidden unit drawn (the sequential scale from the lowest to
 * the highest value of any of them), one for the output maps
 * (P(class) from 0 to 1 for a classifier, the output's own range otherwise). Each gets a
 * colour bar on the right: the outputs' beside the first rows of output maps, the hidden
 * units' from the first map down to just above it.
 */
function colourScales(
  input: ChartInput,
  layers: { variant: number; layer: number | 'output'; units: number[] }[],
  theme: ChartInput['theme'],
  place: {
    right: number;
    top: number;
    outputTop?: number;
    outputBottom?: number;
    gap: number;
  }
): { hidden: ColourScale; output?: ColourScale } {
  const { snapshots, data } = input;
  const compact = input.compact ?? false;
  const hiddenMaps: ArrayLike<number>[] = [];
  const outputMaps: ArrayLike<number>[] = [];
  for (const l of layers) {
    const snap = snapshots[l.variant];
    for (const u of l.units) {
      const m = l.layer === 'output' ? snap.outputs?.[u] : snap.neurons?.[l.layer]?.[u];
      if (m) {
        (l.layer === 'output' ? outputMaps : hiddenMaps).push(m);
      }
    }
  }
  const hasOutput = outputMaps.length > 0;
  const bar = (title: string, y: number, len: number) => ({
    title: { text: title, side: 'right' },
    thickness: compact ? 8 : 12,
    len,
    lenmode: 'fraction',
    y,
    yanchor: 'top',
    // Beside the rightmost maps (not at the far edge of a wide output), in the margin kept
    // for it when the maps fill the width; from the top of the first map down, below the
    // heading and the mode bar.
    x: place.right,
    xref: 'paper',
    xanchor: 'left',
    xpad: compact ? 4 : 8
  });
  const span = extent(...hiddenMaps) ?? [0, 1];
  // Without a row of output maps below hidden ones: the upper and the lower half.
  const split = place.outputTop ?? Math.min(0.48, place.top / 2);
  const hiddenLen = hasOutput
    ? Math.max(place.outputTop === undefined ? 0.1 : 0, place.top - split - 2 * place.gap)
    : place.top;
  // The sequential scale, not the class colours: a unit's output is not a class.
  const hidden: ColourScale = {
    colorscale: theme.sequential as Colorscale,
    cmin: span[0],
    cmax: span[1] > span[0] ? span[1] : span[0] + 1,
    colorbar: bar('unit output', place.top, hiddenLen)
  };
  if (!hasOutput) {
    return { hidden };
  }
  const outSpan = extent(...outputMaps) ?? [0, 1];
  const outputLen = split - (place.outputBottom ?? 0);
  const probabilities = data.task === 'classification' && outSpan[0] >= 0 && outSpan[1] <= 1;
  const single = outputMaps.length === snapshots.length;
  const output: ColourScale = probabilities
    ? {
        colorscale: theme.diverging,
        cmin: 0,
        cmax: 1,
        colorbar: bar(single ? 'P(class 1)' : 'P(class)', split, outputLen)
      }
    : {
        colorscale: theme.sequential,
        cmin: outSpan[0],
        cmax: outSpan[1] > outSpan[0] ? outSpan[1] : outSpan[0] + 1,
        colorbar: bar('output', split, outputLen)
      };
  return { hidden, output };
}

/** A colour axis of the figure: its scale, range and colour bar. */
interface ColourScale {
  colorscale: Colorscale;
  cmin: number;
  cmax: number;
  colorbar: Record<string, unknown>;
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
  const rows: { variant: number; layer: number | 'output' }[] = [];
  snapshots.forEach((snap, variant) => {
    (snap.neurons ?? []).forEach((_, layer) => rows.push({ variant, layer }));
    if (snap.outputs && snap.outputs.length > 0) {
      rows.push({ variant, layer: 'output' });
    }
  });
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
    const maps = (layer === 'output' ? snap.outputs : snap.neurons?.[layer]) ?? [];
    const what = layer === 'output' ? 'output' : `layer ${layer + 1}`;
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
        hovertemplate: `${what} unit ${unit + 1}: %{y:.4g}<extra></extra>`
      });
    });
    const title = `${several ? variantLabel(snap, variant) + ': ' : ''}${layer === 'output' ? 'output layer' : `hidden layer ${layer + 1}`}`;
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
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme), cuts: rowCuts(grid) };
}
