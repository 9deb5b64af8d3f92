/**
 * Test helper: run Python snippets through python3 in one process.
 *
 * `checkSyntax` parses each snippet with `ast.parse`; `labKeywords` executes each snippet with a
 * stand-in `jupyterlab_nnlab.Lab` that records its keyword arguments, and returns those of the
 * snippet's last expression. Together they check that a demo's code is valid Python and what
 * its `Lab(...)` call says, without needing a kernel. What a snippet prints is kept out of the
 * answer, so a demo may print as a notebook cell would.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

/** The repository root, from which the real `jupyterlab_nnlab` is imported. */
const REPO_ROOT = path.join(__dirname, '../../..');

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

/**
 * For each snippet: the keyword arguments of the `Lab(...)` call that is its last expression
 * (or that a name in the last expression is bound to). The stand-in asks the real helper for
 * anything else a snippet calls, such as `initial_weights()`.
 */
export function labKeywords(sources: string[]): Array<Record<string, unknown>> {
  return runPython(
    `
import ast, contextlib, io, json, sys, types

sys.path.insert(0, ${JSON.stringify(REPO_ROOT)})
from jupyterlab_nnlab import Lab as RealLab

class Lab:
    def __init__(self, **kwargs):
        self.kwargs = kwargs

    def initial_weights(self, *args, **kwargs):
        return RealLab(**self.kwargs).initial_weights(*args, **kwargs)

fake = types.ModuleType("jupyterlab_nnlab")
fake.Lab = Lab
sys.modules["jupyterlab_nnlab"] = fake

out = []
for src in json.load(sys.stdin):
    tree = ast.parse(src)
    last = tree.body.pop()
    scope = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(tree, "<demo>", "exec"), scope)
        value = eval(compile(ast.Expression(last.value), "<demo>", "eval"), scope)
    out.append(value.kwargs)
print(json.dumps(out))
`,
    sources
  );
}

/** What running a snippet with the real helper gave: the displayed spec and the printed text. */
export interface LabRun {
  /** The spec of the snippet's last expression, or `{ error }` when running it raised. */
  spec: Record<string, unknown>;
  /** Everything the snippet printed before that (kept out of the JSON answer). */
  printed: string;
}

/**
 * For each snippet: the spec that the real `jupyterlab_nnlab.Lab` (from this repository)
 * displays for the snippet's last expression, or `{ error }` when running it raised.
 */
export function realLabSpecs(sources: string[], repoRoot: string): Array<Record<string, unknown>> {
  return realLabRuns(sources, repoRoot).map(run => run.spec);
}

/** For each snippet: what the real helper displays for its last expression, and what it printed. */
export function realLabRuns(sources: string[], repoRoot: string): LabRun[] {
  return runPython(
    `
import ast, contextlib, io, json, sys
sys.path.insert(0, ${JSON.stringify(repoRoot)})
import jupyterlab_nnlab

out = []
for src in json.load(sys.stdin):
    printed = io.StringIO()
    try:
        tree = ast.parse(src)
        last = tree.body.pop()
        scope = {}
        with contextlib.redirect_stdout(printed):
            exec(compile(tree, "<demo>", "exec"), scope)
            value = eval(compile(ast.Expression(last.value), "<demo>", "eval"), scope)
        out.append({"spec": value._repr_mimebundle_()[value.MIME_TYPE], "printed": printed.getvalue()})
    except Exception as e:
        out.append({"spec": {"error": "{}: {}".format(type(e).__name__, e)}, "printed": printed.getvalue()})
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
