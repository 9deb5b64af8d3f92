/**
 * Drawing a figure that may come in pieces (src/charts/split.ts) into a chart node.
 *
 * One piece: the node itself is the Plotly plot, as always. Several: the node holds one
 * child node per piece, each a Plotly plot of its own, drawn one after the other with a
 * wait between them (`between`: a task of its own each), so that no single task draws the
 * whole figure. Switching between the two purges what was there.
 *
 * The pieces act as one chart. The mode bar's camera of any piece saves the whole chart, the
 * image of each piece put together as on screen. A click on the legend (in one piece) hides
 * or shows that entry's curves in every piece. Margins that Plotly widens in one piece are
 * given to all of them, so that the panels line up. A legend piece is made as tall as
 * Plotly finds its legend to be (see `fitLegend`).
 */
import { now } from '../core/marks';
import { PLOTLY_CONFIG, PlotlyLike } from './plotly';
import { inLegend, splitFigure } from './split';
import type { Figure, Layout, Trace } from './types';

/** Class of a piece's node inside a chart node. */
export const PIECE_CLASS = 'jp-NNLab-chartPiece';

/** Pieces of a figure's image are at least this tall in pixels (see `figureImages`). */
export const IMAGE_PIECE_HEIGHT = 150;

export interface DrawOptions {
  /** Waits between two pieces (default: none). */
  between?: () => Promise<void>;
  /** False when the drawing is no longer wanted: the pieces left are not drawn. */
  wanted?: () => boolean;
  /** Milliseconds from a monotonic clock (default performance.now). */
  now?: () => number;
  /** Told the start and end (on that clock) of each task's drawing: a piece, or the plot. */
  onTask?: (start: number, end: number) => void;
  /**
   * The chart node's width in pixels, when the caller knows it: a legend piece unchanged at
   * the same width is then not given to Plotly again.
   */
  width?: number;
}

/**
 * Draw `figure` into `node`, in pieces where it is cut into several. Returns the milliseconds
 * spent drawing, without the waits between pieces.
 */
