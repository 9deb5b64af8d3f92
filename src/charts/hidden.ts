/**
 * The hidden view: the data as the network sees it after a hidden layer.
 *
 * This is where the lesson about XOR lands. In the input plane no line separates the two
 * classes; after a ReLU layer the four points have moved, and in the hidden layer's space
 * one line does separate them. That line is the output unit's own decision rule,
 * w . h + b = level, read straight from the snapshot's weights.
 *
 * Two hidden units are drawn as they are; one unit as a strip (a number line, one row per
 * class); more units through their first two principal components (a linear view that keeps
 * as much of the spread as possible; the output line does not survive that projection).
 */
import { column, extent, pad } from './arrays';
import { formatPercent, variantLabel } from './format';
import { messageFigure } from './message';
import { groupPoints, pointCount, pointLayer, POINT_PICTURE_FROM } from './points';
import type { Panel } from './subplots';
import {
  baseLayout,
  makeLegendRoom,
  variantPanels,
  panelLine,
  panelNote,
  panelTitle,
  stripUndefined,
  panelArea,
  panelPixels,
  rowCuts
} from './subplots';
import { applyTheme, classColorscale } from './theme';
import { pca } from '../core/pca';
import type { HiddenSeparation } from '../core/separation';
import type { OutputName, Snapshot } from '../core/types';
import type { Annotation, ChartInput, ChartTheme, Figure, Later, Trace } from './types';
import {
  sameHyperplane,
  separatorLine,
  separatingTrace,
  verdictAnnotation,
  verdictNote,
  verdictText
} from './verdict';
import type { VerdictNote } from './verdict';

/** Sides of the coarse grid on which multi-class regions are shaded in hidden space. */
const REGION_GRID = 40;

/**
 * The output unit's pre-activation z at which the network switches class. The core codes
 * two classes as 0 / 1 (as -1 / +1 under a tanh output) and thresholds the output halfway:
 * identity: output 0.5, so z = 0.5; sigmoid(z) = 0.5 at z = 0; tanh(z) = 0 at z = 0.
 * Without an output name we assume the usual sigmoid.
 */
export function decisionLevel(output: OutputName | undefined): number {
  return output === 'identity' ? 0.5 : 0;
}

/**
 * The segment of the line a * u + b * v = t inside the box [u0, u1] x [v0, v1]: its two
 * end points on the box's edges, or null when the line misses the box.
 */
export function clipLine(
  a: number,
  b: number,
  t: number,
  box: [[number, number], [number, number]]
): [[number, number], [number, number]] | null {
  const [[u0, u1], [v0, v1]] = box;
  const hits: [number, number][] = [];
  const eps = 1e-12 * Math.max(1, Math.abs(u1 - u0), Math.abs(v1 - v0));
  if (Math.abs(b) > 1e-15) {
    for (const u of [u0, u1]) {
      const v = (t - a * u) / b;
      if (v >= v0 - eps && v <= v1 + eps) {
        hits.push([u, v]);
      }
    }
  }
  if (Math.abs(a) > 1e-15) {
    for (const v of [v0, v1]) {
      const u = (t - b * v) / a;
      if (u >= u0 - eps && u <= u1 + eps) {
        hits.push([u, v]);
      }
    }
  }
  // The two hits farthest apart (corners can be hit twice).
  let best: [[number, number], [number, number]] | null = null;
  let bestD = -1;
  for (let i = 0; i < hits.length; i++) {
    for (let j = i + 1; j < hits.length; j++) {
      const d = (hits[i][0] - hits[j][0]) ** 2 + (hits[i][1] - hits[j][1]) ** 2;
      if (d > bestD) {
        bestD = d;
        best = [hits[i], hits[j]];
      }
    }
  }
  return best;
}

