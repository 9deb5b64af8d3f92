/**
 * Python source for an experiment: the `Lab(...)` call of the `jupyterlab_nnlab` helper that
 * displays the same spec in a notebook.
 *
 * The side panel uses it for "Insert into notebook": the inserted cell must reproduce the
 * experiment when the kernel runs it, and it should read like something a student would type,
 * so only the arguments that differ from the spec's defaults are written out.
 *
 * Pure functions, no DOM: tested in Node.
 */

/** A JSON value as found in an experiment spec. */
export type JSONLike =
  string | number | boolean | null | JSONLike[] | { [key: string]: JSONLike | undefined };

/**
 * Where each keyword argument of `Lab(...)` lives in the spec, in the order the code lists
 * them: the `x-python` annotations of the schema, in the schema's order.
 */
export { LAB_ARGUMENTS } from '../core/schemaFacts';
import { LAB_ARGUMENTS } from '../core/schemaFacts';

/** Keywords written even when they equal the default: they say what the experiment is. */
const ALWAYS_WRITTEN = new Set(['data', 'layers']);

/** The value at a dotted path such as "training.learningRate", or undefined. */
export function valueAt(spec: unknown, path: string): JSONLike | undefined {
  let node: unknown = spec;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node as JSONLike | undefined;
}

/** Structural equality of two JSON values (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) {
    return false;
  }
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ka = Object.keys(a as object).filter(k => (a as any)[k] !== undefined);
  const kb = Object.keys(b as object).filter(k => (b as any)[k] !== undefined);
  return ka.length === kb.length && ka.every(k => jsonEqual((a as any)[k], (b as any)[k]));
}

/**
 * A JSON value written as a Python literal: `true` -> `True`, `null` -> `None`, strings with
 * JSON's escapes (which Python's string literals understand too), lists and dicts as is.
 */
export function pythonLiteral(value: JSONLike | undefined): string {
  if (value === null || value === undefined) {
    return 'None';
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      return Number.isNaN(value) ? "float('nan')" : value > 0 ? "float('inf')" : "-float('inf')";
    }
    return String(value);
  }
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return '[' + value.map(pythonLiteral).join(', ') + ']';
  }
  const entries = Object.keys(value)
    .filter(key => value[key] !== undefined)
    .map(key => `${JSON.stringify(key)}: ${pythonLiteral(value[key])}`);
  return '{' + entries.join(', ') + '}';
}

/** The keyword arguments of `Lab(...)` for a spec, skipping those equal to `defaults`. */
export function labArguments(
  spec: unknown,
  defaults: unknown = {}
): Array<{ keyword: string; value: JSONLike }> {
  const args: Array<{ keyword: string; value: JSONLike }> = [];
  for (const { keyword, path } of LAB_ARGUMENTS) {
    const value = valueAt(spec, path);
    if (value === undefined) {
      continue;
    }
    if (!ALWAYS_WRITTEN.has(keyword) && jsonEqual(value, valueAt(defaults, path))) {
      continue;
    }
    args.push({ keyword, value });
  }
  return args;
}

/** A validator such as `validateSpec` from src/core/spec.ts: the spec with defaults filled in. */
export type SpecValidator = (json: unknown) => { ok: boolean; spec?: unknown };

/** A deep copy of a JSON value. */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/** Delete the field at a dotted path (no-op when absent); empty parent objects are removed. */
function deleteAt(spec: Record<string, unknown>, path: string): void {
  const keys = path.split('.');
  const parents: Record<string, unknown>[] = [spec];
  for (const key of keys.slice(0, -1)) {
    const next = parents[parents.length - 1][key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      return;
    }
    parents.push(next as Record<string, unknown>);
  }
  delete parents[parents.length - 1][keys[keys.length - 1]];
  for (let i = parents.length - 1; i > 0; i--) {
    if (Object.keys(parents[i]).length === 0) {
      delete parents[i - 1][keys[i - 1]];
    }
  }
}

/**
 * The spec with every argument left out that the validator would fill in with the same value.
 *
 * Defaults in NN Lab depend on each other (the loss on the data set, the initialisation on the
 * activation), so "equal to the default" is decided by validating: an argument is dropped when
 * the spec without it validates to exactly the same experiment. The data set and the layers
 * stay: they say what the experiment is.
 */
export function withoutDefaults(spec: unknown, validate: SpecValidator): unknown {
  const target = validate(spec);
  if (!target.ok) {
    return spec;
  }
  let reduced = copy(spec) as Record<string, unknown>;
  for (const { keyword, path } of LAB_ARGUMENTS) {
    if (ALWAYS_WRITTEN.has(keyword) || valueAt(reduced, path) === undefined) {
      continue;
    }
    const candidate = copy(reduced);
    deleteAt(candidate, path);
    const result = validate(candidate);
    if (result.ok && jsonEqual(result.spec, target.spec)) {
      reduced = candidate;
    }
  }
  return reduced;
}

/** Longest line before the call is broken into one argument per line (PEP 8's limit). */
const MAX_LINE = 79;

/**
 * The `Lab(...)` expression for a spec: on one line when it fits, otherwise one keyword
 * argument per line so that a long `compare` list stays readable.
 */
export function labCall(spec: unknown, defaults: unknown = {}): string {
  const parts = labArguments(spec, defaults).map(
    ({ keyword, value }) => `${keyword}=${pythonLiteral(value)}`
  );
  const oneLine = `Lab(${parts.join(', ')})`;
  if (oneLine.length <= MAX_LINE) {
    return oneLine;
  }
  return 'Lab(\n' + parts.map(part => `    ${part},`).join('\n') + '\n)';
}

/** A whole code cell: the import, then the call whose value the notebook displays. */
export function labCellSource(spec: unknown, defaults: unknown = {}): string {
  return `from jupyterlab_nnlab import Lab\n\n${labCall(spec, defaults)}`;
}
