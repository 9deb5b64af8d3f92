/**
 * What a training NN Lab widget costs the page it lives in.
 *
 * Training runs in a Web Worker, so the page's main thread should only pay for
 * receiving snapshots and redrawing the charts. For a few seconds while a
 * widget trains we measure, in Chromium:
 *   - the frame rate: requestAnimationFrame callbacks per second;
 *   - long tasks: main-thread tasks over 50 ms (PerformanceObserver 'longtask'),
 *     their count and the longest one;
 *   - main-thread busy time: Chrome's TaskDuration metric over the window,
 *     as a fraction of wall time;
 *   - epochs trained per second (from the widget's data-epoch attribute).
 * The same figures with no widget running give the baseline of an idle
 * JupyterLab. The numbers are printed; a benchmark never asserts timings.
 */
import { test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import { epochOf, experimentIn, runInNewNotebook, stateOf } from '../support/nnlab';

/** Length of one measurement window. */
const WINDOW_MS = 3000;

/** Long enough that the widget is still training when the window closes. */
const EPOCHS = 20000;

interface IFrameFigures {
  seconds: number;
  frames: number;
  longTasks: number[];
}

interface IRow {
  scenario: string;
  fps: number;
  longTasks: number;
  longestTaskMs: number;
  busy: number;
  epochsPerSecond: number | null;
  state: string | null;
}

/** Count animation frames and collect long tasks for `ms` milliseconds, in the page. */
async function measureFrames(page: Page, ms: number): Promise<IFrameFigures> {
  return page.evaluate(async (duration: number) => {
    const longTasks: number[] = [];
    const observer = new PerformanceObserver(list => {
      for (const entry of list.getEntries()) {
        longTasks.push(entry.duration);
      }
    });
    observer.observe({ type: 'longtask', buffered: false });
    let frames = 0;
    const start = performance.now();
    await new Promise<void>(resolve => {
      const onFrame = (): void => {
        frames += 1;
        if (performance.now() - start < duration) {
          requestAnimationFrame(onFrame);
        } else {
          resolve();
        }
      };
      requestAnimationFrame(onFrame);
    });
    // Long tasks are reported after they end: give the last one a moment.
    await new Promise(resolve => setTimeout(resolve, 100));
    observer.disconnect();
    return { seconds: (performance.now() - start) / 1000, frames, longTasks };
  }, ms);
}

/** Main-thread task time (seconds) so far, from the DevTools protocol. */
async function taskSeconds(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  const { metrics } = await session.send('Performance.getMetrics');
  await session.detach();
  return metrics.find(metric => metric.name === 'TaskDuration')?.value ?? NaN;
}

/** Measure one window; with a widget, also how many epochs it trained meanwhile. */
async function measure(page: Page, scenario: string, withWidget: boolean): Promise<IRow> {
  const widget = experimentIn(page);
  const epochBefore = withWidget ? await epochOf(widget) : NaN;
  const busyBefore = await taskSeconds(page);
  const figures = await measureFrames(page, WINDOW_MS);
  const busyAfter = await taskSeconds(page);
  const epochAfter = withWidget ? await epochOf(widget) : NaN;
  return {
    scenario,
    fps: figures.frames / figures.seconds,
    longTasks: figures.longTasks.length,
    longestTaskMs: figures.longTasks.length ? Math.max(...figures.longTasks) : 0,
    busy: (busyAfter - busyBefore) / figures.seconds,
    epochsPerSecond: withWidget ? (epochAfter - epochBefore) / figures.seconds : null,
    state: withWidget ? await stateOf(widget) : null
  };
}

/** Start a widget from `source` and wait until it trains and draws its charts. */
async function startTraining(page: Parameters<typeof runInNewNotebook>[0], source: string) {
  const output = await runInNewNotebook(page, source);
  const widget = experimentIn(output);
  await widget.locator('.main-svg').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    (selector: string) => Number(document.querySelector(selector)?.getAttribute('data-epoch')) > 0,
    '.jp-NNLab-experiment, [data-nnlab-experiment]',
    { timeout: 60_000 }
  );
}

function report(rows: IRow[]): void {
  const lines = [
    `NN Lab page cost while training (Chromium, ${WINDOW_MS / 1000} s windows)`,
    'scenario              fps   long tasks  longest (ms)  main thread busy  epochs/s  state'
  ];
  for (const row of rows) {
    lines.push(
      [
        row.scenario.padEnd(20),
        row.fps.toFixed(1).padStart(5),
        String(row.longTasks).padStart(12),
        row.longestTaskMs.toFixed(0).padStart(13),
        `${(100 * row.busy).toFixed(0)} %`.padStart(17),
        (row.epochsPerSecond === null ? '-' : row.epochsPerSecond.toFixed(0)).padStart(9),
        ` ${row.state ?? '-'}`
      ].join(' ')
    );
  }
  console.log(lines.join('\n'));
}

test.describe('NN Lab page cost', () => {
  test('frame rate and long tasks while a widget trains', async ({ page }) => {
    test.setTimeout(180_000);
    const rows: IRow[] = [];

    // Baseline: JupyterLab with an empty notebook and a kernel, nothing training.
    await page.notebook.createNew();
    await page.waitForTimeout(1000);
    rows.push(await measure(page, 'idle JupyterLab', false));
    await page.notebook.close(true);

    await startTraining(
      page,
      'from jupyterlab_nnlab import Lab\n' +
        `Lab(data="xor", layers=[2, 4, 1], activation="relu", epochs=${EPOCHS})`
    );
    rows.push(await measure(page, 'XOR 2-4-1 training', true));
    await page.notebook.close(true);

    await startTraining(
      page,
      'from jupyterlab_nnlab import Lab\n' +
        `Lab(data="xor", layers=[2, 4, 1], activation="relu", epochs=${EPOCHS},\n` +
        '    compare=[{"network": {"activation": "identity"}}])'
    );
    rows.push(await measure(page, 'XOR + compare', true));
    await page.notebook.close(true);

    await startTraining(
      page,
      'from jupyterlab_nnlab import Lab\n' +
        `Lab(data="spiral", layers=[2, 16, 16, 1], activation="tanh", epochs=${EPOCHS})`
    );
    rows.push(await measure(page, 'spiral 2-16-16-1', true));
    await page.notebook.close(true);

    report(rows);
    test.info().annotations.push({ type: 'figures', description: JSON.stringify(rows) });
  });
});
