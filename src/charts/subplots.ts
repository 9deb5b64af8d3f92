/**
 * Subplot geometry: a grid of panels on one figure, each with its own pair of axes.
 *
 * Plotly places axes by `domain` (fractions of the plotting area). We lay the grid out in
 * pixels first (a fixed row height, room for a title and tick labels between rows) and turn
 * that into domains, so that a figure with five rows of small panels is as readable as one
 * with a single row. The figure's suggested `height` follows from the number of rows.
 */
import type { Snapshot } from '../core/types';
import type { Annotation, Layout, Trace } from './types';

/** One cell of the grid and the axes that live in it. */
export interface Panel {
  /** Row-major position: index = row * cols + col. */
  index: number;
  row: number;
  col: number;
  /** Axis ids for traces: 'x', 'y' for the first panel, then 'x2', 'y2', ... */
  x: string;
  y: string;
  /** The matching layout keys: 'xaxis', 'yaxis', 'xaxis2', ... */
  xKey: string;
  yKey: string;
  xDomain: [number, number];
  yDomain: [number, number];
}

export interface GridOptions {
  rows: number;
  cols: number;
  compact?: boolean;
  /** Height of one row of panels in pixels. */
  rowHeight?: number;
  /** Leave room above each row for a panel title. */
  titles?: boolean;
  /** Extra right margin (pixels), e.g. for a colour bar or a second y axis. */
  rightSpace?: number;
  /** Horizontal gap between columns as a fraction of the width (default 0.06, compact 0.04). */
  gapX?: number;
  /**
   * Width of the figure in pixels, when known. A single row of panels then wraps onto more
   * rows where it would make panels narrower than `minPanelWidth`: small multiples stay
   * readable in a narrow output instead of shrinking to thumbnails.
   */
  width?: number;
  /** Narrowest panel worth drawing when wrapping (default 260, compact 160). */
  minPanelWidth?: number;
  /** The panels' x axes have titles: leave room for them between rows. */
  xTitles?: boolean;
  /**
   * Pixels between rows of panels, when the rows share their labels (default: room for the
   * upper row's tick labels and x titles, then the lower row's title).
   */
  rowGap?: number;
}

export interface PanelGrid {
  panels: Panel[];
  rows: number;
  cols: number;
  /** Suggested figure height in pixels. */
  height: number;
  margin: { l: number; r: number; t: number; b: number };
  /** Height of the plotting area (figure minus margins) in pixels. */
  plotHeight: number;
  /** Pixels reserved above each row for its title. */
  titleSpace: number;
}

/** Lay out `rows` x `cols` panels. */
export function panelGrid(options: GridOptions): PanelGrid {
  const compact = options.compact ?? false;
  const count = Math.max(1, options.rows) * Math.max(1, options.cols);
  const cols = wrappedColumns(options);
  const rows = Math.ceil(count / cols);
  const rowHeight = options.rowHeight ?? (compact ? 150 : 240);
  const titleSpace = options.titles ? (compact ? 16 : 24) : 0;
  // Between rows: the upper row's tick labels, then the lower row's title.
  const tickSpace = (compact ? 22 : 34) + (options.xTitles && !compact ? 32 : 0);
  const gapY = rows > 1 ? (options.rowGap ?? tickSpace + titleSpace) : 0;
  const gapX = cols > 1 ? (options.gapX ?? (compact ? 0.04 : 0.06)) : 0;
  const margin = {
    l: compact ? 40 : 60,
    r: (compact ? 10 : 20) + (options.rightSpace ?? 0),
    t: titleSpace + (compact ? 12 : 14),
    b: compact ? 30 : 48
  };
  const plotHeight = rows * rowHeight + (rows - 1) * gapY;
  const width = (1 - gapX * (cols - 1)) / cols;
  const panels: Panel[] = [];
  for (let row = 0; row < rows; row++) {
    const top = 1 - (row * (rowHeight + gapY)) / plotHeight;
    const bottom = Math.max(0, top - rowHeight / plotHeight);
    for (let col = 0; col < cols; col++) {
      const index = row * cols + col;
      if (index >= count) {
        break;
      }
      const suffix = index === 0 ? '' : String(index + 1);
      const left = col * (width + gapX);
      panels.push({
        index,
        row,
        col,
        x: `x${suffix}`,
        y: `y${suffix}`,
        xKey: `xaxis${suffix}`,
        yKey: `yaxis${suffix}`,
        xDomain: [roundPaper(left), roundPaper(Math.min(1, left + width))],
        yDomain: [roundPaper(bottom), roundPaper(top)]
      });
    }
  }
  return {
    panels,
    rows,
    cols,
    height: plotHeight + margin.t + margin.b,
    margin,
    plotHeight,
    titleSpace
  };
}