export function hiddenFigure(input: ChartInput): Figure {
  const { snapshots, data, theme } = input;
  const compact = input.compact ?? false;
  if (snapshots.length === 0) {
    return messageFigure('Waiting for the first epoch...', theme, compact);
  }
  if (!snapshots.some(s => s.hidden && s.hidden.length > 0)) {
    return messageFigure(
      'This network has no hidden layer: the inputs go straight to the output.',
      theme,
      compact
    );
  }
  const several = snapshots.length > 1;
  const grid = variantPanels(input, compact ? 180 : 300, { titles: true });
  const layout = baseLayout(grid, 'hidden', compact);
  const groups = groupPoints(data);
  const traces: Trace[] = [];
  const annotations: Annotation[] = [];
  const axes: Record<string, unknown> = {};
  const images: Record<string, unknown>[] = [];
  const multiClass = data.task === 'classification' && data.nClasses > 2;
  const asPicture = pointCount(groups) * grid.panels.length >= POINT_PICTURE_FROM;

  for (const panel of grid.panels) {
    const snap = snapshots[panel.index];
    const label = variantLabel(snap, panel.index);
    const entry = pickLayer(snap, input.hiddenLayer);
    const output = input.variants?.[panel.index]?.network.output;
    const title = `${several ? label + ': ' : ''}hidden layer ${entry ? entry.layer : ''}`;
    annotations.push(panelTitle(panel, title.trim(), compact));
    if (!entry || (entry.projected ?? entry.points).length === 0) {
      annotations.push(panelNote(panel, 'no hidden layer', theme.textMuted));
      axes[panel.xKey] = { domain: panel.xDomain, anchor: panel.y, visible: false };
      axes[panel.yKey] = { domain: panel.yDomain, anchor: panel.x, visible: false };
      continue;
    }
    const width = unitsOf(entry);
    const isLast = snap.hidden !== undefined && entry === snap.hidden[snap.hidden.length - 1];
    const readout = isLast ? outputWeights(snap, width) : null;
    const common = {
      panel,
      data,
      theme,
      compact,
      groups,
      traces,
      annotations,
      axes,
      images,
      // The panel's plotting area on screen, when its points are drawn as a picture.
      pictureSize: asPicture ? panelArea(panel, grid, input.width) : undefined,
      later: input.later
    };
    // The exact separability verdict of the layer the output reads (when this is that layer).
    const separation = snap.separation?.hidden;
    const verdict =
      data.task === 'classification' && separation && separation.layer === entry.layer
        ? separation
        : undefined;
    // The verdict's note, set once: its height sizes the room kept under the points.
    const sentence = verdict ? verdictSentence(verdict, snap.epoch) : null;
    const note = sentence
      ? verdictNote(sentence, theme, {
          compact,
          panelPx: panelPixels(panel, input.width, grid.margin)
        })
      : null;
    const room = verdict ? verdictRoom(note, panelArea(panel, grid, input.width).height) : 0;
    let corner: [number, number];
    if (width === 1) {
      corner = stripPanel(common, entry.points, readout, output, room);
    } else if (width === 2) {
      corner = planePanel(common, entry.points, readout, output, multiClass, room);
    } else {
      corner = projectedPanel(common, entry, room);
    }
    if (verdict) {
      addHiddenVerdict(
        common,
        verdict,
        note,
        corner,
        readout ? binaryRule(readout, output) : null,
        width
      );
    }
  }
  if (traces.some(t => t.coloraxis === 'coloraxis')) {
    // The class regions of several-class outputs: one flat colour per class.
    layout.coloraxis = {
      colorscale: classColorscale(theme, data.nClasses),
      cmin: -0.5,
      cmax: data.nClasses - 0.5,
      showscale: false
    };
  }
  layout.annotations = annotations;
  if (images.length > 0) {
    layout.images = images;
  }
  Object.assign(layout, axes);
  makeLegendRoom(layout, traces, input.width, theme.fontSize);
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme), cuts: rowCuts(grid) };
}

/** One hidden layer of a snapshot: its points, or their projection when it is wide. */
type HiddenEntry = NonNullable<Snapshot['hidden']>[number];

/** What each panel helper needs, and the lists it appends to. */
interface PanelContext {
  panel: Panel;
  data: ChartInput['data'];
  theme: ChartTheme;
  compact: boolean;
  groups: ReturnType<typeof groupPoints>;
  traces: Trace[];
  annotations: Annotation[];
  axes: Record<string, unknown>;
  /** Layout images: the points pictures. */
  images: Record<string, unknown>[];
  /** The plotting area in CSS pixels when the points are drawn as a picture (many points). */
  pictureSize?: { width: number; height: number };
  /** Where the points pictures may be left to be drawn later (`ChartInput.later`). */
  later?: Later;
  /** The plane panel's axis ranges, once drawn. */
  box?: [[number, number], [number, number]];
}

/** The output layer's weights and biases, when they read the given number of units. */
interface Readout {
  /** W[j][k]: from hidden unit j to output k. */
  W: number[][];
  b: number[];
}

/** A hidden layer's width: its entry's `units`, or the width of its points. */
function unitsOf(entry: HiddenEntry): number {
  return entry.units ?? entry.points[0]?.length ?? 0;
}

