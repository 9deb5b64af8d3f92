/**
 * Snapshots on their way from the worker to the page, with their numbers packed.
 *
 * A snapshot at the caps holds about a million numbers in nested arrays (grids, unit maps,
 * weights, projections). Sent as they are, `postMessage` copies them one by one, and the
 * page pays to rebuild every array before any script runs: a long task on the main thread.
 * Packed, each large array of numbers (nested to any depth, rows of any lengths) becomes one
 * Float64Array of its numbers and one Int32Array of its lengths, whose buffers are
 * *transferred* (moved, not copied) to the page. The page unpacks them into the very arrays
 * the charts read, so nothing past the session sees a difference: a Float64Array holds any
 * JavaScript number exactly (-0, NaN and the infinities included), so the numbers that arrive
 * are bit for bit the numbers sent.
 *
 * Small arrays are left as they are: below `PACK_MIN_NUMBERS` numbers a typed array costs
 * more than it saves.
 */

/** Arrays with fewer numbers than this (in all their rows) are sent as they are. */
export const PACK_MIN_NUMBERS = 256;

/** Key that marks a packed array. */
const PACKED = '__nnlabPacked';

/** A nested array of numbers, packed. */
export interface PackedNumbers {
  [PACKED]: 1;
  /**
   * The lengths of the arrays, in the order of a walk that lists an array's length and then
   * the lengths within each of its rows (depth first).
   */
  lengths: Int32Array;
  /** Every number, row after row. */
  values: Float64Array;
  /** Levels of nesting: 1 for number[], 2 for number[][], ... */
  depth: number;
}

/**
 * The levels of nesting of `value` if it is an array whose leaves are all numbers at the
 * same depth (empty arrays may stand anywhere: they fit every depth), else 0. `count` gets
 * the number of numbers.
 */
function numericDepth(value: unknown[], count: { n: number }): number {
  let depth = -1;
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    let d: number;
    if (typeof item === 'number') {
      count.n++;
      d = 1;
    } else if (Array.isArray(item)) {
      if (item.length === 0) {
        continue;
      }
      const inner = numericDepth(item, count);
      if (inner === 0) {
        return 0;
      }
      d = inner + 1;
    } else {
      return 0;
    }
    if (depth === -1) {
      depth = d;
    } else if (depth !== d) {
      return 0;
    }
  }
  // An array of empty arrays only: two levels (its rows are empty number arrays).
  if (depth === -1) {
    return value.length > 0 ? 2 : 1;
  }
  return depth;
}

/** Walk `value` (depth levels) writing its lengths and numbers. */
function write(
  value: unknown[],
  depth: number,
  lengths: number[],
  values: Float64Array,
  at: { v: number }
): void {
  lengths.push(value.length);
  if (depth === 1) {
    for (let i = 0; i < value.length; i++) {
      values[at.v++] = value[i] as number;
    }
    return;
  }
  for (let i = 0; i < value.length; i++) {
    write(value[i] as unknown[], depth - 1, lengths, values, at);
  }
}

/** The packed form of a nested array of numbers of `depth` levels holding `count` numbers. */
function packArray(value: unknown[], depth: number, count: number): PackedNumbers {
  const lengths: number[] = [];
  const values = new Float64Array(count);
  write(value, depth, lengths, values, { v: 0 });
  return { [PACKED]: 1, lengths: Int32Array.from(lengths), values, depth };
}

/** Rebuild the nested arrays of a packed array. */
function unpackArray(packed: PackedNumbers): unknown[] {
  const { lengths, values } = packed;
  let l = 0;
  let v = 0;
  const read = (depth: number): unknown[] => {
    const length = lengths[l++];
    if (depth === 1) {
      // Plain arrays, as the charts expect (not typed arrays).
      const out = new Array<number>(length);
      for (let i = 0; i < length; i++) {
        out[i] = values[v + i];
      }
      v += length;
      return out;
    }
    const out = new Array<unknown>(length);
    for (let i = 0; i < length; i++) {
      out[i] = read(depth - 1);
    }
    return out;
  };
  return read(packed.depth);
}

function isPacked(value: unknown): value is PackedNumbers {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<string, unknown>)[PACKED] === 1 &&
    isTyped((value as PackedNumbers).values, 'Float64Array') &&
    isTyped((value as PackedNumbers).lengths, 'Int32Array')
  );
}

/** A typed array of that kind, from this realm or another (a structured clone's). */
function isTyped(value: unknown, kind: string): boolean {
  return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === `[object ${kind}]`;
}

/**
 * A copy of `value` (plain data: objects, arrays, numbers, strings, typed arrays) with its
 * large arrays of numbers packed; the buffers to transfer are added to `transfer`. The
 * original is not changed, and the packed buffers are new, so transferring them takes
 * nothing the sender still uses.
 */
export function pack<T>(value: T, transfer: ArrayBuffer[]): unknown {
  if (Array.isArray(value)) {
    const count = { n: 0 };
    const depth = numericDepth(value, count);
    if (depth > 0 && count.n >= PACK_MIN_NUMBERS) {
      const packed = packArray(value, depth, count.n);
      transfer.push(packed.values.buffer as ArrayBuffer, packed.lengths.buffer as ArrayBuffer);
      return packed;
    }
    return value.map(item => pack(item, transfer));
  }
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      out[key] = pack(item, transfer);
    }
    return out;
  }
  return value;
}

/** The value `pack` was given, rebuilt from what it returned. */
export function unpack<T>(value: unknown): T {
  if (isPacked(value)) {
    return unpackArray(value) as T;
  }
  if (Array.isArray(value)) {
    return value.map(item => unpack(item)) as T;
  }
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      out[key] = unpack(item);
    }
    return out as T;
  }
  return value as T;
}
