/**
 * src/charts: pure functions from training snapshots to Plotly figures, the theme they are
 * drawn in, and the lazy Plotly loader.
 *
 * Every view of the experiment spec has a builder `(input: ChartInput) => Figure`. Builders
 * do not touch the DOM or Plotly: the widget calls
 * `Plotly.react(node, figure.data, figure.layout, PLOTLY_CONFIG)` with what they return.
 */
import { activationsFigure } from './activations';
import { boundaryFigure } from './boundary';
import { collapseFigure } from './collapse';
import { functionsFigure } from './functions';
import { gradientsFigure } from './gradients';
import { hiddenFigure } from './hidden';
import { lossFigure } from './loss';
import { neuronsFigure } from './neurons';
import { networkFigure } from './network';
import { valuesFigure } from './values';
import { weightsFigure } from './weights';
import type { ViewName } from '../core/types';
import type { ChartInput, Figure, FigureBuilder } from './types';
import { safeChartInput } from './plotlyText';

/** The builder of every view. */
export const FIGURE_BUILDERS: Readonly<Record<ViewName, FigureBuilder>> = {
  loss: lossFigure,
  boundary: boundaryFigure,
  hidden: hiddenFigure,
  activations: activationsFigure,
  gradients: gradientsFigure,
  weights: weightsFigure,
  collapse: collapseFigure,
  functions: functionsFigure,
  neurons: neuronsFigure,
  network: networkFigure,
  values: valuesFigure
};

/** Short titles of the views, for headings and menus. */
export const VIEW_TITLES: Readonly<Record<ViewName, string>> = {
  loss: 'Loss and accuracy',
  boundary: 'Decision boundary',
  hidden: 'Hidden layer space',
  activations: 'Activation histograms',
  gradients: 'Gradient norms',
  weights: 'Weights',
  collapse: 'Linear collapse',
  functions: 'Activation functions',
  neurons: 'Hidden units',
  network: 'Network',
  values: 'Layer values'
};

/** The figure of one view for the latest snapshots. */
export function buildFigure(view: ViewName, input: ChartInput): Figure {
  const builder = FIGURE_BUILDERS[view];
  if (!builder) {
    throw new Error(`Unknown view "${String(view)}"`);
  }
  // User text is escaped here, once, before any builder puts it into Plotly text.
  return builder(safeChartInput(input));
}

export {
  activationsFigure,
  boundaryFigure,
  collapseFigure,
  functionsFigure,
  gradientsFigure,
  hiddenFigure,
  lossFigure,
  neuronsFigure,
  valuesFigure,
  weightsFigure
};
export { applyTheme, classColor, isDarkTheme, readTheme, seriesColor } from './theme';
export { loadPlotly, PLOTLY_CONFIG, renderFigure } from './plotly';
export type { PlotlyLike } from './plotly';
export { plotlyText, safeChartInput } from './plotlyText';
export type {
  ActivationLookup,
  ChartInput,
  ChartTheme,
  Colorscale,
  Figure,
  FigureBuilder,
  Layout,
  Trace
} from './types';
