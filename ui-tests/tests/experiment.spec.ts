/**
 * The experiment widget in a notebook: a cell run in a real Python kernel
 * trains a network in the browser, and its controls drive the training.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import {
  button,
  epochOf,
  experimentIn,
  recordErrors,
  runInNewNotebook,
  selectField,
  setOutputWidth,
  settle,
  settleCharts,
  trainAt,
  waitForEpochAbove,
  waitForState,
  XOR_CELL
} from '../support/nnlab';

/**
 * XOR with enough epochs that the run cannot end, even on a loaded machine, before the
 * test has pressed its buttons (the short XOR_CELL can finish between two clicks).
 */
const LONG_XOR_CELL =
  'from jupyterlab_nnlab import Lab\n' +
  'Lab(data="xor", layers=[2, 4, 1], activation="relu", epochs=20000)';

/**
 * The training accuracy (percent) the readout shows for one variant.
 *
 * A network whose hidden layers are all the identity is one affine map, so on
 * XOR it can classify at most three of the four points: 75 %.
 */
async function accuracyOf(widget: Locator, variant: number): Promise<number> {
  const text = await widget.locator(`.jp-NNLab-readout [data-variant="${variant}"]`).innerText();
  const match = /accuracy: train (\d+)\s*%/.exec(text);
  if (!match) {
    throw new Error(`no accuracy in the readout line "${text}"`);
  }
  return Number(match[1]);
}

test.describe('Experiment widget', () => {
  test('renders, draws its charts and trains', async ({ page }) => {
    const errors = recordErrors(page);
    const output = await runInNewNotebook(page, XOR_CELL);
    const widget = experimentIn(output);
    await expect(widget).toBeVisible();

    // Plotly draws into .main-svg elements once the lazily loaded library is in.
    await expect(widget.locator('.main-svg').first()).toBeVisible({ timeout: 60_000 });

    // The counter moves, and the run ends at the requested number of epochs.
    await waitForEpochAbove(widget, 0);
    await waitForState(widget, 'done');
    expect(await epochOf(widget)).toBe(300);
    // Training happens off the main thread.
    await expect(widget).toHaveAttribute('data-engine', 'worker');

    expect(errors.messages.filter(message => message.startsWith('pageerror'))).toEqual([]);
  });

  test('pause stops training, step trains one epoch, reset returns to epoch 0', async ({
    page
  }) => {
    const output = await runInNewNotebook(page, LONG_XOR_CELL);
    const widget = experimentIn(output);
    await waitForEpochAbove(widget, 0);

    // Ten epochs a second: slow enough to press buttons while it trains.
    await trainAt(widget, 10);
    await waitForEpochAbove(widget, await epochOf(widget));

    await button(widget, 'Pause').click();
    await waitForState(widget, 'paused');
    const pausedAt = await epochOf(widget);
    await settle(page, 1000);
    expect(await epochOf(widget)).toBe(pausedAt);

    await button(widget, 'Step').click();
    await expect.poll(() => epochOf(widget)).toBe(pausedAt + 1);
    await waitForState(widget, 'paused');
    await settle(page, 500);
    expect(await epochOf(widget)).toBe(pausedAt + 1);

    await button(widget, 'Reset').click();
    await expect.poll(() => epochOf(widget)).toBe(0);
    await waitForState(widget, 'paused');
  });

  test('switching the activation to identity trains again', async ({ page }) => {
    const output = await runInNewNotebook(page, LONG_XOR_CELL);
    const widget = experimentIn(output);
    await waitForEpochAbove(widget, 0);
    await trainAt(widget, 10);

    await button(widget, 'Pause').click();
    await waitForState(widget, 'paused');
    const pausedAt = await epochOf(widget);

    const activation = selectField(widget, /activation/i);
    await activation.selectOption('identity');
    await expect(activation).toHaveValue('identity');

    await selectField(widget, /speed/i).selectOption('max');
    await button(widget, 'Play').click();
    await waitForState(widget, 'done');
    expect(await epochOf(widget)).toBeGreaterThan(pausedAt);
    // Now a linear model: it cannot get all four XOR points right.
    expect(await accuracyOf(widget, 0)).toBeLessThanOrEqual(75);
  });

  test('a compare cell shows both variants', async ({ page }) => {
    const output = await runInNewNotebook(
      page,
      'from jupyterlab_nnlab import Lab\n' +
        'Lab(data="xor", layers=[2, 4, 1], activation="relu", epochs=300,\n' +
        '    compare=[{"network": {"activation": "identity"}}])'
    );
    const widget = experimentIn(output);
    await expect(widget.locator('.main-svg').first()).toBeVisible({ timeout: 60_000 });

    // One readout line per variant: the base network, then the identity one.
    const lines = widget.locator('.jp-NNLab-readout [data-variant]');
    await expect(lines).toHaveCount(2);
    await expect(lines.nth(0)).toContainText('relu');
    await expect(lines.nth(1)).toContainText('identity');

    await waitForState(widget, 'done');
    expect(await accuracyOf(widget, 1)).toBeLessThanOrEqual(75);
  });

  test('many points are drawn as one picture in every panel', async ({ page }) => {
    // Four networks on 1000 points: 4000 points in all, enough for the boundary and hidden
    // views to draw each panel's points as one picture (src/charts/points.ts), which the
    // board draws in tasks of their own after the figure's build.
    const output = await runInNewNotebook(
      page,
      'from jupyterlab_nnlab import Lab\n' +
        'Lab(data={"name": "moons", "n": 1000}, layers=[2, 8, 1], activation="relu",\n' +
        '    epochs=30, views=["boundary", "hidden"],\n' +
        '    compare=[{"network": {"activation": a}} for a in ("tanh", "sigmoid", "identity")])'
    );
    const widget = experimentIn(output);
    await waitForState(widget, 'done');
    for (const view of ['boundary', 'hidden']) {
      // A chart is drawn once it comes near the screen.
      await widget.locator(`[data-view="${view}"]`).scrollIntoViewIfNeeded();
      const pictures = widget.locator(`[data-view="${view}"] .layer-above .imagelayer image`);
      await expect(pictures).toHaveCount(4, { timeout: 30_000 });
      // Each picture has arrived: a PNG that decodes to an image of some size.
      const pixels = () =>
        pictures.evaluateAll(nodes =>
          Promise.all(
            nodes.map(async node => {
              const href = node.getAttribute('href') ?? '';
              if (!href.startsWith('data:image/png;base64,')) {
                return 0;
              }
              const image = new Image();
              image.src = href;
              await image.decode();
              return image.naturalWidth * image.naturalHeight;
            })
          )
        );
      await expect.poll(async () => (await pixels()).filter(n => n > 0).length).toBe(4);
    }
    const shots = process.env.NNLAB_SHOTS;
    if (shots) {
      // For a look at the pictures: narrow and wide, light and dark, the whole widget in view.
      await page.setViewportSize({ width: 1400, height: 3600 });
      for (const dark of [false, true]) {
        if (dark) {
          await page.theme.setDarkTheme();
        }
        for (const width of [420, 1100]) {
          await setOutputWidth(page, width);
          await settleCharts(page);
          await widget.screenshot({
            path: `${shots}/points-${dark ? 'dark' : 'light'}-${width}.png`
          });
        }
      }
    }
  });
});
