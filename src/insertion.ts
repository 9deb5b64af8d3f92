/**
 * Putting cells into the user's notebook: below the active cell, selected, and scrolled into
 * view, so that what the user asked for is what they see next.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import type { Notebook } from '@jupyterlab/notebook';

/** What cell insertion needs of the notebook widget (a fake in tests). */
export type NotebookLike = Pick<
  Notebook,
  'model' | 'activeCellIndex' | 'widgets' | 'mode' | 'deselectAll' | 'select' | 'scrollToItem'
>;

/** Cells without their ids: the notebook gives them its own (and never duplicates one). */
export function withoutIds(cells: readonly nbformat.ICell[]): nbformat.ICell[] {
  return cells.map(cell => {
    const { id: _ignored, ...rest } = cell as nbformat.ICell & { id?: string };
    return rest as nbformat.ICell;
  });
}

/**
 * Insert `cells` below the active cell of `notebook`, select them all (the last one active,
 * in command mode) and scroll the first into view. Returns the index of the first new cell,
 * or -1 when the notebook has no model yet.
 */
export function insertBelowActive(
  notebook: NotebookLike,
  cells: readonly nbformat.ICell[]
): number {
  const model = notebook.model;
  if (!model || cells.length === 0) {
    return -1;
  }
  const index = Math.max(0, notebook.activeCellIndex + 1);
  model.sharedModel.insertCells(index, withoutIds(cells));
  const last = index + cells.length - 1;
  notebook.mode = 'command';
  notebook.activeCellIndex = last;
  notebook.deselectAll();
  for (let i = index; i <= last; i++) {
    const cell = notebook.widgets[i];
    if (cell) {
      notebook.select(cell);
    }
  }
  // The first new cell at the top of the window: the reader starts there.
  void notebook.scrollToItem(index, 'start').catch(() => undefined);
  return index;
}

/**
 * The first free name `stem.ipynb`, `stem-1.ipynb`, ... in `dir`, as told by `exists`.
 */
export async function freeNotebookPath(
  dir: string,
  stem: string,
  exists: (path: string) => Promise<boolean>
): Promise<string> {
  const prefix = dir ? `${dir.replace(/\/+$/, '')}/` : '';
  for (let k = 0; k < 1000; k++) {
    const path = `${prefix}${stem}${k === 0 ? '' : `-${k}`}.ipynb`;
    if (!(await exists(path))) {
      return path;
    }
  }
  throw new Error(`no free file name for ${stem}.ipynb in "${dir}"`);
}
