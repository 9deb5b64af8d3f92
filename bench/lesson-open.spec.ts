/**
 * Opening the lesson notebook (examples/why-activation-functions.ipynb, nine experiments) in
 * Chromium, as the README's first command does: what it costs the page, and what reading it
 * to the end costs.
 *
 *   NNLAB_UI_PORT=<port> npm run bench:lesson
 *
 * Opened as downloaded (not trusted: its experiments show their untrained networks and wait
 * for a click). Measured:
 *   - opening: from the open command until no chart has changed for 3 s (after 8 s at
 *     least), the main-thread tasks over 50 ms (PerformanceObserver 'longtask'), their
 *     count, longest and sum; the charts drawn (Plotly plots and network diagrams) out of
 *     the charts the experiments hold; the page's elements; the JavaScript heap after a
 *     collection;
 *   - reading: the notebook scrolled to its end, most of a screen at a time, a screen every
 *     1.5 s, then the same figures again. With NNLAB_BENCH_TRACE set, what the long tasks of
 *     the reading were made of (a Chrome trace; see longTaskTrace.ts); with
 *     NNLAB_BENCH_PROFILE, a CPU profile of the reading.
 * The numbers are printed; a benchmark never asserts them.
 */
import { readFileSync } from 'fs';
import path from 'path';
import { expect, test } from '@jupyterlab/galata';
import type { CDPSession, Page } from '@playwright/test';
import { CHART_DRAWN, MIME_TYPE, chartsAtRest } from '../ui-tests/support/nnlab';
import { profilePage, traceLongTasks } from './longTaskTrace';
import { longTasks, recordLongTasks } from './pageLongTasks';

const LESSON = path.resolve(__dirname, '..', 'examples', 'why-activation-functions.ipynb');

/** Charts in the notebook, and how many of them are drawn. */
async function charts(page: Page): Promise<{ drawn: number; all: number; elements: number }> {
  return page.evaluate(drawing => {
    const nodes = Array.from(
      document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-NNLab-chart')
    );
    const drawn = nodes.filter(node => node.querySelector(drawing) !== null).length;
    return { drawn, all: nodes.length, elements: document.getElementsByTagName('*').length };
  }, CHART_DRAWN);
}

async function heapAfterGc(session: CDPSession): Promise<number> {
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  return usedSize;
}

/** The count of long tasks, the longest and their sum. */
function tasksLine(tasks: number[]): string {
  const sum = tasks.reduce((a, b) => a + b, 0);
  const longest = tasks.length ? Math.max(...tasks) : 0;
  return `long tasks ${tasks.length}, longest ${longest.toFixed(0)} ms, in all ${sum.toFixed(0)} ms`;
}

function describe(
  label: string,
  tasks: number[],
  shown: { drawn: number; all: number; elements: number },
  heap: number
): string {
  return (
    `${label}: ${tasksLine(tasks)}; ` +
    `charts drawn ${shown.drawn} of ${shown.all}; page elements ${shown.elements}; ` +
    `heap after a GC ${(heap / 1e6).toFixed(0)} MB`
  );
}

test('opening the lesson notebook and reading it to the end', async ({ page, tmpPath }) => {
  test.setTimeout(300_000);
  const name = 'lesson.ipynb';
  const lesson = readFileSync(LESSON, 'utf8');
  await page.contents.uploadContent(lesson, 'text', `${tmpPath}/${name}`);
  // The peer: the same notebook with its experiments under a MIME type nothing renders, what
  // JupyterLab itself costs (its text, formulas and code cells).
  const control = lesson.split(MIME_TYPE).join('application/x-nnlab-control+json');
  await page.contents.uploadContent(control, 'text', `${tmpPath}/control.ipynb`);
  await page.filebrowser.openDirectory(tmpPath);
  const target = page.context().pages()[0];
  const session = await page.context().newCDPSession(target);
  await recordLongTasks(page);
  await page.notebook.openByPath(`${tmpPath}/control.ipynb`);
  await page.notebook.activate('control.ipynb');
  await expect(page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell').first()).toBeAttached(
    {
      timeout: 120_000
    }
  );
  await page.waitForTimeout(11_000);
  const controlTasks = await longTasks(page, true);
  await page.notebook.close(true);
  await page.waitForTimeout(2000);
  await recordLongTasks(page);
  await page.notebook.openByPath(`${tmpPath}/${name}`);
  await page.notebook.activate(name);
  // Its experiments are in the page (the first screen holds none of them: text comes first).
  await expect(
    page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-NNLab-chart').first()
  ).toBeAttached({
    timeout: 120_000
  });
  // Time for the experiments' code, Plotly and their workers to load and draw.
  await page.waitForTimeout(8000);
  await chartsAtRest(page, { quietMs: 3000, timeout: 60_000 });
  const opening = await longTasks(page, true);
  const opened = await charts(page);
  const heapOpened = await heapAfterGc(session);

  // Read to the end: most of a screen at a time.
  const endTrace = await traceLongTasks(page);
  const endProfile = await profilePage(page);
  for (let step = 0; step < 200; step++) {
    const atEnd = await page.evaluate(() => {
      const scroller = document.querySelector(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer'
      ) as HTMLElement | null;
      if (!scroller) {
        return true;
      }
      const before = scroller.scrollTop;
      scroller.scrollTop = before + scroller.clientHeight * 0.8;
      return scroller.scrollTop === before;
    });
    if (atEnd) {
      break;
    }
    await page.waitForTimeout(1500);
  }
  await chartsAtRest(page, { quietMs: 3000, timeout: 60_000 });
  const reading = await longTasks(page, true);
  await endProfile();
  const traced = await endTrace();
  const read = await charts(page);
  const heapRead = await heapAfterGc(session);
  await session.detach();

  console.log(
    [
      'The lesson notebook in Chromium (not trusted)',
      `the same without NN Lab, opened: ${tasksLine(controlTasks)} (in 11 s)`,
      describe('opened', opening, opened, heapOpened),
      describe('read to the end', reading, read, heapRead),
      ...traced
    ].join('\n')
  );
});
