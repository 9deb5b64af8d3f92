/**
 * The network view as data: where every unit and link goes, how each link is drawn (colour
 * by the weight's sign, width by its size), and the colours of a unit's map over the input
 * plane. Pure functions: the widget in src/widgets/networkView.ts turns this into SVG and
 * canvases and handles hover and editing.
 *
 * Colours follow the class colours: a positive weight (or a high unit output) is drawn in the
 * colour of class 1, a negative one in the colour of class 0, so a link that pushes the output
 * towards class 1 has class 1's colour.
 *
 * Wide layers are summarised: at most `maxUnits` units of a layer are drawn, followed by a
 * "+N more" marker; the links of the hidden units are left out, the ones drawn stay exact.
 */
import { featureRow, FeatureName } from '../core/features';
import type { Snapshot } from '../core/types';
import { reshape } from './arrays';
import { messageFigure } from './message';
import { mixColors, parseColor } from './colors';
import { applyTheme } from './theme';
import type { ChartInput, ChartTheme, Colorscale, Figure, Trace } from './types';

/** Weights and biases as the snapshot carries them: W[l] is sizes[l] x sizes[l+1]. */
export interface DiagramParams {
  W: number[][][];
  b: number[][];
}

export interface DiagramNode {
  /** 0 = the inputs (or features), numLayers = the output layer. */
  layer: number;
  unit: number;
  /** Centre of the node's map. */
  x: number;
  y: number;
  /** Short name: x1, x1*x2, h1.3, out. */
  name: string;
  /** The unit's bias (undefined for inputs). */
  bias?: number;
}

export interface DiagramLink {
  /** Weight layer l joins layer l to layer l + 1. */
  layer: number;
  from: number;
  to: number;
  weight: number;
  /** SVG path from the right edge of `from` to the left edge of `to`. */
  path: string;
  color: string;
  width: number;
}

export interface DiagramMore {
  layer: number;
  /** Units of the layer not drawn. */
  count: number;
  x: number;
  y: number;
}

export interface DiagramModel {
  width: number;
  height: number;
  /** Side of a node's square map, in pixels. */
  size: number;
  nodes: DiagramNode[];
  links: DiagramLink[];
  more: DiagramMore[];
  /** Centre x and heading of every layer's column. */
  columns: { x: number; title: string }[];
}

export interface DiagramOptions {
  /** Width available, in pixels. */
  width: number;
  /** Names of the first layer's units (the inputs or the features). */
  inputNames: string[];
  theme: ChartTheme;
  /** Most units drawn per layer (default 10). */
  maxUnits?: number;
  /** Smaller nodes for the sidebar. */
  compact?: boolean;
}

/** Default number of units drawn per layer before the rest are summarised. */
export const MAX_UNITS_DRAWN = 10;

/** Name of unit `unit` of layer `layer` in a network of `numLayers` weight layers. */
export function unitName(
  layer: number,
  unit: number,
  numLayers: number,
  inputNames: string[],
  outputs: number
): string {
  if (layer === 0) {
    return inputNames[unit] ?? `x${unit + 1}`;
  }
  if (layer === numLayers) {
    return outputs === 1 ? 'out' : `out${unit + 1}`;
  }
  return `h${layer}.${unit + 1}`;
}

/** Colours of positive and negative weights: class 1's and class 0's. */
export function weightColors(theme: ChartTheme): { positive: string; negative: string } {
  return { positive: theme.classColors[1], negative: theme.classColors[0] };
}

/** Width of a link: from 0.5 px (zero) to 6 px (the largest weight drawn). */
export function linkWidth(weight: number, largest: number): number {
  const r = largest > 0 ? Math.min(1, Math.abs(weight) / largest) : 0;
  return 0.5 + 5.5 * r;
}

