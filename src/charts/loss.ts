/**
 * The loss view: how the loss falls (or does not) while the network trains.
 *
 * All compared variants share one plot, because the question is "which one learns, and how
 * fast": train loss solid, test loss dashed, one colour per variant (with many variants the
 * legend names each once, beside a key to the line styles). The y axis turns
 * logarithmic when the loss spans more than two decades, so that the slow tail of training
 * stays visible. For classification, accuracy rides on a second y axis on the right, as
 * the mean over a moving window inside a band from the window's lowest to its highest value
 * (src/charts/smooth.ts): a network stuck near 50% reads as stuck, not as noise; hovering
 * the line gives the epoch's own accuracy.
 */
import { finiteOrNull, positiveExtent } from './arrays';
import { formatColor, parseColor } from './colors';
import { decimationIndices, pick } from './decimate';
import { wrapWords } from './format';
import { messageFigure } from './message';
import {
  baseLayout,
  labelledAxisMargin,
  logAxisMargin,
  logAxisTicks,
  makeLegendRoom,
  onePointMarker,
  panelGrid,
  rowCuts,
  stripUndefined,
  untrainedEpochRange,
  widenLeftMargin
} from './subplots';
import { windowSize, windowStats } from './smooth';
import { applyTheme, seriesColor } from './theme';
import type { Snapshot } from '../core/types';
import type { Annotation, ChartInput, Figure, Trace } from './types';

/** Above this max / min ratio of the plotted losses the axis becomes logarithmic. */
export const LOG_RATIO = 100;

/**
 * From this many compared variants on, the legend names each variant once (its train
 * curve) and a key in grey gives the line styles, instead of an entry per curve: nine
 * variants made 27 to 36 entries, which Plotly lays out on every redraw and a student
 * cannot scan.
 */
export const LEGEND_PER_VARIANT = 3;

/**
 * Most variants whose accuracy is drawn with its band (the window's min to max) on the loss
 * panel. More bands on one panel overlap into one tinted area that hides the curves, and each
 * band is two of Plotly's traces: at nine variants a third of the chart's drawing time. With
 * more variants the accuracy curves, without bands, have a panel of their own under the loss
 * (a dozen curves less on each), and the chart is drawn in two pieces (split.ts).
 */
export const BAND_VARIANTS = 4;

