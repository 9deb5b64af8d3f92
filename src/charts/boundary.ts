/**
 * The boundary view: what the network answers everywhere in the input plane.
 *
 * For a 2-D input each compared variant gets a panel with the network's output over a grid
 * as a heatmap, the data on top (training points filled, test points hollow), all panels
 * sharing their axes. Binary classification shows P(class 1) on a diverging scale whose
 * neutral colour sits exactly at 0.5, with the 0.5 level curve drawn as the decision boundary;
 * several classes show the predicted class, one flat colour each; regression shows the
 * output on a sequential scale. For a 1-D input the variants' fitted curves are drawn over
 * the data points in one plot.
 *
 * The grid is row-major with y as the row: values[iy * n + ix] is the output at
 * (grid.x[ix], grid.y[iy]), which is exactly Plotly's heatmap convention z[row][col].
 */
import { column, extent, reshape } from './arrays';
import { variantLabel } from './format';
import { messageFigure } from './message';
import { groupPoints, pointCount, pointLayer, POINT_PICTURE_FROM, pointTraces } from './points';
import type { PointPicture } from './points';
import {
  baseLayout,
  colourBarCell,
  makeLegendRoom,
  panelAxes,
  panelGrid,
  variantPanels,
  panelTitle,
  shareAxis,
  stripUndefined,
  panelArea,
  panelPixels,
  rowCuts
} from './subplots';
import type { PanelGrid } from './subplots';
import { isoline } from './isoline';
import { mapImage, paletteOf } from './mapImage';
import { applyTheme, classColorscale, seriesColor } from './theme';
import type { Annotation, ChartInput, Colorscale, Figure, Layout, Trace } from './types';
import {
  noteBox,
  noteFontSize,
  separatorLine,
  verdictCaption,
  verdictText,
  wrapText
} from './verdict';

/**
 * When each panel's surface is a picture coloured here (src/charts/mapImage.ts) instead of a
 * Plotly heatmap: from this many grid cells in one figure (every panel's together; nine panels
 * of a 100 x 100 grid are 90,000), and whenever the surface is drawn smooth (at rest, for two
 * classes or a regression). Plotly works out a heatmap's smooth interpolation pixel by pixel in
 * JavaScript on every draw: about a third of a resting boundary's draw at the lesson's sizes,
 * while the browser smooths a picture at no cost to the page. The hover still gives the value
 * under the cursor. Below it, a live or several-class surface stays a heatmap of flat cells,
 * which Plotly paints about as fast as a picture is made.
 */
export const SURFACE_PICTURE_FROM = 40_000;

export function boundaryFigure(input: ChartInput): Figure {
  const { snapshots, data, theme } = input;
  const compact = input.compact ?? false;
  if (snapshots.length === 0) {
    return messageFigure('Waiting for the first epoch...', theme, compact);
  }
  if (data.inputDim === 1) {
    return curveFigure(input);
  }
  if (data.inputDim !== 2) {
    return messageFigure(
      `The decision surface is drawn for 2-D inputs; this data set has ${data.inputDim}.`,
      theme,
      compact
    );
  }
  return surfaceFigure(input);
}