/** Where every unit and link of a network with these parameters is drawn. */
export function networkDiagram(params: DiagramParams, options: DiagramOptions): DiagramModel {
  const L = params.W.length;
  const sizes = [params.W[0]?.length ?? 0, ...params.W.map(w => w[0]?.length ?? 0)];
  const maxUnits = Math.max(1, options.maxUnits ?? MAX_UNITS_DRAWN);
  const shown = sizes.map(n => Math.min(n, maxUnits));
  const width = Math.max(160, options.width);
  // Node size: as large as the columns allow, within the compact or full range.
  const columnGap = (width - 16) / (L + 1);
  const largest = options.compact ? 30 : 48;
  const size = Math.max(18, Math.min(largest, Math.floor(columnGap * 0.45)));
  const rowGap = size + 14;
  const top = 22;
  const tallest = Math.max(...shown.map((n, l) => n + (sizes[l] > n ? 1 : 0)));
  const height = top + tallest * rowGap + 6;
  const columns = sizes.map((n, l) => ({
    x: 8 + columnGap * (l + 0.5),
    title: l === 0 ? 'input' : l === L ? 'output' : `hidden ${l} (${n})`
  }));
  const outputs = sizes[L];
  const nodes: DiagramNode[] = [];
  const more: DiagramMore[] = [];
  const yOf: number[][] = [];
  sizes.forEach((n, l) => {
    const k = shown[l];
    const rows = k + (n > k ? 1 : 0);
    // Centre each column vertically against the tallest one.
    const offset = top + ((tallest - rows) * rowGap) / 2 + rowGap / 2;
    yOf.push([]);
    for (let u = 0; u < k; u++) {
      const y = offset + u * rowGap;
      yOf[l].push(y);
      const node: DiagramNode = {
        layer: l,
        unit: u,
        x: columns[l].x,
        y,
        name: unitName(l, u, L, options.inputNames, outputs)
      };
      if (l > 0) {
        node.bias = params.b[l - 1][u];
      }
      nodes.push(node);
    }
    if (n > k) {
      more.push({ layer: l, count: n - k, x: columns[l].x, y: offset + k * rowGap });
    }
  });
  let big = 0;
  for (let l = 0; l < L; l++) {
    for (let i = 0; i < shown[l]; i++) {
      for (let j = 0; j < shown[l + 1]; j++) {
        big = Math.max(big, Math.abs(params.W[l][i][j]));
      }
    }
  }
  const { positive, negative } = weightColors(options.theme);
  const links: DiagramLink[] = [];
  const half = size / 2;
  for (let l = 0; l < L; l++) {
    for (let i = 0; i < shown[l]; i++) {
      for (let j = 0; j < shown[l + 1]; j++) {
        const w = params.W[l][i][j];
        const x0 = columns[l].x + half;
        const x1 = columns[l + 1].x - half;
        const y0 = yOf[l][i];
        const y1 = yOf[l + 1][j];
        const mid = (x0 + x1) / 2;
        links.push({
          layer: l,
          from: i,
          to: j,
          weight: w,
          path: `M${r1(x0)},${r1(y0)} C${r1(mid)},${r1(y0)} ${r1(mid)},${r1(y1)} ${r1(x1)},${r1(y1)}`,
          color: w >= 0 ? positive : negative,
          width: linkWidth(w, big)
        });
      }
    }
  }
  return { width, height, size, nodes, links, more, columns };
}

function r1(v: number): number {
  return Math.round(v * 10) / 10;
}

/** A value in [0, 1] -> an [r, g, b] colour of the scale (linear between stops). */
export function scaleColor(scale: Colorscale, t: number): [number, number, number] {
  const v = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0.5));
  let k = 1;
  while (k < scale.length - 1 && scale[k][0] < v) {
    k++;
  }
  const [t0, c0] = scale[k - 1];
  const [t1, c1] = scale[k];
  const mixed = mixColors(c0, c1, t1 > t0 ? (v - t0) / (t1 - t0) : 0);
  const rgba = parseColor(mixed) ?? { r: 128, g: 128, b: 128, a: 1 };
  return [Math.round(rgba.r), Math.round(rgba.g), Math.round(rgba.b)];
}

/**
 * How a map's values become positions on the colour scale: `signed` maps 0 to the neutral
 * middle and +-max|v| to the ends (hidden units, regression outputs); `probability` maps
 * [0, 1] straight onto the scale (sigmoid and softmax outputs).
 */
export type MapRange = 'signed' | 'probability';

const TABLE_STEPS = 256;

/**
 * The scale sampled at 257 steps (r, g, b per step, step 128 exactly the middle), so that a
 * map costs a lookup per pixel.
 */
export function scaleTable(scale: Colorscale): Uint8ClampedArray {
  const table = new Uint8ClampedArray(TABLE_STEPS * 3 + 3);
  for (let k = 0; k <= TABLE_STEPS; k++) {
    table.set(scaleColor(scale, k / TABLE_STEPS), 3 * k);
  }
  return table;
}

/**
 * RGBA pixels of an n x n map (row-major, first row = lowest x2), flipped so that the first
 * image row is the highest x2, as a picture of the plane is read. `table` is `scaleTable`'s.
 */
