/**
 * Browser benchmarks: what a training widget costs the page (frame rate and
 * long main-thread tasks). Not part of the test run; numbers are printed,
 * never asserted.
 *
 * Run from the repository root:
 *   npx playwright test -c ui-tests/bench.config.ts
 */
import { defineConfig } from '@playwright/test';
import baseConfig from './playwright.config';

export default defineConfig({
  ...baseConfig,
  testDir: './bench',
  outputDir: './test-results/bench-artifacts',
  retries: 0,
  timeout: 180_000,
  reporter: [['list']],
  use: {
    ...baseConfig.use,
    trace: 'off',
    screenshot: 'off'
  }
});