export async function drawFigure(
  plotly: PlotlyLike,
  node: HTMLElement,
  figure: Figure,
  options: DrawOptions = {}
): Promise<number> {
  const clock = options.now ?? now;
  const wanted = options.wanted ?? (() => true);
  let start = clock();
  const split = splitFigure(figure);
  // Before Plotly sees it: Plotly rewrites some values of the layout it is given (colours).
  const legend = split[0].legendOnly ? legendKey(split[0]) : null;
  const pieces = withLegendHeight(node, split, legend);
  if (pieces.length === 1) {
    purgePieces(plotly, node);
    // One plot: Plotly's own legend hides and shows its curves, from all shown.
    hiddenEntries.delete(node);
    await plotly.react(node, figure.data, figure.layout, PLOTLY_CONFIG);
    options.onTask?.(start, clock());
    return clock() - start;
  }
  if (node.classList.contains('js-plotly-plot') && node.querySelector(`.${PIECE_CLASS}`) === null) {
    // The node was one plot: it becomes the holder of the pieces.
    plotly.purge(node);
    node.replaceChildren();
    node.classList.remove('js-plotly-plot');
  }
  const nodes = pieceNodes(node);
  for (const extra of nodes.splice(pieces.length)) {
    purgePlot(plotly, extra);
    extra.remove();
  }
  while (nodes.length < pieces.length) {
    const piece = document.createElement('div');
    piece.className = PIECE_CLASS;
    node.appendChild(piece);
    nodes.push(piece);
  }
  fitNodeHeight(node, pieces);
  const config = piecesConfig(plotly, node);
  const margin = figure.layout.margin as Margin | undefined;
  const sides = sidesFor(node, margin);
  let spent = 0;
  const hidden = hiddenEntries.get(node);
  const draw = async (i: number, wait: boolean) => {
    if (wait) {
      spent += clock() - start;
      await options.between?.();
      if (!wanted()) {
        return false;
      }
      start = clock();
    }
    const { data, layout } = pieces[i];
    nodes[i].style.height = `${layout.height as number}px`;
    const pieceMargin = { ...(layout.margin as Margin), ...sides };
    const shown = withHidden(data, hidden);
    let full: Layout = { ...layout, margin: pieceMargin };
    // A legend piece as it was last drawn, at the same width, is not given to Plotly again:
    // Plotly.react would find nothing to draw, but only after filling in every entry's
    // defaults. (Plotly rewrites some values of the layout it is given: it gets a copy.)
    let legend: string | null = null;
    if (pieces[i].legendOnly && options.width !== undefined) {
      const text = JSON.stringify(full);
      legend = `${options.width}:${JSON.stringify(shown)}:${text}`;
      if (isDrawn(nodes[i]) && drawnLegends.get(nodes[i]) === legend) {
        return true;
      }
      full = JSON.parse(text) as Layout;
    }
    drawnLegends.delete(nodes[i]);
    const drawing = clock();
    await plotly.react(nodes[i], shown, full, config);
    if (legend !== null) {
      drawnLegends.set(nodes[i], legend);
    }
    options.onTask?.(drawing, clock());
    followLegend(plotly, node, nodes[i]);
    return true;
  };
  // After a draw of the first piece: when it is the legend and that took more (or less) room
  // than the piece had, the piece (and the chart) are made to fit and it is drawn again.
  // False when the drawing is no longer wanted.
  const refitLegend = async (): Promise<boolean> => {
    if (legend === null || !fitLegend(node, nodes[0], pieces, legend)) {
      return true;
    }
    fitNodeHeight(node, pieces);
    return draw(0, true);
  };
  for (let i = 0; i < pieces.length; i++) {
    if (!(await draw(i, i > 0))) {
      return spent;
    }
    if (i === 0 && !(await refitLegend())) {
      return spent;
    }
    // The next pieces start from the margins this one was widened to.
    const d = sidesOf(nodes[i]);
    if (d) {
      sides.l = Math.max(sides.l ?? d.l, d.l);
      sides.r = Math.max(sides.r ?? d.r, d.r);
    }
  }
  // Plotly widens a margin where a colour bar or a legend needs it (automargin): in the piece
  // that holds it only. `sides` now holds the widest; the pieces drawn narrower (before the
  // widest) are drawn again with it, so that their panels line up, and the next draws start
  // from it.
  const drawn = nodes.map(sidesOf);
  if (margin && drawn.every(d => d !== null)) {
    const widest = { l: sides.l as number, r: sides.r as number };
    pushed.set(node, { for: `${margin.l}:${margin.r}`, ...widest });
    for (let i = 0; i < pieces.length; i++) {
      const d = drawn[i];
      if (d && (d.l !== widest.l || d.r !== widest.r)) {
        if (!(await draw(i, true))) {
          return spent;
        }
        // Its rows may wrap differently between other margins.
        if (i === 0 && !(await refitLegend())) {
          return spent;
        }
      }
    }
  }
  return spent + clock() - start;
}

/** Per legend piece's node, what it was last drawn with (its traces and layout, as JSON). */
const drawnLegends = new WeakMap<HTMLElement, string>();

/** Whether Plotly has drawn `plot` (and it was not purged since). */
function isDrawn(plot: HTMLElement): boolean {
  return (plot as unknown as { _fullLayout?: unknown })._fullLayout !== undefined;
}

/** Pixels above a legend in its piece (see `fitLegend`). */
const LEGEND_AIR = 4;

/** Widths within this many pixels of each other count as the same for a legend's rows. */
const WIDTH_SLACK = 24;

/**
 * Per chart node, the height its legend piece was found to need, for which legend (its
 * entries and layout) and at what width of the plotting area.
 */
const legendHeights = new WeakMap<HTMLElement, { key: string; width: number; height: number }>();

function legendKey(piece: Figure): string {
  return JSON.stringify([piece.layout.legend, piece.layout.font, piece.data.map(t => t.name)]);
}

/**
 * The pieces, a legend piece (its `legendKey` is `key`) given the height found for it last
 * time.
 */
function withLegendHeight(node: HTMLElement, pieces: Figure[], key: string | null): Figure[] {
  const known = legendHeights.get(node);
  const first = pieces[0];
  if (!known || key === null || known.key !== key) {
    return pieces;
  }
  return [{ ...first, layout: { ...first.layout, height: known.height } }, ...pieces.slice(1)];
}

/**
 * A legend piece's height comes from an estimate of the rows its entries fill (see
 * `makeLegendRoom`). Once Plotly has drawn it in `plot`, its height is known (for the legend
 * `key`, taken before the draw): when the piece is not that tall plus a little air, the
 * height is kept for the chart `node` and set on `pieces[0]`, and the result is true (draw it
 * again). A legend taller than its piece would otherwise scroll; a shorter one leave a gap.
 *
 * For the same legend at about the same width the piece only grows: a scroll bar that comes
 * and goes with the chart's height changes the width a little, and the rows with it, and
 * would have the legend drawn again at every draw.
 */
