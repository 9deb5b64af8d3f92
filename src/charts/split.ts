/**
 * Tall figures in pieces.
 *
 * Plotly draws a figure in one go: at the caps, a grid of nine panels or a wall of unit maps
 * is one main-thread task of about 100 ms or more, however it is paced. The cost grows with
 * the subplots and pictures drawn, so a figure cut into pieces of a few rows, each a Plotly
 * plot of its own drawn in a task of its own, keeps every task short.
 *
 * A builder marks where its figure may be cut (`Figure.cuts`): lines between rows of panels
 * that cross no text or picture, as paper y (0 at the bottom of the plotting area, 1 at its
 * top). `splitFigure` cuts there, into pieces at least `minHeight` pixels tall, and gives
 * each piece the axes, traces, pictures and labels that lie in it, placed where they were:
 * the pieces stacked one under the other draw the figure as it was.
 *
 * Axes shared by a reference (`matches`, `scaleanchor`) to an axis in another piece are tied
 * to the first such axis of their own piece. An axis that spans several pieces (one pair of
 * axes in pixels under a wall of pictures) is cut with them, when its range is given: each
 * piece shows its part of the range.
 *
 * A long legend above the panels is a piece of its own, the first (see `legendBand`), in any
 * figure, cut or not.
 */
import { MIN_COLOUR_BAR, roundPaper } from './subplots';
import type { Annotation, Figure, Layout, Trace } from './types';

/** Pieces are at least this tall in pixels (the last may be shorter, down to half of it). */
export const PIECE_HEIGHT = 300;

/** Where an axis lies in a piece: kept whole, or cut to part of its range. */
interface AxisPlace {
  /** Pixels from the top of the figure, its top and bottom. */
  top: number;
  bottom: number;
  /** Given range for an axis that spans pieces ([bottom value, top value]). */
  range?: [number, number];
}

/**
 * `figure` cut at its `cuts` into pieces at least `minHeight` px tall, top first; the figure
 * itself (alone) when it has no cuts, no height in pixels, or cannot be cut (an axis without
 * a given range spanning a cut). A long legend comes first, in a piece of its own, unless
 * `legendPiece` is false.
 */
export function splitFigure(
  figure: Figure,
  minHeight = PIECE_HEIGHT,
  options: { legendPiece?: boolean } = {}
): Figure[] {
  const band = options.legendPiece === false ? null : legendBand(figure);
  if (band === null) {
    return cutFigure(figure, minHeight);
  }
  return [legendPiece(figure, band), ...cutFigure(withoutBand(figure, band), minHeight)];
}

