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

/**
 * Pay Plotly's one-time set-up before the first chart: its first draw on a page injects
 * styles, measures fonts and builds its trace modules and mode bar, which takes tens of
 * milliseconds more than any later draw. A tiny figure with the trace types NN Lab's charts
 * use is drawn out of sight and removed again. Called only by the prefetch (a notebook that
 * uses NN Lab), after Plotly has loaded and in idle time; skipped when a chart is already on
 * the page, since the set-up has then been paid, or when `skip` says a chart is on its way
 * (its draw would only wait for this one). Resolves true when it drew.
 */
export async function warmUpPlotly(skip: () => boolean = () => false): Promise<boolean> {
  const plotly = await loadPlotly();
  await idle();
  if (
    warmed ||
    typeof document === 'undefined' ||
    document.querySelector('.js-plotly-plot') ||
    skip()
  ) {
    return false;
  }
  warmed = true;
  const node = document.createElement('div');
  node.setAttribute('aria-hidden', 'true');
  // Laid out (Plotly measures text) but out of sight and out of the way.
  node.style.cssText =
    'position: fixed; left: -10000px; top: 0; width: 80px; height: 60px; visibility: hidden; pointer-events: none';
  document.body.appendChild(node);
  try {
    const z = [
      [0, 1],
      [1, 0]
    ];
    await plotly.react(
      node,
      [
        { type: 'heatmap', z, showscale: false },
        { type: 'image', z: [[[0, 0, 0]]] },
        { type: 'scatter', mode: 'lines+markers', x: [0, 1], y: [0, 1] },
        { type: 'scatter', mode: 'lines', x: [0, 1, 2], y: [0, 1, 0], line: { shape: 'spline' } },
        { type: 'bar', x: [0, 1], y: [1, 0] }
      ],
      { width: 80, height: 60, margin: { l: 0, r: 0, t: 0, b: 0 }, title: { text: ' ' } },
      { ...PLOTLY_CONFIG, responsive: false }
    );
  } finally {
    plotly.purge(node);
    node.remove();
  }
  return true;
}

/** Set once the warm-up has drawn (or tried to). */
let warmed = false;

/** A promise for the next idle moment of the page (at most a second away). */
function idle(): Promise<void> {
  return new Promise(resolve => {
    const request = (
      globalThis as {
        requestIdleCallback?: (callback: () => void, options: { timeout: number }) => number;
      }
    ).requestIdleCallback;
    if (typeof request === 'function') {
      request(() => resolve(), { timeout: 1000 });
    } else {
      setTimeout(resolve, 0);
    }
  });
}

/** Draw (or update in place) `figure` into `node` with the shared config. */
export async function renderFigure(node: HTMLElement, figure: Figure): Promise<void> {
  const plotly = await loadPlotly();
  await plotly.react(node, figure.data, figure.layout, PLOTLY_CONFIG);
}