function fitLegend(node: HTMLElement, plot: HTMLElement, pieces: Figure[], key: string): boolean {
  const full = (
    plot as unknown as { _fullLayout?: { _size?: { w: number }; legend?: { _height?: number } } }
  )._fullLayout;
  const drawn = full?.legend?._height;
  if (typeof drawn !== 'number' || !(drawn > 0)) {
    return false;
  }
  const piece = pieces[0];
  // The plotting area's width: the legend's rows wrap there.
  const width = full?._size?.w ?? 0;
  const current = piece.layout.height as number;
  const known = legendHeights.get(node);
  const same =
    known !== undefined && known.key === key && Math.abs(known.width - width) <= WIDTH_SLACK;
  const needed = Math.ceil(drawn) + LEGEND_AIR;
  const height = same ? Math.max(needed, current) : needed;
  if (Math.abs(height - current) <= 1) {
    if (!same) {
      legendHeights.set(node, { key, width, height: current });
    }
    return false;
  }
  // Growing, it keeps the width it was first found at (the slack is counted from there).
  legendHeights.set(node, { key, width: same ? known.width : width, height });
  pieces[0] = { ...piece, layout: { ...piece.layout, height } };
  return true;
}

/**
 * A chart node given a height (the figure's, before it is drawn) is as tall as its pieces:
 * a legend piece may be taller or shorter than the figure planned.
 */
function fitNodeHeight(node: HTMLElement, pieces: Figure[]): void {
  if (node.style.height !== '') {
    const total = pieces.reduce((sum, p) => sum + (p.layout.height as number), 0);
    node.style.height = `${Math.ceil(total)}px`;
  }
}

interface Margin {
  l?: number;
  r?: number;
  t?: number;
  b?: number;
}

/** Per chart node, the left and right margins its pieces were last drawn with, and for what. */
const pushed = new WeakMap<HTMLElement, { for: string; l: number; r: number }>();

/** The left and right margins to draw the pieces with: as last widened, or as the figure says. */
function sidesFor(node: HTMLElement, margin: Margin | undefined): { l?: number; r?: number } {
  const last = pushed.get(node);
  if (margin && last && last.for === `${margin.l}:${margin.r}`) {
    return { l: last.l, r: last.r };
  }
  return {};
}

/** The left and right margins Plotly drew a plot with (null before it is drawn). */
function sidesOf(plot: HTMLElement): { l: number; r: number } | null {
  const size = (plot as unknown as { _fullLayout?: { _size?: { l: number; r: number } } })
    ._fullLayout?._size;
  return size ? { l: Math.round(size.l), r: Math.round(size.r) } : null;
}

/**
 * Per chart node in pieces, the legend entries (a trace's legend group, or its name) the
 * user has hidden. The legend is in one piece, and Plotly hides or shows the traces of the
 * plot it belongs to only: a click on an entry is carried out here, on every piece, and the
 * later draws keep it.
 */
const hiddenEntries = new WeakMap<HTMLElement, Set<string>>();

/** What a legend entry stands for: its trace's legend group, or its name. */
function entryOf(trace: Trace | undefined): string | null {
  const key = trace?.legendgroup || trace?.name;
  return typeof key === 'string' && key !== '' ? key : null;
}

/** Whether `trace` stands for one of the `hidden` legend entries. */
function isHidden(trace: Trace | undefined, hidden: Set<string>): boolean {
  const entry = entryOf(trace);
  return entry !== null && hidden.has(entry);
}

/** The traces, those of the hidden entries shown in the legend only. */
function withHidden(data: Trace[], hidden: Set<string> | undefined): Trace[] {
  if (!hidden || hidden.size === 0) {
    return data;
  }
  return data.map(trace => (isHidden(trace, hidden) ? { ...trace, visible: 'legendonly' } : trace));
}

/** Plotly's own events on a plot (`on`, once it is drawn). */
type PlotEvents = HTMLElement & {
  on?: (event: string, handler: (data: LegendEvent) => boolean | void) => void;
  data?: Trace[];
};
interface LegendEvent {
  curveNumber: number;
  data: Trace[];
}

/** Pieces whose legend clicks are followed. */
const following = new WeakSet<HTMLElement>();

/**
 * Follow the legend of a piece: a click hides or shows that entry's traces in every piece
 * of `node`, a double click shows that entry alone (or, when it already is, every entry).
 * Plotly's own handling, which would touch this piece only, is turned off.
 */