/** `figure` cut at its `cuts` (see `splitFigure`), its legend where it was. */
function cutFigure(figure: Figure, minHeight: number): Figure[] {
  const layout = figure.layout;
  const height = layout.height;
  const cuts = figure.cuts;
  if (!cuts || cuts.length === 0 || typeof height !== 'number' || !(height > 0)) {
    return [figure];
  }
  const margin = (layout.margin ?? {}) as { t?: number; b?: number };
  const t = margin.t ?? 100;
  const b = margin.b ?? 80;
  const plot = height - t - b;
  if (!(plot > 0)) {
    return [figure];
  }
  /** Paper y to pixels from the top of the figure. */
  const px = (y: number) => t + (1 - y) * plot;

  // The piece bounds, in pixels from the top: cuts inside the plotting area, far enough apart.
  // Whole pixels: each piece is a box of whole pixels, placed exactly under the one above.
  const lines = cuts
    .map(y => Math.round(px(y)))
    .filter(p => p > t && p < height - b)
    .sort((p, q) => p - q);
  // A colour bar up to two pieces long is not cut in two: it stays whole beside what it
  // describes (with smaller pieces than on screen too, so that a picture shows the bars the
  // screen shows). A longer one (beside a wall of pictures) is cut short to one piece (see
  // `colourBars`).
  const whole = 2 * Math.max(minHeight, PIECE_HEIGHT);
  const spans = colourBarSpans(layout, px);
  const bars = spans.filter(bar => bar.bottom - bar.top <= whole);
  const bounds = [0];
  for (const line of lines) {
    if (
      line - bounds[bounds.length - 1] >= minHeight &&
      height - line >= minHeight / 2 &&
      !bars.some(bar => bar.top < line && line < bar.bottom)
    ) {
      bounds.push(line);
    }
  }
  bounds.push(height);
  if (bounds.length < 3) {
    return [figure];
  }
  const pieceAt = (p: number) => {
    let i = 0;
    while (i < bounds.length - 2 && p >= bounds[i + 1]) {
      i++;
    }
    return i;
  };

  // Every y axis: where it lies, and in which pieces.
  const yAxes = new Map<string, AxisPlace>();
  for (const key of Object.keys(layout)) {
    if (!/^yaxis\d*$/.test(key)) {
      continue;
    }
    const axis = layout[key] as Record<string, unknown>;
    const [d0, d1] = (axis.domain as [number, number] | undefined) ?? [0, 1];
    const place: AxisPlace = { top: px(d1), bottom: px(d0) };
    if (pieceAt(place.top + 0.5) !== pieceAt(place.bottom - 0.5)) {
      const range = axis.range as [unknown, unknown] | undefined;
      const linear = axis.type === undefined || axis.type === 'linear' || axis.type === '-';
      if (
        !linear ||
        !Array.isArray(range) ||
        typeof range[0] !== 'number' ||
        typeof range[1] !== 'number'
      ) {
        return [figure];
      }
      place.range = [range[0], range[1]];
    }
    yAxes.set(idOf(key), place);
  }
  if (!sharedRangesGiven(layout, yAxes, pieceAt)) {
    return [figure];
  }
  /** The pixel (from the figure's top) of `value` on axis `id`, or of paper y `value`. */
  const pixelOf = (ref: unknown, value: unknown): number | null => {
    const v = Number(value);
    if (!Number.isFinite(v)) {
      return null;
    }
    if (ref === undefined || ref === 'paper') {
      return px(v);
    }
    const id = String(ref).replace(/ domain$/, '');
    const place = yAxes.get(id);
    if (!place) {
      return null;
    }
    if (String(ref).endsWith(' domain')) {
      return place.bottom - v * (place.bottom - place.top);
    }
    if (!place.range) {
      return place.top;
    }
    const [r0, r1] = place.range;
    return place.bottom - ((v - r0) / (r1 - r0)) * (place.bottom - place.top);
  };

  // Each colour bar in the piece that holds its top, or the top of the next piece when less
  // than MIN_COLOUR_BAR of a long bar would show in the first.
  const placedBars = spans.map(span => {
    const top = Math.max(0, span.top);
    const end = bounds[pieceAt(top) + 1];
    const moved =
      end < height && Math.min(span.bottom, end) - top < MIN_COLOUR_BAR && span.bottom > end;
    return { ...span, top: moved ? end : top };
  });

  const pieces: Figure[] = [];
  const g: Geometry = { t, b, bars: placedBars, px, yAxes, pieceAt, pixelOf };
  for (let i = 0; i + 1 < bounds.length; i++) {
    pieces.push(piece(figure, i, bounds, g));
  }
  return pieces;
}

/**
 * A legend of this many entries or more, above the panels, is a piece of its own (see
 * `legendBand`).
 */
export const LEGEND_PIECE_ENTRIES = 6;

/**
 * The one point, without a value, of every trace in a legend piece: the same array in every
 * build, because Plotly.react compares data arrays by identity, and a legend piece whose
 * entries did not change is then not drawn again.
 */
const NO_POINT: (number | null)[] = [null];

/** Per-point data of a trace, which a legend entry does not show. */
const POINT_KEYS = new Set([
  'x',
  'y',
  'z',
  'text',
  'hovertext',
  'customdata',
  'hovertemplate',
  'ids',
  'xaxis',
  'yaxis',
  'selectedpoints'
]);

/**
 * The height in pixels of the band at the top of `figure` that holds its legend and nothing
 * else (the horizontal legend above the panels of `baseLayout`), when that legend has
 * `LEGEND_PIECE_ENTRIES` entries or more, all of scatter traces; null otherwise.
 *
 * Plotly lays out and measures every legend entry's text at each draw, and a redraw of a
 * figure (new points while training) draws its legend again, though its entries are the
 * same: at the caps about a third of a loss redraw. In a piece of its own, the legend is
 * drawn in a task of its own the first time, and afterwards not at all while its entries
 * stay the same (Plotly.react finds nothing changed in that piece).
 */
