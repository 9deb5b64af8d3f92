/**
 * Cells go in below the active cell, all of them selected, the last active, the first
 * scrolled into view; and a new lesson gets the first free file name.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { freeNotebookPath, insertBelowActive, NotebookLike, withoutIds } from '../insertion';

function fakeNotebook(count: number, active: number) {
  const cells: unknown[] = Array.from({ length: count }, (_, i) => ({ i }));
  const selected = new Set<unknown>();
  const scrolled: [number, string | undefined][] = [];
  const notebook = {
    mode: 'edit',
    activeCellIndex: active,
    model: {
      sharedModel: {
        insertCells: (index: number, fresh: nbformat.ICell[]) =>
          cells.splice(index, 0, ...fresh.map(c => ({ source: c.source })))
      }
    },
    get widgets() {
      return cells;
    },
    deselectAll: () => selected.clear(),
    select: (cell: unknown) => selected.add(cell),
    scrollToItem: async (index: number, align?: string) => {
      scrolled.push([index, align]);
    }
  };
  return { notebook: notebook as unknown as NotebookLike, cells, selected, scrolled };
}

const CELLS = [
  { cell_type: 'markdown', source: 'a', metadata: {}, id: 'x' },
  { cell_type: 'code', source: 'b', metadata: {}, outputs: [], execution_count: null, id: 'y' }
] as nbformat.ICell[];

describe('insertBelowActive', () => {
  it('inserts below the active cell, selects every new cell and scrolls to the first', () => {
    const { notebook, cells, selected, scrolled } = fakeNotebook(5, 1);
    expect(insertBelowActive(notebook, CELLS)).toBe(2);
    expect(cells).toHaveLength(7);
    expect(cells[2]).toEqual({ source: 'a' });
    expect(cells[3]).toEqual({ source: 'b' });
    expect(notebook.activeCellIndex).toBe(3);
    expect(notebook.mode).toBe('command');
    expect([...selected]).toEqual([cells[2], cells[3]]);
    expect(scrolled).toEqual([[2, 'start']]);
  });

  it('drops the cells ids so the notebook gives its own', () => {
    expect(withoutIds(CELLS).map(c => 'id' in c)).toEqual([false, false]);
  });
});

describe('freeNotebookPath', () => {
  it('takes the first name not in use', async () => {
    const taken = new Set(['lessons/why.ipynb', 'lessons/why-1.ipynb']);
    expect(await freeNotebookPath('lessons/', 'why', async p => taken.has(p))).toBe(
      'lessons/why-2.ipynb'
    );
    expect(await freeNotebookPath('', 'why', async () => false)).toBe('why.ipynb');
  });
});