/** Heatmap panels for a 2-D input. */
function surfaceFigure(input: ChartInput): Figure {
  const { snapshots, data, theme } = input;
  const compact = input.compact ?? false;
  const several = snapshots.length > 1;
  const classification = data.task === 'classification';
  const multiClass = classification && data.nClasses > 2;
  const binary = classification && !multiClass;
  const showScale = !compact && !multiClass;
  const grid = surfaceGrid(input, showScale);
  const layout = baseLayout(grid, 'boundary', compact);
  const groups = groupPoints(data);
  const xs = column(data.x, 0);
  const ys = column(data.x, 1);
  const traces: Trace[] = [];

  // One colour axis for every panel: the same colour means the same output everywhere.
  if (binary) {
    layout.coloraxis = {
      colorscale: theme.diverging,
      cmin: 0,
      cmax: 1,
      showscale: showScale,
      ...(showScale ? { colorbar: colorbar('P(class 1)') } : {})
    };
  } else if (multiClass) {
    layout.coloraxis = {
      colorscale: classColorscale(theme, data.nClasses),
      cmin: -0.5,
      cmax: data.nClasses - 0.5,
      showscale: false
    };
  } else {
    const span = extent(data.y, ...snapshots.map(s => (s.grid ? s.grid.values : []))) ?? [0, 1];
    layout.coloraxis = {
      colorscale: theme.sequential,
      cmin: span[0],
      cmax: span[1] > span[0] ? span[1] : span[0] + 1,
      showscale: showScale,
      ...(showScale ? { colorbar: colorbar('output') } : {})
    };
  }

  const annotations = layout.annotations ?? [];
  const images: Record<string, unknown>[] = [];
  const [xRange, yRange] = [data.domain[0], data.domain[1]];
  const domain: [[number, number], [number, number]] | null =
    xRange && yRange
      ? [
          [xRange[0], xRange[1]],
          [yRange[0], yRange[1]]
        ]
      : null;
  const asPicture =
    domain !== null && pointCount(groups) * grid.panels.length >= POINT_PICTURE_FROM;
  // Many grid cells in all, or a smooth surface: each panel's surface is a picture (see
  // SURFACE_PICTURE_FROM).
  const cells = snapshots.reduce((n, s) => n + (s.grid ? s.grid.values.length : 0), 0);
  const smooth = !multiClass && !input.live;
  const axis = layout.coloraxis as { colorscale: Colorscale; cmin: number; cmax: number };
  const maps =
    cells >= SURFACE_PICTURE_FROM || smooth
      ? { palette: paletteOf(axis.colorscale), cmin: axis.cmin, cmax: axis.cmax }
      : null;
  for (const panel of grid.panels) {
    const snap = snapshots[panel.index];
    const g = snap.grid;
    if (g && g.values.length === g.n * g.n) {
      const z = reshape(g.values, g.n, g.n);
      const what = binary ? 'P(class 1)' : multiClass ? 'class' : 'output';
      if (maps) {
        // A picture coloured here: rows of the grid go up in x2, as an image's rows do on
        // an axis that goes up. The browser smooths it at rest, at no cost to Plotly.
        const step = (values: ArrayLike<number>) =>
          g.n > 1 ? (values[g.n - 1] - values[0]) / (g.n - 1) : 1;
        traces.push({
          type: 'image',
          name: variantLabel(snap, panel.index),
          source: mapImage(g.values, g.n, maps.palette, maps.cmin, maps.cmax),
          x0: g.x[0],
          dx: step(g.x),
          y0: g.y[0],
          dy: step(g.y),
          zsmooth: smooth ? 'fast' : false,
          xaxis: panel.x,
          yaxis: panel.y,
          customdata: z,
          hovertemplate: `${what} %{customdata:.3g}<br>(%{x:.2f}, %{y:.2f})<extra></extra>`
        });
      } else {
        traces.push({
          type: 'heatmap',
          name: variantLabel(snap, panel.index),
          x: g.x,
          y: g.y,
          z,
          coloraxis: 'coloraxis',
          // Live or several classes: the grid's own cells (the 0.5 line on top stays smooth).
          zsmooth: false,
          xaxis: panel.x,
          yaxis: panel.y,
          showlegend: false,
          hovertemplate: `${what} %{z:.3g}<br>(%{x:.2f}, %{y:.2f})<extra></extra>`
        });
      }
      if (binary) {
        // The decision boundary itself: the curve where P(class 1) = 0.5, worked out here
        // (src/charts/isoline.ts) and drawn as a smoothed line, as a contour trace would draw
        // it but without Plotly's contouring at every redraw.
        const curve = isoline(g.values, g.n, g.x, g.y, 0.5);
        if (domain) {
          const note = surfaceNote(input, grid, panel, domain, g.values, curve.x.length > 0);
          if (note) {
            annotations.push(note);
          }
        }
        traces.push({
          type: 'scatter',
          mode: 'lines',
          name: 'P = 0.5',
          x: curve.x,
          y: curve.y,
          line: { color: theme.text, width: compact ? 1 : 1.5, shape: 'spline', smoothing: 1 },
          showlegend: false,
          hoverinfo: 'skip',
          xaxis: panel.x,
          yaxis: panel.y
        });
      }
    }
    const points = pointLayer({
      groups,
      xs,
      ys,
      data,
      theme,
      xaxis: panel.x,
      yaxis: panel.y,
      showlegend: panel.index === 0 && classification,
      compact,
      coloraxis: classification ? undefined : 'coloraxis',
      colorRange: classification ? undefined : [axis.cmin, axis.cmax],
      picture: asPicture ? squarePicture(panel, grid, input.width, domain) : undefined,
      later: input.later
    });
    traces.push(...points.traces);
    images.push(...points.images);
    if (several) {
      annotations.push(panelTitle(panel, variantLabel(snap, panel.index), compact));
    }
  }
  if (maps && domain) {
    // The pictures' colour bar (and the regression points' colours' range).
    const [[x0, x1], [y0]] = domain;
    traces.push(colourBarCell('coloraxis', axis, { x: x0 - 4 * (x1 - x0), y: y0 }));
  }
  if (classification && domain) {
    addInputVerdict(input, grid, layout, traces, annotations, domain);
  }
  layout.annotations = annotations;
  if (images.length > 0) {
    layout.images = images;
  }
  Object.assign(
    layout,
    panelAxes(
      grid,
      p => ({
        range: xRange ? [xRange[0], xRange[1]] : undefined,
        // Under the bottom row's first panel, where the axis ends: stacked panels otherwise
        // had it between them, and room for it left empty under the last one.
        title: compact || p.col > 0 || p.row < grid.rows - 1 ? undefined : { text: 'x₁' },
        zeroline: false,
        constrain: 'domain',
        ...shareAxis(p, 'x')
      }),
      p => ({
        range: yRange ? [yRange[0], yRange[1]] : undefined,
        title: compact || p.index > 0 ? undefined : { text: 'x₂' },
        zeroline: false,
        // The panels share one range: labels on each row's first panel (a narrow output
        // stacks them, and each row needs its own).
        showticklabels: p.col === 0,
        // One unit is as long across as up, so circles look like circles; the panel
        // shrinks inside its slot rather than stretching the data.
        ...(p.index === 0 ? { scaleanchor: p.x } : {}),
        constrain: 'domain',
        ...shareAxis(p, 'y')
      })
    )
  );
  makeLegendRoom(layout, traces, input.width, theme.fontSize);
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme), cuts: rowCuts(grid) };
}