export function lossFigure(input: ChartInput): Figure {
  const { snapshots, data, theme } = input;
  const compact = input.compact ?? false;
  if (snapshots.length === 0) {
    return messageFigure('Waiting for the first epoch...', theme, compact);
  }
  const several = snapshots.length > 1;
  const byVariant = snapshots.length >= LEGEND_PER_VARIANT;
  const hasTest = data.test.length > 0;
  const classification = data.task === 'classification';
  const traces: Trace[] = [];
  const plotted: ArrayLike<number>[] = [];
  const annotations: Annotation[] = [];
  const errorLines: string[] = [];

  snapshots.forEach((snap, v) => {
    const label = snap.label || `variant ${v + 1}`;
    const prefix = several ? `${label} ` : '';
    // A variant's curves show and hide together, and only they: two variants may share a
    // label.
    const group = `variant ${v}`;
    const color = seriesColor(theme, v);
    const h = snap.history;
    const width = compact ? 1.5 : 2;
    // Each curve is thinned to a few hundred buckets (min and max kept) before drawing:
    // the plot is narrower than a long run has epochs. The arrays are fresh per figure,
    // because Plotly.react redraws a trace only when its arrays change identity.
    const curve = (values: ArrayLike<number>, symbol: string) => {
      const kept = decimationIndices(values);
      const y = finiteOrNull(pick(values, kept));
      // Train filled and test open, as the data's points (onePointMarker).
      return { x: pick(h.epoch, kept), y, ...onePointMarker(y, compact, { symbol }) };
    };
    traces.push({
      type: 'scatter',
      mode: 'lines',
      name: byVariant ? label : `${prefix}train`,
      legendgroup: group,
      ...curve(h.trainLoss, 'circle'),
      line: { color, width, dash: 'solid' },
      hovertemplate: `${prefix}train loss %{y:.4g}<br>epoch %{x}<extra></extra>`
    });
    plotted.push(h.trainLoss);
    if (hasTest) {
      traces.push({
        type: 'scatter',
        mode: 'lines',
        name: `${prefix}test`,
        legendgroup: group,
        ...(byVariant ? { showlegend: false } : {}),
        ...curve(h.testLoss, 'circle-open'),
        line: { color, width, dash: 'dash' },
        hovertemplate: `${prefix}test loss %{y:.4g}<br>epoch %{x}<extra></extra>`
      });
      plotted.push(h.testLoss);
    }
    if (classification) {
      const band = snapshots.length <= BAND_VARIANTS;
      const accuracy = accuracyTraces(snap, hasTest, prefix, group, color, compact, band);
      traces.push(...(byVariant ? accuracy.map(t => ({ ...t, showlegend: false })) : accuracy));
    }
    if (snap.error) {
      // The first sentence only ("Training stopped at epoch 3: the loss became NaN"): the
      // alert above the charts gives the whole explanation, once.
      const first = snap.error.message.split(/\.\s/)[0].replace(/\.$/, '');
      const lines = wrapWords(
        `${several ? label + ': ' : ''}${first}`,
        Math.max(24, Math.floor(((input.width ?? 640) - 140) / (theme.fontSize * 0.6)))
      );
      errorLines.push(...lines);
    }
  });

  if (byVariant) {
    traces.push(...styleKey(theme.text, hasTest, classification, compact));
  }
  const range = positiveExtent(...plotted);
  const logY = range !== null && range[1] / range[0] > LOG_RATIO;
  // Many variants: the accuracy in a panel of its own, under the loss.
  const ownPanel = classification && snapshots.length > BAND_VARIANTS;
  const grid = panelGrid({
    rows: ownPanel ? 2 : 1,
    cols: 1,
    compact,
    rowHeight: compact ? 160 : 260,
    rightSpace: classification && !ownPanel ? (compact ? 30 : 40) : 0,
    // Between the panels, the loss panel's epoch labels and some air.
    ...(ownPanel ? { rowGap: compact ? 30 : 46 } : {})
  });
  const layout = baseLayout(grid, 'loss', compact);
  const epochTitle = compact ? undefined : { text: 'epoch' };
  // Before training, the run's planned length (untrainedEpochRange); then Plotly's autorange.
  const epochRange = untrainedEpochRange(snapshots);
  layout.xaxis = {
    title: ownPanel ? undefined : epochTitle,
    zeroline: false,
    range: epochRange,
    ...(ownPanel ? { anchor: 'y', domain: [0, 1] } : {})
  };
  // One label per decade (no 2s and 5s between) or, over a very wide span, one every few
  // decades; and room for them beside the title.
  const dtick = logAxisTicks(range, compact ? 5 : undefined);
  layout.yaxis = {
    // History losses are per point (l2 divided by the points), so train and test compare.
    title: compact ? undefined : { text: 'loss per point' },
    type: logY ? 'log' : 'linear',
    exponentformat: 'power',
    ...(logY ? { dtick } : {}),
    rangemode: logY ? undefined : 'tozero'
  };
  if (logY) {
    widenLeftMargin(layout, logAxisMargin(range, dtick, theme.fontSize, !compact));
  }
  if (ownPanel) {
    const [loss, accuracy] = grid.panels;
    (layout.yaxis as Record<string, unknown>).domain = loss.yDomain;
    layout.xaxis2 = {
      title: epochTitle,
      zeroline: false,
      range: epochRange,
      anchor: 'y2',
      domain: [0, 1]
    };
    layout.yaxis2 = {
      title: compact ? undefined : { text: 'accuracy' },
      domain: accuracy.yDomain,
      anchor: 'x2',
      range: [0, 1.02],
      tickformat: '.0%',
      zeroline: false
    };
    for (const trace of traces) {
      if (trace.yaxis === 'y2') {
        trace.xaxis = 'x2';
      }
    }
    // Room for "100%" (four characters and a little more) and the title left of the panel.
    const percent = 4 + theme.fontSize * 0.6 * 4;
    widenLeftMargin(layout, labelledAxisMargin(percent, theme.fontSize, !compact));
  } else if (classification) {
    layout.yaxis2 = {
      title: compact ? undefined : { text: 'accuracy' },
      overlaying: 'y',
      side: 'right',
      range: [0, 1.02],
      tickformat: '.0%',
      showgrid: false,
      zeroline: false
    };
  }
  if (errorLines.length > 0) {
    annotations.push({
      text: errorLines.join('<br>'),
      x: 0,
      y: 1,
      xref: 'paper',
      yref: 'paper',
      xanchor: 'left',
      yanchor: 'top',
      xshift: 4,
      yshift: -4,
      align: 'left',
      showarrow: false,
      bgcolor: theme.background,
      font: { color: theme.error }
    });
  }
  layout.annotations = annotations;
  if (layout.legend) {
    // Plotly lists filled traces (the accuracy bands) in reverse unless told otherwise.
    layout.legend = { ...(layout.legend as object), traceorder: 'grouped' };
  }
  makeLegendRoom(layout, traces, input.width, theme.fontSize);
  return {
    data: traces,
    layout: applyTheme(stripUndefined(layout), theme),
    ...(ownPanel ? { cuts: rowCuts(grid) } : {})
  };
}

