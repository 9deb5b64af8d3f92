/**
 * The worst-case valid spec in Chromium: what training it costs the page.
 *
 * The spec of bench/worst-case.ts (9 networks, 2000 points, [2, 64 x 7, 1], batch 1,
 * grid 100, every view) in a saved notebook, opened, trusted and played. Measured:
 *   - long tasks: main-thread tasks over 50 ms (PerformanceObserver 'longtask') from the
 *     press of Play to the end of the window, their count and the longest;
 *   - pause: the time from the click on Pause to the widget saying 'paused' (the epoch
 *     counter stops then: the worker sends nothing more until played again);
 *   - heap: the page's JavaScript heap (CDP Runtime.getHeapUsage) sampled while it trains,
 *     its largest value and its value at the end, against the heap before Play.
 * The numbers are printed; a benchmark never asserts timings.
 */
import { writeFileSync } from 'fs';
import { expect, test } from '@jupyterlab/galata';
import type { CDPSession, Locator, Page } from '@playwright/test';
import {
  button,
  experimentIn,
  notebookWithExperiment,
  stateOf,
  trustCurrentNotebook
} from '../ui-tests/support/nnlab';
import WORST_CASE from './worst-case-spec.json';
import { profilePage, traceLongTasks } from './longTaskTrace';
import { longTasks, recordLongTasks as recordTasks } from './pageLongTasks';

/** How long the widget trains before the pause is asked for. */
const TRAIN_MS = Number(process.env.NNLAB_BENCH_TRAIN_MS ?? 60_000);
/** Heap samples while it trains. */
const SAMPLE_MS = 5000;

/** The spec of bench/worst-case-spec.json, waiting for Play. */
const SPEC = { ...WORST_CASE, autoplay: false };

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const roundAll = (values: Record<string, number>) =>
  Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, Math.round(v)]));

async function heapUsed(session: CDPSession): Promise<number> {
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  return usedSize;
}

/** Start collecting long tasks and each chart's longest draw in the page. */
async function recordLongTasks(page: Page): Promise<void> {
  await recordTasks(page);
  await page.evaluate(() => {
    const w = window as any;
    // Each chart's draws (see chartBoard.ts): the longest per view.
    w.__nnlabDraws = {};
    w.__nnlabDrawObserver?.disconnect();
    w.__nnlabDrawObserver = new PerformanceObserver(list => {
      for (const entry of list.getEntries()) {
        if (entry.name.startsWith('nnlab:draw:')) {
          const view = entry.name.slice('nnlab:draw:'.length);
          // The work in it (a tall figure's pieces are drawn in tasks of their own).
          const work = (entry as PerformanceMeasure).detail?.work ?? entry.duration;
          w.__nnlabDraws[view] = Math.max(w.__nnlabDraws[view] ?? 0, work);
        }
      }
    });
    w.__nnlabDrawObserver.observe({ type: 'measure', buffered: false });
  });
}

async function longestDraws(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => (window as any).__nnlabDraws as Record<string, number>);
}

/**
 * With NNLAB_BENCH_DUMP=<file>.json, every chart's figure as drawn at the pause (Plotly's
 * data and layout, and the chart's width; nothing for a chart never drawn, out of sight):
 * to time one figure's draw again outside JupyterLab.
 */
async function dumpFigures(page: Page): Promise<void> {
  const path = process.env.NNLAB_BENCH_DUMP;
  if (!path) {
    return;
  }
  const json = await page.evaluate(() => {
    const figures = Array.from(document.querySelectorAll('.jp-NNLab-chart[data-view]')).map(
      node => {
        type Plot = HTMLElement & { data?: unknown; layout?: unknown };
        const drawn = node as Plot;
        // A tall figure is drawn in pieces, each a plot of its own (src/charts/pieces.ts).
        const pieces = Array.from(node.querySelectorAll<Plot>('.jp-NNLab-chartPiece'));
        return {
          view: node.getAttribute('data-view'),
          ...(pieces.length > 0
            ? { pieces: pieces.map(p => ({ data: p.data, layout: p.layout })) }
            : { data: drawn.data, layout: drawn.layout }),
          width: drawn.clientWidth
        };
      }
    );
    // Typed arrays (the unit maps' hover values) as arrays of numbers.
    return JSON.stringify(figures, (_, value) =>
      ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value
    );
  });
  writeFileSync(path, json);
}

