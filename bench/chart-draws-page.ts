/**
 * Browser side of bench/chart-draws.mjs: builds the snapshots of a spec with the core (as
 * the worker would), then draws every view's figure with Plotly into a box of a given width
 * and times each step. Bundled by esbuild into one script; see chart-draws.mjs.
 */
import { resolveVariants, validateSpec } from '../src/core/spec';
import type { Snapshot, ViewName } from '../src/core/types';
import type { Trainer } from '../src/core/trainer';
import { buildFigure } from '../src/charts';
import { drawFigure, figureImages, purgeFigure } from '../src/charts/pieces';
import type { PlotlyLike } from '../src/charts/plotly';
import { readTheme } from '../src/charts/theme';
import { snapshotOptionsFor } from '../src/engine/snapshotOptions';
import { createTrainers } from '../src/engine/trainers';
import { neuronUnitsFor } from '../src/widgets/neuronUnits';
import { runInSlices } from '../src/widgets/nextTask';

interface PlotlyApi {
  newPlot(node: HTMLElement, data: unknown, layout: unknown, config?: unknown): Promise<unknown>;
  react(node: HTMLElement, data: unknown, layout: unknown, config?: unknown): Promise<unknown>;
  toImage(figure: unknown, options: unknown): Promise<string>;
  purge(node: HTMLElement): void;
}

export interface DrawTimes {
  view: string;
  width: number;
  traces: number;
  /**
   * Building the figure from the snapshots, the first time (ms): the build's own task, as the
   * board runs it, without what it leaves for later.
   */
  build: number;
  /** The longest task of what the first build left for later (points pictures; ms). */
  later: number;
  /** The first draw into an empty node (ms). */
  first: number;
  /** A live redraw with the next snapshots (ms, the median of `repeats`). */
  update: number;
  /** Plotly plots the figure is drawn as (a tall figure is cut into pieces). */
  pieces: number;
  /** The longest single plot's draw in the live redraws (ms): one task's worth. */
  piece: number;
  /** Plotly.toImage of the resting figure (ms). */
  image: number;
  /** The longest main-thread task during the live redraws (ms; 0: none over 50 ms). */
  longestTask: number;
  /** The longest main-thread task while the PNG was made (ms; 0: none over 50 ms). */
  imageTask: number;
}

/** Long tasks (over 50 ms) seen since the page loaded: [start, duration]. */
const longTasks: [number, number][] = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) {
    longTasks.push([e.startTime, e.duration]);
  }
}).observe({ type: 'longtask', buffered: false });

/** The longest long task that started after `since` (0 when none). */
function longestSince(since: number): number {
  return longTasks.filter(([start]) => start >= since).reduce((m, [, d]) => Math.max(m, d), 0);
}

function snapshotsOf(trainers: Trainer[], views: ViewName[], units: number[][] | undefined) {
  const options = snapshotOptionsFor(views, 100);
  return trainers.map((t, i) => t.snapshot({ ...options, neuronUnits: units?.[i] }));
}