function followLegend(plotly: PlotlyLike, node: HTMLElement, piece: HTMLElement): void {
  const plot = piece as PlotEvents;
  if (following.has(piece) || typeof plot.on !== 'function') {
    return;
  }
  following.add(piece);
  const change = (event: LegendEvent, alone: boolean) => {
    const entry = entryOf(event.data[event.curveNumber]);
    if (entry === null) {
      return false;
    }
    const hidden = hiddenEntries.get(node) ?? new Set<string>();
    if (alone) {
      // The entries of the legend; traces without one (a surface, the 0.5 line) stay shown.
      const all = new Set(
        plotsOf(node).flatMap(p => ((p as PlotEvents).data ?? []).filter(inLegend).map(entryOf))
      );
      all.delete(null);
      const others = [...all].filter(e => e !== entry) as string[];
      const isolated = !hidden.has(entry) && others.every(e => hidden.has(e));
      hidden.clear();
      if (!isolated) {
        others.forEach(e => hidden.add(e));
      }
    } else if (!hidden.delete(entry)) {
      hidden.add(entry);
    }
    hiddenEntries.set(node, hidden);
    for (const p of plotsOf(node)) {
      const data = (p as PlotEvents).data ?? [];
      const indices: number[] = [];
      const visible: (boolean | string)[] = [];
      data.forEach((trace, i) => {
        const want = isHidden(trace, hidden) ? 'legendonly' : true;
        if ((trace.visible ?? true) !== want) {
          indices.push(i);
          visible.push(want);
        }
      });
      if (indices.length > 0) {
        void Promise.resolve(plotly.restyle(p, { visible }, indices)).catch(() => undefined);
      }
    }
    return false;
  };
  plot.on('plotly_legendclick', event => change(event, false));
  plot.on('plotly_legenddoubleclick', event => change(event, true));
}

/** The Plotly plots in a chart node: its pieces, or the node itself. */
export function plotsOf(node: HTMLElement): HTMLElement[] {
  const pieces = pieceNodes(node);
  return pieces.length > 0 ? pieces : [node];
}

/** Purge every Plotly plot in a chart node. */
export function purgeFigure(plotly: PlotlyLike, node: HTMLElement): void {
  for (const plot of plotsOf(node)) {
    purgePlot(plotly, plot);
  }
}

/** Purge one plot, and forget what was known of it (Plotly drops its event handlers too). */
function purgePlot(plotly: PlotlyLike, plot: HTMLElement): void {
  plotly.purge(plot);
  following.delete(plot);
  drawnLegends.delete(plot);
}

/**
 * The images of `figure` in pieces, top first (see `splitFigure`), each with its height.
 * With `node`, the chart on screen, the pieces get the margins its pieces were widened to,
 * so that their panels line up in the picture as they do there. Stops (fewer images) when
 * no longer `wanted`.
 */
export async function figureImages(
  plotly: PlotlyLike,
  figure: Figure,
  width: number,
  options: {
    between?: () => Promise<void>;
    wanted?: () => boolean;
    node?: HTMLElement;
  } = {}
): Promise<{ png: string; height: number }[]> {
  const images: { png: string; height: number }[] = [];
  // Smaller pieces than on screen: an image is a whole draw of its piece (Plotly.toImage
  // draws it anew), then its serialisation, in one task.
  // A legend piece as tall as on screen, when the picture is as wide. Otherwise (a chart not
  // drawn on screen, a picture of another width or theme) there is only the estimate of the
  // legend's height, which may fall short and cut the legend: it stays above the panels,
  // where Plotly makes room for it.
  const split = splitFigure(figure, IMAGE_PIECE_HEIGHT);
  const margin = figure.layout.margin as Margin | undefined;
  const sides = options.node ? sidesFor(options.node, margin) : {};
  let pieces = split;
  if (split[0].legendOnly) {
    const key = legendKey(split[0]);
    const known = options.node ? legendHeights.get(options.node) : undefined;
    // The plotting area's width in the picture, where the legend's rows wrap.
    const plotWidth = width - (sides.l ?? margin?.l ?? 0) - (sides.r ?? margin?.r ?? 0);
    pieces =
      options.node && known?.key === key && Math.abs(known.width - plotWidth) <= 2
        ? withLegendHeight(options.node, split, key)
        : splitFigure(figure, IMAGE_PIECE_HEIGHT, { legendPiece: false });
  }
  if (pieces.length === 1) {
    Object.keys(sides).forEach(side => delete (sides as Record<string, unknown>)[side]);
  }
  for (const [i, piece] of pieces.entries()) {
    if (i > 0) {
      await options.between?.();
      if (options.wanted && !options.wanted()) {
        break;
      }
    }
    const height = Math.ceil((piece.layout.height as number) ?? 300);
    const margin = { ...(piece.layout.margin as Margin), ...sides };
    const url = await plotly.toImage(
      { data: piece.data, layout: { ...piece.layout, margin, width, height } },
      { format: 'png', width, height }
    );
    images.push({ png: url, height });
  }
  return images;
}