/**
 * The panels of the input plane, one per variant. One unit is as long across as up, so a
 * panel narrower than its row is tall would sit between empty bands. In a narrow output,
 * where the panels stack in one column, its rows are only as tall as the data's proportions
 * make them.
 */
function surfaceGrid(input: ChartInput, showScale: boolean): PanelGrid {
  const compact = input.compact ?? false;
  const options = { rightSpace: showScale ? 70 : 0 };
  const tallest = compact ? 180 : 300;
  const grid = variantPanels(input, tallest, options);
  if (grid.cols > 1) {
    // Side by side, the panels keep their rows: a short plotting area under a legend of
    // two rows makes Plotly place that legend over the panels' titles after a resize.
    return grid;
  }
  const [x, y] = input.data.domain;
  const across = panelPixels(grid.panels[0], input.width, grid.margin);
  if (!x || !y || across === undefined || !(x[1] > x[0]) || !(y[1] > y[0])) {
    return grid;
  }
  const fitted = Math.max(
    SHORTEST_SURFACE_ROW,
    Math.round((across * (y[1] - y[0])) / (x[1] - x[0]))
  );
  return fitted < tallest ? variantPanels(input, fitted, options) : grid;
}

/** The shortest row of surface panels (px): flatter data is narrowed to this height instead. */
const SHORTEST_SURFACE_ROW = 160;

/**
 * The input plane's separability verdict (the same data under every panel): the sentence as
 * a caption under the panels, where it hides no point of the surface, and, when a straight
 * line separates two classes, that line in every panel.
 */
function addInputVerdict(
  input: ChartInput,
  grid: PanelGrid,
  layout: Layout,
  traces: Trace[],
  annotations: Annotation[],
  box: [[number, number], [number, number]]
): void {
  const verdict = input.snapshots.find(s => s.separation?.input)?.separation?.input;
  const text = verdictText(verdict);
  if (!verdict || !text) {
    return;
  }
  if (verdict.classes.length === 1) {
    for (const panel of grid.panels) {
      const line = separatorLine(verdict.classes[0], box, panel, input.theme, panel.index === 0);
      if (line) {
        traces.push(line);
      }
    }
  }
  const caption = verdictCaption(text, input.theme, {
    compact: input.compact,
    width: input.width,
    below: grid.margin.b,
    left: grid.margin.l
  });
  annotations.push(caption.annotation);
  // The figure grows by the caption's height, as it does for a legend.
  layout.margin = { ...grid.margin, b: grid.margin.b + caption.height };
  layout.height = grid.height + caption.height;
}

