/**
 * Loading Plotly lazily.
 *
 * Plotly's cartesian bundle is about a megabyte of JavaScript. JupyterLab loads every
 * extension at start-up, so importing Plotly at the top of a module would make every user
 * pay for it even when no NN Lab experiment is ever shown. Instead the bundle lives in its
 * own webpack chunk and is fetched the first time a chart is drawn; later calls reuse the
 * same promise.
 */
import type { PlotlyStatic } from 'plotly.js-cartesian-dist-min';
import type { Figure } from './types';

/** The Plotly functions NN Lab calls: react, newPlot, purge, toImage, Plots.resize. */
export type PlotlyLike = PlotlyStatic;

/**
 * Plotly's config for every NN Lab chart: resize with the container, no Plotly logo, and a
 * mode bar trimmed to what a student needs (zoom, pan, reset, save as PNG).
 */
export const PLOTLY_CONFIG = {
  responsive: true,
  displaylogo: false,
  modeBarButtonsToRemove: [
    'select2d',
    'lasso2d',
    'autoScale2d',
    'toggleSpikelines',
    'hoverClosestCartesian',
    'hoverCompareCartesian'
  ],
  toImageButtonOptions: { format: 'png', filename: 'nnlab', scale: 2 }
};

/** The one pending or finished load; null until the first call (or after a failed load). */
let loading: Promise<PlotlyLike> | null = null;

/**
 * Plotly, loaded on first use. Concurrent and later calls share one import. If the chunk
 * fails to load (e.g. the network dropped), the next call tries again.
 */
export function loadPlotly(): Promise<PlotlyLike> {
  if (!loading) {
    const attempt = import(
      /* webpackChunkName: "nnlab-plotly" */ 'plotly.js-cartesian-dist-min'
    ).then(module => {
      // The bundle is a UMD script: depending on the bundler the API is the module itself
      // or its default export.
      const withDefault = module as unknown as { default?: PlotlyLike };
      return withDefault.default ?? (module as unknown as PlotlyLike);
    });
    attempt.catch(() => {
      if (loading === attempt) {
        loading = null;
      }
    });
    loading = attempt;
  }
  return loading;
}

/** Draw (or update in place) `figure` into `node` with the shared config. */
export async function renderFigure(node: HTMLElement, figure: Figure): Promise<void> {
  const plotly = await loadPlotly();
  await plotly.react(node, figure.data, figure.layout, PLOTLY_CONFIG);
}
