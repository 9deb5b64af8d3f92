/**
 * What NN Lab costs JupyterLab's start-up, and how soon a cell shows its first chart.
 *
 * One run, in Chromium, against the extension installed in the Python environment:
 *   - the JavaScript files the page has loaded once JupyterLab is ready, with no NN Lab
 *     widget anywhere: NN Lab's files (its labextension folder) next to all files, raw and
 *     gzipped (gzip computed here, level 9, since the test server sends them uncompressed);
 *     and the Web Workers running at that point;
 *   - the same after the first experiment has drawn its first chart (Plotly included);
 *   - the same once a notebook without NN Lab is open and its kernel idle (nothing of NN
 *     Lab's heavy parts may load for it);
 *   - Shift+Enter to the first chart: the first cell of a fresh kernel (the kernel is
 *     started and idle before the key is pressed; its start-up is reported beside) and
 *     warm cells in the same notebook (the median). Timed in the page, from the key's
 *     keydown to the frame after the chart's SVG is in the document. Two first cells, each
 *     in a page where nothing of NN Lab's experiment view has loaded yet:
 *       - cold: the NN Lab cell typed into a new notebook without NN Lab content and run at
 *         once, so the experiment view, Plotly and a worker load from Shift+Enter on
 *         (src/prefetch.ts's prefetch at execution);
 *       - opened: a saved notebook whose first cell is the NN Lab cell is opened (after the
 *         page is reloaded), its kernel starts, and the key is pressed as soon as the kernel
 *         is idle: the teaching case, where src/prefetch.ts has loaded the view, Plotly and
 *         its set-up while the kernel started (when each of those was ready is printed);
 *   - where that time goes: the kernel's messages (execute_request sent, display_data or
 *     execute_result received, and the kernel's own execution time from execute_reply's
 *     `started` and header dates) and the `nnlab:*` performance marks the extension sets on
 *     the way (src/core/marks.ts: renderer called, view code loaded, spec validated, Plotly
 *     loaded, worker taken, first snapshots received, Plotly ready, first chart drawn, first
 *     trained snapshots), each in ms after the keydown;
 *   - the peer of a warm chart: Shift+Enter to the output of a plain cell (`1 + 1`), timed
 *     the same way between the warm NN Lab cells, which is what JupyterLab, the server and
 *     the kernel take for any cell under the same load; and the peer of a first chart: the
 *     same plain cell as the first cell of a fresh kernel in a notebook just opened;
 *   - the load average of the machine before and after, since the figures move with it.
 * The numbers are printed; a benchmark never asserts them.
 */
