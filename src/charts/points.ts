/**
 * The data points drawn over the boundary and hidden views: training points filled, test
 * points hollow, coloured by class (or, for regression, by target value).
 *
 * Points are grouped once per figure (by split and class) and every panel reuses the
 * groups, so the work per frame is one pass over the data per panel.
 */
import { extent } from './arrays';
import { valueKey } from './fingerprint';
import { parseColor } from './colors';
import { base64, indexedPng, levelOf, MISSING, PALETTE_LEVELS, paletteOf } from './mapImage';
import { classColor } from './theme';
import type { DataSummary } from '../core/types';
import type { ChartTheme, Later, Trace } from './types';

/** The indices of the points of one split and one class (class null for regression). */
export interface PointGroup {
  split: 'train' | 'test';
  cls: number | null;
  indices: number[];
}

/**
 * Group the data's points by split (train, then test) and class. A point in both splits
 * (the four logic-gate points are their own test set) is drawn once, as a training point.
 */
export function groupPoints(data: DataSummary): PointGroup[] {
  const groups: PointGroup[] = [];
  const inTrain = new Uint8Array(data.x.length);
  for (let k = 0; k < data.train.length; k++) {
    inTrain[data.train[k]] = 1;
  }
  const testOnly: number[] = [];
  for (let k = 0; k < data.test.length; k++) {
    if (!inTrain[data.test[k]]) {
      testOnly.push(data.test[k]);
    }
  }
  const splits: ['train' | 'test', ArrayLike<number>][] = [
    ['train', data.train],
    ['test', testOnly]
  ];
  for (const [split, indices] of splits) {
    if (indices.length === 0) {
      continue;
    }
    if (data.task === 'classification') {
      const byClass: number[][] = [];
      for (let c = 0; c < Math.max(1, data.nClasses); c++) {
        byClass.push([]);
      }
      for (let k = 0; k < indices.length; k++) {
        const i = indices[k];
        const c = Math.round(data.y[i]);
        while (byClass.length <= c) {
          byClass.push([]);
        }
        byClass[c].push(i);
      }
      byClass.forEach((members, cls) => {
        if (members.length > 0) {
          groups.push({ split, cls, indices: members });
        }
      });
    } else {
      groups.push({ split, cls: null, indices: Array.from(indices) });
    }
  }
  return groups;
}

export interface PointTraceOptions {
  groups: PointGroup[];
  /** Coordinates of every data point (indexed like data.x), in the panel's axes. */
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  data: DataSummary;
  theme: ChartTheme;
  /** Axis ids of the panel. */
  xaxis: string;
  yaxis: string;
  /** Show legend entries (only for the first panel, so classes appear once). */
  showlegend: boolean;
  compact?: boolean;
  /** Regression: colour by target through this colour axis (e.g. 'coloraxis'). */
  coloraxis?: string;
}

/**
 * From this many points in one figure (every panel's together), the points are drawn as a
 * picture per panel (`pointLayer`) instead of a marker per point: Plotly builds, styles and
 * lays out an SVG node per marker on every redraw, and nine panels of 2000 points took the
 * boundary view about a second a draw. The picture has no hover per point; below this
 * count (a single panel of the largest data set) the points stay hoverable markers.
 */
export const POINT_PICTURE_FROM = 4000;

/** Raster pixels per CSS pixel of a points picture: the browser scales it down smoothly. */
const PICTURE_SCALE = 2;

/** Largest side of a points picture in raster pixels. */
const PICTURE_MAX = 1600;

/** Palette entry of the filled points' outline in a points picture. */
const OUTLINE = MISSING - 1;

/** Where a panel's points picture goes: the axis ranges it covers and its size on screen. */
export interface PointPicture {
  x: [number, number];
  y: [number, number];
  /** The panel's plotting area in CSS pixels (an estimate: Plotly stretches the picture). */
  width: number;
  height: number;
}

/** What a panel's points add to a figure: traces, and layout images when drawn as a picture. */
export interface PointLayer {
  traces: Trace[];
  images: Record<string, unknown>[];
}

