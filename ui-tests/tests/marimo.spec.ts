/**
 * NN Lab's widget in marimo: a small app (ui-tests/marimo/xor_app.py) served by marimo on
 * loopback. The widget trains in the page, and the cell that reads `lab.history` runs
 * again as results come back, ending on the widget's final epoch and loss.
 */
import { expect, test } from '@playwright/test';
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';

const PORT = Number(
  process.env.NNLAB_MARIMO_PORT ?? Number(process.env.NNLAB_UI_PORT ?? 8890) + 1000
);
const APP = path.join(__dirname, '..', 'marimo', 'xor_app.py');
const SHOTS = process.env.NNLAB_SHOTS;

let server: ChildProcess | null = null;

test.beforeAll(async () => {
  server = spawn(
    'python',
    ['-m', 'marimo', 'run', APP, '--host', '127.0.0.1', '--port', String(PORT), '--headless'],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  );
  let log = '';
  server.stdout?.on('data', chunk => (log += chunk));
  server.stderr?.on('data', chunk => (log += chunk));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${PORT}/`);
      if (response.ok) {
        return;
      }
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || server.exitCode !== null) {
      throw new Error(`marimo did not start on port ${PORT}:\n${log}`);
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
});

test.afterAll(() => {
  server?.kill();
  server = null;
});

test('the widget trains in marimo and a cell reading its history follows it', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1000, height: 1000 });
  await page.goto(`http://127.0.0.1:${PORT}/`);
  const widget = page.locator('.jp-NNLab-experiment').first();
  await expect(widget).toBeVisible({ timeout: 60_000 });

  // Before training, the cell reading the history shows epoch 0.
  const status = page.getByText(/^epoch \d+, \d+ history rows/).first();
  await expect(status).toContainText('epoch 0, 1 history rows', { timeout: 60_000 });
  // Slow enough (about 10 s) to watch the cell follow, then play.
  await widget.getByRole('combobox', { name: /speed/i }).selectOption('30');
  await widget.getByRole('button', { name: 'Play', exact: true }).click();

  const seen = new Set<string>();
  const deadline = Date.now() + 90_000;
  while ((await widget.getAttribute('data-state')) !== 'done' && Date.now() < deadline) {
    const text = await status.textContent({ timeout: 1_000 }).catch(() => null);
    if (text) {
      seen.add(text);
    }
    await page.waitForTimeout(200);
  }
  await expect(widget).toHaveAttribute('data-state', 'done');
  await expect(status).toContainText('epoch 300, 301 history rows', { timeout: 30_000 });
  await expect(status).toContainText('done True');
  // The cell ran again while training went on, not only at the start and the end.
  const between = [...seen].filter(text => {
    const epoch = Number(/^epoch (\d+)/.exec(text)?.[1]);
    return epoch > 0 && epoch < 300;
  });
  expect(between.length).toBeGreaterThan(1);

  // The loss Python read is the one the widget shows.
  const readout = await widget.locator('.jp-NNLab-readout').innerText();
  const shown = Number(/loss per point: train\s*([0-9.e+-]+)/i.exec(readout)?.[1]);
  const read = Number(/loss ([0-9.]+)/.exec((await status.textContent()) ?? '')?.[1]);
  expect(Math.abs(read - shown)).toBeLessThanOrEqual(Math.abs(shown) * 1e-3 + 1e-4);
  if (SHOTS) {
    await page.screenshot({ path: path.join(SHOTS, 'marimo.png'), fullPage: true });
  }
});