function legendBand(figure: Figure): number | null {
  const layout = figure.layout;
  const legend = layout.legend as
    { orientation?: string; y?: number; yanchor?: string } | undefined;
  const margin = layout.margin as { t?: number; b?: number } | undefined;
  const height = layout.height;
  if (
    layout.showlegend !== true ||
    !legend ||
    legend.orientation !== 'h' ||
    legend.yanchor !== 'bottom' ||
    typeof legend.y !== 'number' ||
    !(legend.y > 1) ||
    typeof height !== 'number' ||
    typeof margin?.t !== 'number' ||
    typeof margin.b !== 'number'
  ) {
    return null;
  }
  const shown = figure.data.filter(inLegend);
  const entries = new Set(shown.map(t => t.name));
  if (entries.size < LEGEND_PIECE_ENTRIES || shown.some(t => t.type !== 'scatter')) {
    return null;
  }
  const t = margin.t;
  const plot = height - t - margin.b;
  // The legend's foot; or higher, so that the panels keep room above them for the top tick
  // label (centred on the top edge, it stands out by half its height).
  const size = (layout.font as { size?: number } | undefined)?.size ?? 12;
  const band = Math.min(Math.round(t - (legend.y - 1) * plot), t - Math.ceil(0.8 * size));
  // Nothing else in the band: no title, and no text, shape or picture placed on the paper
  // above the legend's foot, and no colour bar reaching up into it.
  const px = (y: number) => t + (1 - y) * plot;
  const inBand = (item: Record<string, unknown>, yKey: string) =>
    (item.yref === undefined || item.yref === 'paper') &&
    typeof item[yKey] === 'number' &&
    px(item[yKey] as number) <= band;
  const placed = [
    ...(layout.annotations ?? []).map(a => inBand(a as unknown as Record<string, unknown>, 'y')),
    ...((layout.shapes ?? []) as Record<string, unknown>[]).map(
      shape => inBand(shape, 'y0') || inBand(shape, 'y1')
    ),
    ...((layout.images ?? []) as Record<string, unknown>[]).map(image => inBand(image, 'y'))
  ];
  const bars = colourBarSpans(layout, px).some(bar => bar.top <= band);
  const free = layout.title === undefined && !placed.includes(true) && !bars;
  return band >= 10 && band < t && plot > 0 && free ? band : null;
}

/**
 * Whether a trace has an entry in the legend: scatter traces unless told not to; the others
 * (pictures, maps) only when told to.
 */
export function inLegend(trace: Trace): boolean {
  return (
    (trace.type === 'scatter' ? trace.showlegend !== false : trace.showlegend === true) &&
    trace.visible !== false &&
    typeof trace.name === 'string' &&
    trace.name !== ''
  );
}

/**
 * The legend of `figure` alone, in a piece `band` pixels tall: one point without a value per
 * entry (Plotly lists a trace only when it has points), in its trace's style, on hidden axes.
 * The legend stands at the foot of the piece, where it stood above the panels, and the
 * piece keeps the figure's left and right margins, so that it lines up with the panels.
 */
function legendPiece(figure: Figure, band: number): Figure {
  const layout = figure.layout;
  const out: Layout = {};
  for (const key of Object.keys(layout)) {
    if (
      !/^([xy]axis|coloraxis)\d*$/.test(key) &&
      !['annotations', 'shapes', 'images'].includes(key)
    ) {
      out[key] = layout[key];
    }
  }
  out.height = band;
  out.margin = { ...(layout.margin as object), t: 0, b: 0 };
  // The whole piece (Plotly gives a horizontal legend half the plotting area's height, and
  // a scroll bar beyond it).
  out.legend = { ...(layout.legend as object), y: 0, yanchor: 'bottom', maxheight: 1 };
  const hidden = { visible: false, fixedrange: true };
  out.xaxis = hidden;
  out.yaxis = hidden;
  out.hovermode = false;
  out.dragmode = false;
  out.annotations = [];
  return { data: figure.data.filter(inLegend).map(legendEntry), layout: out, legendOnly: true };
}

/** A trace as a legend entry only: its style, one point without a value. */
function legendEntry(trace: Trace): Trace {
  const out: Trace = { type: trace.type };
  const n = (trace.x ?? trace.y)?.length ?? -1;
  for (const key of Object.keys(trace)) {
    if (!POINT_KEYS.has(key)) {
      out[key] = firstOfPerPoint(trace[key], n);
    }
  }
  return { ...out, x: NO_POINT, y: NO_POINT, hoverinfo: 'skip' };
}

