/**
 * JupyterLab loads the plugin (src/index.ts) and the MIME renderer (src/mime.ts) at start-up,
 * whether or not an experiment is ever shown. What they import statically is paid for by
 * every user; the heavy parts (the validator, the experiment view with its charts and engine,
 * Plotly) must stay behind a dynamic import(). This follows the static imports from both
 * entry points through the source tree and fails when one of them reaches a heavy module.
 */
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.resolve(__dirname, '..');

/** Static, non-type imports of a TypeScript file: `import x from 'y'`, `export ... from 'y'`. */
function staticImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(pattern)) {
    const typeOnly = match[2] !== undefined;
    const bare = match[1] === 'import' && match[3] === undefined;
    if (!typeOnly && (bare || match[3] !== undefined)) {
      found.push(match[4]);
    }
  }
  return found;
}

/** Every module reached from `entry` by static imports: source files and package names. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) {
      continue;
    }
    seen.add(file);
    if (!file.endsWith('.ts')) {
      continue;
    }
    for (const spec of staticImports(file)) {
      if (!spec.startsWith('.')) {
        seen.add(spec);
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      const candidates = [`${base}.ts`, path.join(base, 'index.ts'), base];
      const target = candidates.find(candidate => fs.existsSync(candidate)) ?? base;
      queue.push(target);
    }
  }
  return seen;
}

const relative = (modules: Set<string>) =>
  [...modules].map(m => (path.isAbsolute(m) ? path.relative(SRC, m) : m)).sort();

/** Modules that must not load before they are used. */
const HEAVY = [
  /^ajv/,
  /plotly/,
  /^core[/\\]spec\.ts$/,
  /^core[/\\]schemaValidator\.ts$/,
  /^widgets[/\\]experiment\.ts$/,
  /^engine[/\\]/,
  /^charts[/\\]/,
  // The data generators and the numerics behind them: the panel's menus need only names.
  /^core[/\\](datasets|features|matrix|rng|glibcLog|exactLog)\.ts$/
];

describe('what JupyterLab loads at start-up', () => {
  it('reads the import graph (the walk finds the modules it should)', () => {
    const modules = relative(reachable(path.join(SRC, 'index.ts')));
    expect(modules).toContain('widgets/panel.ts');
    expect(modules).toContain('@jupyterlab/application');
    // The walk does see a heavy module when one is imported statically.
    expect(relative(reachable(path.join(SRC, 'widgets', 'experiment.ts')))).toEqual(
      expect.arrayContaining(['core/spec.ts', 'core/schemaValidator.ts'])
    );
  });

  it.each(['index.ts', 'mime.ts'])('%s imports no heavy module statically', entry => {
    const modules = relative(reachable(path.join(SRC, entry)));
    const heavy = modules.filter(m => HEAVY.some(pattern => pattern.test(m)));
    expect(heavy).toEqual([]);
  });
});