/** Points in all groups: multiplied by the panels, the count `POINT_PICTURE_FROM` is about. */
export function pointCount(groups: PointGroup[]): number {
  return groups.reduce((n, g) => n + g.indices.length, 0);
}

/** One group's marker style and legend entry. */
interface GroupStyle {
  group: PointGroup;
  name: string;
  legendgroup: string;
  test: boolean;
  marker: Record<string, unknown>;
}

function groupStyles(options: PointTraceOptions): GroupStyle[] {
  const { groups, data, theme, compact } = options;
  const size = compact ? 5 : 7;
  // Regression without a shared colour axis: one fixed range for every group, so that the
  // same target has the same colour in the training and the test points.
  const targets = data.task === 'classification' ? null : extent(data.y);
  return groups.map(group => {
    const test = group.split === 'test';
    let color: unknown;
    let colorFields: Record<string, unknown> = {};
    let name: string;
    if (group.cls === null) {
      color = group.indices.map(i => data.y[i]);
      colorFields = options.coloraxis
        ? { coloraxis: options.coloraxis }
        : {
            colorscale: theme.sequential,
            ...(targets ? { cmin: targets[0], cmax: targets[1] } : {})
          };
      name = test ? 'test points' : 'training points';
    } else {
      color = classColor(theme, group.cls);
      name = test ? `class ${group.cls} (test)` : `class ${group.cls}`;
    }
    return {
      group,
      name,
      legendgroup: group.cls === null ? group.split : `class ${group.cls}`,
      test,
      marker: {
        size: test ? size - 1 : size,
        symbol: test ? 'circle-open' : 'circle',
        color,
        ...colorFields,
        // Filled points get a thin outline so that they stand out on a region of their own
        // colour: the background colour under a light theme; under a dark theme a light one,
        // since a dark ring vanishes on the dark tints. Hollow points get a thick ring.
        line: test ? { width: 2 } : { width: theme.dark ? 1.5 : 1, color: outlineColor(theme) }
      }
    };
  });
}

function outlineColor(theme: ChartTheme): string {
  return theme.dark ? 'rgba(255, 255, 255, 0.9)' : theme.background;
}

/** One scatter trace per point group. */
export function pointTraces(options: PointTraceOptions): Trace[] {
  const { xs, ys } = options;
  return groupStyles(options).map(({ group, name, legendgroup, marker }) => {
    const n = group.indices.length;
    const x = new Array<number>(n);
    const y = new Array<number>(n);
    for (let k = 0; k < n; k++) {
      const i = group.indices[k];
      x[k] = xs[i];
      y[k] = ys[i];
    }
    return {
      type: 'scatter',
      mode: 'markers',
      name,
      legendgroup,
      showlegend: options.showlegend,
      x,
      y,
      xaxis: options.xaxis,
      yaxis: options.yaxis,
      marker,
      hovertemplate: `${name}<br>(%{x:.3g}, %{y:.3g})<extra></extra>`
    } as Trace;
  });
}

/**
 * A panel's points: markers (`pointTraces`) unless `picture` is given, then one layout image
 * over the panel's axis ranges, drawn here like the markers would be (filled training points
 * with their outline, hollow test points, in the same order), plus the legend's entries as
 * traces without points. `colorRange` is the colour axis's range for regression targets.
 */
export function pointLayer(
  options: PointTraceOptions & {
    picture?: PointPicture;
    colorRange?: [number, number];
    /** Where the picture may be left to be drawn later (see `ChartInput.later`). */
    later?: Later;
  }
): PointLayer {
  const { picture } = options;
  if (!picture) {
    return { traces: pointTraces(options), images: [] };
  }
  const styles = groupStyles(options);
  const traces: Trace[] = options.showlegend
    ? styles.map(({ name, legendgroup, marker }) => ({
        type: 'scatter',
        mode: 'markers',
        name,
        legendgroup,
        showlegend: true,
        // No point: Plotly lists the entry and draws nothing (the picture has the points).
        x: [null],
        y: [null],
        xaxis: options.xaxis,
        yaxis: options.yaxis,
        marker: {
          ...marker,
          ...(Array.isArray(marker.color) ? { color: (marker.color as number[]).slice(0, 1) } : {})
        },
        hoverinfo: 'skip'
      }))
    : [];
  const [x0, x1] = picture.x;
  const [y0, y1] = picture.y;
  const image = {
    source: '',
    xref: options.xaxis,
    yref: options.yaxis,
    x: x0,
    y: y1,
    sizex: x1 - x0,
    sizey: y1 - y0,
    xanchor: 'left',
    yanchor: 'top',
    sizing: 'stretch',
    layer: 'above'
  };
  setPicture(image, options, styles, picture);
  return { traces, images: [image] };
}

