/**
 * Bundle the anywidget front-end (src/widget/index.ts) into ONE ES module plus one CSS file
 * inside the Python package: jupyterlab_nnlab/static/widget.{js,css}.
 *
 * anywidget loads a single module (from a data or blob URL, so relative imports and chunk
 * files cannot be fetched). Therefore:
 * - the training worker is bundled first on its own and inlined as text; the engine's
 *   `spawn` module is replaced by one that starts it from a Blob URL;
 * - Plotly stays inside the module. esbuild turns its dynamic import into a lazily
 *   evaluated wrapper, so Plotly's code is parsed with the module but runs only when the
 *   first chart is drawn.
 *
 * Usage: node scripts/build-widget.mjs [--dev]   (--dev: not minified, with inline source maps)
 */
import { build } from 'esbuild';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'jupyterlab_nnlab', 'static');
const dev = process.argv.includes('--dev');
mkdirSync(outDir, { recursive: true });

const common = {
  bundle: true,
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  target: 'es2020',
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': dev ? '"development"' : '"production"' }
};

/**
 * `@jupyterlab/translation` would bring JupyterLab's server API into the bundle for one
 * value, `nullTranslator`: outside JupyterLab there is nothing to translate with anyway.
 */
const translationShim = `
function format(text, args) {
  return args.length ? text.replace(/%(\\d+)/g, (m, i) => (i - 1 < args.length ? String(args[i - 1]) : m)) : text;
}
const bundle = {
  __: (msgid, ...args) => format(msgid, args),
  _n: (one, many, n, ...args) => format(n === 1 ? one : many, [n, ...args]),
  _p: (context, msgid, ...args) => format(msgid, args),
  gettext: (msgid, ...args) => format(msgid, args)
};
export const nullTranslator = { languageCode: 'en', load: () => bundle };
`;

/** The worker, as one classic script. */
const worker = await build({
  ...common,
  entryPoints: [join(root, 'src', 'engine', 'worker.ts')],
  format: 'iife',
  write: false
});
const workerSource = worker.outputFiles[0].text;

const inline = {
  name: 'nnlab-inline',
  setup(b) {
    b.onResolve({ filter: /^\.\/spawn$/ }, () => ({ path: 'spawn', namespace: 'nnlab-inline' }));
    b.onResolve({ filter: /^@jupyterlab\/translation$/ }, () => ({
      path: 'translation',
      namespace: 'nnlab-inline'
    }));
    b.onLoad({ filter: /^spawn$/, namespace: 'nnlab-inline' }, () => ({
      loader: 'js',
      contents: `
const source = ${JSON.stringify(workerSource)};
let url = null;
export function spawnWorker() {
  url = url || URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return new Worker(url);
}
`
    }));
    b.onLoad({ filter: /^translation$/, namespace: 'nnlab-inline' }, () => ({
      loader: 'js',
      contents: translationShim
    }));
  }
};

await build({
  ...common,
  entryPoints: [join(root, 'src', 'widget', 'index.ts')],
  format: 'esm',
  outfile: join(outDir, 'widget.js'),
  plugins: [inline]
});

await build({
  ...common,
  sourcemap: false,
  entryPoints: [join(root, 'style', 'widget.css')],
  outfile: join(outDir, 'widget.css')
});

const kb = file => (statSync(join(outDir, file)).size / 1024).toFixed(0);
console.log(
  `widget: static/widget.js ${kb('widget.js')} KiB (worker ${(workerSource.length / 1024).toFixed(0)} KiB inlined), static/widget.css ${kb('widget.css')} KiB`
);
