/**
 * The network view in a notebook: every unit and link of a 2-4-4-1 network, exact weights
 * on hover, weights set by hand (the output map and the loss follow), and a product feature
 * that lets a network without hidden units solve XOR.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import { experimentIn, recordErrors, runInNewNotebook, waitForState } from '../support/nnlab';

/** Where screenshots of the view go (not part of the test result). */
const SHOTS = process.env.NNLAB_SHOTS;

const NETWORK_CELL =
  'from jupyterlab_nnlab import Lab\n' +
  'Lab(data="xor", layers=[2, 4, 4, 1], activation="tanh", epochs=400,\n' +
  '    views=["network", "boundary", "loss"], autoplay=False)';

/** The loss of the readout's first line. */
async function lossOf(widget: Locator): Promise<number> {
  const text = await widget.locator('.jp-NNLab-readout [data-variant="0"]').innerText();
  const match = /loss per point: train ([-\d.e+]+)/.exec(text);
  if (!match) {
    throw new Error(`no loss in the readout line "${text}"`);
  }
  return Number(match[1]);
}

/** The output unit's map as a data URL: changes whenever its pixels do. */
function outputMap(widget: Locator): Promise<string> {
  return widget
    .locator('.jp-NNLab-unit[data-layer="3"] canvas')
    .evaluate(canvas => (canvas as HTMLCanvasElement).toDataURL());
}

test.describe('Network view', () => {
  test('draws every unit and link, shows and sets weights', async ({ page }) => {
    const errors = recordErrors(page);
    const output = await runInNewNotebook(page, NETWORK_CELL);
    const widget = experimentIn(output);
    const network = widget.locator('.jp-NNLab-network');
    await expect(network.locator('.jp-NNLab-unit')).toHaveCount(2 + 4 + 4 + 1, { timeout: 60_000 });
    await expect(network.locator('.jp-NNLab-link')).toHaveCount(2 * 4 + 4 * 4 + 4);
    await expect(network.locator('.jp-NNLab-bias')).toHaveCount(4 + 4 + 1);
    await expect(network.locator('.jp-NNLab-unit canvas')).toHaveCount(11);
    if (SHOTS) {
      await network.screenshot({ path: `${SHOTS}/network-light.png` });
    }

    // Hover a link: the tooltip gives its exact weight.
    const link = network.locator('.jp-NNLab-link-hit[data-layer="1"][data-from="0"][data-to="2"]');
    const weight = Number(await link.getAttribute('data-value'));
    // Point the mouse 30% along the link, where it runs apart from the others.
    const point = await link.evaluate(el => {
      const path = el as SVGPathElement;
      const p = path.getPointAtLength(0.3 * path.getTotalLength());
      const m = path.getScreenCTM()!;
      return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
    });
    await page.mouse.move(point.x, point.y);
    const tooltip = network.locator('.jp-NNLab-network-tooltip');
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText('weight h1.1 → h2.3:');
    const shown = Number(/: (\S+)$/.exec(await tooltip.innerText())![1]);
    expect(shown).toBeCloseTo(weight, 3);

    // Click the link from the output's strongest input and flip it: map and loss change.
    const lossBefore = await lossOf(widget);
    const mapBefore = await outputMap(widget);
    const last = network.locator('.jp-NNLab-link-hit[data-layer="2"][data-from="0"][data-to="0"]');
    const old = Number(await last.getAttribute('data-value'));
    await last.click({ force: true });
    const editor = network.locator('.jp-NNLab-network-editor');
    await expect(editor).toBeVisible();
    await editor.fill('abc');
    await editor.press('Enter');
    await expect(tooltip).toContainText('not a number');
    const target = old >= 0 ? -3 : 3;
    await editor.fill(String(target));
    await editor.press('Enter');
    await expect(last).toHaveAttribute('data-value', String(target));
    await expect.poll(() => lossOf(widget)).not.toBe(lossBefore);
    await expect.poll(() => outputMap(widget)).not.toBe(mapBefore);

    // A bias too.
    const bias = network.locator('.jp-NNLab-bias[data-layer="0"][data-to="1"]');
    await bias.click({ force: true });
    await editor.fill('1.5');
    await editor.press('Enter');
    await expect(bias).toHaveAttribute('data-value', '1.5');

    // Backprop one example: values forward, then errors with the derivative factors.
    await network.locator('.jp-NNLab-network-row').selectOption('1');
    const next = network.locator('.jp-NNLab-network-next');
    for (let k = 0; k < 4; k++) {
      await next.click();
    }
    await expect(
      network.locator('.jp-NNLab-unit[data-layer="3"] .jp-NNLab-unit-value')
    ).toContainText('δ=');
    await expect(network.locator('.jp-NNLab-network-caption')).toContainText('Backward');
    if (SHOTS) {
      await network.screenshot({ path: `${SHOTS}/network-backprop.png` });
    }
    expect(errors.messages.filter(m => m.startsWith('pageerror'))).toEqual([]);
  });

  test('x1*x2 lets a network without hidden units solve XOR', async ({ page }) => {
    const output = await runInNewNotebook(
      page,
      'from jupyterlab_nnlab import Lab\n' +
        'Lab(data="xor", features=["x1", "x2", "x1*x2"], layers=[3, 1], learning_rate=0.1,\n' +
        '    epochs=600, views=["network", "boundary", "loss"])'
    );
    const widget = experimentIn(output);
    await waitForState(widget, 'done');
    await expect(widget.locator('.jp-NNLab-readout [data-variant="0"]')).toContainText(
      'accuracy: train 100%'
    );
    const names = widget.locator('.jp-NNLab-network .jp-NNLab-unit-name');
    await expect(names).toHaveText(['x1', 'x2', 'x1*x2', 'out']);
    if (SHOTS) {
      await widget.screenshot({ path: `${SHOTS}/features-xor.png` });
    }
  });

  test('1-D data: every unit is a curve over x', async ({ page }) => {
    const output = await runInNewNotebook(
      page,
      'from jupyterlab_nnlab import Lab\n' +
        'Lab(data="sine", layers=[1, 6, 6, 1], activation="tanh", epochs=300,\n' +
        '    views=["network", "boundary"])'
    );
    const widget = experimentIn(output);
    await waitForState(widget, 'done');
    const network = widget.locator('.jp-NNLab-network');
    await expect(network.locator('.jp-NNLab-unit canvas')).toHaveCount(1 + 6 + 6 + 1);
    // A curve leaves most of its square blank and draws some pixels: not an empty canvas.
    const inked = await network
      .locator('.jp-NNLab-unit[data-layer="1"] canvas')
      .first()
      .evaluate(node => {
        const canvas = node as HTMLCanvasElement;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let i = 3; i < data.length; i += 4) {
          count += data[i] > 0 ? 1 : 0;
        }
        return count / (data.length / 4);
      });
    expect(inked).toBeGreaterThan(0.01);
    expect(inked).toBeLessThan(0.5);
    if (SHOTS) {
      await page.evaluate(() =>
        (window as any).jupyterapp.commands.execute('apputils:change-theme', {
          theme: 'JupyterLab Dark'
        })
      );
      await page.waitForTimeout(3000);
      await widget.screenshot({ path: `${SHOTS}/network-sine-dark.png` });
    }
  });
});
