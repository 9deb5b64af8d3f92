/**
 * Shared helpers for the NN Lab browser tests.
 *
 * The experiment widget publishes its state on its root node so tests can
 * follow training without reading pixels:
 *   - `data-epoch`: epochs trained so far (an integer);
 *   - `data-state`: `running` | `paused` | `done` | `error`.
 * Controls are found by their accessible names (aria-label or text), so the
 * tests keep working when the styling changes.
 */
import type { ConsoleMessage, Locator, Page } from '@playwright/test';
import { expect, galata } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';

/** The MIME type the Python helper and the renderer agree on. */
export const MIME_TYPE = 'application/vnd.nnlab.experiment.v1+json';

/** Name of the extension as JupyterLab lists it. */
export const EXTENSION_NAME = 'jupyterlab-nnlab';

/**
 * Selector for the root of one experiment widget. The class is the widget's
 * own; the attribute fallback keeps the tests usable if the class changes.
 */
export const EXPERIMENT = '.jp-NNLab-experiment, [data-nnlab-experiment]';

/** The classic opening cell of the lesson: XOR with a small ReLU network. */
export const XOR_CELL =
  'from jupyterlab_nnlab import Lab\n' +
  'Lab(data="xor", layers=[2, 4, 1], activation="relu", epochs=300)';

/**
 * Browser messages that say nothing about NN Lab: the server answers a few
 * optional endpoints with 404 while JupyterLab probes them.
 */
const IGNORED_ERRORS: RegExp[] = [
  /favicon/i,
  /Failed to load resource: the server responded with a status of 404/i
];

/** Errors seen by the page: console errors and uncaught exceptions. */
export interface IErrorLog {
  /** Every error so far, as text. */
  readonly messages: string[];
}

/**
 * Start recording console errors and uncaught page errors.
 *
 * Call this before `page.goto()` (or before the action under test) so that
 * errors raised while the extension activates are caught too.
 */
export function recordErrors(page: Page): IErrorLog {
  const messages: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') {
      return;
    }
    const text = message.text();
    if (!IGNORED_ERRORS.some(pattern => pattern.test(text))) {
      messages.push(`console.error: ${text}`);
    }
  });
  page.on('pageerror', (error: Error) => {
    messages.push(`pageerror: ${error.message}`);
  });
  return { messages };
}

/**
 * Replace the source of cell `index` of the active notebook.
 *
 * Galata's `setCell` types the text key by key, which takes seconds for a
 * few lines; the tests are about outputs, not typing, so we write the cell
 * model directly.
 */
export async function setCellSource(
  page: IJupyterLabPageFixture,
  index: number,
  source: string
): Promise<void> {
  await page.evaluate(
    ({ index, source }) => {
      const notebook = (window as any).jupyterapp.shell.currentWidget.content;
      notebook.widgets[index].model.sharedModel.setSource(source);
      notebook.activeCellIndex = index;
    },
    { index, source }
  );
}

/**
 * Create a notebook in the test's folder, put `source` into its first cell
 * and run it in a real Python kernel.
 *
 * Returns the locator of the first cell's output area.
 */
export async function runInNewNotebook(
  page: IJupyterLabPageFixture,
  source: string,
  name?: string
): Promise<Locator> {
  await page.notebook.createNew(name);
  await setCellSource(page, 0, source);
  await page.notebook.runCell(0);
  return page.locator('.jp-Cell').first().locator('.jp-OutputArea');
}

/** The experiment widget inside `scope` (an output area or the whole page). */
export function experimentIn(scope: Locator | Page): Locator {
  return scope.locator(EXPERIMENT).first();
}

/** The epoch the widget reports, or NaN while it has not reported one. */
export async function epochOf(widget: Locator): Promise<number> {
  const value = await widget.getAttribute('data-epoch');
  return value === null ? NaN : Number(value);
}

/** The widget's state: running, paused, done or error. */
export async function stateOf(widget: Locator): Promise<string | null> {
  return widget.getAttribute('data-state');
}