/**
 * A style with each per-point array (`n` values: a marker's colours or sizes) cut to its
 * first value; other arrays (a colour scale) kept.
 */
function firstOfPerPoint(value: unknown, n: number): unknown {
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return isPerPoint(value, n) ? (value as ArrayLike<unknown>)[0] : value;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = firstOfPerPoint(v, n);
    }
    return out;
  }
  return value;
}

/** `figure` without its legend and the `band` at its top that held it. */
function withoutBand(figure: Figure, band: number): Figure {
  const layout = figure.layout;
  const margin = layout.margin as { t: number };
  const { legend: _, title: __, ...rest } = layout;
  return {
    ...figure,
    layout: {
      ...rest,
      height: (layout.height as number) - band,
      margin: { ...margin, t: margin.t - band },
      showlegend: false
    }
  };
}

interface Geometry {
  t: number;
  b: number;
  /** Every colour bar shown: its colour axis, and its top and bottom in pixels from the top. */
  bars: { key: string; top: number; bottom: number }[];
  px: (y: number) => number;
  yAxes: Map<string, AxisPlace>;
  pieceAt: (p: number) => number;
  pixelOf: (ref: unknown, value: unknown) => number | null;
}

function piece(figure: Figure, index: number, bounds: number[], g: Geometry): Figure {
  const layout = figure.layout;
  const height = layout.height as number;
  const c0 = bounds[index];
  const c1 = bounds[index + 1];
  const top = Math.max(0, Math.min(c1, g.t) - c0);
  const bottom = Math.max(0, c1 - Math.max(c0, height - g.b));
  const p0 = c0 + top;
  const p1 = c1 - bottom;
  const span = p1 - p0;
  /** Pixels from the figure's top to this piece's paper y. */
  const paper = (p: number) => roundPaper((p1 - p) / span);
  const plot = g.px(0) - g.px(1);
  const here = (p: number | null) => p !== null && g.pieceAt(p) === index;

  const out: Layout = {
    ...layout,
    height: c1 - c0,
    margin: { ...(layout.margin as object), t: top, b: bottom }
  };
  if (index > 0) {
    delete out.title;
  }

  // The y axes in this piece, whole or cut to their part of it.
  const kept = new Set<string>();
  for (const [id, place] of g.yAxes) {
    const key = keyOf(id);
    delete out[key];
    const from = Math.max(place.top, p0);
    const to = Math.min(place.bottom, p1);
    if (place.range ? to <= from : !here((place.top + place.bottom) / 2)) {
      continue;
    }
    const axis = { ...(layout[key] as Record<string, unknown>) };
    axis.domain = [clamp01(paper(to)), clamp01(paper(from))];
    if (place.range) {
      const [r0, r1] = place.range;
      const at = (p: number) => r0 + ((place.bottom - p) / (place.bottom - place.top)) * (r1 - r0);
      axis.range = [roundPaper(at(to)), roundPaper(at(from))];
    }
    out[key] = axis;
    kept.add(id);
  }
  for (const key of Object.keys(layout)) {
    if (/^xaxis\d*$/.test(key)) {
      const anchor = (layout[key] as { anchor?: string }).anchor ?? 'y';
      if (kept.has(anchor)) {
        kept.add(idOf(key));
      } else {
        delete out[key];
      }
    }
  }
  tieSharedAxes(out, layout, kept);

  // Traces on this piece's axes; on an axis cut with the pieces, those (or the points) in it.
  const data: Trace[] = [];
  const bars = colourBars(layout, g, index, paper, p0, p1, out);
  for (const trace of figure.data) {
    const yId = trace.yaxis ?? 'y';
    if (!kept.has(yId) || !kept.has(trace.xaxis ?? 'x')) {
      continue;
    }
    const inBars = typeof trace.coloraxis === 'string' && bars.has(trace.coloraxis);
    if (!g.yAxes.get(yId)?.range) {
      data.push(trace);
    } else {
      const part = traceIn(trace, yId, g, here);
      if (part) {
        data.push(part);
      } else if (inBars) {
        // A cell that carries a colour bar shown in this piece.
        data.push(trace);
      }
    }
  }

  // Labels, shapes and pictures with the axis they are placed on, or (on the paper or on an
  // axis cut with the pieces) by the place of their anchor.
  const place = <T extends Record<string, unknown>>(item: T, yKey: string): T | null => {
    const ref = String(item.yref ?? 'paper');
    const id = ref.replace(/ domain$/, '');
    if (ref !== 'paper' && !g.yAxes.get(id)?.range) {
      return kept.has(id) ? item : null;
    }
    const p = g.pixelOf(ref, item[yKey]);
    if (p === null || !here(p)) {
      return null;
    }
    if (ref !== 'paper') {
      return item;
    }
    // A picture's height on the paper is a share of the plotting area, now the piece's.
    const sized = typeof item.sizey === 'number' ? { sizey: (item.sizey * plot) / span } : {};
    return { ...item, [yKey]: paper(p), ...sized };
  };
  out.annotations = (layout.annotations ?? [])
    .map(a => place(a, 'y'))
    .filter((a): a is Annotation => a !== null);
  if (Array.isArray(layout.shapes)) {
    out.shapes = layout.shapes
      .map(s => {
        const moved = place(s, 'y0');
        return moved && moved !== s && 'y1' in s
          ? { ...moved, y1: paper(g.px(Number(s.y1))) }
          : moved;
      })
      .filter((s): s is Record<string, unknown> => s !== null);
  }
  if (Array.isArray(layout.images)) {
    out.images = (layout.images as Record<string, unknown>[])
      .map(image => place(image, 'y'))
      .filter(image => image !== null);
  }
  const legend = layout.legend as { y?: number } | undefined;
  if (layout.showlegend !== false && legend) {
    const p = g.px(legend.y ?? 1);
    if (here(Math.min(Math.max(p, 0), height - 1))) {
      out.legend = { ...legend, y: paper(p) };
    } else {
      out.showlegend = false;
    }
  } else if (index > 0) {
    out.showlegend = false;
  }
  return { data, layout: out };
}

