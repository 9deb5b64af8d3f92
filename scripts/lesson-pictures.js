#!/usr/bin/env node
/**
 * Put trained pictures into examples/why-activation-functions.ipynb, so that the lesson
 * reads on GitHub, nbviewer and in `jupyter nbconvert --to html` where NN Lab cannot run.
 *
 * Opens the lesson in a real JupyterLab (the extension installed in the Python on PATH) in
 * Chromium, lets every experiment train to its end (the widgets write their pictures back
 * when training ends), asks the experiments that do not train by themselves for a picture of
 * their untrained state, saves the notebook and copies it back into examples/.
 *
 * Usage (from the repository root, after building and installing the extension):
 *   node scripts/lesson-pictures.js
 * Environment: NNLAB_UI_PORT (default 8890), NNLAB_CHROMIUM (default /usr/bin/chromium).
 */
/* global fetch, setTimeout, Event, window -- Node 18+ and, inside page callbacks, the browser */
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const ROOT = path.join(__dirname, '..');
const LESSON = path.join(ROOT, 'examples', 'why-activation-functions.ipynb');
const PORT = Number(process.env.NNLAB_UI_PORT || 8890);
const { CHROMIUM, CHROMIUM_ARGS } = require('./chromium');
const NAME = 'why-activation-functions.ipynb';

async function waitForServer(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const response = await fetch(url);
      if (response.ok) {
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(`no server at ${url}`);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnlab-lesson-'));
  const settings = path.join(dir, 'settings');
  const notebooks = path.join(dir, 'root');
  fs.mkdirSync(notebooks);
  // Every cell rendered, also those out of sight, so that every experiment trains.
  const tracker = path.join(settings, '@jupyterlab', 'notebook-extension');
  fs.mkdirSync(tracker, { recursive: true });
  fs.writeFileSync(
    path.join(tracker, 'tracker.jupyterlab-settings'),
    JSON.stringify({ windowingMode: 'none' })
  );
  fs.copyFileSync(LESSON, path.join(notebooks, NAME));

  // The test server configuration: no token, the Galata helpers (window.jupyterapp).
  const server = spawn(
    'python',
    [
      // The module of the Python on PATH, not `jupyter lab` (which may run another Python's
      // jupyter-lab script, and so another install of the extension).
      '-m',
      'jupyterlab',
      '--config',
      path.join(ROOT, 'ui-tests', 'jupyter_server_test_config.py'),
      `--LabApp.user_settings_dir=${settings}`
    ],
    {
      cwd: path.join(ROOT, 'ui-tests'),
      env: { ...process.env, NNLAB_UI_PORT: String(PORT), NNLAB_UI_ROOT_DIR: notebooks },
      stdio: 'ignore'
    }
  );
  // The test configuration empties its root folder at start: copy the lesson in after.
  let browser;
  try {
    await waitForServer(`http://localhost:${PORT}/lab`, 120_000);
    // The copy starts without pictures, so that waiting for every output to hold one waits
    // for the pictures of this build rather than finding the committed ones.
    fs.writeFileSync(path.join(notebooks, NAME), JSON.stringify(withoutPictures()));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`http://localhost:${PORT}/lab/tree/${NAME}`);
    const widgets = page.locator('.jp-NotebookPanel .jp-NNLab-experiment');
    await widgets.first().waitFor({ timeout: 120_000 });
    // The copy opens untrusted, and untrusted experiments wait for a click: trust its cells
    // (the renderer then rebuilds each experiment, which plays as the lesson intends).
    await page.evaluate(() => {
      const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
      for (let i = 0; i < cells.length; i++) {
        cells.get(i).trusted = true;
      }
    });
    await page.waitForTimeout(2000);
    const count = await widgets.count();
    console.log(`${count} experiments`);
    // Training ends by itself where the spec plays automatically; the others stay at rest.
    for (let i = 0; i < count; i++) {
      const widget = widgets.nth(i);
      await widget.scrollIntoViewIfNeeded();
      const start = Date.now();
      while (Date.now() - start < 120_000) {
        const state = await widget.getAttribute('data-state');
        const epoch = Number(await widget.getAttribute('data-epoch'));
        if (state === 'done' || state === 'error' || (state === 'paused' && epoch === 0)) {
          break;
        }
        await page.waitForTimeout(500);
      }
      const state = await widget.getAttribute('data-state');
      const title = await widget.locator('.jp-NNLab-title').textContent();
      console.log(`${title}: ${state} at epoch ${await widget.getAttribute('data-epoch')}`);
      if (state !== 'done') {
        // Meant to be seen as it is (hand-made weights, initial weights, functions).
        await page.waitForTimeout(1000);
        await widget.evaluate(node => node.dispatchEvent(new Event('nnlab-take-picture')));
      }
    }
    // Every output holds a picture, then save.
    await page.waitForFunction(
      () => {
        const panel = window.jupyterapp.shell.currentWidget;
        const cells = panel.content.model.cells;
        let missing = 0;
        for (let i = 0; i < cells.length; i++) {
          const cell = cells.get(i);
          if (cell.type !== 'code') {
            continue;
          }
          for (let j = 0; j < cell.outputs.length; j++) {
            const data = cell.outputs.get(j).data;
            if (data['application/vnd.nnlab.experiment.v1+json'] && !data['image/png']) {
              missing++;
            }
          }
        }
        return missing === 0;
      },
      undefined,
      { timeout: 60_000, polling: 500 }
    );
    await page.evaluate(() => window.jupyterapp.commands.execute('docmanager:save'));
    await page.waitForTimeout(2000);
    const saved = JSON.parse(fs.readFileSync(path.join(notebooks, NAME), 'utf-8'));
    // Keep the lesson's own form (one-space indent, trailing newline), with the pictures.
    fs.writeFileSync(LESSON, JSON.stringify(withPictures(saved), null, 1) + '\n');
    console.log(`pictures written into ${path.relative(ROOT, LESSON)}`);
  } finally {
    await browser?.close();
    server.kill('SIGTERM');
  }
}

/** The committed lesson with no picture in any experiment output. */
function withoutPictures() {
  const lesson = JSON.parse(fs.readFileSync(LESSON, 'utf-8'));
  for (const cell of lesson.cells) {
    for (const output of cell.outputs ?? []) {
      if (output.data && output.data['application/vnd.nnlab.experiment.v1+json']) {
        delete output.data['image/png'];
      }
    }
  }
  return lesson;
}

/** The committed lesson with each experiment output's picture taken from `saved`. */
function withPictures(saved) {
  const lesson = JSON.parse(fs.readFileSync(LESSON, 'utf-8'));
  const byId = new Map(saved.cells.map(cell => [cell.id, cell]));
  for (const cell of lesson.cells) {
    const other = byId.get(cell.id);
    if (cell.cell_type !== 'code' || !other) {
      continue;
    }
    cell.outputs.forEach((output, j) => {
      const png = other.outputs[j]?.data?.['image/png'];
      if (png && output.data) {
        output.data['image/png'] = png;
      }
    });
  }
  return lesson;
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
