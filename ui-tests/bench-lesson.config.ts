/**
 * Browser benchmark of opening the lesson notebook and reading it to the end
 * (bench/lesson-open.spec.ts). Not part of the test run; numbers are printed, never
 * asserted.
 *
 *   NNLAB_UI_PORT=<port> npm run bench:lesson
 */
import { defineConfig } from '@playwright/test';
import benchConfig from './bench.config';

export default defineConfig({
  ...benchConfig,
  testMatch: 'lesson-open.spec.ts',
  timeout: 300_000
});
