/**
 * The weights view: every weight matrix as a grid of coloured cells, with its biases as an
 * extra row.
 *
 * Row i, column j of layer l's panel is the weight from unit i of layer l to unit j of
 * layer l + 1 (W[l] is n_in x n_out, as in Y = X W + b); the last row is the bias b. The
 * colour scale is diverging and centred at 0, symmetric over every panel, so the sign and
 * the relative size of a weight read the same everywhere. Rows are variants, columns are
 * layers, left to right as the signal flows.
 *
 * Two ways of drawing the same panels. A small figure (at most MAX_HEATMAP_PANELS panels and
 * MAX_HEATMAP_CELLS cells) is a Plotly heatmap per matrix on category axes of its own, with
 * gaps between big cells. A larger one, up to 9 variants x 8 layers of 64 x 64 at the caps,
 * draws each matrix as a ready-coloured picture (src/charts/mapImage.ts, one pixel per
 * weight) on one pair of fixed pixel axes, and its row and column labels and cell values as
 * one text trace: Plotly's work per subplot and per heatmap cell made that figure the
 * longest draw of the page (0.5-1.8 s). Both ways place the panels by the same grid, label
 * the same rows and columns, and hover the same text.
 */
import { variantLabel } from './format';
import { matrixImage, paletteOf } from './mapImage';
import { messageFigure } from './message';
import {
  baseLayout,
  colourBarCell,
  panelAxes,
  panelGrid,
  panelTitle,
  PIXEL_AXIS,
  PIXEL_Y_AXIS,
  rowCuts,
  stripUndefined,
  type Panel,
  type PanelGrid
} from './subplots';
import { TextPoints } from './textPoints';
import { applyTheme } from './theme';
import type { ChartInput, ChartTheme, Figure, Layout, Trace } from './types';

/** Matrices with at most this many cells print their values in the cells... */
const MAX_LABELLED_CELLS = 48;
/** ...when a cell is at least this wide and high in pixels ("-0.53" fits). */
const LABEL_CELL = { width: 30, height: 14 };

/** Smallest height of a matrix row in pixels (the panel grows up to a limit to keep it). */
const MIN_CELL = 6;

/** Least distance between row labels and between column labels, in pixels. */
const LABEL_PX = { row: 16, column: 24 };
/**
 * Most row and column labels of a panel drawn as a picture: each label is a text element
 * that Plotly styles on every draw (about 0.1 ms each), and such a figure has up to 72 panels.
 */
const PICTURE_LABELS = { rows: 8, columns: 4 };
/** Width a row label ("in 64") needs left of its panel. */
const ROW_LABEL_PX = 36;

/** Figures with more panels than this draw their matrices as pictures. */
export const MAX_HEATMAP_PANELS = 12;
/** Figures with more cells (weights and biases over every panel) draw them as pictures. */
export const MAX_HEATMAP_CELLS = 8192;

/** One panel's matrix and where it sits. */
interface Matrix {
  panel: Panel;
  variant: number;
  layer: number;
  W: ArrayLike<ArrayLike<number>>;
  b: ArrayLike<number>;
  nIn: number;
  nOut: number;
  /** Cell size on screen in pixels. */
  cellWidth: number;
  cellHeight: number;
  /** The panel's title: "relu: layer 2 (64 → 64)"... */
  title: string;
  /** ...and shorter ones, in order, for narrow panels: "layer 2 (64 → 64)", "layer 2". */
  shortTitles: string[];
  /** The values are printed in the cells. */
  labelled: boolean;
}

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
  const gridOptions = {
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
    // (at most half the width over all gaps, or nine panels at 320 px have none left).
    gapX: input.width
      ? Math.min(0.25, (compact ? 36 : 56) / input.width, 0.5 / Math.max(1, layers - 1))
      : undefined
  };
  let grid = panelGrid(gridOptions);
  const pictures =
    grid.panels.length > MAX_HEATMAP_PANELS || cellCount(snapshots) > MAX_HEATMAP_CELLS;
  if (pictures && rows > 1 && grid.cols === layers && sameShapes(snapshots)) {
    // Pictures of variants one under the other, every variant's layers the same shapes: the
    // column labels stand under the last row only (pictureTraces), so between rows only the
    // titles need room.
    grid = panelGrid({ ...gridOptions, rowGap: grid.titleSpace + (compact ? 6 : 10) });
  }
  const layout = baseLayout(grid, 'weights', compact, false);
  const plotWidth = (input.width ?? 640) - grid.margin.l - grid.margin.r;

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

  const matrices: Matrix[] = [];
  const hidden: Panel[] = [];
  for (const panel of grid.panels) {
    // One variant: its layers may wrap onto several rows, so count panels in reading order.
    const variant = rows > 1 ? panel.row : 0;
    const layer = rows > 1 ? panel.col : panel.index;
    const snap = snapshots[variant];
    const W = snap.weights?.W[layer];
    const b = snap.weights?.b[layer];
    if (!W || !b) {
      hidden.push(panel);
      continue;
    }
    const nIn = W.length;
    const nOut = b.length;
    // Cells a few pixels across get only every k-th label, as many as fit.
    const cellWidth = ((panel.xDomain[1] - panel.xDomain[0]) * plotWidth) / nOut;
    const cellHeight = rowHeight / (nIn + 1);
    matrices.push({
      panel,
      variant,
      layer,
      W,
      b,
      nIn,
      nOut,
      cellWidth,
      cellHeight,
      title: `${rows > 1 ? `${variantLabel(snap, variant)}: ` : ''}layer ${layer + 1} (${nIn} → ${nOut})`,
      // The first panel of a row keeps the variant's name, the others the layer.
      shortTitles:
        rows > 1 && panel.col === 0
          ? [`${variantLabel(snap, variant)}: layer ${layer + 1}`, variantLabel(snap, variant)]
          : [`layer ${layer + 1} (${nIn} → ${nOut})`, `layer ${layer + 1}`],
      labelled:
        !compact &&
        (nIn + 1) * nOut <= MAX_LABELLED_CELLS &&
        cellWidth >= LABEL_CELL.width &&
        cellHeight >= LABEL_CELL.height
    });
  }
  const data = pictures
    ? pictureTraces(matrices, layout, grid, plotWidth, input)
    : heatmapTraces(matrices, hidden, layout, grid, input);
  // Pictures live on axes in pixels over the whole figure (no margins above or below): the
  // grid's cuts, on its plotting area, are moved onto the figure's height.
  const cuts = rowCuts(grid).map(y =>
    pictures ? round(1 - (grid.margin.t + (1 - y) * grid.plotHeight) / grid.height) : y
  );
  return { data, layout: applyTheme(stripUndefined(layout), theme), cuts };
}