/**
 * From just before the pause: when the snapshots of every view arrive (resting, the visible
 * views' snapshots come first and those of every view, which the picture needs, follow), and
 * the long tasks from the pause to 5 s after those (the picture is taken then). Returns the
 * function that waits for them and gives the lines to print.
 */
async function watchResting(widget: Locator): Promise<() => Promise<string[]>> {
  await widget.evaluate((node: HTMLElement) => {
    const w = window as any;
    const start = performance.now();
    w.__nnlabResting = { start, all: NaN, tasks: [] as number[][] };
    new PerformanceObserver(list => {
      for (const entry of list.getEntries()) {
        if (entry.startTime >= start) {
          w.__nnlabResting.tasks.push([entry.startTime, entry.duration]);
        }
      }
    }).observe({ type: 'longtask', buffered: false });
    const observer = new MutationObserver(() => {
      if (node.dataset.state === 'paused' && node.dataset.snapshot !== 'partial') {
        w.__nnlabResting.all = performance.now() - start;
        observer.disconnect();
      }
    });
    observer.observe(node, { attributes: true, attributeFilter: ['data-state', 'data-snapshot'] });
  });
  return async () => {
    const read = () => widget.evaluate(() => (window as any).__nnlabResting);
    await expect
      .poll(async () => !Number.isNaN((await read()).all), { timeout: 180_000 })
      .toBe(true);
    await widget.page().waitForTimeout(5000);
    const { all, tasks } = await read();
    const longest = tasks.length ? Math.max(...tasks.map((t: number[]) => t[1])) : 0;
    return [
      `resting: every view's snapshots (for the picture) shown ${all.toFixed(0)} ms after the click`,
      `long tasks from the pause to 5 s after those: ${tasks.length}, longest ${longest.toFixed(0)} ms, ` +
        `in all ${tasks.reduce((sum: number, t: number[]) => sum + t[1], 0).toFixed(0)} ms`
    ];
  };
}

// ---- chart draws and the notebook picture (#12): a block of its own -------------------------

/**
 * Start recording, in the page, every long task with its start time and the notebook
 * picture's capture ('nnlab:picture' measures, see src/widgets/picture.ts).
 */
async function recordPictureTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as any;
    w.__nnlabTimedTasks = [];
    w.__nnlabPictures = [];
    w.__nnlabDrawSpans = [];
    w.__nnlabTimedObserver?.disconnect();
    w.__nnlabTimedObserver = new PerformanceObserver(list => {
      for (const entry of list.getEntries()) {
        if (entry.entryType === 'longtask') {
          w.__nnlabTimedTasks.push([entry.startTime, entry.duration]);
        } else if (entry.name === 'nnlab:picture') {
          w.__nnlabPictures.push([entry.startTime, entry.duration]);
        } else if (entry.name.startsWith('nnlab:picture:')) {
          // One chart's image in the picture: building its figure and Plotly's export.
          const view = entry.name.slice('nnlab:picture:'.length);
          w.__nnlabPictureCharts ??= {};
          w.__nnlabPictureCharts[view] = Math.max(
            w.__nnlabPictureCharts[view] ?? 0,
            entry.duration
          );
        } else if (entry.name.startsWith('nnlab:drawtask:')) {
          // One task of a chart's draw: its build, or one piece (src/widgets/chartBoard.ts).
          w.__nnlabDrawSpans.push([entry.startTime, entry.duration, entry.name.slice(15)]);
        }
      }
    });
    w.__nnlabTimedObserver.observe({ entryTypes: ['longtask', 'measure'] });
  });
}