/**
 * A panel per compared variant in one row, wrapped onto more rows where the figure's width
 * cannot hold them, each panel with an x axis title and, with `titles`, a title above.
 */
export function variantPanels(
  input: { snapshots: readonly unknown[]; compact?: boolean; width?: number },
  rowHeight: number,
  options: Partial<GridOptions> = {}
): PanelGrid {
  return panelGrid({
    rows: 1,
    cols: input.snapshots.length,
    compact: input.compact ?? false,
    width: input.width,
    xTitles: true,
    titles: input.snapshots.length > 1,
    rowHeight,
    ...options
  });
}

/**
 * How many columns a grid gets: as asked, unless it is a single row that the figure's width
 * cannot hold at `minPanelWidth` per panel; then as many as fit (at least one).
 */
export function wrappedColumns(options: GridOptions): number {
  const cols = Math.max(1, options.cols);
  const width = options.width;
  if (options.rows > 1 || cols === 1 || width === undefined || !(width > 0)) {
    return cols;
  }
  const compact = options.compact ?? false;
  const minPanel = options.minPanelWidth ?? (compact ? 160 : 260);
  const margins = (compact ? 50 : 80) + (options.rightSpace ?? 0);
  const fit = Math.floor((width - margins) / minPanel);
  return Math.max(1, Math.min(cols, fit));
}

/**
 * Paper fractions (domains, cuts, colour bar places) are written to six decimals: enough for
 * any screen, and tidy in tests.
 */
export function roundPaper(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/**
 * The layout entries of every panel's axes: domain and anchor from the grid, the rest from
 * `x(panel)` and `y(panel)`.
 */
export function panelAxes(
  grid: PanelGrid,
  x: (panel: Panel) => Record<string, unknown>,
  y: (panel: Panel) => Record<string, unknown>
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of grid.panels) {
    out[p.xKey] = { domain: p.xDomain, anchor: p.y, ...x(p) };
    out[p.yKey] = { domain: p.yDomain, anchor: p.x, ...y(p) };
  }
  return out;
}

/**
 * The range Plotly's autorange gives lines over `[lo, hi]` (in log10 units on a log axis):
 * tight, or with `padded` 5% of the axis's length beyond each end; a single value +-1.
 */
export function autorangeOf([lo, hi]: [number, number], padded: boolean): [number, number] {
  if (lo === hi) {
    return [lo - 1, hi + 1];
  }
  const pad = padded ? ((hi - lo) * 0.05) / 0.9 : 0;
  return [roundPaper(lo - pad), roundPaper(hi + pad)];
}

/**
 * The epoch axis of a run that has not trained yet (every history holds epoch 0 alone): the
 * run's planned length, with its first point at the left edge and whole epochs on the ticks,
 * instead of Plotly's -1 to 1 around a single value. A little room on the left keeps that
 * point's marker whole. Undefined once any variant has trained an epoch.
 */
export function untrainedEpochRange(snapshots: readonly Snapshot[]): [number, number] | undefined {
  let total = 1;
  for (const snap of snapshots) {
    const epochs = snap.history.epoch;
    if (epochs.length > 0 && epochs[epochs.length - 1] > 0) {
      return undefined;
    }
    total = Math.max(total, snap.totalEpochs);
  }
  return [roundPaper(-total * UNTRAINED_LEFT_ROOM), total];
}