/** Purge and remove the pieces of a chart node (it is about to be one plot again). */
function purgePieces(plotly: PlotlyLike, node: HTMLElement): void {
  for (const piece of pieceNodes(node)) {
    purgePlot(plotly, piece);
    piece.remove();
  }
}

function pieceNodes(node: HTMLElement): HTMLElement[] {
  return Array.from(node.children).filter((child): child is HTMLElement =>
    child.classList.contains(PIECE_CLASS)
  );
}

/**
 * The config of a piece: the mode bar's "download" saves the whole chart, every piece's
 * image one under the other, rather than the piece under the pointer.
 */
function piecesConfig(plotly: PlotlyLike, node: HTMLElement): Record<string, unknown> {
  // The same object every time: Plotly.react compares the config with the last one and, on
  // any difference (a new click function is one), draws the whole plot anew.
  let config = configs.get(node);
  if (!config) {
    config = newPiecesConfig(plotly, node);
    configs.set(node, config);
  }
  return config;
}

/** Per chart node, the config its pieces are drawn with. */
const configs = new WeakMap<HTMLElement, Record<string, unknown>>();

function newPiecesConfig(plotly: PlotlyLike, node: HTMLElement): Record<string, unknown> {
  const icons = (plotly as unknown as { Icons?: Record<string, unknown> }).Icons;
  const remove = [...PLOTLY_CONFIG.modeBarButtonsToRemove, 'toImage'];
  return {
    ...PLOTLY_CONFIG,
    modeBarButtonsToRemove: remove,
    modeBarButtonsToAdd: [
      {
        name: 'Download the chart as a PNG',
        icon: icons?.camera,
        click: () => void saveChart(plotly, node)
      }
    ]
  };
}

/** Save the chart in `node` (every piece) as one PNG file, at twice its size. */
async function saveChart(plotly: PlotlyLike, node: HTMLElement): Promise<void> {
  try {
    await composeAndSave(plotly, node);
  } catch (reason) {
    // A piece not drawn yet (the chart is being redrawn): nothing to save this time.
    console.warn('NN Lab: could not save the chart as a PNG', reason);
  }
}

async function composeAndSave(plotly: PlotlyLike, node: HTMLElement): Promise<void> {
  const { filename, scale } = PLOTLY_CONFIG.toImageButtonOptions;
  const pieces = pieceNodes(node);
  const width = Math.round(node.clientWidth);
  const heights = pieces.map(piece => Math.round(piece.clientHeight));
  const urls: string[] = [];
  for (const piece of pieces) {
    urls.push(
      await plotly.toImage(piece, { format: 'png', scale, width, height: piece.clientHeight })
    );
  }
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = heights.reduce((sum, h) => sum + h, 0) * scale;
  const context = canvas.getContext('2d');
  if (!context) {
    return;
  }
  await drawStacked(
    context,
    urls.map((src, i) => ({ src, height: heights[i] })),
    { x: 0, y: 0, width, scale }
  );
  const link = document.createElement('a');
  link.download = `${filename}.png`;
  link.href = canvas.toDataURL('image/png');
  link.click();
}

/**
 * Draw `images` one under the other on `context`, from (x, y), each `width` wide and its own
 * `height` tall; every length in CSS pixels, times `scale` on the canvas.
 */
export async function drawStacked(
  context: CanvasRenderingContext2D,
  images: { src: string; height: number }[],
  at: { x: number; y: number; width: number; scale?: number }
): Promise<void> {
  const scale = at.scale ?? 1;
  let y = at.y;
  for (const { src, height } of images) {
    const image = await loadImage(src);
    context.drawImage(image, at.x * scale, y * scale, at.width * scale, height * scale);
    y += height;
  }
}

/** An image, once it has loaded from `src` (a data URL). */
function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('a chart image did not load'));
    image.src = src;
  });
}
