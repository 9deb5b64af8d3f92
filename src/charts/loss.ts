/**
 * The loss view: how the loss falls (or does not) while the network trains.
 *
 * All compared variants share one plot, because the question is "which one learns, and how
 * fast": train loss solid, test loss dashed, one colour per variant. The y axis turns
 * logarithmic when the loss spans more than two decades, so that the slow tail of training
 * stays visible. For classification, accuracy rides on a second y axis on the right.
 */
import { finiteOrNull, positiveExtent } from './arrays';
import { decimationIndices, pick } from './decimate';
import { messageFigure } from './message';
import { baseLayout, makeLegendRoom, panelGrid, stripUndefined } from './subplots';
import { applyTheme, seriesColor } from './theme';
import type { Annotation, ChartInput, Figure, Trace } from './types';

/** Above this max / min ratio of the plotted losses the axis becomes logarithmic. */
export const LOG_RATIO = 100;

export function lossFigure(input: ChartInput): Figure {
  const { snapshots, data, theme } = input;
  const compact = input.compact ?? false;
  if (snapshots.length === 0) {
    return messageFigure('Waiting for the first epoch...', theme, compact);
  }
  const several = snapshots.length > 1;
  const hasTest = data.test.length > 0;
  const classification = data.task === 'classification';
  const traces: Trace[] = [];
  const plotted: ArrayLike<number>[] = [];
  const annotations: Annotation[] = [];

  snapshots.forEach((snap, v) => {
    const label = snap.label || `variant ${v + 1}`;
    const prefix = several ? `${label} ` : '';
    const color = seriesColor(theme, v);
    const h = snap.history;
    const width = compact ? 1.5 : 2;
    // Each curve is thinned to a few hundred buckets (min and max kept) before drawing:
    // the plot is narrower than a long run has epochs. The arrays are fresh per figure,
    // because Plotly.react redraws a trace only when its arrays change identity.
    const curve = (values: ArrayLike<number>) => {
      const kept = decimationIndices(values);
      return { x: pick(h.epoch, kept), y: finiteOrNull(pick(values, kept)) };
    };
    traces.push({
      type: 'scatter',
      mode: 'lines',
      name: `${prefix}train`,
      legendgroup: label,
      ...curve(h.trainLoss),
      line: { color, width, dash: 'solid' },
      hovertemplate: `${prefix}train loss %{y:.4g}<br>epoch %{x}<extra></extra>`
    });
    plotted.push(h.trainLoss);
    if (hasTest) {
      traces.push({
        type: 'scatter',
        mode: 'lines',
        name: `${prefix}test`,
        legendgroup: label,
        ...curve(h.testLoss),
        line: { color, width, dash: 'dash' },
        hovertemplate: `${prefix}test loss %{y:.4g}<br>epoch %{x}<extra></extra>`
      });
      plotted.push(h.testLoss);
    }
    if (classification) {
      // One accuracy curve per variant: on the test set when there is one (that is the
      // number that matters), otherwise on the training set.
      const accuracy = hasTest ? h.testAccuracy : h.trainAccuracy;
      const which = hasTest ? 'test' : 'train';
      traces.push({
        type: 'scatter',
        mode: 'lines',
        name: `${prefix}${which} accuracy`,
        legendgroup: label,
        ...curve(accuracy),
        yaxis: 'y2',
        opacity: 0.7,
        line: { color, width: 1, dash: 'dot' },
        hovertemplate: `${prefix}${which} accuracy %{y:.1%}<br>epoch %{x}<extra></extra>`
      });
    }
    if (snap.error) {
      annotations.push({
        text: `${several ? label + ': ' : ''}stopped at epoch ${snap.error.epoch}: ${snap.error.message}`,
        x: 0,
        y: 1 - 0.08 * annotations.length,
        xref: 'paper',
        yref: 'paper',
        xanchor: 'left',
        yanchor: 'top',
        showarrow: false,
        font: { color: theme.error }
      });
    }
  });

  const range = positiveExtent(...plotted);
  const logY = range !== null && range[1] / range[0] > LOG_RATIO;
  const grid = panelGrid({
    rows: 1,
    cols: 1,
    compact,
    rowHeight: compact ? 160 : 260,
    rightSpace: classification ? (compact ? 30 : 40) : 0
  });
  const layout = baseLayout(grid, 'loss', compact);
  layout.xaxis = {
    title: compact ? undefined : { text: 'epoch' },
    zeroline: false
  };
  layout.yaxis = {
    // History losses are per point (l2 divided by the points), so train and test compare.
    title: compact ? undefined : { text: 'loss per point' },
    type: logY ? 'log' : 'linear',
    exponentformat: 'power',
    rangemode: logY ? undefined : 'tozero'
  };
  if (classification) {
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
  layout.annotations = annotations;
  makeLegendRoom(layout, traces, input.width, theme.fontSize);
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme) };
}