/** "PCA of 64 units" (just "PCA" when the width is not known). */
function pcaOf(entry: HiddenEntry): string {
  const units = unitsOf(entry);
  return units > 0 ? `PCA of ${units} units` : 'PCA';
}

function pickLayer(snap: Snapshot, layer: number | undefined): HiddenEntry | undefined {
  const hidden = snap.hidden;
  if (!hidden || hidden.length === 0) {
    return undefined;
  }
  if (layer !== undefined) {
    return hidden.find(h => h.layer === layer) ?? hidden[hidden.length - 1];
  }
  return hidden[hidden.length - 1];
}

/**
 * An axis range holding `values` with a margin of `fraction` of their spread on each side,
 * so that no point sits on the frame. A spread below 0.1 (e.g. a dead layer whose points
 * differ by rounding error) is widened to 0.1 around its middle, so the tick labels stay
 * plain numbers instead of "4f" (4e-15).
 */
export function fitRange(values: ArrayLike<number>, fraction: number): [number, number] {
  const [lo, hi] = extent(values) ?? [0, 1];
  const mid = (lo + hi) / 2;
  const half = Math.max((hi - lo) / 2, 0.05);
  return pad([mid - half, mid + half], fraction);
}

function outputWeights(snap: Snapshot, width: number): Readout | null {
  const w = snap.weights;
  if (!w || w.W.length === 0) {
    return null;
  }
  const W = w.W[w.W.length - 1];
  const b = w.b[w.b.length - 1];
  return W.length === width && b ? { W, b } : null;
}

/**
 * The binary decision rule of the output layer as one linear function of h:
 * score(h) = a . h + c, class 1 where score > level. A single output unit gives it
 * directly; two softmax outputs give it as the difference of their scores (level 0).
 */
function binaryRule(
  readout: Readout,
  output: OutputName | undefined
): { a: number[]; c: number; level: number } | null {
  const outputs = readout.b.length;
  if (outputs === 1) {
    return { a: readout.W.map(row => row[0]), c: readout.b[0], level: decisionLevel(output) };
  }
  if (outputs === 2) {
    return {
      a: readout.W.map(row => row[1] - row[0]),
      c: readout.b[1] - readout.b[0],
      level: 0
    };
  }
  return null;
}

/** One hidden unit: a number line, one row per class (a little spread so points show). */
function stripPanel(
  ctx: PanelContext,
  points: number[][],
  readout: Readout | null,
  output: OutputName | undefined,
  room: number
): [number, number] {
  const { panel, data, theme } = ctx;
  const xs = column(points, 0);
  const classification = data.task === 'classification';
  const ys = new Array<number>(points.length);
  for (let i = 0; i < points.length; i++) {
    // A deterministic spread (golden-ratio sequence) within +-0.15 of the class's row.
    const jitter = ((i * 0.6180339887) % 1) - 0.5;
    ys[i] = classification ? Math.round(data.y[i]) + 0.3 * jitter : data.y[i];
  }
  const xr = fitRange(xs, 0.1);
  const yr = roomBelow([-0.5, Math.max(1, data.nClasses) - 0.5], room);
  // Regression targets have no fixed range: their points stay markers.
  pushPoints(ctx, xs, ys, false, classification ? [xr, yr] : undefined);
  const rule = readout && classification ? binaryRule(readout, output) : null;
  if (rule && Math.abs(rule.a[0]) > 1e-15) {
    // a h + c = level at h* = (level - c) / a.
    const h = (rule.level - rule.c) / rule.a[0];
    const top = Math.max(1, data.nClasses) - 0.5;
    ctx.traces.push(separatorTrace(panel, [h, h], [-0.5, top], theme, panel.index === 0));
  }
  ctx.axes[panel.xKey] = {
    domain: panel.xDomain,
    anchor: panel.y,
    range: xr,
    title: ctx.compact ? undefined : { text: 'h₁' }
  };
  ctx.axes[panel.yKey] = classification
    ? {
        domain: panel.yDomain,
        anchor: panel.x,
        range: yr,
        tickvals: Array.from({ length: Math.max(1, data.nClasses) }, (_, k) => k),
        ticktext: Array.from({ length: Math.max(1, data.nClasses) }, (_, k) => `class ${k}`),
        zeroline: false
      }
    : { domain: panel.yDomain, anchor: panel.x, title: ctx.compact ? undefined : { text: 'y' } };
  return [xr[0], yr[0]];
}

