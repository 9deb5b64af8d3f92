/**
 * Test helper: run Python snippets through python3 in one process.
 *
 * `checkSyntax` parses each snippet with `ast.parse`; `labKeywords` executes each snippet with a
 * stand-in `jupyterlab_nnlab.Lab` that records its keyword arguments, and returns those of the
 * snippet's last expression. Together they check that a demo's code is valid Python and what
 * its `Lab(...)` call says, without needing a kernel.
 */
import { spawnSync } from 'child_process';

function runPython(script: string, input: unknown): any {
  const result = spawnSync('python3', ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf-8'
  });
  if (result.status !== 0) {
    throw new Error(`python3 failed: ${result.stderr}`);
  }
  return JSON.parse(result.stdout);
}

/** For each snippet: null when it parses, else the SyntaxError message. */
export function checkSyntax(sources: string[]): Array<string | null> {
  return runPython(
    `
import ast, json, sys
out = []
for src in json.load(sys.stdin):
    try:
        ast.parse(src)
        out.append(None)
    except SyntaxError as e:
        out.append(f"{e.msg} (line {e.lineno})")
print(json.dumps(out))
`,
    sources
  );
}

/** For each snippet: the keyword arguments of the `Lab(...)` call that is its last expression. */
export function labKeywords(sources: string[]): Array<Record<string, unknown>> {
  return runPython(
    `
import ast, json, sys, types

class Lab:
    def __init__(self, **kwargs):
        self.kwargs = kwargs

fake = types.ModuleType("jupyterlab_nnlab")
fake.Lab = Lab
sys.modules["jupyterlab_nnlab"] = fake

out = []
for src in json.load(sys.stdin):
    tree = ast.parse(src)
    last = tree.body.pop()
    scope = {}
    exec(compile(tree, "<demo>", "exec"), scope)
    value = eval(compile(ast.Expression(last.value), "<demo>", "eval"), scope)
    out.append(value.kwargs)
print(json.dumps(out))
`,
    sources
  );
}

/**
 * For each snippet: the spec that the real `jupyterlab_nnlab.Lab` (from this repository)
 * displays for the snippet's last expression, or `{ error }` when running it raised.
 */
export function realLabSpecs(sources: string[], repoRoot: string): Array<Record<string, unknown>> {
  return runPython(
    `
import ast, json, sys
sys.path.insert(0, ${JSON.stringify(repoRoot)})
import jupyterlab_nnlab

out = []
for src in json.load(sys.stdin):
    try:
        tree = ast.parse(src)
        last = tree.body.pop()
        scope = {}
        exec(compile(tree, "<demo>", "exec"), scope)
        value = eval(compile(ast.Expression(last.value), "<demo>", "eval"), scope)
        out.append(value._repr_mimebundle_()[value.MIME_TYPE])
    except Exception as e:
        out.append({"error": "{}: {}".format(type(e).__name__, e)})
print(json.dumps(out))
`,
    sources
  );
}

/** Run a snippet, then return the named globals it defined (NumPy arrays as nested lists). */
export function pythonGlobals(source: string, names: string[]): Record<string, unknown> {
  return runPython(
    `
import json, sys
request = json.load(sys.stdin)
scope = {}
exec(request["source"], scope)
out = {}
for name in request["names"]:
    value = scope[name]
    out[name] = value.tolist() if hasattr(value, "tolist") else value
print(json.dumps(out))
`,
    { source: source.replace(/^print\(.*$/gm, 'pass'), names }
  );
}
