/* global window */
/**
 * What drawing each chart costs at the caps, in Chromium, without JupyterLab (not a test).
 *
 *   node bench/chart-draws.mjs [views...]      (NNLAB_DRAW_WIDTH=1150, NNLAB_DRAW_REPEATS=5)
 *
 * The spec is bench/worst-case.ts's (9 networks, 2000 points, [2, 64 x 7, 1], grid 100);
 * its snapshots are taken by the core in the page, then each view's figure is built and
 * drawn with Plotly: the first draw, a live redraw with newer snapshots (median), and the
 * resting figure as a PNG (the notebook picture). A tall figure is drawn as the board draws
 * it, in pieces (src/charts/split.ts), each in a task of its own: "pieces" is how many,
 * "piece" the longest single piece's draw. A small network (xor [2, 4, 1]) is
 * measured alongside as the peer the caps are compared with.
 */
import { build } from 'esbuild';
import { chromium } from 'playwright';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const width = Number(process.env.NNLAB_DRAW_WIDTH ?? 1150);
const repeats = Number(process.env.NNLAB_DRAW_REPEATS ?? 5);
/** The worst-case spec of bench/worst-case-spec.json: 9 networks at the caps, every view. */
const CAPS = require('./worst-case-spec.json');
const ALL = CAPS.views;
const views = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
const SMALL = {
  data: { name: 'xor' },
  network: { layers: [2, 4, 1], activation: 'relu' },
  grid: 100,
  views: ALL
};

const bundle = await build({
  entryPoints: [path.join(root, 'bench/chart-draws-page.ts')],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  logLevel: 'error'
});
const { CHROMIUM, CHROMIUM_ARGS } = require('../scripts/chromium.js');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: width + 40, height: 900 } });
await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
await page.addScriptTag({
  path: require.resolve('plotly.js-cartesian-dist-min/plotly-cartesian.min.js')
});
await page.addScriptTag({ content: bundle.outputFiles[0].text });

const fmt = v => v.toFixed(0).padStart(6);
for (const [name, spec] of [
  ['xor [2, 4, 1]', SMALL],
  ['caps', CAPS]
]) {
  const rows = await page.evaluate(
    ([spec, views, width, repeats]) => window.runChartDraws(spec, views, width, repeats),
    [spec, views, width, repeats]
  );
  console.log(
    `${name}, ${width} px wide (ms)      traces  build  later  first update pieces  piece  image  longest task  image task`
  );
  for (const r of rows) {
    console.log(
      `  ${r.view.padEnd(28)} ${String(r.traces).padStart(6)} ${fmt(r.build)} ${fmt(r.later)} ${fmt(r.first)} ${fmt(r.update)} ${String(r.pieces).padStart(6)} ${fmt(r.piece)} ${fmt(r.image)} ${fmt(r.longestTask)}       ${fmt(r.imageTask)}`
    );
  }
}
await browser.close();