/** Two hidden units: the plane (h1, h2), with the output's separating line or regions. */
function planePanel(
  ctx: PanelContext,
  points: number[][],
  readout: Readout | null,
  output: OutputName | undefined,
  multiClass: boolean,
  room: number
): [number, number] {
  const { panel, data, theme } = ctx;
  const xs = column(points, 0);
  const ys = column(points, 1);
  const box: [[number, number], [number, number]] = [
    fitRange(xs, 0.12),
    roomBelow(fitRange(ys, 0.12), room)
  ];
  if (readout && multiClass && readout.b.length === data.nClasses) {
    ctx.traces.push(regionTrace(panel, readout, box));
  }
  pushPoints(ctx, xs, ys, true, box);
  const rule =
    readout && data.task === 'classification' && !multiClass ? binaryRule(readout, output) : null;
  if (rule) {
    const segment = clipLine(rule.a[0], rule.a[1], rule.level - rule.c, box);
    if (segment) {
      ctx.traces.push(
        separatorTrace(
          panel,
          [segment[0][0], segment[1][0]],
          [segment[0][1], segment[1][1]],
          theme,
          panel.index === 0
        )
      );
    } else if (!ctx.compact) {
      ctx.annotations.push(panelNote(panel, 'output line outside the view', theme.textMuted));
    }
  }
  ctx.axes[panel.xKey] = {
    domain: panel.xDomain,
    anchor: panel.y,
    range: box[0],
    title: ctx.compact ? undefined : { text: 'h₁' }
  };
  ctx.axes[panel.yKey] = {
    domain: panel.yDomain,
    anchor: panel.x,
    range: box[1],
    title: ctx.compact ? undefined : { text: 'h₂' }
  };
  ctx.box = box;
  return [box[0][0], box[1][0]];
}

/** More than two hidden units: the first two principal components. */
function projectedPanel(ctx: PanelContext, entry: HiddenEntry, room: number): [number, number] {
  const { panel, theme } = ctx;
  // The core sends the projection of wide layers already (the same pca), without their
  // points; otherwise we compute it, and then also know how much variance it keeps.
  const projected = entry.projected;
  const projection = projected ? null : pca(entry.points, 2);
  const xs = column(projection ? projection.projected : (projected as number[][]), 0);
  const ys = column(projection ? projection.projected : (projected as number[][]), 1);
  // More room above the points for the note in the top corner (and below for a verdict).
  const [low, high] = roomBelow(fitRange(ys, 0.12), room);
  const xr = fitRange(xs, 0.12);
  const yr: [number, number] = [low, high + (high - low) * 0.12];
  pushPoints(ctx, xs, ys, true, [xr, yr]);
  if (!ctx.compact) {
    ctx.annotations.push(
      panelNote(
        panel,
        projection
          ? `${pcaOf(entry)} (keeps ${formatPercent(projection.explained)})`
          : pcaOf(entry),
        theme.textMuted,
        theme.background
      )
    );
  }
  ctx.axes[panel.xKey] = {
    domain: panel.xDomain,
    anchor: panel.y,
    range: xr,
    title: ctx.compact ? undefined : { text: 'PC 1' }
  };
  ctx.axes[panel.yKey] = {
    domain: panel.yDomain,
    anchor: panel.x,
    range: yr,
    title: ctx.compact ? undefined : { text: 'PC 2' }
  };
  return [xr[0], low];
}

/**
 * Share of a panel's height kept free below the points for the verdict: at least
 * VERDICT_ROOM, more when its wrapped lines need it (a narrow panel wraps the sentence onto
 * three or four lines, which would hide the lowest points), at most VERDICT_ROOM_MOST.
 */
function verdictRoom(note: VerdictNote | null, panelHeight: number): number {
  if (!note || !(panelHeight > 0)) {
    return VERDICT_ROOM;
  }
  // And the lowest points' markers (a radius of up to 5 px) clear the box.
  return Math.min(VERDICT_ROOM_MOST, Math.max(VERDICT_ROOM, (note.height + 8) / panelHeight));
}

/** Least and most shares of a panel's height kept free below the points for the verdict. */
const VERDICT_ROOM = 0.22;
const VERDICT_ROOM_MOST = 0.5;

/** The hidden layer's verdict sentence, saying when it was judged some epochs ago. */
function verdictSentence(verdict: HiddenSeparation, epoch: number): string | null {
  const text = verdictText(verdict, 'hidden space');
  if (!text) {
    return null;
  }
  // A verdict computed a few epochs ago (a wide layer is judged at a bounded rate) says so.
  return verdict.epoch !== epoch ? `${text} (epoch ${verdict.epoch})` : text;
}

