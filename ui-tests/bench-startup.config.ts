/**
 * The start-up benchmark: NN Lab's share of the JavaScript JupyterLab loads, and Shift+Enter
 * to the first chart. Not part of the test run; numbers are printed, never asserted.
 *
 * Run from the repository root:
 *   npm run bench:startup   (the spec lives in bench/startup.spec.ts)
 */
import { defineConfig } from '@playwright/test';
import benchConfig from './bench.config';

export default defineConfig({
  ...benchConfig,
  testMatch: 'startup.spec.ts'
});
