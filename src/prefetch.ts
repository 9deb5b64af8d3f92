/**
 * Getting an experiment's code ready before the cell that shows it has run.
 *
 * A cell that mentions NN Lab (`jupyterlab_nnlab`, the `%%nnlab` magic) is about to display
 * an experiment, or a later cell will. The renderer's heavy parts (the experiment view's
 * code with the precompiled spec validator, Plotly with its one-time set-up and a spare
 * training worker; see mime.ts, `prefetchView`) start loading
 *   - when a notebook that uses NN Lab is opened, or its content comes to use it: such a cell
 *     in it, or an experiment's output saved in it. The loading starts in idle time, once per
 *     page, so that it happens while the kernel starts and the student reads;
 *   - when such a cell is scheduled to run, at once, in the time the kernel takes anyway.
 * A notebook that never shows an experiment costs the download that its first experiment
 * would have cost; nothing is loaded for notebooks that do not use NN Lab.
 */
import { NotebookActions } from '@jupyterlab/notebook';
import type { ISignal } from '@lumino/signaling';

/** Source text that announces an experiment: the package, or the cell magic. */
const ANNOUNCES = /jupyterlab_nnlab|%%nnlab/;

/**
 * The MIME type of an experiment output, as in mime.ts (`MIME_TYPE`; a test holds them
 * equal). Written out here because importing mime.ts would put the renderer's module into
 * the plugin's start-up chunk a second time.
 */
export const EXPERIMENT_MIME_TYPE = 'application/vnd.nnlab.experiment.v1+json';

/** True when a code cell's source announces an NN Lab experiment. */
export function announcesExperiment(source: string): boolean {
  return ANNOUNCES.test(source);
}

/** The part of a scheduled cell read here. */
interface ScheduledCell {
  model: { type: string; sharedModel: { getSource(): string } };
}

/** Start loading the experiment view when a cell that announces one is scheduled to run. */
export function prefetchOnExecution(): void {
  NotebookActions.executionScheduled.connect((_, { cell }) => onScheduled(cell));
}

/**
 * The renderer's module, once imported: later prefetches start at once, rather than after
 * the rest of the key's work (adding the next cell, drawing it). Not imported before it is
 * needed, since that fetches a chunk of its own, which a page without NN Lab must not load.
 */
let renderer: typeof import('./mime') | null = null;

/**
 * The renderer's prefetch. Imported, not bundled here: the renderer's module is loaded at
 * start-up as JupyterLab's MIME extension, and a static import would put a second copy of
 * it into the plugin's start-up chunk.
 */
function prefetchFromRenderer(): void {
  if (renderer) {
    renderer.prefetchView();
    return;
  }
  void import('./mime')
    .then(mime => {
      renderer ??= mime;
      mime.prefetchView();
    })
    .catch(() => undefined);
}

/** What happens when `cell` is scheduled (separate for tests). */
export function onScheduled(
  cell: ScheduledCell,
  prefetch: () => void = prefetchFromRenderer
): void {
  if (cell.model.type === 'code' && announcesExperiment(cell.model.sharedModel.getSource())) {
    prefetch();
  }
}

/** The part of a notebook cell's model read here (a code cell has outputs). */
export interface NotebookCell {
  type: string;
  sharedModel: { getSource(): string };
  outputs?: { length: number; get(index: number): { data: object } };
}

/** The part of a notebook's model read here. */
export interface NotebookContent {
  cells: Iterable<NotebookCell>;
  contentChanged: ISignal<unknown, void>;
}

/** The part of a notebook panel read here. */
export interface OpenedNotebook {
  isDisposed: boolean;
  disposed: ISignal<unknown, void>;
  context: { ready: Promise<void>; model: NotebookContent };
}

/** The part of the notebook tracker read here. */
export interface NotebookList {
  widgetAdded: ISignal<unknown, OpenedNotebook>;
  forEach(callback: (panel: OpenedNotebook) => void): void;
}

/**
 * True when a notebook uses NN Lab: a code cell announces an experiment or, when `outputs`
 * is set, a code cell holds an experiment's output (a saved notebook that was run).
 */
export function notebookUsesNNLab(cells: Iterable<NotebookCell>, outputs = true): boolean {
  for (const cell of cells) {
    if (cell.type !== 'code') {
      continue;
    }
    if (announcesExperiment(cell.sharedModel.getSource())) {
      return true;
    }
    const list = cell.outputs;
    if (outputs && list) {
      for (let index = 0; index < list.length; index++) {
        if (EXPERIMENT_MIME_TYPE in list.get(index).data) {
          return true;
        }
      }
    }
  }
  return false;
}

/** Run `task` when the page is idle, and after `timeout` ms at the latest. */
export function whenIdle(task: () => void, timeout = IDLE_TIMEOUT): void {
  const idle = (
    globalThis as {
      requestIdleCallback?: (callback: () => void, options: { timeout: number }) => number;
    }
  ).requestIdleCallback;
  if (typeof idle === 'function') {
    idle(() => task(), { timeout });
  } else {
    setTimeout(task, 0);
  }
}

/** At most this long (ms) between a notebook's opening and its check, however busy the page. */
const IDLE_TIMEOUT = 2000;

/** Typing pauses this long (ms) before a changed notebook is checked again. */
const CHANGE_DELAY = 500;

/** Ways to load and to wait, replaced in tests. */
export interface OpenPrefetchOptions {
  prefetch?: () => void;
  schedule?: (task: () => void) => void;
  changeDelay?: number;
}

/**
 * Start the prefetch, once per page, when a notebook that uses NN Lab is opened or its
 * content comes to use it. Each notebook is checked in idle time after it has loaded (source
 * and outputs), and again, sources only, once typing pauses after a change. Returns a
 * function that stops listening (called by itself once the prefetch has started).
 */
export function prefetchOnOpen(
  notebooks: NotebookList,
  options: OpenPrefetchOptions = {}
): () => void {
  const prefetch = options.prefetch ?? prefetchFromRenderer;
  const schedule = options.schedule ?? whenIdle;
  const changeDelay = options.changeDelay ?? CHANGE_DELAY;
  let started = false;
  const stops = new Set<() => void>();
  const stop = () => {
    notebooks.widgetAdded.disconnect(onAdded);
    for (const undo of stops) {
      undo();
    }
    stops.clear();
  };
  const check = (content: NotebookContent, outputs: boolean) => {
    if (!started && notebookUsesNNLab(content.cells, outputs)) {
      started = true;
      stop();
      prefetch();
    }
  };
  const watch = (panel: OpenedNotebook) => {
    void panel.context.ready.then(() => {
      if (started || panel.isDisposed) {
        return;
      }
      const content = panel.context.model;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onChanged = () => {
        clearTimeout(timer);
        timer = setTimeout(() => schedule(() => check(content, false)), changeDelay);
      };
      const undo = () => {
        clearTimeout(timer);
        content.contentChanged.disconnect(onChanged);
        panel.disposed.disconnect(undo);
        stops.delete(undo);
      };
      content.contentChanged.connect(onChanged);
      panel.disposed.connect(undo);
      stops.add(undo);
      schedule(() => {
        if (!panel.isDisposed) {
          check(content, true);
        }
      });
    });
  };
  function onAdded(_: unknown, panel: OpenedNotebook): void {
    watch(panel);
  }
  notebooks.widgetAdded.connect(onAdded);
  notebooks.forEach(watch);
  return stop;
}
