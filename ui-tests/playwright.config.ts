/**
 * Playwright configuration for the NN Lab browser tests.
 *
 * The tests drive a real JupyterLab (started by `webServer` below with the
 * extension installed in the Python environment) in Debian's Chromium: the
 * machines we test on cannot download Playwright's own browser builds.
 *
 * Run from the repository root:
 *   npx playwright test -c ui-tests/playwright.config.ts
 */
import * as path from 'path';
import { defineConfig } from '@playwright/test';

// Galata's defaults: viewport, timeouts and artefact policy for JupyterLab.

const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

/** Port of the test server; must match ui-tests/jupyter_server_test_config.py. */
export const PORT = Number(process.env.NNLAB_UI_PORT ?? 8890);

/** Debian's Chromium and its launch flags: one list for the tests, benches and scripts. */
const chromiumOptions = require('../scripts/chromium');
export const CHROMIUM: string = chromiumOptions.CHROMIUM;
export const CHROMIUM_ARGS: string[] = chromiumOptions.CHROMIUM_ARGS;

/** Where the JSON reporter writes; scripts/test-ui.sh counts results from it. */
export const JSON_REPORT =
  process.env.NNLAB_UI_JSON ?? path.join(__dirname, 'test-results', 'results.json');

const onCI = !!process.env.CI;

export default defineConfig({
  ...baseConfig,
  testDir: './tests',
  outputDir: './test-results/artifacts',
  // Two cores shared with the kernel and the server: one browser at a time.
  workers: 1,
  fullyParallel: false,
  retries: onCI ? 1 : 0,
  // A test trains small networks in the page; give it room but not forever.
  timeout: 90_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['json', { outputFile: JSON_REPORT }]],
  use: {
    ...baseConfig.use,
    baseURL: `http://localhost:${PORT}`,
    video: 'off',
    trace: onCI ? 'off' : 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS
    }
  },
  webServer: {
    // `python -m jupyterlab`, not `python -m jupyter lab`: the latter runs the first
    // `jupyter-lab` script on PATH, which may belong to another Python (e.g. the global one
    // behind a virtual environment that sees its site-packages) and so another install of
    // the extension.
    command: 'python -m jupyterlab --config jupyter_server_test_config.py',
    cwd: __dirname,
    url: `http://localhost:${PORT}/lab`,
    timeout: 120_000,
    reuseExistingServer: !onCI,
    stdout: 'ignore',
    stderr: 'pipe'
  }
});
