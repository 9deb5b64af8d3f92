/**
 * Long jobs are cut into tasks (nextTask.ts): `runInSlices` runs every piece, in order, and
 * starts a new task once a task has run for SLICE_MS.
 */
import { runInSlices, SLICE_MS } from '../nextTask';

/** Keep the thread busy for `ms` milliseconds (a piece of real work). */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

describe('runInSlices', () => {
  it('runs quick pieces in order, in one task, and resolves in a task of its own', async () => {
    const events: string[] = [];
    const tasks: [number, number][] = [];
    await runInSlices(
      [0, 1, 2, 3].map(i => () => void events.push(`piece ${i}`)),
      {
        onTask: (from, to) => tasks.push([from, to]),
        between: async () => void events.push('yield')
      }
    );
    expect(events).toEqual(['piece 0', 'piece 1', 'piece 2', 'piece 3', 'yield']);
    expect(tasks).toHaveLength(1);
    // Nothing to run: nothing to wait for.
    const none: string[] = [];
    await runInSlices([], { between: async () => void none.push('yield') });
    expect(none).toEqual([]);
  });

  it('yields to other tasks once a slice has run its time', async () => {
    const order: string[] = [];
    const tasks: [number, number][] = [];
    const pieces = [0, 1, 2].map(i => () => {
      order.push(`piece ${i}`);
      busy(SLICE_MS + 2);
    });
    // Queued as the pieces start: runs between them only if they yield.
    setTimeout(() => order.push('other'), 0);
    const spent = await runInSlices(pieces, { onTask: (from, to) => tasks.push([from, to]) });
    expect(tasks).toHaveLength(3);
    expect(order.indexOf('other')).toBeGreaterThan(0);
    expect(order.indexOf('other')).toBeLessThan(order.length - 1);
    expect(spent).toBeGreaterThanOrEqual(3 * (SLICE_MS + 2) - 1);
  });

  it('stops when the work is no longer wanted', async () => {
    const ran: number[] = [];
    let wanted = true;
    const pieces = [0, 1, 2].map(i => () => {
      ran.push(i);
      wanted = false;
      busy(SLICE_MS + 1);
    });
    await runInSlices(pieces, { wanted: () => wanted });
    expect(ran).toEqual([0]);
  });
});