/**
 * The pictures drawn lately, per data set: the boundary view's points never move, so every
 * panel of a figure, and every later frame, shows the same picture. Keyed by what the picture
 * is drawn from besides the data (size, ranges, theme, a hash of the point coordinates).
 */
const recentPictures = new WeakMap<object, Map<string, string>>();

/**
 * How many pictures are kept per data set (the least recently used go first): two views
 * (boundary, hidden) of up to nine panels each, at the size on screen and at the notebook
 * picture's, with room to spare. The hidden view's pictures change with every epoch; the
 * boundary view's, used again at every draw, stay.
 */
const RECENT_PICTURES = 40;

/** Images waiting for one picture that a build has left for later. */
type Waiting = { source: string }[];

/**
 * The pictures left for later (`pointLayer`'s option `later`), per `later` and data set, by
 * key: panels with the same picture share one piece of work until it runs.
 */
const waitingPictures = new WeakMap<Later, WeakMap<object, Map<string, Waiting>>>();

/**
 * Give `image` the picture of a panel's points: at once if it was drawn lately, else drawn
 * now, or as a piece of work handed to `options.later`.
 */
function setPicture(
  image: { source: string },
  options: PointTraceOptions & { colorRange?: [number, number]; later?: Later },
  styles: GroupStyle[],
  picture: PointPicture
): void {
  const { data, theme } = options;
  // Whole CSS pixels: panels of one figure differ in the last digits of their size.
  const place = {
    ...picture,
    width: Math.max(1, Math.round(picture.width)),
    height: Math.max(1, Math.round(picture.height))
  };
  const recent = recentPictures.get(data) ?? new Map<string, string>();
  recentPictures.set(data, recent);
  const key = JSON.stringify([
    place,
    options.colorRange ?? null,
    options.compact ?? false,
    theme.dark,
    theme.background,
    theme.classColors,
    theme.sequential,
    valueKey(options.xs),
    valueKey(options.ys)
  ]);
  const known = recent.get(key);
  if (known !== undefined) {
    // Used again: it moves to the back of the queue, last to be forgotten.
    recent.delete(key);
    recent.set(key, known);
    image.source = known;
    return;
  }
  const draw = (): string => {
    const source = pointsPicture(options, styles, place);
    recent.set(key, source);
    if (recent.size > RECENT_PICTURES) {
      recent.delete(recent.keys().next().value as string);
    }
    return source;
  };
  const later = options.later;
  if (!later) {
    image.source = draw();
    return;
  }
  const byData = waitingPictures.get(later) ?? new WeakMap<object, Map<string, Waiting>>();
  waitingPictures.set(later, byData);
  const waiting = byData.get(data) ?? new Map<string, Waiting>();
  byData.set(data, waiting);
  const sharing = waiting.get(key);
  if (sharing) {
    sharing.push(image);
    return;
  }
  const images = [image];
  waiting.set(key, images);
  later(() => {
    // From here on the picture is drawn: a later image of the same key must not join.
    waiting.delete(key);
    const source = draw();
    for (const each of images) {
      each.source = source;
    }
  });
}

