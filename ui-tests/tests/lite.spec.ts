/**
 * The JupyterLite site of the lesson: scripts/build-lite.sh builds it, a static file server
 * on loopback serves it, and in Chromium the lesson opens and its saved experiments train,
 * with no Jupyter server, no kernel and no request leaving the machine.
 */
import { expect, test } from '@playwright/test';
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const PORT = Number(
  process.env.NNLAB_LITE_PORT ?? Number(process.env.NNLAB_UI_PORT ?? 8890) + 2000
);
const ROOT = path.join(__dirname, '..', '..');
const SHOTS = process.env.NNLAB_SHOTS;

let server: ChildProcess | null = null;
let site = '';

test.beforeAll(async () => {
  test.setTimeout(300_000);
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'nnlab-lite-'));
  execFileSync('bash', [path.join(ROOT, 'scripts', 'build-lite.sh'), site], {
    stdio: 'pipe',
    env: { ...process.env, NNLAB_LITE_PYODIDE_URL: '' }
  });
  server = spawn('python', ['-m', 'http.server', String(PORT), '--bind', '127.0.0.1'], {
    cwd: site,
    stdio: 'ignore'
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/lab/index.html`)).ok) {
        return;
      }
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      throw new Error(`the static server did not start on port ${PORT}`);
    }
    await new Promise(resolve => setTimeout(resolve, 300));
  }
});

test.afterAll(() => {
  server?.kill();
  server = null;
  if (site) {
    fs.rmSync(site, { recursive: true, force: true });
  }
});

test('the lesson opens in the JupyterLite site and its experiments train', async ({ page }) => {
  test.setTimeout(180_000);
  const outside: string[] = [];
  await page.route('**/*', route => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') {
      return route.continue();
    }
    outside.push(url.href);
    return route.abort();
  });
  await page.goto(`http://127.0.0.1:${PORT}/lab/index.html?path=why-activation-functions.ipynb`);
  // There is no kernel in this site: dismiss the kernel picker.
  const noKernel = page
    .locator('.jp-Dialog')
    .getByRole('button', { name: 'No Kernel', exact: true });
  await expect(noKernel).toBeVisible({ timeout: 120_000 });
  await noKernel.click();
  await expect(page.locator('.jp-NNLab-experiment').first()).toBeAttached({ timeout: 60_000 });

  // The XOR comparison, brought on screen. The site's notebook opens untrusted, as any
  // notebook from elsewhere does, so its experiments wait for Play; once played it trains
  // and draws its charts, with no kernel.
  const xor = page
    .locator('.jp-NotebookPanel:visible .jp-NNLab-experiment')
    .filter({ has: page.locator('.jp-NNLab-chart[data-view="boundary"]') })
    .first();
  await expect
    .poll(
      async () => {
        await xor.evaluate(node => node.scrollIntoView({ block: 'center' }));
        return xor.isVisible();
      },
      { timeout: 30_000 }
    )
    .toBe(true);
  if ((await xor.getAttribute('data-state')) === 'paused') {
    await xor.getByRole('button', { name: 'Play', exact: true }).first().click();
  }
  await expect
    .poll(async () => Number(await xor.getAttribute('data-epoch')), { timeout: 60_000 })
    .toBeGreaterThan(20);
  await expect(xor.locator('.main-svg').first()).toBeVisible();
  if (SHOTS) {
    await xor.screenshot({ path: path.join(SHOTS, 'lite.png') });
  }
  expect(outside).toEqual([]);
});
