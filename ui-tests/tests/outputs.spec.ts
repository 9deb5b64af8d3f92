/**
 * NN Lab outputs outside the happy path: a spec the renderer rejects, a run
 * that diverges, a notebook nobody has trusted and a notebook saved and
 * opened again, and controls that have nothing to act on.
 */
import { expect, test } from '@jupyterlab/galata';
import {
  button,
  EXPERIMENT,
  experimentIn,
  MIME_TYPE,
  notebookWithExperiment,
  notebookWithOutputs,
  runInNewNotebook,
  waitForEpochAbove,
  waitForState,
  XOR_CELL
} from '../support/nnlab';

/** Python that displays `spec` (a Python literal) under NN Lab's MIME type, bypassing Lab(). */
function displaySpec(spec: string): string {
  return 'from IPython.display import display\n' + `display({"${MIME_TYPE}": ${spec}}, raw=True)`;
}

test.describe('NN Lab outputs', () => {
  test('an invalid spec shows an error naming the field', async ({ page }) => {
    const output = await runInNewNotebook(
      page,
      displaySpec('{"data": {"name": "xor"}, "training": {"learningRate": -1}}')
    );
    await expect(output).toContainText(/learningRate/, { timeout: 30_000 });
    // Nothing trains from a rejected spec.
    await expect(output.locator('.main-svg')).toHaveCount(0);
  });

  test('a diverging run stops and says so', async ({ page }) => {
    // Inputs and targets in the thousands with plain gradient descent at the largest
    // allowed learning rate: every step overshoots and the loss overflows to infinity.
    const spec =
      '{"data": {"name": "custom", "x": [[1000, 1000], [-1000, 1000], [1000, -1000], [-1000, -1000]],' +
      ' "y": [[1000], [-1000], [-1000], [1000]]},' +
      ' "network": {"layers": [2, 4, 1], "activation": "identity", "output": "identity"},' +
      ' "training": {"loss": "mse", "optimizer": "sgd", "learningRate": 10, "epochs": 500}}';
    const output = await runInNewNotebook(page, displaySpec(spec));
    const widget = experimentIn(output);
    await waitForState(widget, 'error');
    await expect(widget).toContainText(/diverge|not finite|non-finite|infinit|NaN/i);
  });

  test('an untrusted notebook still renders the widget', async ({ page, tmpPath }) => {
    // Written by the server, not by this browser: JupyterLab has no signature for it.
    const name = 'untrusted.ipynb';
    const spec = {
      data: { name: 'xor' },
      network: { layers: [2, 4, 1], activation: 'relu' },
      training: { epochs: 300 }
    };
    await page.contents.uploadContent(notebookWithExperiment(spec), 'text', `${tmpPath}/${name}`);
    await page.filebrowser.openDirectory(tmpPath);
    await page.notebook.openByPath(`${tmpPath}/${name}`);
    await page.notebook.activate(name);

    const widget = experimentIn(page.locator('.jp-Cell').first().locator('.jp-OutputArea'));
    await expect(widget).toBeVisible({ timeout: 30_000 });
    // The cell really is untrusted: JupyterLab would not run its HTML or scripts.
    const trusted = await page.evaluate(
      () => (window as any).jupyterapp.shell.currentWidget.content.model.cells.get(0).trusted
    );
    expect(trusted).toBe(false);
    await expect(widget.locator('.main-svg').first()).toBeVisible({ timeout: 60_000 });
    // An untrusted output does not act on its own: training starts with play.
    await button(widget, 'Play').click();
    await waitForEpochAbove(widget, 0);
  });

  test('a saved notebook renders the widget again when reopened', async ({ page, tmpPath }) => {
    const name = 'saved.ipynb';
    const output = await runInNewNotebook(page, XOR_CELL, name);
    await waitForEpochAbove(experimentIn(output), 0);
    await page.notebook.save();
    await page.notebook.close(true);

    await page.notebook.openByPath(`${tmpPath}/${name}`);
    await page.notebook.activate(name);
    const widget = experimentIn(page.locator('.jp-Cell').first().locator('.jp-OutputArea'));
    await expect(widget).toBeVisible({ timeout: 30_000 });
    await expect(widget.locator('.main-svg').first()).toBeVisible({ timeout: 60_000 });
  });

  test('controls with nothing to act on are not shown', async ({ page, tmpPath }) => {
    // Saved outputs, no kernel: a chart of the functions alone trains nothing, and a network
    // without hidden layers has no activation to change.
    const specs = [
      {
        title: 'Functions alone',
        data: { name: 'xor' },
        network: { layers: [2, 2, 1], activation: 'sigmoid' },
        views: ['functions']
      },
      {
        title: 'No hidden layer',
        data: { name: 'xor' },
        network: { layers: [2, 1] },
        views: ['loss']
      }
    ];
    const name = 'controls.ipynb';
    await page.contents.uploadContent(
      notebookWithOutputs(specs, 'controls'),
      'text',
      `${tmpPath}/${name}`
    );
    await page.filebrowser.openDirectory(tmpPath);
    await page.notebook.openByPath(`${tmpPath}/${name}`);
    await page.notebook.activate(name);
    const widgets = page.locator('.jp-NotebookPanel:visible').locator(EXPERIMENT);
    await expect(widgets).toHaveCount(2, { timeout: 30_000 });
    const [functions, linear] = [widgets.nth(0), widgets.nth(1)];

    // The functions: only the presentation button, no play, speed, activation or readout.
    await expect(functions.locator('.jp-NNLab-presentation')).toBeVisible();
    for (const hidden of [
      '.jp-NNLab-play',
      '.jp-NNLab-speed',
      '.jp-NNLab-activation',
      '.jp-NNLab-lr',
      '.jp-NNLab-readout'
    ]) {
      await expect(functions.locator(hidden)).toBeHidden();
    }
    // No hidden layer: training controls, but no activation field (not even its label).
    await expect(linear.locator('.jp-NNLab-play')).toBeVisible();
    await expect(linear.locator('.jp-NNLab-speed')).toBeVisible();
    await expect(linear.locator('.jp-NNLab-activation')).toBeHidden();
    await expect(linear.getByText('Activation', { exact: true })).toBeHidden();
  });
});