/**
 * The colour axes whose bar is in piece `index` (by its top, as placed in `g.bars`): their
 * bar is cut to the piece and placed as before; the others' bars are hidden in `out`.
 * Returns their keys.
 */
function colourBars(
  layout: Layout,
  g: Geometry,
  index: number,
  paper: (p: number) => number,
  p0: number,
  p1: number,
  out: Layout
): Set<string> {
  const shown = new Set<string>();
  for (const { key, top, bottom } of g.bars) {
    const axis = layout[key] as { colorbar?: Record<string, unknown> };
    const bar = axis.colorbar ?? {};
    if (g.pieceAt(top) !== index) {
      out[key] = { ...axis, showscale: false };
      continue;
    }
    const from = Math.max(top, p0);
    const to = Math.min(bottom, p1);
    out[key] = {
      ...axis,
      colorbar: {
        ...bar,
        y: paper(from),
        yanchor: 'top',
        len: roundPaper((to - from) / (p1 - p0)),
        lenmode: 'fraction'
      }
    };
    shown.add(key);
  }
  return shown;
}

/** The colour bars shown, each with its top and bottom in pixels from the figure's top. */
function colourBarSpans(
  layout: Layout,
  px: (y: number) => number
): { key: string; top: number; bottom: number }[] {
  const spans: { key: string; top: number; bottom: number }[] = [];
  for (const key of Object.keys(layout)) {
    const axis = layout[key] as { showscale?: boolean; colorbar?: Record<string, unknown> };
    if (!/^coloraxis\d*$/.test(key) || axis.showscale === false) {
      continue;
    }
    const bar = axis.colorbar ?? {};
    const len = Number(bar.len ?? 1);
    const pixels = bar.lenmode === 'pixels' ? len : len * (px(0) - px(1));
    const anchor = bar.yanchor ?? 'middle';
    const top =
      px(Number(bar.y ?? 0.5)) - (anchor === 'top' ? 0 : anchor === 'bottom' ? pixels : pixels / 2);
    spans.push({ key, top, bottom: top + pixels });
  }
  return spans;
}

/**
 * False when an axis shares its range (`matches`) with one in another piece that leaves the
 * range to Plotly's autorange: each piece would find a range of its own.
 */
