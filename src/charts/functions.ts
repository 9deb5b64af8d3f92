/**
 * The functions view: the activation functions in use, and their derivatives.
 *
 * The derivative is the point: where f flattens, f' goes to 0 and so does the gradient
 * that flows back through the unit (saturation); where f' is exactly 0 (ReLU left of 0,
 * the step function everywhere) nothing flows at all. Each function is drawn solid and its
 * derivative dashed in the same colour, over x in [-5, 5].
 */
import { ACTIVATIONS, getActivation } from '../core/activations';
import { messageFigure } from './message';
import { baseLayout, makeLegendRoom, panelGrid, stripUndefined } from './subplots';
import { applyTheme, seriesColor } from './theme';
import type { ActivationName } from '../core/types';
import type { ActivationLookup, ChartInput, Figure, Trace } from './types';

/** The x range of the plot and the number of samples (odd, so x = 0 is a sample). */
export const FUNCTION_RANGE: [number, number] = [-5, 5];
const SAMPLES = 401;

/**
 * The activations in use, in order of first appearance: from the snapshots' layer
 * statistics (which follow live changes of activation), else from the resolved variants.
 */
export function activationsInUse(input: ChartInput): ActivationName[] {
  const names: ActivationName[] = [];
  const add = (name: ActivationName): void => {
    if (!names.includes(name)) {
      names.push(name);
    }
  };
  input.snapshots.forEach(s => s.activations?.forEach(stats => add(stats.activation)));
  if (names.length === 0) {
    input.variants?.forEach(v => v.network.activations.forEach(add));
  }
  return names;
}

export function functionsFigure(input: ChartInput): Figure {
  const { theme } = input;
  const compact = input.compact ?? false;
  const names = activationsInUse(input);
  if (names.length === 0) {
    return messageFigure('No hidden activation in use.', theme, compact);
  }
  const lookup: ActivationLookup = input.functions ?? defaultLookup(input);
  const [x0, x1] = FUNCTION_RANGE;
  const xs = new Array<number>(SAMPLES);
  for (let i = 0; i < SAMPLES; i++) {
    xs[i] = x0 + ((x1 - x0) * i) / (SAMPLES - 1);
  }
  const traces: Trace[] = [];
  let drawn = 0;
  for (const name of names) {
    const fn = lookup[name];
    if (!fn) {
      continue;
    }
    const color = seriesColor(theme, drawn++);
    const label = ACTIVATIONS[name]?.label ?? name;
    const f = new Array<number | null>(SAMPLES);
    const df = new Array<number | null>(SAMPLES);
    for (let i = 0; i < SAMPLES; i++) {
      const v = fn.f(xs[i]);
      const d = fn.df(xs[i]);
      f[i] = Number.isFinite(v) ? v : null;
      df[i] = Number.isFinite(d) ? d : null;
    }
    traces.push({
      type: 'scatter',
      mode: 'lines',
      name: label,
      legendgroup: name,
      x: xs,
      y: f,
      line: { color, width: compact ? 1.5 : 2.5, dash: 'solid' },
      hovertemplate: `${label}(%{x:.2f}) = %{y:.3g}<extra></extra>`
    });
    traces.push({
      type: 'scatter',
      mode: 'lines',
      name: `${label}'`,
      // One legend entry per function, which shows and hides both curves: the axis title
      // says which is which, and half the entries are half the text Plotly measures.
      legendgroup: name,
      showlegend: false,
      x: xs,
      y: df,
      line: { color, width: compact ? 1 : 1.5, dash: 'dash' },
      hovertemplate: `${label}'(%{x:.2f}) = %{y:.3g}<extra></extra>`
    });
  }
  const grid = panelGrid({ rows: 1, cols: 1, compact, rowHeight: compact ? 160 : 260 });
  const layout = baseLayout(grid, 'functions', compact);
  if (layout.legend) {
    // Each function is a legend group of one entry: no group gaps between the rows.
    layout.legend = { ...(layout.legend as object), tracegroupgap: 0 };
  }
  layout.xaxis = {
    range: FUNCTION_RANGE,
    title: compact ? undefined : { text: 'x' },
    zerolinewidth: 1
  };
  layout.yaxis = {
    title: compact ? undefined : { text: "f(x) solid, f'(x) dashed" },
    zerolinewidth: 1
  };
  makeLegendRoom(layout, traces, input.width, theme.fontSize);
  return { data: traces, layout: applyTheme(stripUndefined(layout), theme) };
}

/** The core's activations, with the leaky-ReLU slope and ELU alpha of the first variant that sets them. */
function defaultLookup(input: ChartInput): ActivationLookup {
  const variants = input.variants ?? [];
  const leakySlope = variants.find(v => v.network.leakySlope !== undefined)?.network.leakySlope;
  const eluAlpha = variants.find(v => v.network.eluAlpha !== undefined)?.network.eluAlpha;
  return {
    ...ACTIVATIONS,
    leaky_relu: getActivation('leaky_relu', { leakySlope }),
    elu: getActivation('elu', { eluAlpha })
  };
}