/** The share of the untrained epoch axis left of epoch 0 (room for a marker's half). */
const UNTRAINED_LEFT_ROOM = 0.02;

/**
 * A curve with fewer than two values draws no line (before training, or a run that stopped
 * at once): its value is a marker instead, `style` giving its symbol or colour (Plotly's
 * default: the line's colour). Empty for a curve with a line to draw.
 */
export function onePointMarker(
  y: readonly (number | null)[],
  compact: boolean,
  style: { symbol?: string; color?: string }
): Partial<Trace> {
  if (y.filter(v => v !== null).length >= 2) {
    return {};
  }
  return { mode: 'lines+markers', marker: { ...style, size: compact ? 6 : 8 } };
}

/**
 * Where a figure laid out on `grid` may be cut into pieces (src/charts/split.ts), as paper
 * y: between each pair of rows, above the lower row's title (or its top tick label) and
 * below the upper row's tick labels and axis titles.
 */
export function rowCuts(grid: PanelGrid): number[] {
  const above = Math.max(grid.titleSpace, 8) + 2;
  return grid.panels
    .filter(p => p.row > 0 && p.col === 0)
    .map(p => roundPaper(p.yDomain[1] + above / grid.plotHeight));
}

/**
 * `{ matches: 'x' }` (or 'y') for every panel but the first: zooming one panel zooms all,
 * and they keep the same range, which is what makes side-by-side comparison honest.
 */
export function shareAxis(panel: Panel, axis: 'x' | 'y'): Record<string, unknown> {
  return panel.index === 0 ? {} : { matches: axis };
}

/**
 * Most labels a logarithmic axis carries: Plotly measures every label it draws, and a loss
 * or gradient that spans hundreds of decades (a run that diverged beside one that fits
 * exactly) made hundreds of labels on top of each other and a draw of half a second.
 */
export const LOG_AXIS_LABELS = 8;

/**
 * The `dtick` of a logarithmic axis over `range` (positive values, null when unknown) with at
 * most `labels` labels: 'D2' (1, 2 and 5 times each power of ten) when `minor` is allowed and
 * they fit, one label per decade when those fit, otherwise one every 2, 5, 10, 20, ...
 * decades.
 */
export function logAxisTicks(
  range: [number, number] | null,
  labels = LOG_AXIS_LABELS,
  minor = false
): number | 'D2' {
  const decades = range ? Math.log10(range[1]) - Math.log10(range[0]) : 0;
  if (minor && 3 * (Math.floor(decades) + 1) <= labels) {
    return 'D2';
  }
  const least = Math.ceil((decades + 1) / labels);
  // A round step (1, 2, 5, 10, 20, 50, ...), so the labels read 10^-100, 10^-50, 10^0.
  for (let power = 1; ; power *= 10) {
    for (const step of [1, 2, 5]) {
      if (step * power >= least) {
        return step * power;
      }
    }
  }
}

/**
 * The left margin (pixels) a logarithmic y axis over `range` with ticks `dtick` needs for its
 * labels (10 with a superscript exponent, Plotly's 'power' format) and, when `titled`, its
 * title beside them. Set instead of Plotly's automargin, which draws the whole figure a
 * second time whenever the labels grow: most of a first draw's time at the caps.
 */
export function logAxisMargin(
  range: [number, number] | null,
  dtick: number | 'D2',
  fontSize: number,
  titled: boolean
): number {
  const step = typeof dtick === 'number' ? dtick : 1;
  const exponents = range
    ? [Math.log10(range[0]), Math.log10(range[1])].map(e => Math.floor(e / step) * step)
    : [0];
  const digits = Math.max(...exponents.map(e => String(e).length));
  // "10" at the font's size, the exponent (its minus sign a digit wide) at about 70% of it.
  return labelledAxisMargin(fontSize * 0.6 * (2 + 0.7 * digits), fontSize, titled);
}