/**
 * One line: the pictures taken, how long each took, and the long tasks during them. Waits
 * up to 30 s for the first picture (it is taken once every chart has drawn the resting
 * network, which at the caps can outlast the window after the pause).
 */
async function pictureLine(page: Page): Promise<string> {
  await page
    .waitForFunction(() => ((window as any).__nnlabPictures ?? []).length > 0, undefined, {
      timeout: 30_000
    })
    .catch(() => undefined);
  const { tasks, pictures } = await page.evaluate(() => ({
    tasks: (window as any).__nnlabTimedTasks as [number, number][],
    pictures: (window as any).__nnlabPictures as [number, number][]
  }));
  if (!pictures || pictures.length === 0) {
    return 'notebook picture: none taken within 30 s of the pause';
  }
  const during = tasks.filter(([start, duration]) =>
    pictures.some(([from, length]) => start < from + length && start + duration > from)
  );
  const longest = during.reduce((m, [, d]) => Math.max(m, d), 0);
  const charts = await page.evaluate(() => (window as any).__nnlabPictureCharts ?? {});
  return (
    `notebook picture: ${pictures.length} taken, ${pictures.map(([, d]) => d.toFixed(0)).join(', ')} ms each; ` +
    `long tasks during it: ${during.length}, longest ${longest.toFixed(0)} ms; ` +
    `each chart's image, longest (ms): ${JSON.stringify(roundAll(charts))}`
  );
}

/**
 * One line: every long task so far, by what overlapped it: a chart's draw (the view), the
 * notebook picture, or neither ('other': messages from the worker, JupyterLab, the GC...).
 * The count and the longest per cause.
 */
async function longTaskCauses(page: Page): Promise<string> {
  const { tasks, draws, pictures } = await page.evaluate(() => ({
    tasks: (window as any).__nnlabTimedTasks as [number, number][],
    draws: (window as any).__nnlabDrawSpans as [number, number, string][],
    pictures: (window as any).__nnlabPictures as [number, number][]
  }));
  const causes: Record<string, { count: number; longest: number }> = {};
  const overlaps = (start: number, duration: number, from: number, length: number) =>
    start < from + length && start + duration > from;
  for (const [start, duration] of tasks) {
    const draw = draws.find(([from, length]) => overlaps(start, duration, from, length));
    const picture = pictures.some(([from, length]) => overlaps(start, duration, from, length));
    const cause = draw ? draw[2] : picture ? 'picture' : 'other';
    const c = (causes[cause] ??= { count: 0, longest: 0 });
    c.count++;
    c.longest = Math.max(c.longest, Math.round(duration));
  }
  return `long tasks by cause (count, longest ms): ${JSON.stringify(causes)}`;
}

// ---- end of the chart draws block -------------------------------------------------------------