/**
 * Legend entries without data, one per line style (train solid, test dashed, accuracy
 * dotted) in the text colour (no variant's): the key to the curves when the legend names
 * variants.
 */
function styleKey(
  color: string,
  hasTest: boolean,
  classification: boolean,
  compact: boolean
): Trace[] {
  const width = compact ? 1.5 : 2;
  // One point without a value: Plotly lists a trace only when it has points, and draws
  // nothing for a missing one. A group each, so the key reads along the legend's row.
  const entry = (name: string, dash: string): Trace => ({
    type: 'scatter',
    mode: 'lines',
    name,
    legendgroup: `line style: ${name}`,
    x: [null],
    y: [null],
    hoverinfo: 'skip',
    line: { color, width, dash }
  });
  const which = hasTest ? 'test' : 'train';
  return [
    entry('train loss', 'solid'),
    ...(hasTest ? [entry('test loss', 'dash')] : []),
    ...(classification ? [entry(`${which} accuracy`, 'dot')] : [])
  ];
}

/**
 * One variant's accuracy: on the test set when there is one (that is the number that
 * matters), otherwise on the training set. With `withBand`, a band (the window's min to max,
 * drawn as a filled area between two invisible lines); and the window's mean as a dotted
 * line, whose hover shows the epoch's raw accuracy as well.
 */
function accuracyTraces(
  snap: Snapshot,
  hasTest: boolean,
  prefix: string,
  group: string,
  color: string,
  compact: boolean,
  withBand: boolean
): Trace[] {
  const h = snap.history;
  const accuracy = hasTest ? h.testAccuracy : h.trainAccuracy;
  const which = hasTest ? 'test' : 'train';
  const window = windowSize(accuracy.length);
  // The points kept for drawing (extremes per bucket, see decimate.ts); statistics only there.
  const kept = decimationIndices(accuracy);
  const stats = windowStats(accuracy, window, kept);
  const x = pick(h.epoch, kept);
  const raw = kept.map(i => (Number.isFinite(accuracy[i]) ? accuracy[i] : null));
  const rgba = parseColor(color);
  const fill = rgba ? formatColor({ ...rgba, a: 0.18 }) : color;
  const edge = { color: 'rgba(0, 0, 0, 0)', width: 0 };
  const smoothed = window > 1;
  const mean: Trace = {
    type: 'scatter',
    mode: 'lines',
    name: `${prefix}${which} accuracy`,
    legendgroup: group,
    x,
    y: stats.mean,
    customdata: raw,
    yaxis: 'y2',
    line: { color, width: compact ? 1.5 : 2, dash: 'dot' },
    // A diamond, beside the loss's circle at the same epoch.
    ...onePointMarker(stats.mean, compact, { symbol: hasTest ? 'diamond-open' : 'diamond' }),
    hovertemplate: smoothed
      ? `${prefix}${which} accuracy %{customdata:.1%}<br>mean of ${window} epochs %{y:.1%}` +
        `<br>epoch %{x}<extra></extra>`
      : `${prefix}${which} accuracy %{y:.1%}<br>epoch %{x}<extra></extra>`
  };
  if (!smoothed || !withBand) {
    return [mean];
  }
  const band = (y: (number | null)[], top: boolean): Trace => ({
    type: 'scatter',
    mode: 'lines',
    name: `${prefix}${which} accuracy ${top ? 'max' : 'min'}`,
    legendgroup: group,
    showlegend: false,
    hoverinfo: 'skip',
    x,
    y,
    yaxis: 'y2',
    line: edge,
    ...(top ? { fill: 'tonexty', fillcolor: fill } : {})
  });
  return [band(stats.min, false), band(stats.max, true), mean];
}
