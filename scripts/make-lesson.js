#!/usr/bin/env node
/**
 * Write examples/why-activation-functions.ipynb from src/demos/lesson.ts.
 *
 * The lesson is TypeScript; rather than compile it separately, this runs the lesson test with
 * NNLAB_WRITE_LESSON=1, which writes the file and then checks it. Usage: node scripts/make-lesson.js
 */
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
const result = spawnSync(
  process.platform === 'win32' ? 'npx.cmd' : 'npx',
  ['jest', 'src/demos/__tests__/lesson.test.ts'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NNLAB_WRITE_LESSON: '1' } }
);
process.exit(result.status === null ? 1 : result.status);