/**
 * The left margin (pixels) a y axis needs for tick labels `label` pixels wide and, when
 * `titled`, its title beside them.
 */
export function labelledAxisMargin(label: number, fontSize: number, titled: boolean): number {
  return Math.ceil(10 + label + (titled ? fontSize * 1.2 + 16 : 4));
}

/**
 * A heatmap of one cell on colour axis `axis` (from `cmin` to `cmax`) at (x, y), a place out
 * of the plotted range: pictures (image traces) carry no colour axis, and this trace gives
 * Plotly something to hang the axis's colour bar on.
 */
export function colourBarCell(
  axis: string,
  scale: { cmin: number; cmax: number },
  at: { x: number; y: number }
): Trace {
  return {
    type: 'heatmap',
    name: axis,
    z: [[scale.cmin, scale.cmax]],
    x0: at.x,
    dx: 1,
    y0: at.y,
    dy: 1,
    coloraxis: axis,
    showlegend: false,
    hoverinfo: 'skip'
  };
}

/** Widen the layout's left margin to at least `left` pixels. */
export function widenLeftMargin(layout: Layout, left: number): void {
  const margin = layout.margin as { l: number } | undefined;
  if (margin && margin.l < left) {
    layout.margin = { ...margin, l: left };
  }
}

/**
 * A panel's width in pixels for a figure `width` px wide (the grid's margins taken off),
 * or undefined when the width is not known.
 */
export function panelPixels(
  panel: Panel,
  width: number | undefined,
  margin: { l: number; r: number }
): number | undefined {
  if (!(width && width > 0)) {
    return undefined;
  }
  return (width - margin.l - margin.r) * (panel.xDomain[1] - panel.xDomain[0]);
}

/**
 * A panel's plotting area in CSS pixels, as a points picture's size: its share of the figure's
 * width less the margins (400 when the width is not known), and of the grid's plot height.
 */
export function panelArea(
  panel: Panel,
  grid: PanelGrid,
  width: number | undefined
): { width: number; height: number } {
  return {
    width: panelPixels(panel, width, grid.margin) ?? 400,
    height: grid.plotHeight * (panel.yDomain[1] - panel.yDomain[0])
  };
}

/** A title centred above a panel. */
export function panelTitle(panel: Panel, text: string, compact = false): Annotation {
  return {
    text,
    x: (panel.xDomain[0] + panel.xDomain[1]) / 2,
    y: panel.yDomain[1],
    xref: 'paper',
    yref: 'paper',
    xanchor: 'center',
    yanchor: 'bottom',
    yshift: 2,
    showarrow: false,
    font: { size: compact ? 11 : 13 }
  };
}

/** The shortest colour bar drawn, in pixels: a shorter one is a stub with no room for ticks. */
export const MIN_COLOUR_BAR = 120;

/**
 * An axis that only places things: no line, ticks, labels, grid or zero line. The neurons and
 * weights views lay their pictures out on a pair of these, measured in pixels (the y axis:
 * PIXEL_Y_AXIS).
 */
export const PIXEL_AXIS = {
  showline: false,
  showticklabels: false,
  showgrid: false,
  zeroline: false,
  ticks: ''
};

/**
 * The y axis of a pair of pixel axes: not tied to x (`scaleanchor`), which Plotly does by
 * default under an image trace to keep its pixels square. It bends the given range to keep
 * them so, and a piece (split.ts) whose colour bar widens its margin by a pixel would have its
 * range moved; cells are as wide and high as the layout makes them.
 */
export const PIXEL_Y_AXIS = { ...PIXEL_AXIS, scaleanchor: false };

/**
 * A straight guide drawn in a panel from (x[0], y[0]) to (x[1], y[1]): a decision line or a
 * threshold, in the legend under `name` (one entry for all panels: `showlegend` on the first),
 * never hovered.
 */
