/**
 * The anywidget path in JupyterLab, forced with `jupyterlab_nnlab.renderer = "widget"`: the
 * widget trains in the page, and later cells read its results and drive it from Python.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import {
  experimentIn,
  runInNewNotebook,
  selectField,
  setCellSource,
  stateOf,
  waitForEpochAbove,
  waitForState
} from '../support/nnlab';

const SHOTS = process.env.NNLAB_SHOTS;

const SETUP = [
  'import json',
  'import jupyterlab_nnlab',
  'from jupyterlab_nnlab import Lab',
  'jupyterlab_nnlab.renderer = "widget"',
  'lab = Lab(data="xor", layers=[2, 4, 1], activation="relu", rng="numpy", seed=1,',
  '          epochs=20000, autoplay=False, views=["boundary", "loss"])',
  'lab'
].join('\n');

const READ = [
  'import json',
  'W = lab.weights()',
  'W0 = lab.initial_weights()',
  'h = lab.history',
  'print("RESULT " + json.dumps({',
  '    "shapes": [[list(w.shape), list(b.shape)] for w, b in W],',
  '    "initial": [[list(w.shape), list(b.shape)] for w, b in W0],',
  '    "changed": any(bool((w != w0).any()) for (w, _), (w0, _) in zip(W, W0)),',
  '    "epoch": int(h.epoch.iloc[-1]),',
  '    "loss": float(h.train_loss.iloc[-1]),',
  '    "rows": len(h),',
  '    "state": lab.state,',
  '}))'
].join('\n');

/** Add a code cell at the end holding `source`, run it and return its output area. */
async function runNewCell(page: IJupyterLabPageFixture, source: string): Promise<Locator> {
  const count = await page.notebook.getCellCount();
  await page.notebook.addCell('code', '');
  await setCellSource(page, count, source);
  await page.notebook.runCell(count);
  return page.locator('.jp-Cell').nth(count).locator('.jp-OutputArea');
}

/** The JSON a READ cell printed. */
async function resultOf(output: Locator): Promise<any> {
  await expect(output).toContainText('RESULT', { timeout: 30_000 });
  const text = await output.innerText();
  return JSON.parse(
    text
      .slice(text.indexOf('RESULT ') + 7)
      .trim()
      .split('\n')[0]
  );
}

test.describe('NN Lab as an anywidget in JupyterLab', () => {
  // Each test runs several cells in a real kernel, on a machine shared with other work.
  test.describe.configure({ timeout: 240_000 });

  test('trains, reports history and weights, and obeys play/pause from Python', async ({
    page
  }) => {
    const output = await runInNewNotebook(page, SETUP);
    const widget = experimentIn(output);
    await expect(widget).toBeVisible({ timeout: 60_000 });
    // The anywidget root, not the MIME renderer, shows it.
    await expect(output.locator('.jp-NNLab-anywidget')).toHaveCount(1);
    await expect(output.locator('.jp-NNLab-renderer')).toHaveCount(0);
    expect(await stateOf(widget)).toBe('paused');

    // Slow enough that Python can pause it before the end; then Python starts it ...
    await selectField(widget, /speed/i).selectOption('100');
    await runNewCell(page, 'lab.play()');
    await waitForState(widget, 'running');
    await waitForEpochAbove(widget, 200);
    // ... and stops it.
    await runNewCell(page, 'lab.pause()');
    await waitForState(widget, 'paused');
    const epoch = Number(await widget.getAttribute('data-epoch'));
    expect(epoch).toBeGreaterThan(200);
    const readout = await widget.locator('.jp-NNLab-readout').innerText();
    const shown = Number(/loss per point: train\s*([0-9.e+-]+)/i.exec(readout)?.[1]);

    const result = await resultOf(await runNewCell(page, READ));
    expect(result.shapes).toEqual(result.initial);
    expect(result.shapes).toEqual([
      [[2, 4], [4]],
      [[4, 1], [1]]
    ]);
    expect(result.changed).toBe(true);
    expect(result.epoch).toBe(epoch);
    expect(result.rows).toBe(epoch + 1);
    expect(result.state).toMatchObject({ epoch, running: false, done: false, error: null });
    // The final loss is the one the widget shows (to the readout's 4 significant digits).
    expect(Math.abs(result.loss - shown)).toBeLessThanOrEqual(Math.abs(shown) * 1e-3 + 1e-9);

    // A step from Python trains exactly that many epochs, and Python sees them.
    await runNewCell(page, 'lab.step(5)');
    await expect(widget).toHaveAttribute('data-epoch', String(epoch + 5));
    const after = await resultOf(await runNewCell(page, READ));
    expect(after.epoch).toBe(epoch + 5);

    if (SHOTS) {
      await output.screenshot({ path: path.join(SHOTS, 'lab-widget.png') });
    }
  });

  test('displayed twice, both displays train and Python still reads the results', async ({
    page
  }) => {
    const output = await runInNewNotebook(page, SETUP);
    await expect(experimentIn(output)).toBeVisible({ timeout: 60_000 });
    const second = await runNewCell(page, 'lab');
    const again = experimentIn(second);
    await expect(again).toBeVisible({ timeout: 60_000 });
    await runNewCell(page, 'lab.step(40)');
    await expect(experimentIn(output)).toHaveAttribute('data-epoch', '40');
    await expect(again).toHaveAttribute('data-epoch', '40');
    const result = await resultOf(await runNewCell(page, READ));
    expect(result.epoch).toBe(40);
    expect(result.rows).toBe(41);
  });

  test('the lesson notebook: K from lab.weights() reproduces the trained network', async ({
    page,
    tmpPath
  }) => {
    const name = 'results-in-python.ipynb';
    const source = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', name), 'utf-8');
    await page.contents.uploadContent(source, 'text', `${tmpPath}/${name}`);
    await page.filebrowser.openDirectory(tmpPath);
    await page.notebook.openByPath(`${tmpPath}/${name}`);
    await page.notebook.activate(name);
    const nb = JSON.parse(source);
    const code = nb.cells
      .map((cell: { cell_type: string }, i: number) => (cell.cell_type === 'code' ? i : -1))
      .filter((i: number) => i >= 0);
    await page.notebook.runCell(code[0]);
    const widget = experimentIn(page.locator('.jp-Cell').nth(code[0]).locator('.jp-OutputArea'));
    await waitForState(widget, 'done', 120_000);
    await expect(widget).toHaveAttribute('data-epoch', '300');
    const last = code[code.length - 1];
    await page.notebook.runCell(last);
    const text = await page.locator('.jp-Cell').nth(last).locator('.jp-OutputArea').innerText();
    expect(text).toContain('shapes: [((3, 4), (4,)), ((4, 10), (10,)), ((10, 1), (1,))]');
    const diff = Number(/largest \|x K \+ c - network\|: (\S+)/.exec(text)?.[1]);
    expect(diff).toBeLessThan(1e-9);
    const numpyLoss = Number(/loss from NumPy: (\S+)/.exec(text)?.[1]);
    const reported = Number(/loss the widget reported: (\S+)/.exec(text)?.[1]);
    expect(Math.abs(numpyLoss - reported)).toBeLessThanOrEqual(1e-9 * Math.max(1, reported));
    if (SHOTS) {
      await page.screenshot({ path: path.join(SHOTS, 'lesson-K.png'), fullPage: true });
    }
  });
});