test('the worst-case spec: long tasks, pause latency and heap while it trains', async ({
  page,
  tmpPath
}) => {
  const name = 'worst-case.ipynb';
  await page.contents.uploadContent(notebookWithExperiment(SPEC), 'text', `${tmpPath}/${name}`);
  await page.filebrowser.openDirectory(tmpPath);
  await page.notebook.openByPath(`${tmpPath}/${name}`);
  await page.notebook.activate(name);
  await trustCurrentNotebook(page);
  const widget = experimentIn(page.locator('.jp-Cell').first().locator('.jp-OutputArea'));
  await expect(widget.locator('.main-svg').first()).toBeVisible({ timeout: 300_000 });

  const target = page.context().pages()[0];
  const session = await page.context().newCDPSession(target);
  await session.send('HeapProfiler.collectGarbage');
  const heapBefore = await heapUsed(session);

  await recordLongTasks(page);
  const endTrace = await traceLongTasks(page);
  const endProfile = await profilePage(page);
  await recordPictureTasks(page); // chart draws block (#12)
  const playedAt = Date.now();
  await button(widget, 'Play').click();
  await expect.poll(() => stateOf(widget)).toBe('running');
  let heapPeak = heapBefore;
  const samples: number[] = [];
  while (Date.now() - playedAt < TRAIN_MS) {
    await page.waitForTimeout(SAMPLE_MS);
    const used = await heapUsed(session);
    samples.push(used);
    heapPeak = Math.max(heapPeak, used);
  }
  const epochAtPause = Number(await widget.getAttribute('data-epoch'));
  const trainingTasks = await longTasks(page);

  const drawsWhileTraining = await longestDraws(page);
  await dumpFigures(page);
  await endProfile();
  // Pause, timed in the page from the click: to the worker's answer (the button says Play
  // again: training has stopped), and to the resting network's snapshots being shown
  // (data-state 'paused'; at the caps that snapshot carries every view and takes longest).
  const resting = await watchResting(widget);
  const pause = await widget.evaluate(
    (node: HTMLElement) =>
      new Promise<{ stoppedMs: number; shownMs: number }>(resolve => {
        const buttons = () => Array.from(node.querySelectorAll('button'));
        const pauseButton = buttons().find(
          b => b.textContent?.trim() === 'Pause'
        ) as HTMLButtonElement;
        const start = performance.now();
        let stoppedMs = NaN;
        const observer = new MutationObserver(() => {
          if (Number.isNaN(stoppedMs) && pauseButton.textContent?.trim() === 'Play') {
            stoppedMs = performance.now() - start;
          }
          if (node.dataset.state === 'paused') {
            observer.disconnect();
            resolve({ stoppedMs, shownMs: performance.now() - start });
          }
        });
        observer.observe(node, {
          attributes: true,
          attributeFilter: ['data-state'],
          subtree: true,
          childList: true,
          characterData: true
        });
        pauseButton.click();
      })
  );
  const pauseMs = pause.stoppedMs;
  const epochAfterPause = Number(await widget.getAttribute('data-epoch'));
  await page.waitForTimeout(3000);
  const epochLater = Number(await widget.getAttribute('data-epoch'));
  const allTasks = await longTasks(page);
  const restingLines = await resting();
  const traced = await endTrace();
  await session.send('HeapProfiler.collectGarbage');
  const heapEnd = await heapUsed(session);
  await session.detach();

  const longest = (tasks: number[]) => (tasks.length ? Math.max(...tasks) : 0);
  const lines = [
    `NN Lab worst-case spec in Chromium (${(TRAIN_MS / 1000).toFixed(0)} s of training)`,
    `epoch reached before the pause: ${epochAtPause}`,
    `long tasks (> 50 ms) while training: ${trainingTasks.length}, longest ${longest(trainingTasks).toFixed(0)} ms`,
    `long tasks up to 3 s after the pause: ${allTasks.length - trainingTasks.length}, longest ${longest(allTasks.slice(trainingTasks.length)).toFixed(0)} ms`,
    `pause: training stopped (the worker's answer) ${pauseMs.toFixed(0)} ms after the click; ` +
      `the resting network shown after ${pause.shownMs.toFixed(0)} ms; ` +
      `epoch ${epochAfterPause} then, ${epochLater} 3 s later`,
    `longest draw per chart while training (ms): ${JSON.stringify(roundAll(drawsWhileTraining))}`,
    `longest draw per chart, training and resting (ms): ${JSON.stringify(roundAll(await longestDraws(page)))}`,
    `page heap: ${mb(heapBefore)} before Play, peak ${mb(heapPeak)} while training ` +
      `(samples ${samples.map(mb).join(', ')}), ${mb(heapEnd)} after the pause and a GC`,
    await pictureLine(page), // chart draws block (#12)
    await longTaskCauses(page) // chart draws block (#12)
  ];
  console.log([...lines, ...restingLines, ...traced].join('\n'));
  test.info().annotations.push({
    type: 'figures',
    description: JSON.stringify({
      trainingTasks,
      pause,
      drawsWhileTraining,
      heapBefore,
      heapPeak,
      heapEnd,
      samples,
      epochAtPause,
      epochLater
    })
  });
});