/** Trains each network `steps` mini-batches, then takes snapshots. */
function advance(trainers: Trainer[], steps: number) {
  for (const t of trainers) {
    for (let s = 0; s < steps; s++) {
      t.trainStep();
    }
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** The validated spec, its variants, its data set and every variant's trainer, built now. */
function trainersOf(spec: unknown) {
  const result = validateSpec(spec);
  if (!result.ok) {
    throw new Error(JSON.stringify(result.errors));
  }
  const variants = resolveVariants(result.spec);
  const set = createTrainers(variants);
  for (const build of set.pending ?? []) {
    set.trainers.push(build());
  }
  return { result, variants, data: set.data, trainers: set.trainers as Trainer[] };
}

async function run(spec: unknown, views: ViewName[], width: number, repeats: number) {
  const plotly = (window as unknown as { Plotly: PlotlyApi }).Plotly;
  const { result, variants, data, trainers } = trainersOf(spec);
  const units = neuronUnitsFor(result.spec.views as ViewName[], variants);
  const snaps: Snapshot[][] = [];
  for (let r = 0; r <= repeats; r++) {
    advance(trainers, 20);
    snaps.push(snapshotsOf(trainers, views, units));
  }
  const theme = readTheme(document.body);
  const out: DrawTimes[] = [];
  const profile = (window as unknown as { nnlabProfile?: boolean }).nnlabProfile;
  if (profile) {
    console.profile('draws');
  }
  for (const view of views) {
    const node = document.createElement('div');
    node.style.width = `${width}px`;
    document.body.appendChild(node);
    const input = (s: Snapshot[], live: boolean) => ({
      snapshots: s,
      data,
      theme,
      variants,
      width,
      live
    });
    const between = () => new Promise<void>(resolve => setTimeout(resolve, 0));
    // As the board does: what a build leaves for later runs in tasks of its own.
    const buildNow = (s: Snapshot[], live: boolean) => {
      const pieces: (() => void)[] = [];
      const figure = buildFigure(view, { ...input(s, live), later: p => pieces.push(p) });
      return { figure, pieces };
    };
    let t = performance.now();
    const { figure: fig0, pieces: left } = buildNow(snaps[0], true);
    const build = performance.now() - t;
    let later = 0;
    await between();
    await runInSlices(left, { onTask: (from, to) => (later = Math.max(later, to - from)) });
    node.style.height = `${fig0.layout.height ?? 300}px`;
    // Each Plotly plot's draw timed on its own: a figure in pieces draws each in a task.
    const plots: number[] = [];
    const timed = {
      ...plotly,
      react: async (...args: Parameters<PlotlyApi['react']>) => {
        const started = performance.now();
        await plotly.react(...args);
        plots.push(performance.now() - started);
      }
    } as unknown as PlotlyLike;
    const first = await drawFigure(timed, node, fig0, { between });
    plots.length = 0;
    const updates: number[] = [];
    await new Promise(resolve => setTimeout(resolve, 50));
    const updatesFrom = performance.now();
    for (let r = 1; r <= repeats; r++) {
      await new Promise(resolve => setTimeout(resolve, 0));
      t = performance.now();
      const { figure: fig, pieces: rest } = buildNow(snaps[r], true);
      const built = performance.now() - t;
      // As the board does: building and drawing are tasks of their own.
      await between();
      const finished = await runInSlices(rest);
      updates.push(built + finished + (await drawFigure(timed, node, fig, { between })));
    }
    const pieces = node.querySelectorAll('.jp-NNLab-chartPiece').length || 1;
    const piece = Math.max(...plots);
    await new Promise(resolve => setTimeout(resolve, 100));
    const longestTask = longestSince(updatesFrom);
    // The picture's work in tasks that start from here, as the notebook picture runs it.
    const imageFrom = performance.now();
    await new Promise(resolve => setTimeout(resolve, 0));
    const resting = buildNow(snaps[repeats], false);
    await between();
    t = performance.now();
    await runInSlices(resting.pieces, { between });
    await figureImages(plotly as unknown as PlotlyLike, resting.figure, width, { between });
    const image = performance.now() - t;
    // Long tasks are reported once they end: give the last one time to arrive.
    await new Promise(resolve => setTimeout(resolve, 100));
    const imageTask = longestSince(imageFrom);
    out.push({
      view,
      width,
      traces: fig0.data.length,
      build,
      later,
      first,
      update: median(updates),
      pieces,
      piece,
      image,
      longestTask,
      imageTask
    });
    purgeFigure(plotly as unknown as PlotlyLike, node);
    node.remove();
  }
  if (profile) {
    console.profileEnd('draws');
  }
  return out;
}

(window as unknown as { runChartDraws: typeof run }).runChartDraws = run;

/**
 * Draws one view of a spec's snapshots (after `epochs` epochs) into a fresh box `width` px
 * wide, at rest or live, for screenshots; returns the chart node's selector.
 */
async function show(
  spec: unknown,
  view: ViewName,
  width: number,
  options: { dark?: boolean; steps?: number; live?: boolean; compact?: boolean } = {}
) {
  const plotly = (window as unknown as { Plotly: PlotlyApi }).Plotly;
  document.body.innerHTML = '';
  document.body.setAttribute('data-jp-theme-light', options.dark ? 'false' : 'true');
  document.body.style.background = options.dark ? '#111111' : '#ffffff';
  const { result, variants, data, trainers } = trainersOf(spec);
  advance(trainers, options.steps ?? 0);
  const units = neuronUnitsFor(result.spec.views as ViewName[], variants);
  const snaps = snapshotsOf(trainers, result.spec.views as ViewName[], units);
  const node = document.createElement('div');
  node.id = 'chart';
  node.style.width = `${width}px`;
  document.body.appendChild(node);
  const fig = buildFigure(view, {
    snapshots: snaps,
    data,
    theme: readTheme(document.body),
    variants,
    width,
    live: options.live ?? false,
    compact: options.compact
  });
  node.style.height = `${fig.layout.height ?? 300}px`;
  await drawFigure(plotly as unknown as PlotlyLike, node, fig);
  return '#chart';
}

(window as unknown as { showChart: typeof show }).showChart = show;
