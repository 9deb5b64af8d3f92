/**
 * Browser benchmark of the worst-case valid spec (bench/worst-case-ui.spec.ts): long
 * main-thread tasks while it trains, how late a pause is honoured, the page's heap.
 * Not part of the test run; numbers are printed, never asserted.
 *
 *   NNLAB_UI_PORT=<port> npm run bench:worst-ui
 */
import { defineConfig } from '@playwright/test';
import benchConfig from './bench.config';

export default defineConfig({
  ...benchConfig,
  testMatch: 'worst-case-ui.spec.ts',
  timeout: 600_000
});