/** The points of one panel as a palette PNG data URL covering `picture`'s ranges. */
function pointsPicture(
  options: PointTraceOptions & { colorRange?: [number, number] },
  styles: GroupStyle[],
  picture: PointPicture
): string {
  const { data, theme, xs, ys } = options;
  const width = Math.max(8, Math.min(PICTURE_MAX, Math.round(picture.width * PICTURE_SCALE)));
  const height = Math.max(8, Math.min(PICTURE_MAX, Math.round(picture.height * PICTURE_SCALE)));
  const [x0, x1] = picture.x;
  const [y0, y1] = picture.y;
  const sx = width / (x1 - x0 || 1);
  const sy = height / (y1 - y0 || 1);
  // Marker sizes are CSS pixels; the picture has its own pixels per CSS pixel on each axis.
  const perPx = Math.sqrt(
    (width / Math.max(1, picture.width)) * (height / Math.max(1, picture.height))
  );

  // Palette: class colours (or the colour scale's levels for regression targets), the outline.
  const classification = data.task === 'classification';
  const palette = classification ? new Uint8Array(PALETTE_LEVELS * 3) : paletteOf(theme.sequential);
  const alpha = new Uint8Array(PALETTE_LEVELS).fill(255);
  const setEntry = (k: number, css: string) => {
    const rgba = parseColor(css);
    if (rgba) {
      palette.set([rgba.r, rgba.g, rgba.b], 3 * k);
      alpha[k] = Math.round(rgba.a * 255);
    }
  };
  if (classification) {
    theme.classColors.forEach((css, k) => setEntry(k, css));
  }
  setEntry(OUTLINE, outlineColor(theme));
  const targets = options.colorRange ?? extent(data.y) ?? [0, 1];
  // Regression levels stop below the outline's entry.
  const levels = OUTLINE - 1;
  const entryOf = (group: PointGroup, i: number) =>
    group.cls !== null
      ? group.cls % theme.classColors.length
      : Math.round((levelOf(data.y[i], targets[0], targets[1]) * levels) / (PALETTE_LEVELS - 1));

  const pixels = new Uint8Array(width * height).fill(MISSING);
  for (const style of styles) {
    const size = Number(style.marker.size);
    const line = style.marker.line as { width: number };
    // SVG strokes straddle the marker's edge: half the line inside, half outside. The
    // marker's pixels are worked out once (a stamp) and placed at each point's nearest pixel.
    const stamp = markerStamp(
      (size / 2 + line.width / 2) * perPx,
      Math.max(0, size / 2 - line.width / 2) * perPx
    );
    for (const i of style.group.indices) {
      const x = xs[i];
      const y = ys[i];
      if (!(x >= x0 && x <= x1 && y >= y0 && y <= y1)) {
        continue;
      }
      const col = Math.floor((x - x0) * sx);
      const row = Math.floor((y1 - y) * sy);
      const own = entryOf(style.group, i);
      // Hollow test points: a ring of their colour; filled ones: their colour in an outline.
      const ring = style.test ? own : OUTLINE;
      const fill = style.test ? MISSING : own;
      for (let k = 0; k < stamp.length; k += 3) {
        const r = row + stamp[k];
        const c = col + stamp[k + 1];
        if (r >= 0 && r < height && c >= 0 && c < width) {
          if (stamp[k + 2] === 0) {
            pixels[r * width + c] = ring;
          } else if (fill !== MISSING) {
            pixels[r * width + c] = fill;
          }
        }
      }
    }
  }
  const png = indexedPng(width, height, pixels, palette, { alpha, runs: true });
  return `data:image/png;base64,${base64(png)}`;
}

/**
 * The pixels of a marker centred on a pixel's centre, as (row, column, inside) triples
 * relative to that pixel: inside 1 within `inner` of the centre, 0 in the ring out to `outer`.
 */
function markerStamp(outer: number, inner: number): Int16Array {
  const reach = Math.ceil(outer);
  const out: number[] = [];
  for (let dr = -reach; dr <= reach; dr++) {
    for (let dc = -reach; dc <= reach; dc++) {
      const d = dr * dr + dc * dc;
      if (d <= outer * outer) {
        out.push(dr, dc, d <= inner * inner ? 1 : 0);
      }
    }
  }
  return Int16Array.from(out);
}