import { test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import { cpus, loadavg } from 'os';
import { gzipSync } from 'zlib';
import { EXTENSION_NAME, notebookOf, setCellSource } from '../ui-tests/support/nnlab';

/** A cell that draws a chart as soon as it trains. */
const cell = (seed: number): string =>
  'from jupyterlab_nnlab import Lab\n' +
  `Lab(data="xor", layers=[2, 4, 1], activation="relu", epochs=300, seed=${seed})`;

interface IBytes {
  files: number;
  raw: number;
  gzip: number;
}

interface ILoaded {
  nnlab: IBytes;
  all: IBytes;
  /** NN Lab's files, each as "name gzip-KB". */
  nnlabFiles: string[];
}

/** Sizes of each URL, fetched once. */
const sizes = new Map<string, { raw: number; gzip: number }>();

/** The JavaScript files the page has loaded so far, NN Lab's apart from the total. */
async function loadedScripts(page: Page): Promise<ILoaded> {
  const urls: string[] = await page.evaluate(() =>
    Array.from(
      new Set(
        performance
          .getEntriesByType('resource')
          .map(entry => entry.name.split('#')[0])
          .filter(name => /\.js(\?|$)/.test(name))
      )
    )
  );
  const nnlab: IBytes = { files: 0, raw: 0, gzip: 0 };
  const all: IBytes = { files: 0, raw: 0, gzip: 0 };
  const nnlabFiles: string[] = [];
  for (const url of urls) {
    let size = sizes.get(url);
    if (!size) {
      const body = await (await page.request.get(url)).body();
      size = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
      sizes.set(url, size);
    }
    const add = (to: IBytes) => {
      to.files += 1;
      to.raw += size!.raw;
      to.gzip += size!.gzip;
    };
    add(all);
    if (url.includes(`/extensions/${EXTENSION_NAME}/`)) {
      add(nnlab);
      const name = url.split('?')[0].split('/').pop() ?? url;
      nnlabFiles.push(`${name} ${kb(size.gzip)}`);
    }
  }
  return { nnlab, all, nnlabFiles };
}

/** Wait until the current notebook's kernel is started and idle. */
async function kernelIdle(page: IJupyterLabPageFixture): Promise<void> {
  await page.evaluate(async () => {
    const panel = (window as any).jupyterapp.shell.currentWidget;
    await panel.sessionContext.ready;
    const deadline = performance.now() + 120_000;
    while (panel.sessionContext.session?.kernel?.status !== 'idle') {
      if (performance.now() > deadline) {
        throw new Error('the kernel did not become idle');
      }
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  });
}

interface ITiming {
  /** Shift+Enter to the renderer's element in the output: the kernel's part. */
  output: number;
  /** Shift+Enter to the frame after the first chart's SVG is in the document. */
  chart: number;
  /** Milliseconds after the keydown of each phase (kernel messages and `nnlab:*` marks). */
  phases: Record<string, number>;
  /**
   * `nnlab:*` marks set before the keydown but after `since` (the notebook's opening):
   * milliseconds relative to the keydown, so negative.
   */
  before: Record<string, number>;
}

/** The phases printed, in order: kernel messages, then the extension's marks. */
const PHASES = [
  'execute_request sent',
  'output received (execute_result)',
  'nnlab:prefetch',
  'nnlab:render',
  'nnlab:view-loaded',
  'nnlab:spec-validated',
  'nnlab:plotly-loaded',
  'nnlab:plotly-warmed',
  'nnlab:worker-taken',
  'nnlab:first-snapshots',
  'nnlab:plotly-ready',
  'nnlab:first-draw-start',
  'nnlab:first-draw-end',
  'chart in the page (next frame)',
  'nnlab:first-trained-snapshots'
];

/**
 * Milliseconds from Shift+Enter in cell `index` to its output and to its first chart.
 * `since` (the page's `performance.now()`, default: now) is where marks set before the key
 * start to count.
 */
async function shiftEnterToChart(
  page: IJupyterLabPageFixture,
  index: number,
  since?: number
): Promise<ITiming> {
  const args = { index, since: since ?? null };
  await page.evaluate(({ index, since }: typeof args) => {
    const w = window as any;
    const from = since ?? performance.now();
    w.__nnlabChart = new Promise<ITiming>(resolve => {
      let start = 0;
      let output = 0;
      const phases: Record<string, number> = {};
      const at = (name: string, time = performance.now()) => {
        if (start && phases[name] === undefined) {
          phases[name] = time - start;
        }
      };
      // The kernel's messages: when the request left, when the display came back, and how
      // long the kernel itself executed the cell (execute_reply: header date - started).
      const kernel = w.jupyterapp.shell.currentWidget.sessionContext.session?.kernel;
      const onMessage = (_: unknown, args: { direction: string; msg: any }) => {
        const type = args.msg?.header?.msg_type;
        if (args.direction === 'send' && type === 'execute_request') {
          at('execute_request sent');
        } else if (
          args.direction === 'recv' &&
          (type === 'execute_result' || type === 'display_data')
        ) {
          at('output received (execute_result)');
        } else if (args.direction === 'recv' && type === 'execute_reply') {
          const started = Date.parse(args.msg.metadata?.started ?? '');
          const done = Date.parse(args.msg.header?.date ?? '');
          if (Number.isFinite(started) && Number.isFinite(done)) {
            phases['kernel execution (execute_reply)'] = done - started;
          }
        }
      };
      kernel?.anyMessage.connect(onMessage);
      const onKey = (event: KeyboardEvent) => {
        if (event.key === 'Enter' && event.shiftKey && !start) {
          start = performance.now();
        }
      };
      document.addEventListener('keydown', onKey, { capture: true });
      const finish = () => {
        at('chart in the page (next frame)');
        const before: Record<string, number> = {};
        for (const entry of performance.getEntriesByType('mark')) {
          if (!entry.name.startsWith('nnlab:')) {
            continue;
          }
          if (entry.startTime >= start) {
            at(entry.name, entry.startTime);
          } else if (entry.startTime >= from) {
            before[entry.name] = entry.startTime - start;
          }
        }
        return { output, chart: performance.now() - start, phases, before };
      };
      const observer = new MutationObserver(() => {
        const notebook = w.jupyterapp.shell.currentWidget.content;
        const cell = notebook.widgets[index]?.node as HTMLElement | undefined;
        if (start && !output && cell?.querySelector('.jp-OutputArea .jp-NNLab-renderer')) {
          output = performance.now() - start;
        }
        const chart = cell?.querySelector('.jp-OutputArea .main-svg');
        if (start && chart) {
          observer.disconnect();
          document.removeEventListener('keydown', onKey, { capture: true });
          requestAnimationFrame(() => {
            const timing = finish();
            // The first trained snapshots come after the first chart: wait for them briefly.
            setTimeout(() => {
              kernel?.anyMessage.disconnect(onMessage);
              for (const entry of performance.getEntriesByType('mark')) {
                if (entry.name === 'nnlab:first-trained-snapshots' && entry.startTime >= start) {
                  at(entry.name, entry.startTime);
                }
              }
              resolve(timing);
            }, 1500);
          });
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
  }, args);
  await page.notebook.enterCellEditingMode(index);
  await page.keyboard.press('Shift+Enter');
  return page.evaluate(() => (window as any).__nnlabChart as Promise<ITiming>);
}

/**
 * Milliseconds from Shift+Enter in cell `index` to the frame after its output is in the page:
 * the peer of a chart, for a cell that only prints (`1 + 1`). What JupyterLab, the server and
 * the kernel take for any cell, under the same load.
 */
async function shiftEnterToOutput(page: IJupyterLabPageFixture, index: number): Promise<number> {
  await page.evaluate((index: number) => {
    const w = window as any;
    w.__nnlabOutput = new Promise<number>(resolve => {
      let start = 0;
      const onKey = (event: KeyboardEvent) => {
        if (event.key === 'Enter' && event.shiftKey && !start) {
          start = performance.now();
        }
      };
      document.addEventListener('keydown', onKey, { capture: true });
      const observer = new MutationObserver(() => {
        const notebook = w.jupyterapp.shell.currentWidget.content;
        const cell = notebook.widgets[index]?.node as HTMLElement | undefined;
        if (start && cell?.querySelector('.jp-OutputArea-output')) {
          observer.disconnect();
          document.removeEventListener('keydown', onKey, { capture: true });
          requestAnimationFrame(() => resolve(performance.now() - start));
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
  }, index);
  await page.notebook.enterCellEditingMode(index);
  await page.keyboard.press('Shift+Enter');
  return page.evaluate(() => (window as any).__nnlabOutput as Promise<number>);
}

/** Warm cells timed after the first one; the median is reported. */
const WARM_RUNS = Number(process.env.NNLAB_BENCH_WARM ?? 5);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const timing = (t: ITiming): string =>
  `${t.chart.toFixed(0)} ms (output in the page after ${t.output.toFixed(0)} ms)`;

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * One row per phase: ms after the keydown in the first cell typed into a new notebook, in the
 * first cell of a notebook opened with NN Lab cells, and the median of the warm ones.
 */
function phaseTable(first: ITiming, opened: ITiming, warm: ITiming[]): string[] {
  const cell = (value: number | undefined) =>
    (value === undefined ? '-' : value.toFixed(0)).padStart(8);
  const warmMedian = (name: string) => {
    const values = warm.map(t => t.phases[name]).filter((v): v is number => v !== undefined);
    return values.length ? median(values) : undefined;
  };
  const rows = [...PHASES, 'kernel execution (execute_reply)'].map(
    name =>
      `  ${name.padEnd(38)} ${cell(first.phases[name])} ${cell(warmMedian(name))} ` +
      `${cell(opened.phases[name] ?? opened.before[name])}`
  );
  return [
    `  ${'phase (ms after Shift+Enter)'.padEnd(38)} ${'first'.padStart(8)} ` +
      `${'warm'.padStart(8)} ${'opened'.padStart(8)}`,
    ...rows
  ];
}

const load = (): string =>
  loadavg()
    .map(v => v.toFixed(2))
    .join(' ');

function bytesLine(label: string, loaded: ILoaded): string {
  const { nnlab, all } = loaded;
  const share = all.gzip ? ((100 * nnlab.gzip) / all.gzip).toFixed(1) : '0';
  return (
    `${label.padEnd(26)} NN Lab ${String(nnlab.files).padStart(2)} files ` +
    `${kb(nnlab.raw).padStart(10)} raw ${kb(nnlab.gzip).padStart(9)} gzip | ` +
    `JupyterLab total ${String(all.files).padStart(3)} files ${kb(all.raw).padStart(10)} raw ` +
    `${kb(all.gzip).padStart(9)} gzip | NN Lab ${share}% of gzip`
  );
}

/** Open the saved notebook `path`, in a page where nothing of it has run; time its kernel. */
async function openNotebook(
  page: IJupyterLabPageFixture,
  path: string
): Promise<{ since: number; kernelMs: number }> {
  const since: number = await page.evaluate(() => performance.now());
  const opened = Date.now();
  // The document manager's command, as a double click in the file browser runs it.
  await page.evaluate(async (path: string) => {
    const app = (window as any).jupyterapp;
    const widget = await app.commands.execute('docmanager:open', { path });
    await widget.context.ready;
    app.shell.activateById(widget.id);
  }, path);
  await kernelIdle(page);
  return { since, kernelMs: Date.now() - opened };
}

/** When each part of the prefetch was ready, in ms before the key (marks set before it). */
const prepared = (t: ITiming): string =>
  ['nnlab:prefetch', 'nnlab:plotly-loaded', 'nnlab:plotly-warmed']
    .map(name => `${name.slice(6)} ${t.before[name]?.toFixed(0) ?? '(not before the key)'}`)
    .join(', ');

test.describe('NN Lab start-up cost', () => {
  test('bytes at start-up and at the first widget, time to first chart', async ({
    page,
    tmpPath
  }) => {
    const loadBefore = load();
    // Galata has opened JupyterLab and waited for it; let late chunks and plugins settle.
    await page.waitForTimeout(2000);
    const startup = await loadedScripts(page);
    const target = page.context().pages()[0];
    const startupWorkers = target.workers().length;

    const created = Date.now();
    await page.notebook.createNew();
    await kernelIdle(page);
    const kernelMs = Date.now() - created;
    // A notebook without NN Lab, open with its kernel idle: past the prefetch's idle check.
    await page.waitForTimeout(2500);
    const plainOpen = await loadedScripts(page);
    const plainOpenWorkers = target.workers().length;

    const loadCold = load();
    await setCellSource(page, 0, cell(1));
    const firstCell = await shiftEnterToChart(page, 0);
    const firstWidget = await loadedScripts(page);

    // Shift+Enter on the last cell adds a new one below it, where the next run goes.
    // Warm NN Lab cells, each after a plain cell (the peer), so both meet the same load.
    const warm: ITiming[] = [];
    const plain: number[] = [];
    for (let run = 1; run <= WARM_RUNS; run++) {
      await page.waitForTimeout(1000);
      await setCellSource(page, 2 * run - 1, `${run} + 1`);
      plain.push(await shiftEnterToOutput(page, 2 * run - 1));
      await page.waitForTimeout(300);
      await setCellSource(page, 2 * run, cell(run + 1));
      warm.push(await shiftEnterToChart(page, 2 * run));
    }
    const warmMedian = {
      output: median(warm.map(t => t.output)),
      chart: median(warm.map(t => t.chart))
    };

    // The teaching case: a page where nothing of NN Lab's view has loaded yet opens a saved
    // notebook whose first cell is an experiment. First the peer: a plain first cell. The
    // notebook above is closed, so that the reloaded page does not restore it.
    await page.evaluate(() => {
      const widget = (window as any).jupyterapp.shell.currentWidget;
      widget.context.model.dirty = false;
      widget.dispose();
    });
    await page.waitForTimeout(1000);
    await page.contents.uploadContent(notebookOf('1 + 1'), 'text', `${tmpPath}/plain.ipynb`);
    await page.contents.uploadContent(notebookOf(cell(20)), 'text', `${tmpPath}/lesson.ipynb`);
    await page.goto();
    await page.waitForTimeout(2000);
    const loadOpened = load();
    await openNotebook(page, `${tmpPath}/plain.ipynb`);
    const plainFirst = await shiftEnterToOutput(page, 0);
    const afterPlain = await loadedScripts(page);
    const lesson = await openNotebook(page, `${tmpPath}/lesson.ipynb`);
    const openedCell = await shiftEnterToChart(page, 0, lesson.since);

    console.log(
      [
        '',
        'NN Lab start-up cost (bench/startup.spec.ts)',
        bytesLine('at start-up (no widget)', startup),
        `  NN Lab's files at start-up (gzip): ${startup.nnlabFiles.join(', ')}`,
        bytesLine('notebook without NN Lab', plainOpen),
        bytesLine('after the first chart', firstWidget),
        `Web Workers at start-up: ${startupWorkers}; with a notebook without NN Lab open: ` +
          `${plainOpenWorkers}`,
        `Shift+Enter to first chart, first cell of a fresh kernel: ${timing(firstCell)}` +
          `; the kernel's start-up before it, not included: ${kernelMs} ms` +
          ` (cold: typed into a new notebook and run at once; load ${loadCold})`,
        `Shift+Enter to first chart, first cell of a fresh kernel, notebook opened with NN Lab ` +
          `cells: ${timing(openedCell)}; the kernel's start-up before it, not included: ` +
          `${lesson.kernelMs} ms; ready before the key (ms): ${prepared(openedCell)} ` +
          `(load ${loadOpened})`,
        `Shift+Enter to first chart, warm, median of ${warm.length}: ${timing(warmMedian)}` +
          `; all: ${warm.map(t => t.chart.toFixed(0)).join(', ')} ms`,
        `Peer: Shift+Enter to the output of a plain cell (1 + 1), warm, median of ` +
          `${plain.length}: ${median(plain).toFixed(0)} ms; all: ` +
          `${plain.map(t => t.toFixed(0)).join(', ')} ms (JupyterLab, server and kernel alone)`,
        `Peer: Shift+Enter to the output of a plain cell (1 + 1), first cell of a fresh kernel ` +
          `in a notebook just opened: ${plainFirst.toFixed(0)} ms (NN Lab files loaded by then: ` +
          `${afterPlain.nnlab.files}, ${kb(afterPlain.nnlab.gzip)} gzip)`,
        'Where the time goes (first: cold first cell; warm: median of the warm cells; opened:',
        'first cell of the notebook opened with NN Lab cells, negative = before the key):',
        ...phaseTable(firstCell, openedCell, warm),
        `Load average (1, 5, 15 min): before ${loadBefore}, after ${load()} ` +
          `(${cpus().length} cores)`,
        ''
      ].join('\n')
    );
  });
});