/** Wait until the widget has trained past `epoch`. */
export async function waitForEpochAbove(
  widget: Locator,
  epoch: number,
  timeout = 60_000
): Promise<number> {
  await expect
    .poll(() => epochOf(widget), {
      timeout,
      message: `epoch should pass ${epoch}`
    })
    .toBeGreaterThan(epoch);
  return epochOf(widget);
}

/** Wait until the widget reaches `state`. */
export async function waitForState(
  widget: Locator,
  state: string,
  timeout = 60_000
): Promise<void> {
  await expect(widget).toHaveAttribute('data-state', state, { timeout });
}

/**
 * A button of the experiment widget, found by its accessible name: its text,
 * e.g. `button(widget, 'Pause')`. The play button reads "Play" or "Pause"
 * depending on the state.
 */
export function button(widget: Locator, name: 'Play' | 'Pause' | 'Step' | 'Reset'): Locator {
  return widget.getByRole('button', { name, exact: true }).first();
}

/**
 * A button of the experiment widget whose accessible name matches `name`,
 * e.g. `control(widget, /play/i)`.
 */
export function control(widget: Locator, name: RegExp): Locator {
  return widget.getByRole('button', { name }).first();
}

/** A labelled select of the experiment widget, e.g. `selectField(widget, /speed/i)`. */
export function selectField(widget: Locator, label: RegExp): Locator {
  return widget.getByRole('combobox', { name: label }).first();
}

/**
 * Slow training down to `epochsPerSecond` (an option of the speed select) and
 * make sure it runs: a finished run starts again from epoch 0 when played.
 */
export async function trainAt(widget: Locator, epochsPerSecond: number): Promise<void> {
  await selectField(widget, /speed/i).selectOption(String(epochsPerSecond));
  if ((await stateOf(widget)) !== 'running') {
    await button(widget, 'Play').click();
  }
  await waitForState(widget, 'running');
}

/** Sleep for a short, fixed time: used only to let a paused widget prove it stays still. */
export function settle(page: Page, ms: number): Promise<void> {
  return page.waitForTimeout(ms);
}

/**
 * Settings that lay out every cell of a notebook, also those scrolled out of sight, so that
 * every experiment trains and can be measured (`test.use({ mockSettings: ALL_CELLS_LAID_OUT })`).
 */
export const ALL_CELLS_LAID_OUT = {
  ...galata.DEFAULT_SETTINGS,
  '@jupyterlab/notebook-extension:tracker': {
    ...galata.DEFAULT_SETTINGS['@jupyterlab/notebook-extension:tracker'],
    windowingMode: 'none'
  }
};

/** Resize the viewport until the notebook's output areas are `width` px wide. */
export async function setOutputWidth(page: Page, width: number): Promise<void> {
  const output = page.locator('.jp-NotebookPanel:visible .jp-OutputArea-output').first();
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = (await output.boundingBox())?.width ?? 0;
    const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
    if (Math.abs(current - width) < 1) {
      return;
    }
    await page.setViewportSize({
      width: Math.round(viewport.width + width - current),
      height: viewport.height
    });
    await page.waitForTimeout(300);
  }
}

/** A chart's drawing: its Plotly plot, or the network view's units. */
export const CHART_DRAWN = '.main-svg, .jp-NNLab-unit';

/**
 * Wait until every experiment of the open notebook has stopped training (within `timeout`
 * ms each), then scroll each chart into sight (a chart is first drawn, and a chart out of
 * sight brought up to date, as it comes near the screen) until it is drawn, and wait until
 * no chart changes any more.
 */
export async function settleCharts(page: Page, timeout = 60_000): Promise<void> {
  const widgets = page.locator('.jp-NotebookPanel:visible').locator(EXPERIMENT);
  const n = await widgets.count();
  for (let i = 0; i < n; i++) {
    await expect(widgets.nth(i)).not.toHaveAttribute('data-state', 'running', { timeout });
  }
  const charts = page.locator('.jp-NotebookPanel:visible .jp-NNLab-chart');
  const count = await charts.count();
  for (let i = 0; i < count; i++) {
    await charts.nth(i).scrollIntoViewIfNeeded();
    await expect(charts.nth(i).locator(CHART_DRAWN).first()).toBeAttached({ timeout: 30_000 });
    await page.waitForTimeout(150);
  }
  await chartsAtRest(page);
}

