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
import { expect, test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { CDPSession, ElementHandle, Locator, Page } from '@playwright/test';
import {
  button,
  epochOf,
  experimentIn,
  runInNewNotebook,
  selectField,
  stateOf,
  waitForState
} from '../ui-tests/support/nnlab';

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

/** Chrome's DevTools protocol session on the page, with performance metrics on. */
async function metricsSession(page: Page): Promise<CDPSession> {
  // Galata hands tests a proxy of the page; the protocol session needs the page itself.
  const target = page.context().pages()[0];
  const session = await page.context().newCDPSession(target);
  await session.send('Performance.enable');
  return session;
}

/** Main-thread task time (seconds) since the metrics were enabled. */
async function taskSeconds(session: CDPSession): Promise<number> {
  const { metrics } = await session.send('Performance.getMetrics');
  return metrics.find(metric => metric.name === 'TaskDuration')?.value ?? NaN;
}

/**
 * Measure one window; with a widget, also how many epochs it trained meanwhile.
 *
 * The widget is read through an element handle, which keeps working while
 * its output is hidden (and taken out of the page).
 */
async function measure(
  page: Page,
  scenario: string,
  widget: ElementHandle<Element> | null
): Promise<IRow> {
  const epoch = async () => Number(await widget?.getAttribute('data-epoch'));
  const epochBefore = await epoch();
  const session = await metricsSession(page);
  const busyBefore = await taskSeconds(session);
  const figures = await measureFrames(page, WINDOW_MS);
  const busyAfter = await taskSeconds(session);
  await session.detach();
  const epochAfter = await epoch();
  return {
    scenario,
    fps: figures.frames / figures.seconds,
    longTasks: figures.longTasks.length,
    longestTaskMs: figures.longTasks.length ? Math.max(...figures.longTasks) : 0,
    busy: (busyAfter - busyBefore) / figures.seconds,
    epochsPerSecond: widget ? (epochAfter - epochBefore) / figures.seconds : null,
    state: widget ? await widget.getAttribute('data-state') : null
  };
}

/**
 * Run `source` in a new notebook, wait for the charts, set the training speed
 * (an option of the widget's speed select) and make sure it is training.
 */
async function startTraining(
  page: IJupyterLabPageFixture,
  source: string,
  speed: string
): Promise<Locator> {
  const output = await runInNewNotebook(page, source);
  const widget = experimentIn(output);
  await widget.locator('.main-svg').first().waitFor({ timeout: 60_000 });
  await selectField(widget, /speed/i).selectOption(speed);
  if ((await stateOf(widget)) !== 'running') {
    // A finished run starts again from epoch 0.
    await button(widget, 'Play').click();
  }
  if (speed !== 'max') {
    // At full speed a small run may be over before anyone sees it running.
    await waitForState(widget, 'running');
  }
  return widget;
}

/**
 * One scenario: a cell trained at a given speed, measured, then closed.
 *
 * With `hidden`, the cell's outputs are hidden while it trains: the worker
 * keeps training and posting snapshots but nothing is drawn, which separates
 * the cost of the charts from the cost of the messages.
 */
async function scenario(
  page: IJupyterLabPageFixture,
  name: string,
  source: string,
  speed: string,
  hidden = false
): Promise<IRow> {
  const widget = await startTraining(page, `from jupyterlab_nnlab import Lab\n${source}`, speed);
  const handle = await widget.elementHandle();
  if (hidden) {
    // The same as collapsing the output with the mouse, without hunting for the collapser.
    await page.evaluate(() => {
      const notebook = (window as any).jupyterapp.shell.currentWidget.content;
      notebook.widgets[0].outputHidden = true;
    });
    await expect(widget).toBeHidden();
  }
  const row = await measure(page, name, handle);
  if (hidden) {
    // Snapshots wait for the page to draw the previous one: a hidden widget
    // receives none, so its epoch counter says nothing about training speed.
    row.epochsPerSecond = null;
  }
  await page.notebook.close(true);
  return row;
}

/** Seconds a run takes from "Play" to "done" at full speed. */
async function timeToDone(page: IJupyterLabPageFixture, source: string): Promise<number> {
  const output = await runInNewNotebook(page, `from jupyterlab_nnlab import Lab\n${source}`);
  const widget = experimentIn(output);
  await widget.locator('.main-svg').first().waitFor({ timeout: 60_000 });
  await selectField(widget, /speed/i).selectOption('max');
  // Let the autoplayed run end (at full speed it takes a moment), then start over.
  await expect.poll(() => stateOf(widget), { timeout: 120_000 }).not.toBe('running');
  await button(widget, 'Reset').click();
  await expect.poll(() => epochOf(widget)).toBe(0);
  const start = Date.now();
  await button(widget, 'Play').click();
  await waitForState(widget, 'done', 120_000);
  const seconds = (Date.now() - start) / 1000;
  await page.notebook.close(true);
  return seconds;
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
    test.setTimeout(240_000);
    const rows: IRow[] = [];

    // Baseline: JupyterLab with an empty notebook and a kernel, nothing training.
    await page.notebook.createNew();
    await page.waitForTimeout(1000);
    rows.push(await measure(page, 'idle JupyterLab', null));
    await page.notebook.close(true);

    const xor = `Lab(data="xor", layers=[2, 4, 1], activation="relu", epochs=${EPOCHS})`;
    // 100 epochs/s is the speed a 300-epoch lesson cell gets by default.
    rows.push(await scenario(page, 'XOR 100 epochs/s', xor, '100'));
    rows.push(await scenario(page, 'XOR 1000 epochs/s', xor, '1000'));
    rows.push(await scenario(page, 'XOR 1000/s, hidden', xor, '1000', true));
    rows.push(
      await scenario(
        page,
        'XOR+compare 1000/s',
        `Lab(data="xor", layers=[2, 4, 1], activation="relu", epochs=${EPOCHS},\n` +
          '    compare=[{"network": {"activation": "identity"}}])',
        '1000'
      )
    );
    rows.push(
      await scenario(
        page,
        'spiral 16-16 fastest',
        `Lab(data="spiral", layers=[2, 16, 16, 1], activation="tanh", epochs=${EPOCHS})`,
        'max'
      )
    );

    const fastest = await timeToDone(page, xor);

    report(rows);
    console.log(
      `XOR 2-4-1, ${EPOCHS} epochs at full speed: ${fastest.toFixed(2)} s from Play to done ` +
        `(${(EPOCHS / fastest).toFixed(0)} epochs/s, drawing included)`
    );
    test.info().annotations.push({
      type: 'figures',
      description: JSON.stringify({ rows, fastestSeconds: fastest })
    });
  });
});