export function panelLine(
  panel: Panel,
  x: number[],
  y: number[],
  style: { name: string; line: { color: string; width: number; dash: string } },
  showlegend: boolean
): Trace {
  return {
    type: 'scatter',
    mode: 'lines',
    name: style.name,
    legendgroup: style.name,
    showlegend,
    x,
    y,
    xaxis: panel.x,
    yaxis: panel.y,
    line: style.line,
    hoverinfo: 'skip'
  };
}

/**
 * A note in the top-right corner inside a panel (statistics, warnings). It gets a box in
 * `background` (when given) so that it stays readable over bars and points.
 */
export function panelNote(
  panel: Panel,
  text: string,
  color?: string,
  background?: string
): Annotation {
  return {
    text,
    x: panel.xDomain[1],
    y: panel.yDomain[1],
    xref: 'paper',
    yref: 'paper',
    xanchor: 'right',
    yanchor: 'top',
    align: 'right',
    showarrow: false,
    ...(color ? { font: { color } } : {}),
    ...(background ? { bgcolor: background } : {})
  };
}

/**
 * The layout every builder starts from: size and margins from the grid, a horizontal legend
 * above the panels (none when compact or when `legend` is false), and `uirevision` so that
 * a user's zoom survives the stream of updates while training runs.
 */
export function baseLayout(
  grid: PanelGrid,
  view: string,
  compact: boolean,
  legend = !compact
): Layout {
  const layout: Layout = {
    height: grid.height,
    margin: grid.margin,
    autosize: true,
    uirevision: view,
    showlegend: legend,
    hovermode: 'closest',
    annotations: []
  };
  if (legend) {
    layout.legend = {
      orientation: 'h',
      x: 0,
      xanchor: 'left',
      y: 1 + (grid.titleSpace + 4) / grid.plotHeight,
      yanchor: 'bottom'
    };
  }
  return layout;
}

/**
 * Make room above the panels for a horizontal legend of `traces` at `width` px: Plotly would
 * otherwise take the room from the panels, and a legend that wraps onto four rows in a narrow
 * output leaves a plot a few pixels tall. The figure grows by the legend's estimated height
 * instead: entries measured at about 0.6 em per character plus the symbol, in rows as wide
 * as the plotting area (Plotly's limit for a legend that starts at its left edge).
 */
export function makeLegendRoom(
  layout: Layout,
  traces: readonly Trace[],
  width: number | undefined,
  fontSize: number
): void {
  if (!layout.showlegend || typeof layout.height !== 'number') {
    return;
  }
  // A picture (an image trace) has no legend entry, whatever its name.
  const names = traces
    .filter(
      t =>
        t.showlegend !== false && t.type !== 'image' && typeof t.name === 'string' && t.name !== ''
    )
    .map(t => t.name as string);
  const entries = [...new Set(names)];
  if (entries.length === 0) {
    return;
  }
  const sides = layout.margin as { l?: number; r?: number } | undefined;
  const available = Math.max(120, (width ?? 640) - (sides?.l ?? 0) - (sides?.r ?? 0));
  let rows = 1;
  let used = 0;
  for (const name of entries) {
    const item = 46 + name.length * fontSize * 0.6;
    if (used > 0 && used + item > available) {
      rows++;
      used = 0;
    }
    used += item;
  }
  const room = rows * Math.round(fontSize * 1.7) + 6;
  const margin = layout.margin as { t: number } | undefined;
  if (margin) {
    layout.margin = { ...margin, t: margin.t + room };
  }
  layout.height += room;
}

/**
 * Drop keys set to undefined, at the top level and one level down (axis objects), so that
 * builders can write `title: compact ? undefined : {...}` and still hand Plotly clean JSON.
 */
export function stripUndefined<T extends Record<string, unknown>>(layout: T): T {
  for (const key of Object.keys(layout)) {
    const value = layout[key];
    if (value === undefined) {
      delete layout[key];
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const inner = value as Record<string, unknown>;
      for (const k of Object.keys(inner)) {
        if (inner[k] === undefined) {
          delete inner[k];
        }
      }
    }
  }
  return layout;
}