/** Weights and biases over every layer of every variant. */
function cellCount(snapshots: ChartInput['snapshots']): number {
  let cells = 0;
  for (const s of snapshots) {
    (s.weights?.W ?? []).forEach((W, l) => {
      cells += (W.length + 1) * (s.weights?.b[l]?.length ?? 0);
    });
  }
  return cells;
}

/** Every variant's layers have the same shapes (inputs and units). */
function sameShapes(snapshots: ChartInput['snapshots']): boolean {
  const shape = (s: ChartInput['snapshots'][number]) =>
    (s.weights?.W ?? []).map((W, l) => `${W.length}x${s.weights?.b[l]?.length ?? 0}`).join(',');
  return snapshots.every(s => shape(s) === shape(snapshots[0]));
}

/** Every matrix as a heatmap on category axes of its own panel. */
function heatmapTraces(
  matrices: Matrix[],
  hidden: Panel[],
  layout: Layout,
  grid: PanelGrid,
  input: ChartInput
): Trace[] {
  const { snapshots, theme } = input;
  const compact = input.compact ?? false;
  const traces: Trace[] = [];
  const axes: Record<string, unknown> = {};
  for (const panel of hidden) {
    axes[panel.xKey] = { domain: panel.xDomain, anchor: panel.y, visible: false };
    axes[panel.yKey] = { domain: panel.yDomain, anchor: panel.x, visible: false };
  }
  const tickLabels = new Map<number, { x: string[]; y: string[] }>();
  const annotations = layout.annotations ?? [];
  for (const m of matrices) {
    annotations.push(panelTitle(m.panel, m.title, compact));
    const z: (number | null)[][] = [];
    for (let i = 0; i < m.nIn; i++) {
      z.push(Array.from(m.W[i], v => (Number.isFinite(v) ? v : null)));
    }
    z.push(Array.from(m.b, v => (Number.isFinite(v) ? v : null)));
    const yLabels = Array.from({ length: m.nIn + 1 }, (_, i) => rowName(i, m.nIn));
    // Numbers only: "out 1", "out 2", ... side by side do not fit narrow cells.
    const xLabels = Array.from({ length: m.nOut }, (_, j) => String(j + 1));
    tickLabels.set(m.panel.index, {
      x: tickColumns(m.nOut, m.cellWidth, Infinity).map(j => xLabels[j]),
      y: tickRows(m.nIn, m.cellHeight, Infinity).map(i => yLabels[i])
    });
    // No gaps between cells a few pixels across: a 1 px gap would be most of a cell.
    const gap = m.cellWidth >= 8 && m.cellHeight >= 8 ? 1 : 0;
    const snap = snapshots[m.variant];
    traces.push({
      type: 'heatmap',
      name: `W${m.layer + 1}`,
      x: xLabels,
      y: yLabels,
      z,
      coloraxis: 'coloraxis',
      xgap: gap,
      ygap: gap,
      xaxis: m.panel.x,
      yaxis: m.panel.y,
      ...(m.labelled ? { texttemplate: '%{z:.2f}', textfont: { color: theme.text } } : {}),
      hovertemplate: `${variantPrefix(snapshots.length, snap, m.variant)}layer ${m.layer + 1}, %{y} → unit %{x}: %{z:.6g}<extra></extra>`
    });
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
  return traces;
}

/**
 * Every matrix as a picture, one pixel per weight, on one pair of axes measured in pixels of
 * the plot area from its top left corner; row and column labels, axis titles and cell
 * values as one text trace on the same axes.
 */
function pictureTraces(
  matrices: Matrix[],
  layout: Layout,
  grid: PanelGrid,
  plotWidth: number,
  input: ChartInput
): Trace[] {
  const { snapshots, theme } = input;
  const compact = input.compact ?? false;
  const plotHeight = grid.plotHeight;
  // The axes reach into the left, top and bottom margins (now of zero size): Plotly hides
  // text points outside the axes' ranges, and the labels and titles live out there. The
  // right margin keeps the colour bar.
  const { l, t, b } = grid.margin;
  layout.margin = { ...grid.margin, l: 0, t: 0, b: 0 };
  layout.xaxis = { ...PIXEL_AXIS, domain: [0, 1], range: [-l, plotWidth], fixedrange: true };
  layout.yaxis = {
    ...PIXEL_Y_AXIS,
    domain: [0, 1],
    range: [plotHeight + b, -t],
    fixedrange: true
  };
  const scale = layout.coloraxis as {
    colorscale: ChartTheme['diverging'];
    cmin: number;
    cmax: number;
    colorbar?: Record<string, unknown>;
  };
  if (scale.colorbar) {
    // Where the heatmaps' colour bar is: 90% of the panels' height, centred on them.
    const height = plotHeight + t + b;
    scale.colorbar = {
      ...scale.colorbar,
      len: round((0.9 * plotHeight) / height),
      y: round((b + plotHeight / 2) / height),
      yanchor: 'middle'
    };
  }
  const palette = paletteOf(scale.colorscale);
  const traces: Trace[] = [];
  const text = new TextPoints(theme.fontSize);
  // As panelTitle's annotations.
  const titleSize = compact ? 11 : 13;
  // Between panels side by side, in pixels: a title may reach half of it on either side.
  const gap =
    grid.cols > 1 ? (grid.panels[1].xDomain[0] - grid.panels[0].xDomain[1]) * plotWidth : 0;
  // "in 3 → unit 5" for every cell of an n_in x n_out matrix: one table per shape, shared by
  // every matrix of that shape (at the caps, 72 matrices have 3 shapes).
  const names = new Map<string, string[][]>();
  // The panels by place, to find the one above and the one below each.
  const at = new Map(matrices.map(m => [`${m.panel.row}:${m.panel.col}`, m]));
  // Labels a panel shares with its neighbour in the same column (same shape and cells): the
  // row labels and title are left to the one above, the column labels to the one below, as
  // small multiples do: at the caps that is most of a thousand text elements.
  const sameRows = (a: Matrix | undefined, m: Matrix) =>
    a !== undefined && a.nIn === m.nIn && a.cellHeight === m.cellHeight;
  const sameColumns = (a: Matrix | undefined, m: Matrix) =>
    a !== undefined && a.nOut === m.nOut && a.cellWidth === m.cellWidth;
  for (const m of matrices) {
    const above = at.get(`${m.panel.row - 1}:${m.panel.col}`);
    const below = at.get(`${m.panel.row + 1}:${m.panel.col}`);
    const { panel, nIn, nOut, cellWidth, cellHeight } = m;
    const left = panel.xDomain[0] * plotWidth;
    const top = (1 - panel.yDomain[1]) * plotHeight;
    const right = left + nOut * cellWidth;
    const bottom = top + (nIn + 1) * cellHeight;
    const values: ArrayLike<number>[] = [];
    for (let i = 0; i < nIn; i++) {
      values.push(m.W[i]);
    }
    values.push(m.b);
    const shape = `${nIn}x${nOut}`;
    let cellNames = names.get(shape);
    if (!cellNames) {
      cellNames = cellNamesOf(nIn, nOut);
      names.set(shape, cellNames);
    }
    const snap = snapshots[m.variant];
    traces.push({
      type: 'image',
      name: `W${m.layer + 1}`,
      source: matrixImage(values, palette, scale.cmin, scale.cmax),
      x0: left + cellWidth / 2,
      dx: cellWidth,
      y0: top + cellHeight / 2,
      dy: cellHeight,
      // Cells stay sharp blocks however the picture is stretched.
      zsmooth: false,
      customdata: values.map(row => Array.from(row)),
      text: cellNames,
      hovertemplate: `${variantPrefix(snapshots.length, snap, m.variant)}layer ${m.layer + 1}, %{text}: %{customdata:.6g}<extra></extra>`
    });
    // The title above the panel, and labels where a category axis would put its ticks:
    // rows left of the panel, columns under it, "to unit" below those.
    const title = fitting(m, right - left + gap, titleSize);
    // A row's first title names its variant: always drawn.
    if (panel.col === 0 || !(above && fitting(above, right - left + gap, titleSize) === title)) {
      text.add((left + right) / 2, top - 5, title, 'top center', titleSize);
    }
    // Row labels need room left of the panel: the margin, or a gap wide enough.
    const rowLabels = (panel.col === 0 || gap >= ROW_LABEL_PX) && !sameRows(above, m);
    for (const i of rowLabels ? tickRows(nIn, cellHeight, PICTURE_LABELS.rows) : []) {
      text.add(left - 3, top + (i + 0.5) * cellHeight, rowName(i, nIn), 'middle left');
    }
    const columnLabels = !sameColumns(below, m);
    for (const j of columnLabels ? tickColumns(nOut, cellWidth, PICTURE_LABELS.columns) : []) {
      text.add(left + (j + 0.5) * cellWidth, bottom + 2, String(j + 1), 'bottom center');
    }
    if (columnLabels && !compact && right - left + gap >= 'to unit'.length * 0.6 * theme.fontSize) {
      text.add((left + right) / 2, bottom + 18, 'to unit', 'bottom center');
    }
    if (m.labelled) {
      values.forEach((row, i) => {
        for (let j = 0; j < row.length; j++) {
          if (Number.isFinite(row[j])) {
            text.add(
              left + (j + 0.5) * cellWidth,
              top + (i + 0.5) * cellHeight,
              row[j].toFixed(2),
              'middle center'
            );
          }
        }
      });
    }
  }
  traces.push(text.trace(theme.text));
  // Pictures carry no colour axis: one cell on it, outside the plotted range, gives Plotly a
  // trace to hang the colour bar on.
  traces.push(colourBarCell('coloraxis', scale, { x: -2 * plotWidth, y: 0 }));
  return traces;
}

/**
 * The panel's title, or the first shorter one that fits `width` pixels (text estimated at
 * 0.6 em a character); none: the shortest in a row's first panel, else nothing.
 */
function fitting(m: Matrix, width: number, size: number): string {
  const titles = [m.title, ...m.shortTitles];
  const fits = titles.find(t => t.length * 0.6 * size <= width);
  // None fits: the first panel of a row still names the variant, the others say nothing.
  return fits ?? (m.panel.col === 0 ? titles[titles.length - 1] : '');
}

/** Hover names of an n_in x n_out matrix's cells, [row][column], bias row last. */
function cellNamesOf(nIn: number, nOut: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i <= nIn; i++) {
    const row = rowName(i, nIn);
    out.push(Array.from({ length: nOut }, (_, j) => `${row} → unit ${j + 1}`));
  }
  return out;
}

