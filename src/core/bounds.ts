/**
 * Bounds checked before any other work on a spec.
 *
 * A spec can come from an untrusted notebook, so it can be of any size and nesting. Before
 * the schema validator (whose error search can grow faster than the input) or anything that
 * recurses sees it, one iterative walk checks, guided by the schema:
 *
 * - how deep containers nest (a real spec nests at most six levels:
 *   compare[i].network.weights[l][r][c]);
 * - each list's length against the schema's maxItems for that field (or a general cap where
 *   the field is unknown), without looking inside a list that is too long;
 * - each string's length against maxLength (or a general cap);
 * - the number of values in all.
 *
 * The walk visits each value at most once and stops at the first cap it passes, so any input
 * is accepted or refused in time linear in the part of it that fits the caps.
 *
 * It also takes a copy of what it walked, made of plain objects, lists and values only, which
 * is what the checks after it see. A spec is JSON data; an object built in a page may be
 * more (inherited fields, getters, a typed array, a proxy that shows one set of fields to
 * one reader and another to the next). Each field is read once, here, and any object that
 * is not a plain object or list is refused before anything reads it further.
 */

import { SpecError } from './types';

/** The parts of a JSON Schema node the walk reads. */
export interface BoundsSchema {
  type?: string;
  $ref?: string;
  maxItems?: number;
  maxLength?: number;
  items?: BoundsSchema;
  properties?: Record<string, BoundsSchema>;
  anyOf?: BoundsSchema[];
  definitions?: Record<string, BoundsSchema>;
}

/** Containers nested deeper than this are refused (a valid spec nests at most 6). */
export const MAX_DEPTH = 10;
/** Lists where the schema says nothing (unknown fields) may have at most this many entries. */
export const MAX_LIST = 2000;
/** Strings where the schema says nothing may have at most this many characters. */
export const MAX_STRING = 2000;
/** Objects may have at most this many fields (the largest section has about 20). */
export const MAX_FIELDS = 100;
/** Field names longer than this are refused (the longest real one has 18 letters). */
export const MAX_KEY = 100;
/** Values in the whole spec: above the largest valid spec (about 500,000). */
export const MAX_VALUES = 1_000_000;
/** Error lists show this many problems, then "and N more". */
export const MAX_ERRORS = 12;

interface Pending {
  value: unknown;
  schema: BoundsSchema | undefined;
  path: string;
  depth: number;
  /** Where the copy of `value` goes: a container of the copy, and the key in it. */
  into: Record<string, unknown> | unknown[];
  key: string | number;
}

