/**
 * Opening a notebook that uses NN Lab prepares the experiment view (its code, Plotly and
 * Plotly's one-time set-up) before any cell runs; opening one without NN Lab loads nothing
 * more than JupyterLab's start-up did. Timing lives in bench/startup.spec.ts.
 */
import { expect, test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { EXTENSION_NAME, notebookOf, recordErrors, XOR_CELL } from '../support/nnlab';

/** Open `path` with the document manager, as a double click in the file browser does. */
async function open(page: IJupyterLabPageFixture, path: string): Promise<void> {
  await page.evaluate(async (path: string) => {
    const app = (window as any).jupyterapp;
    const widget = await app.commands.execute('docmanager:open', { path });
    await widget.context.ready;
  }, path);
}

/** NN Lab's script files the page has loaded, and the `nnlab:*` marks set so far. */
async function loaded(page: IJupyterLabPageFixture): Promise<{ files: string[]; marks: string[] }> {
  return page.evaluate((name: string) => {
    const files = performance
      .getEntriesByType('resource')
      .map(entry => entry.name)
      .filter(url => url.includes(`/extensions/${name}/`) && /\.js(\?|$)/.test(url));
    const marks = performance
      .getEntriesByType('mark')
      .map(entry => entry.name)
      .filter(mark => mark.startsWith('nnlab:'));
    return { files: [...new Set(files)].sort(), marks };
  }, EXTENSION_NAME);
}

test.describe('Preparing the experiment view when a notebook is opened', () => {
  test('a notebook with NN Lab cells prepares it, one without loads nothing', async ({
    page,
    tmpPath
  }) => {
    const errors = recordErrors(page);
    await page.contents.uploadContent(
      notebookOf('import numpy as np\nnp.ones(3).sum()', 'print("jupyterlab")'),
      'text',
      `${tmpPath}/plain.ipynb`
    );
    await page.contents.uploadContent(notebookOf(XOR_CELL), 'text', `${tmpPath}/lesson.ipynb`);
    await page.waitForTimeout(1500);
    const startup = await loaded(page);

    await open(page, `${tmpPath}/plain.ipynb`);
    // Past the idle check (at most two seconds after opening) and a typing pause.
    await page.waitForTimeout(3500);
    const plain = await loaded(page);
    expect(plain.files).toEqual(startup.files);
    expect(plain.marks).toEqual([]);

    await open(page, `${tmpPath}/lesson.ipynb`);
    await page.waitForFunction(
      () => performance.getEntriesByName('nnlab:plotly-warmed').length > 0,
      undefined,
      { timeout: 60_000 }
    );
    const lesson = await loaded(page);
    expect(lesson.marks).toEqual(['nnlab:prefetch', 'nnlab:plotly-loaded', 'nnlab:plotly-warmed']);
    expect(lesson.files.length).toBeGreaterThan(startup.files.length);
    // The warm-up's figure is gone, and no cell has run.
    expect(await page.locator('.js-plotly-plot').count()).toBe(0);
    expect(await page.locator('.jp-OutputArea-output').count()).toBe(0);
    expect(errors.messages).toEqual([]);
  });
});