/** `range` extended downwards so that the lowest `share` of it holds no point. */
function roomBelow(range: [number, number], share: number): [number, number] {
  if (!(share > 0)) {
    return range;
  }
  const span = range[1] - range[0];
  return [range[0] - (span * share) / (1 - share), range[1]];
}

/**
 * The hidden layer's separability verdict in its panel: the sentence in the bottom-left
 * corner and, for one or two units, the separating threshold or line the exact test found,
 * unless it is the output layer's own rule, which is drawn already.
 */
function addHiddenVerdict(
  ctx: PanelContext,
  verdict: HiddenSeparation,
  note: VerdictNote | null,
  corner: [number, number],
  rule: { a: number[]; c: number; level: number } | null,
  units: number
): void {
  const { panel, theme } = ctx;
  if (!note) {
    return;
  }
  ctx.annotations.push(
    verdictAnnotation(
      panel,
      corner,
      note,
      theme,
      verdict.classes.some(c => c.separable === null)
    )
  );
  const found = verdict.classes.length === 1 ? verdict.classes[0] : undefined;
  if (!found || found.separable !== true || !found.w || found.b === undefined) {
    return;
  }
  if (rule && sameHyperplane(found.w, found.b, rule.a, rule.c - rule.level)) {
    return;
  }
  if (units === 2 && ctx.box) {
    const line = separatorLine(found, ctx.box, panel, theme, panel.index === 0);
    if (line) {
      ctx.traces.push(line);
    }
  } else if (units === 1 && Math.abs(found.w[0]) > 0) {
    const h = -found.b / found.w[0];
    const top = Math.max(1, ctx.data.nClasses) - 0.5;
    ctx.traces.push(separatingTrace([h, h], [-0.5, top], panel, theme, panel.index === 0));
  }
}

/**
 * The data points of one panel, coloured by class. The legend entry comes from the first
 * panel only; `classesOnly` limits it to classification data. With many points and the
 * panel's axis `ranges` known, the points are one picture (see points.ts).
 */
function pushPoints(
  ctx: PanelContext,
  xs: number[],
  ys: number[],
  classesOnly: boolean,
  ranges?: [[number, number], [number, number]]
): void {
  const { panel, data, theme } = ctx;
  const points = pointLayer({
    groups: ctx.groups,
    xs,
    ys,
    data,
    theme,
    xaxis: panel.x,
    yaxis: panel.y,
    showlegend: panel.index === 0 && (!classesOnly || data.task === 'classification'),
    compact: ctx.compact,
    picture:
      ctx.pictureSize && ranges ? { x: ranges[0], y: ranges[1], ...ctx.pictureSize } : undefined,
    later: ctx.later
  });
  ctx.traces.push(...points.traces);
  ctx.images.push(...points.images);
}

/** The output layer's decision line, drawn as a line trace. */
function separatorTrace(
  panel: Panel,
  x: number[],
  y: number[],
  theme: ChartTheme,
  showlegend: boolean
): Trace {
  const line = { color: theme.text, width: 2, dash: 'dash' };
  return panelLine(panel, x, y, { name: 'output boundary', line }, showlegend);
}

/**
 * Several classes: shade hidden space by the class the output layer picks there,
 * argmax_k (h . W[:, k] + b_k), on a coarse grid (softmax keeps the order of scores).
 */
function regionTrace(
  panel: Panel,
  readout: Readout,
  box: [[number, number], [number, number]]
): Trace {
  const n = REGION_GRID;
  const [[u0, u1], [v0, v1]] = box;
  const us = new Array<number>(n);
  const vs = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    us[i] = u0 + ((u1 - u0) * i) / (n - 1);
    vs[i] = v0 + ((v1 - v0) * i) / (n - 1);
  }
  const k = readout.b.length;
  const z: number[][] = [];
  for (let r = 0; r < n; r++) {
    const row = new Array<number>(n);
    for (let c = 0; c < n; c++) {
      let best = 0;
      let bestScore = -Infinity;
      for (let j = 0; j < k; j++) {
        const score = us[c] * readout.W[0][j] + vs[r] * readout.W[1][j] + readout.b[j];
        if (score > bestScore) {
          bestScore = score;
          best = j;
        }
      }
      row[c] = best;
    }
    z.push(row);
  }
  return {
    type: 'heatmap',
    name: 'output regions',
    x: us,
    y: vs,
    z,
    coloraxis: 'coloraxis',
    zsmooth: false,
    showlegend: false,
    hoverinfo: 'skip',
    xaxis: panel.x,
    yaxis: panel.y
  };
}