export function mapPixels(
  values: ArrayLike<number>,
  n: number,
  table: Uint8ClampedArray,
  range: MapRange
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(n * n * 4);
  let big = 0;
  if (range === 'signed') {
    for (let i = 0; i < values.length; i++) {
      const a = Math.abs(values[i]);
      if (Number.isFinite(a) && a > big) {
        big = a;
      }
    }
  }
  for (let iy = 0; iy < n; iy++) {
    for (let ix = 0; ix < n; ix++) {
      const v = values[iy * n + ix];
      let t = range === 'probability' ? v : big > 0 ? 0.5 + (0.5 * v) / big : 0.5;
      t = Number.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0.5;
      const k = 3 * Math.round(t * TABLE_STEPS);
      const p = ((n - 1 - iy) * n + ix) * 4;
      out[p] = table[k];
      out[p + 1] = table[k + 1];
      out[p + 2] = table[k + 2];
      out[p + 3] = 255;
    }
  }
  return out;
}

/**
 * What each first-layer unit is over the grid: an input coordinate or a feature, as a map
 * laid out like the snapshot's unit maps (row-major, or a curve for 1-D data).
 */
export function inputMaps(
  grid: NonNullable<Snapshot['grid']>,
  inputDim: number,
  features: readonly FeatureName[] | undefined
): number[][] {
  const { n, x, y } = grid;
  const oneD = y.length === 0;
  const count = features ? features.length : inputDim;
  const maps = Array.from({ length: count }, () => new Array<number>(oneD ? n : n * n));
  const points = oneD ? n : n * n;
  for (let r = 0; r < points; r++) {
    const point = oneD ? [x[r]] : [x[r % n], y[Math.floor(r / n)]];
    const row = features ? featureRow(point, features) : point;
    for (let k = 0; k < count; k++) {
      maps[k][r] = row[k];
    }
  }
  return maps;
}

/**
 * The map drawn in a unit's box and how its values meet the colour scale: the input's
 * coordinate or feature, a hidden unit's output (signed), an output unit's value (a
 * probability for sigmoid, softmax and tanh outputs, tanh moved to [0, 1]).
 */
export function unitMap(
  node: DiagramNode,
  outputLayer: number,
  snapshot: Snapshot,
  inputs: number[][] | null,
  output: string
): { values: ArrayLike<number>; range: MapRange } | null {
  if (node.layer === 0) {
    const values = inputs?.[node.unit];
    return values ? { values, range: 'signed' } : null;
  }
  if (node.layer === outputLayer) {
    let values: ArrayLike<number> | undefined = snapshot.outputs?.[node.unit];
    if (!values) {
      return null;
    }
    if (output === 'tanh') {
      values = Array.from(values, t => (t + 1) / 2);
    }
    const squashed = output === 'sigmoid' || output === 'softmax' || output === 'tanh';
    return { values, range: squashed ? 'probability' : 'signed' };
  }
  const values = snapshot.neurons?.[node.layer - 1]?.[node.unit];
  return values ? { values, range: 'signed' } : null;
}

/** Links are drawn in this many widths per sign in the Plotly picture (one trace each). */
const WIDTH_BUCKETS = 4;

/**
 * The diagram as a static Plotly figure (first variant): links as lines, units as squares
 * with their names. The experiment widget draws the live, editable diagram itself; this
 * figure is what a picture of the view (PNG) or a renderer without the widget shows.
 */