/**
 * Wait until the charts of the open notebook have not changed (their elements and sizes)
 * for `quietMs` (a second), or `timeout` ms have passed.
 */
export async function chartsAtRest(
  page: Page,
  { quietMs = 1000, timeout = 30_000 }: { quietMs?: number; timeout?: number } = {}
): Promise<void> {
  const state = () =>
    page.evaluate(() =>
      Array.from(
        document.querySelectorAll<HTMLElement>(
          '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-NNLab-chart'
        )
      )
        .map(chart => `${chart.getElementsByTagName('*').length}:${chart.offsetHeight}`)
        .join(',')
    );
  const start = Date.now();
  let last = await state();
  let since = Date.now();
  while (Date.now() - start < timeout && Date.now() - since < quietMs) {
    await page.waitForTimeout(200);
    const now = await state();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}

/** The notebook metadata of a saved Python notebook. */
const NOTEBOOK_METADATA = {
  kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
  language_info: { name: 'python' }
};

/** A saved nbformat 4 notebook (no outputs) whose code cells hold `sources`. */
export function notebookOf(...sources: string[]): string {
  return JSON.stringify({
    cells: sources.map((source, index) => ({
      cell_type: 'code',
      execution_count: null,
      id: `cell-${index}`,
      metadata: {},
      outputs: [],
      source
    })),
    metadata: NOTEBOOK_METADATA,
    nbformat: 4,
    nbformat_minor: 5
  });
}

/**
 * A saved notebook with one cell per spec, each holding that experiment's output as a saved
 * notebook would (cell ids `<idPrefix>-<i>`).
 */
export function notebookWithOutputs(specs: readonly object[], idPrefix: string): string {
  return JSON.stringify({
    cells: specs.map((spec, i) => ({
      cell_type: 'code',
      execution_count: i + 1,
      id: `${idPrefix}-${i}`,
      metadata: {},
      source: ['# saved output'],
      outputs: [
        {
          output_type: 'execute_result',
          execution_count: i + 1,
          metadata: {},
          data: { [MIME_TYPE]: spec, 'text/plain': ['<NN Lab experiment>'] }
        }
      ]
    })),
    metadata: NOTEBOOK_METADATA,
    nbformat: 4,
    nbformat_minor: 5
  });
}

/**
 * A minimal nbformat 4 notebook whose first cell already holds an NN Lab
 * output, as a saved notebook would.
 */
export function notebookWithExperiment(spec: Record<string, unknown>): string {
  const notebook = {
    cells: [
      {
        cell_type: 'code',
        execution_count: 1,
        id: 'nnlab-saved-cell',
        metadata: {},
        source: ['from jupyterlab_nnlab import Lab\n', 'Lab(data="xor")'],
        outputs: [
          {
            output_type: 'execute_result',
            execution_count: 1,
            metadata: {},
            data: {
              [MIME_TYPE]: spec,
              'text/plain': ['<NN Lab experiment>']
            }
          }
        ]
      }
    ],
    metadata: NOTEBOOK_METADATA,
    nbformat: 4,
    nbformat_minor: 5
  };
  return JSON.stringify(notebook, null, 1);
}

/**
 * Trust every cell of the current notebook, as a user does with "Trust Notebook": a notebook
 * uploaded by a test opens untrusted, and untrusted experiments wait for a click. The
 * renderer then rebuilds each experiment, which plays as its spec says.
 */
export async function trustCurrentNotebook(page: Page): Promise<void> {
  await page.evaluate(() => {
    const cells = (window as any).jupyterapp.shell.currentWidget.content.model.cells;
    for (let i = 0; i < cells.length; i++) {
      cells.get(i).trusted = true;
    }
  });
}
