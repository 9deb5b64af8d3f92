/**
 * The gradients view: how strongly each layer is being pushed, epoch by epoch.
 *
 * The norm of each layer's gradient is drawn on a logarithmic axis because the interesting
 * effect spans orders of magnitude: in a deep sigmoid network the first layers' gradients
 * sit decades below the last layer's (vanishing gradients), while ReLU keeps them close.
 * Compared variants sit side by side on the same y range so that the decades can be compared.
 */
import { extent, positiveExtent, positiveOrNull } from './arrays';
import { decimationIndices, pick } from './decimate';
import { variantLabel } from './format';
import { messageFigure } from './message';
import {
  autorangeOf,
  baseLayout,
  logAxisMargin,
  logAxisTicks,
  makeLegendRoom,
  panelAxes,
  variantPanels,
  panelTitle,
  shareAxis,
  onePointMarker,
  untrainedEpochRange,
  stripUndefined,
  widenLeftMargin,
  rowCuts
} from './subplots';
import { applyTheme, seriesColor } from './theme';
import type { ChartInput, Figure, Trace } from './types';

export function gradientsFigure(input: ChartInput): Figure {
  const { snapshots, theme } = input;
  const compact = input.compact ?? false;
  if (snapshots.length === 0) {
    return messageFigure('Waiting for the first epoch...', theme, compact);
  }
  const several = snapshots.length > 1;
  const grid = variantPanels(input, compact ? 160 : 260);
  const layout = baseLayout(grid, 'gradients', compact);
  const traces: Trace[] = [];
  const plotted: ArrayLike<number>[] = [];
  const annotations = layout.annotations ?? [];
  for (const panel of grid.panels) {
    const snap = snapshots[panel.index];
    const norms = snap.history.gradNorms;
    const layers = norms.reduce((m, row) => Math.max(m, row ? row.length : 0), 0);
    for (let l = 0; l < layers; l++) {
      // Column l of the history: the norm of layer l's gradient after each recorded epoch.
      const y = new Array<number>(norms.length);
      for (let i = 0; i < norms.length; i++) {
        const row = norms[i];
        y[i] = row && l < row.length ? row[l] : NaN;
      }
      const kept = decimationIndices(y);
      const shown = pick(y, kept);
      plotted.push(shown);
      const name = `layer ${l + 1}${l === layers - 1 ? ' (output)' : ''}`;
      // A log axis cannot show 0, so an exactly vanished gradient becomes a gap.
      const drawn = positiveOrNull(shown);
      traces.push({
        type: 'scatter',
        mode: 'lines',
        name,
        legendgroup: name,
        showlegend: panel.index === 0,
        // Thinned like the loss curves (min and max per bucket).
        x: pick(snap.history.epoch, kept),
        y: drawn,
        xaxis: panel.x,
        yaxis: panel.y,
        line: { color: seriesColor(theme, l), width: compact ? 1.5 : 2 },
        // Before training only the untrained network's norms (epoch 0) are recorded: one
        // point per layer, drawn as a marker, not as nothing.
        ...onePointMarker(drawn, compact, { color: seriesColor(theme, l) }),
        hovertemplate: `${name}: |grad| %{y:.3g}<br>epoch %{x}<extra></extra>`
      });
    }
    if (several) {
      annotations.push(panelTitle(panel, variantLabel(snap, panel.index), compact));
    }
  }
  layout.annotations = annotations;
  // Over the values drawn (the log axis leaves out those that are not positive).
  const range = positiveExtent(...plotted);
  // The panels share their ranges, given here as Plotly's autorange would make them: a tall
  // figure is drawn in pieces (split.ts), and each piece's autorange sees its own panels only.
  // Before training, the run's planned length (untrainedEpochRange).
  const epochs = extent(...grid.panels.map(p => snapshots[p.index].history.epoch));
  const xRange =
    untrainedEpochRange(grid.panels.map(p => snapshots[p.index])) ??
    (epochs ? autorangeOf(epochs, false) : undefined);
  const yRange = range
    ? autorangeOf([Math.log10(range[0]), Math.log10(range[1])], true)
    : undefined;
  const ticks = logAxisTicks(range, compact ? 5 : undefined, true);
  // Room for the labels and the first panel's title (instead of Plotly's automargin).
  widenLeftMargin(layout, logAxisMargin(range, ticks, theme.fontSize, !compact));
  Object.assign(
    layout,
    panelAxes(
      grid,
      p => ({
        title: compact ? undefined : { text: 'epoch' },
        zeroline: false,
        range: xRange,
        ...shareAxis(p, 'x')
      }),
      p => ({
        type: 'log',
        ...(p.col === 0 ? { exponentformat: 'power' } : {}),
        // Labels at 1, 2 and 5 times a power of ten over a short range (the minor 3, 4, 6, 7,
        // 8 and 9 would sit on top of each other), one per decade or fewer over a long one.
        dtick: ticks,
        range: yRange,
        // The panels share one range: labels on the first column only (fewer to measure and
        // none squeezed between panels).
        showticklabels: p.col === 0,
        title: compact || p.index > 0 ? undefined : { text: 'gradient norm' },
        ...shareAxis(p, 'y')
      })
    )
  );
  makeLegendRoom(layout, traces, input.width, theme.fontSize);
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme), cuts: rowCuts(grid) };
}