function sharedRangesGiven(
  layout: Layout,
  yAxes: Map<string, AxisPlace>,
  pieceAt: (p: number) => number
): boolean {
  const pieceOf = (id: string): number | null => {
    const y = id[0] === 'x' ? (layout[keyOf(id)] as { anchor?: string } | undefined)?.anchor : id;
    const place = yAxes.get(y ?? 'y');
    return place && !place.range ? pieceAt((place.top + place.bottom) / 2) : null;
  };
  for (const key of Object.keys(layout)) {
    const target = /^[xy]axis\d*$/.test(key)
      ? (layout[key] as { matches?: unknown }).matches
      : undefined;
    if (typeof target !== 'string' || pieceOf(target) === pieceOf(idOf(key))) {
      continue;
    }
    const range = (layout[keyOf(target)] as { range?: unknown } | undefined)?.range;
    if (!Array.isArray(range) || !range.every(v => typeof v === 'number')) {
      return false;
    }
  }
  return true;
}

/**
 * `trace` as far as it lies in the piece (`here` of a pixel), on axis `yId` that spans
 * pieces: a picture or a grid by its first row, points one by one; null when none of it.
 */
function traceIn(
  trace: Trace,
  yId: string,
  g: Geometry,
  here: (p: number | null) => boolean
): Trace | null {
  const ys = trace.y;
  if (trace.type === 'scatter' && ys && typeof ys !== 'string' && ys.length > 0) {
    // In a line, whatever is left out (points in other pieces, a null or NaN that breaks
    // the line) is one break (-1), so that the strokes on either side stay apart.
    const lines = typeof trace.mode === 'string' && trace.mode.includes('lines');
    const keep: number[] = [];
    let inside = 0;
    for (let k = 0; k < ys.length; k++) {
      if (here(g.pixelOf(yId, ys[k]))) {
        keep.push(k);
        inside++;
      } else if (lines && keep.length > 0 && keep[keep.length - 1] >= 0) {
        keep.push(-1);
      }
    }
    if (inside === 0) {
      return null;
    }
    return inside === ys.length ? trace : pointsOf(trace, ys.length, keep);
  }
  const first = ys && typeof ys !== 'string' && ys.length > 0 ? ys[0] : (trace.y0 ?? 0);
  return here(g.pixelOf(yId, first)) ? trace : null;
}

/**
 * The points `keep` of a trace of `n` points: every per-point array filtered alike, with
 * null for a break (-1).
 */
function pointsOf(trace: Trace, n: number, keep: number[]): Trace {
  const pick = (value: unknown): unknown =>
    isPerPoint(value, n) ? keep.map(k => (k < 0 ? null : (value as ArrayLike<unknown>)[k])) : value;
  const out: Trace = { ...trace };
  for (const key of Object.keys(trace)) {
    const value = trace[key];
    if (isPerPoint(value, n)) {
      out[key] = pick(value);
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const inner: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        inner[k] = pick(v);
      }
      out[key] = inner;
    }
  }
  return out;
}

function isPerPoint(value: unknown, n: number): boolean {
  return (
    (Array.isArray(value) || ArrayBuffer.isView(value)) &&
    (value as ArrayLike<unknown>).length === n
  );
}

/**
 * Axes kept in a piece that `matches` (or are scaled with, `scaleanchor`) an axis left in
 * another piece: the first of them takes that axis's place (and its own scale anchor, as
 * the leader had), the others refer to it.
 */
function tieSharedAxes(out: Layout, layout: Layout, kept: Set<string>): void {
  const leaders = new Map<string, string>();
  for (const key of Object.keys(out)) {
    if (!/^[xy]axis\d*$/.test(key)) {
      continue;
    }
    const axis = out[key] as Record<string, unknown>;
    const target = axis.matches;
    if (typeof target === 'string' && !kept.has(target)) {
      const leader = leaders.get(target);
      const tied = { ...axis };
      if (leader) {
        tied.matches = leader;
      } else {
        leaders.set(target, idOf(key));
        delete tied.matches;
        const original = layout[keyOf(target)] as Record<string, unknown> | undefined;
        if (original && original.scaleanchor === original.anchor && tied.anchor) {
          tied.scaleanchor = tied.anchor;
        }
      }
      out[key] = tied;
    }
    const anchor = (out[key] as Record<string, unknown>).scaleanchor;
    if (typeof anchor === 'string' && !kept.has(anchor)) {
      const { scaleanchor: _, ...rest } = out[key] as Record<string, unknown>;
      out[key] = rest;
    }
  }
}

/** 'yaxis3' -> 'y3'. */
function idOf(key: string): string {
  return key.replace('axis', '');
}

/** 'y3' -> 'yaxis3'. */
function keyOf(id: string): string {
  return `${id[0]}axis${id.slice(1)}`;
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}