/** Follows "#/definitions/name" references of the root schema. */
function resolve(root: BoundsSchema, node: BoundsSchema | undefined): BoundsSchema | undefined {
  let current = node;
  for (let hops = 0; current?.$ref !== undefined && hops < 8; hops++) {
    const name = current.$ref.replace(/^#\/definitions\//, '');
    current = root.definitions?.[name];
  }
  return current;
}

/** The alternative of an anyOf that describes a value of this kind (list, object, text). */
function pick(
  root: BoundsSchema,
  node: BoundsSchema | undefined,
  kind: 'array' | 'object' | 'string'
): BoundsSchema | undefined {
  const resolved = resolve(root, node);
  if (resolved?.anyOf === undefined) {
    return resolved;
  }
  for (const alternative of resolved.anyOf) {
    const r = resolve(root, alternative);
    if (r?.type === kind) {
      return r;
    }
  }
  return undefined;
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${path}[${key}]`;
  }
  const shown = key.length > 40 ? `${key.slice(0, 37)}...` : key;
  return path === '' ? shown : `${path}.${shown}`;
}

/**
 * Size and depth problems of `input`, checked against `schema` before any other work.
 * Returns at most MAX_ERRORS errors (plus one "and N more" line); an empty list means the
 * input is small enough for the full validation.
 */
export function boundsErrors(input: unknown, schema: BoundsSchema): SpecError[] {
  return checkBounds(input, schema).errors;
}

/** Whether `value` is a plain object: made by a literal or JSON.parse, or with no prototype. */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** What kind of object `value` is, for a message: "a Float64Array", "a Date". */
function kindOf(value: object): string {
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  return `${/^[AEIOU]/.test(tag) ? 'an' : 'a'} ${tag.slice(0, 40)}`;
}

/**
 * `boundsErrors`, and the plain copy of `input` that the walk took (see the top of this file):
 * what every later check reads. The copy is only complete when there are no errors.
 */
export function checkBounds(
  input: unknown,
  schema: BoundsSchema
): { errors: SpecError[]; copy: unknown } {
  const errors: SpecError[] = [];
  const root: unknown[] = [undefined];
  const stack: Pending[] = [{ value: input, schema, path: '', depth: 0, into: root, key: 0 }];
  let values = 0;
  while (stack.length > 0) {
    const { value, schema: node, path, depth, into, key: slot } = stack.pop() as Pending;
    values++;
    if (values > MAX_VALUES) {
      return {
        errors: [
          {
            path: '',
            message: `the spec holds more than ${MAX_VALUES.toLocaleString('en')} values; no valid spec is that large`
          }
        ],
        copy: undefined
      };
    }
    const name = path === '' ? 'the spec' : path;
    if (typeof value === 'string') {
      const limit = pick(schema, node, 'string')?.maxLength ?? MAX_STRING;
      if (value.length > limit) {
        errors.push({
          path,
          message: `${name} is too long: ${value.length.toLocaleString('en')} characters, at most ${limit}`
        });
      }
      put(into, slot, value);
      continue;
    }
    if (value === null || typeof value !== 'object') {
      put(into, slot, value);
      continue;
    }
    if (!Array.isArray(value) && !isPlainObject(value)) {
      errors.push({
        path,
        message: `${name} must be JSON data (objects, lists, text, numbers), not ${kindOf(value)}`
      });
      continue;
    }
    if (depth >= MAX_DEPTH) {
      errors.push({
        path,
        message: `${name} is nested more than ${MAX_DEPTH} levels deep; no field of a spec goes deeper than 6`
      });
      continue;
    }
    if (Array.isArray(value)) {
      const list = pick(schema, node, 'array');
      const limit = list?.maxItems ?? MAX_LIST;
      if (value.length > limit) {
        errors.push({
          path,
          message:
            `${name} has ${value.length.toLocaleString('en')} entries but must have at most ${limit} ` +
            '(a cap that keeps every experiment small enough for a browser tab)'
        });
        continue;
      }
      const items: unknown[] = new Array(value.length);
      put(into, slot, items);
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({
          value: value[i],
          schema: list?.items,
          path: childPath(path, i),
          depth: depth + 1,
          into: items,
          key: i
        });
      }
      continue;
    }
    const object = pick(schema, node, 'object');
    const keys = Object.keys(value);
    const fields: Record<string, unknown> = {};
    put(into, slot, fields);
    if (keys.length > MAX_FIELDS) {
      errors.push({
        path,
        message: `${name} has ${keys.length.toLocaleString('en')} fields; a spec section has at most about 20`
      });
      continue;
    }
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k];
      if (key.length > MAX_KEY) {
        errors.push({
          path,
          message: `${name} has a field name of ${key.length.toLocaleString('en')} characters; field names are short words`
        });
        continue;
      }
      stack.push({
        value: (value as Record<string, unknown>)[key],
        schema: object?.properties?.[key],
        path: childPath(path, key),
        depth: depth + 1,
        into: fields,
        key
      });
    }
  }
  return { errors: capErrors(errors), copy: root[0] };
}

/** Sets `into[key]` as an own field, also where the key is "__proto__" (as JSON.parse does). */
function put(
  into: Record<string, unknown> | unknown[],
  key: string | number,
  value: unknown
): void {
  if (key === '__proto__') {
    Object.defineProperty(into, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true
    });
  } else {
    (into as Record<string | number, unknown>)[key] = value;
  }
}

/** Lists already cut by `capErrors`: cutting one again would count its last line as a problem. */
const capped = new WeakSet<SpecError[]>();

/**
 * The first MAX_ERRORS errors, then one line saying how many more there are. `found`: the
 * errors are only the first of that many failures a check found (not all put into words).
 */
export function capErrors(errors: SpecError[], found?: number): SpecError[] {
  if (capped.has(errors) || (errors.length <= MAX_ERRORS && found === undefined)) {
    return errors;
  }
  const more = errors.length - MAX_ERRORS;
  const message =
    found === undefined
      ? `and ${more.toLocaleString('en')} more problem${more === 1 ? '' : 's'}`
      : `and more problems: the schema check found ${found.toLocaleString('en')} in all`;
  const out = [...errors.slice(0, MAX_ERRORS), { path: '', message }];
  capped.add(out);
  return out;
}

/**
 * A value as it would be written in a spec, at most `limit` characters, built without
 * serialising more of the value than is shown (a huge or deeply nested value stays cheap).
 */
export function preview(value: unknown, limit = 60): string {
  let out = '';
  let full = true;
  const write = (text: string): boolean => {
    if (out.length + text.length > limit) {
      out += text.slice(0, Math.max(0, limit - out.length));
      full = false;
      return false;
    }
    out += text;
    return true;
  };
  // An explicit stack of what is left to write: values, or literal punctuation.
  const todo: Array<{ value: unknown } | { text: string }> = [{ value }];
  while (todo.length > 0 && full) {
    const next = todo.pop() as { value: unknown } | { text: string };
    if ('text' in next) {
      write(next.text);
      continue;
    }
    const v = next.value;
    if (typeof v === 'string') {
      write(JSON.stringify(v.length > limit ? v.slice(0, limit) : v));
    } else if (typeof v === 'number') {
      write(String(v));
    } else if (v === null || typeof v === 'boolean') {
      write(String(v));
    } else if (Array.isArray(v)) {
      write('[');
      todo.push({ text: ']' });
      const shown = Math.min(v.length, limit);
      for (let i = shown - 1; i >= 0; i--) {
        todo.push({ value: v[i] });
        if (i > 0) {
          todo.push({ text: ',' });
        }
      }
    } else if (typeof v === 'object') {
      write('{');
      todo.push({ text: '}' });
      const keys = Object.keys(v as object).slice(0, limit);
      for (let i = keys.length - 1; i >= 0; i--) {
        todo.push({ value: (v as Record<string, unknown>)[keys[i]] });
        todo.push({ text: `${JSON.stringify(keys[i].slice(0, limit))}:` });
        if (i > 0) {
          todo.push({ text: ',' });
        }
      }
    } else {
      write(String(typeof v));
    }
  }
  if (!full && out.length > limit - 3) {
    out = out.slice(0, limit - 3);
  }
  return full ? out : `${out}...`;
}
