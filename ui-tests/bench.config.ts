/**
 * Browser benchmarks: what a training widget costs the page (frame rate and
 * long main-thread tasks). Not part of the test run; numbers are printed,
 * never asserted.
 *
 * Run from the repository root:
 *   npm run bench:ui   (the spec lives in bench/ui-frames.spec.ts)
 */
import { defineConfig } from '@playwright/test';
import baseConfig from './playwright.config';

export default defineConfig({
  ...baseConfig,
  testDir: '../bench',
  testMatch: 'ui-frames.spec.ts',
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
