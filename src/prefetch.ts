/**
 * Getting an experiment's code ready while the kernel runs the cell that will show it.
 *
 * A cell that mentions NN Lab (`jupyterlab_nnlab`, the `%%nnlab` magic) is about to display
 * an experiment, or a later cell will. When such a cell is scheduled to run, the renderer's
 * heavy parts start loading at once, in the time the kernel takes anyway: the experiment
 * view's code with the precompiled spec validator, Plotly and a spare training worker (see
 * mime.ts, `prefetchView`). A cell that never shows an experiment costs the download that its
 * first experiment would have cost; nothing is loaded for notebooks that do not use NN Lab.
 */
import { NotebookActions } from '@jupyterlab/notebook';

/** Source text that announces an experiment: the package, or the cell magic. */
const ANNOUNCES = /jupyterlab_nnlab|%%nnlab/;

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
 * The renderer's prefetch. Imported, not bundled here: the renderer's module is loaded at
 * start-up as JupyterLab's MIME extension, and a static import would put a second copy of
 * it into the plugin's start-up chunk.
 */
function prefetchFromRenderer(): void {
  void import('./mime').then(mime => mime.prefetchView()).catch(() => undefined);
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
