/**
 * The page's long tasks (PerformanceObserver 'longtask': main-thread tasks over 50 ms), for
 * the browser benchmarks.
 */
import type { Page } from '@playwright/test';

/** Start collecting the page's long tasks afresh (read them with `longTasks`). */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as any;
    w.__nnlabLongTasks = [];
    w.__nnlabObserver?.disconnect();
    w.__nnlabObserver = new PerformanceObserver(list => {
      for (const entry of list.getEntries()) {
        w.__nnlabLongTasks.push(entry.duration);
      }
    });
    w.__nnlabObserver.observe({ type: 'longtask', buffered: false });
  });
}

/** The durations (ms) of the long tasks collected so far; `take` also forgets them. */
export async function longTasks(page: Page, take = false): Promise<number[]> {
  return page.evaluate(take => {
    const tasks = (window as any).__nnlabLongTasks as number[];
    return take ? tasks.splice(0) : tasks.slice();
  }, take);
}