/** For a 1-D input: the data points and every variant's fitted curve in one plot. */
function curveFigure(input: ChartInput): Figure {
  const { snapshots, data, theme } = input;
  const compact = input.compact ?? false;
  const classification = data.task === 'classification';
  const grid = panelGrid({ rows: 1, cols: 1, compact, rowHeight: compact ? 160 : 260 });
  const layout = baseLayout(grid, 'boundary', compact);
  const [panel] = grid.panels;
  const traces: Trace[] = pointTraces({
    groups: groupPoints(data),
    xs: column(data.x, 0),
    ys: data.y,
    data,
    theme,
    xaxis: panel.x,
    yaxis: panel.y,
    showlegend: true,
    compact
  });
  if (!classification) {
    // Regression points are coloured by target, which is their height already: draw them
    // in one muted colour so that the fitted curves stand out.
    for (const t of traces) {
      (t.marker as Record<string, unknown>).color = theme.textMuted;
    }
  }
  snapshots.forEach((snap, v) => {
    const g = snap.grid;
    if (!g || g.values.length !== g.x.length) {
      return;
    }
    const label = variantLabel(snap, v);
    traces.push({
      type: 'scatter',
      mode: 'lines',
      name: snapshots.length > 1 ? label : 'network',
      x: g.x,
      y: Array.from(g.values),
      line: { color: seriesColor(theme, v), width: compact ? 2 : 3 },
      hovertemplate: `${label}: f(%{x:.3g}) = %{y:.3g}<extra></extra>`
    });
  });
  const xRange = data.domain[0];
  layout.xaxis = {
    range: xRange ? [xRange[0], xRange[1]] : undefined,
    title: compact ? undefined : { text: 'x' },
    zeroline: false
  };
  layout.yaxis = {
    title: compact ? undefined : { text: classification ? 'P(class 1) / class' : 'y' }
  };
  makeLegendRoom(layout, traces, input.width, theme.fontSize);
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme) };
}

/**
 * How far apart P(class 1) may be over a whole surface for it to read as one value: the
 * note prints it to two decimals.
 */
const FLAT_SURFACE = 0.01;

/**
 * What a binary surface says that its colours do not show: a surface that is one value
 * everywhere is the diverging scale's neutral colour (a blank panel, where a linear network
 * trained on XOR answers 0.50 for every input), and one that never crosses 0.5 has no
 * boundary to draw. `boundary` is whether the 0.5 curve has any piece. The sentence is
 * wrapped at `chars` characters a line, "no boundary" on a line of its own. Null when the
 * colours and the curve already tell it.
 */
export function noBoundaryNote(
  values: ArrayLike<number>,
  boundary: boolean,
  chars = 60
): string | null {
  let lo = Infinity;
  let hi = -Infinity;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      sum += v;
      count++;
    }
  }
  if (count === 0) {
    return null;
  }
  let sentence: string | null = null;
  if (hi - lo < FLAT_SURFACE) {
    // The value is not split from what it is the value of (no-break spaces).
    sentence = `P(class\u00a01)\u00a0≈\u00a0${(sum / count).toFixed(2)} everywhere`;
  } else if (!boundary && hi <= 0.5) {
    sentence = 'P(class 1) below 0.5 everywhere';
  } else if (!boundary && lo > 0.5) {
    sentence = 'P(class 1) above 0.5 everywhere';
  }
  if (sentence === null) {
    return null;
  }
  return wrapText(sentence, chars) + (boundary ? '' : '<br>no boundary');
}

/**
 * The `noBoundaryNote` of a panel's surface, in the middle of the panel (where XOR has no
 * points) in data coordinates, as the panel shrinks inside its slot to keep the data's
 * proportions. Its lines take at most about 60% of the panel's drawn width, and its box
 * is the verdict's: nearly opaque, so a point under it still shows.
 */
function surfaceNote(
  input: ChartInput,
  grid: PanelGrid,
  panel: PanelGrid['panels'][number],
  domain: [[number, number], [number, number]],
  values: ArrayLike<number>,
  boundary: boolean
): Annotation | null {
  const { theme } = input;
  const size = noteFontSize(theme, input.compact);
  const [[x0, x1], [y0, y1]] = domain;
  const drawn = squarePicture(panel, grid, input.width, domain).width;
  const text = noBoundaryNote(values, boundary, (0.6 * drawn) / (size * 0.55));
  if (text === null) {
    return null;
  }
  return {
    text,
    name: 'surface note',
    x: (x0 + x1) / 2,
    y: (y0 + y1) / 2,
    xref: panel.x,
    yref: panel.y,
    xanchor: 'center',
    yanchor: 'middle',
    align: 'center',
    showarrow: false,
    ...noteBox(theme),
    font: { size, color: theme.text }
  };
}

/** A slim colour bar with a title along its side. */
function colorbar(title: string): Record<string, unknown> {
  return { title: { text: title, side: 'right' }, thickness: 12, len: 0.9 };
}

/**
 * A points picture over a panel of the input plane, whose axes keep one unit as long across
 * as up: the panel's plotting area shrunk to the data's proportions.
 */
function squarePicture(
  panel: PanelGrid['panels'][number],
  grid: PanelGrid,
  width: number | undefined,
  [x, y]: [[number, number], [number, number]]
): PointPicture {
  const { width: across, height: up } = panelArea(panel, grid, width);
  const perUnit = Math.min(across / (x[1] - x[0] || 1), up / (y[1] - y[0] || 1));
  return {
    x,
    y,
    width: Math.max(1, (x[1] - x[0]) * perUnit),
    height: Math.max(1, (y[1] - y[0]) * perUnit)
  };
}