/** "in 1", "in 2", ... and "bias" for the last row. */
function rowName(i: number, nIn: number): string {
  return i < nIn ? `in ${i + 1}` : 'bias';
}

/**
 * Labelled columns: the first and every k-th after it, LABEL_PX.column apart or more and
 * about `most` of them at most.
 */
function tickColumns(nOut: number, cellWidth: number, most: number): number[] {
  const k = Math.max(
    Math.ceil(LABEL_PX.column / Math.max(1e-3, cellWidth)),
    Math.ceil(nOut / most)
  );
  const out: number[] = [];
  for (let j = 0; j < nOut; j += k) {
    out.push(j);
  }
  return out;
}

/**
 * Labelled rows: the first input and every k-th after it, LABEL_PX.row apart or more and
 * at most `most` of them, and always the bias row (index nIn); inputs too close to the bias
 * row lose their label to it.
 */
function tickRows(nIn: number, cellHeight: number, most: number): number[] {
  const k = Math.max(Math.ceil(LABEL_PX.row / Math.max(1, cellHeight)), Math.ceil(nIn / most));
  const out: number[] = [];
  for (let i = 0; i < nIn; i += k) {
    if (nIn - i >= k) {
      out.push(i);
    }
  }
  out.push(nIn);
  return out;
}

/** Explicit tick labels for a category axis (none given: Plotly's own). */
function ticksOf(labels: string[] | undefined): Record<string, unknown> {
  return labels ? { tickmode: 'array', tickvals: labels, ticktext: labels } : {};
}

/** "relu: " when variants are compared, else nothing. */
function variantPrefix(rows: number, snap: { label?: string }, variant: number): string {
  return rows > 1 ? `${variantLabel(snap, variant)}: ` : '';
}

/** Pixel positions and fractions are written to four decimals. */
function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