export function networkFigure(input: ChartInput): Figure {
  const { theme } = input;
  const compact = input.compact ?? false;
  const snapshot = input.snapshots[0];
  const weights = snapshot?.weights;
  if (!weights || weights.W.length === 0) {
    return messageFigure(
      snapshot ? 'No weights in this snapshot.' : 'Waiting for the first epoch...',
      theme,
      compact
    );
  }
  const features = input.variants?.[0]?.data.features;
  const inputNames = features ?? (input.data.inputDim === 1 ? ['x'] : ['x1', 'x2']);
  // One diagram unit per pixel of the figure (margins 10 px), so the unit boxes stay square.
  const model = networkDiagram(weights, {
    width: Math.max(200, (input.width ?? (compact ? 320 : 640)) - 20),
    inputNames: inputNames.slice(),
    theme,
    compact
  });
  const data: Trace[] = [];
  const biggest = Math.max(0.5, ...model.links.map(l => l.width));
  for (const sign of [1, -1]) {
    for (let k = 0; k < WIDTH_BUCKETS; k++) {
      const xs: (number | null)[] = [];
      const ys: (number | null)[] = [];
      let width = 0;
      for (const link of model.links) {
        const bucket = Math.min(
          WIDTH_BUCKETS - 1,
          Math.floor((link.width / biggest) * WIDTH_BUCKETS)
        );
        if ((link.weight >= 0 ? 1 : -1) !== sign || bucket !== k) {
          continue;
        }
        const from = model.nodes.find(n => n.layer === link.layer && n.unit === link.from)!;
        const to = model.nodes.find(n => n.layer === link.layer + 1 && n.unit === link.to)!;
        // From the right edge of one unit's box to the left edge of the next (the boxes
        // hold maps, which Plotly draws under every line).
        xs.push(from.x + model.size / 2, to.x - model.size / 2, null);
        ys.push(-from.y, -to.y, null);
        width = Math.max(width, link.width);
      }
      if (xs.length > 0) {
        data.push({
          type: 'scatter',
          mode: 'lines',
          x: xs,
          y: ys,
          showlegend: false,
          hoverinfo: 'skip',
          line: { color: sign > 0 ? theme.classColors[1] : theme.classColors[0], width }
        });
      }
    }
  }
  // Each unit's map in its box, as the live view draws it (src/widgets/networkView.ts).
  const maps = unitMapTraces(input, snapshot, model);
  data.push(...maps);
  data.push({
    type: 'scatter',
    mode: 'text+markers',
    x: model.nodes.map(n => n.x),
    y: model.nodes.map(n => -n.y),
    text: model.nodes.map(n => n.name),
    textposition: 'top center',
    showlegend: false,
    hovertemplate: '%{text}<extra></extra>',
    marker: {
      symbol: 'square',
      size: maps.length > 0 ? model.size : Math.round(model.size * 0.6),
      color: maps.length > 0 ? 'rgba(0, 0, 0, 0)' : theme.plotBackground,
      line: { color: theme.axisLine, width: 1 }
    }
  });
  const hidden = {
    showgrid: false,
    zeroline: false,
    showticklabels: false,
    ticks: '',
    fixedrange: true
  };
  const layout = {
    height: Math.max(compact ? 180 : 240, model.height + 20),
    margin: { l: 10, r: 10, t: 10, b: 10 },
    autosize: true,
    xaxis: { ...hidden, range: [0, model.width] },
    yaxis: { ...hidden, range: [-model.height, 0] },
    annotations: model.columns.map(c => ({
      text: c.title,
      x: c.x,
      y: -6,
      xref: 'x',
      yref: 'y',
      showarrow: false,
      font: { color: theme.textMuted, size: compact ? 10 : 11 }
    }))
  };
  return { data, layout: applyTheme(layout, theme) };
}

/**
 * Heatmaps (2-D input) or curves (1-D input) of every unit's map, each filling its unit's
 * box of `model`: what the static picture shows where the live view paints canvases.
 */
function unitMapTraces(input: ChartInput, snapshot: Snapshot, model: DiagramModel): Trace[] {
  const grid = snapshot.grid;
  if (!grid) {
    return [];
  }
  const variant = input.variants?.[0];
  const inputs = inputMaps(grid, input.data.inputDim, variant?.data.features);
  const outputLayer = model.columns.length - 1;
  const output = variant?.network.output ?? 'sigmoid';
  const s = model.size;
  const traces: Trace[] = [];
  for (const node of model.nodes) {
    const map = unitMap(node, outputLayer, snapshot, inputs, output);
    if (!map) {
      continue;
    }
    const { values, range } = map;
    const left = node.x - s / 2;
    const bottom = -(node.y + s / 2);
    if (grid.y.length === 0) {
      // A curve of the unit's output over x, scaled into the box.
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < values.length; i++) {
        if (Number.isFinite(values[i])) {
          lo = Math.min(lo, values[i]);
          hi = Math.max(hi, values[i]);
        }
      }
      const span = hi > lo ? hi - lo : 1;
      traces.push({
        type: 'scatter',
        mode: 'lines',
        x: Array.from(values, (_, i) => left + (s * i) / Math.max(1, values.length - 1)),
        y: Array.from(values, v =>
          Number.isFinite(v) ? bottom + 2 + ((s - 4) * (v - lo)) / span : null
        ),
        showlegend: false,
        hoverinfo: 'skip',
        line: { color: input.theme.text, width: 1 }
      });
      continue;
    }
    let big = 0;
    for (let i = 0; i < values.length; i++) {
      if (Number.isFinite(values[i])) {
        big = Math.max(big, Math.abs(values[i]));
      }
    }
    const n = grid.n;
    traces.push({
      type: 'heatmap',
      z: reshape(values, n, n),
      x0: left + s / (2 * n),
      dx: s / n,
      y0: bottom + s / (2 * n),
      dy: s / n,
      colorscale: input.theme.diverging,
      zmin: range === 'probability' ? 0 : -(big || 1),
      zmax: range === 'probability' ? 1 : big || 1,
      showscale: false,
      hoverinfo: 'skip'
    });
  }
  return traces;
}
