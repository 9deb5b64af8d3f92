/**
 * Fingerprints of what a chart draws, so that a chart whose inputs did not change is not
 * drawn again.
 *
 * Every snapshot arrives as a fresh object (it crossed postMessage), so identity says
 * nothing; instead we hash the parts of the snapshots a view reads. The loss and gradient
 * views read the per-epoch history; the other views read only the network's state, never the
 * epoch, and of that state only their own parts (the boundary view the grid, the weights view
 * the weights...). So a paused network whose snapshot is sent again draws nothing new in the
 * boundary view, and neither does a snapshot that adds the views out of sight (sent at rest
 * for the notebook's picture) to a chart on screen.
 *
 * Hash: FNV-1a taken a 32-bit word at a time instead of a byte at a time (four times
 * fewer steps; plenty for telling two frames apart), over the values in a fixed walk order
 * (numbers by their float64 bits, strings by their UTF-16 code units, with markers between fields and arrays so that
 * [1, 2], [3] and [1], [2, 3] differ).
 */
import type { Snapshot, ViewName } from '../core/types';

/** Views that read the per-epoch history (and the epoch counter). */
const HISTORY_VIEWS: ReadonlySet<ViewName> = new Set<ViewName>(['loss', 'gradients']);

/** The large per-network parts of a snapshot, which the history views do not read. */
export const NETWORK_FIELDS: ReadonlySet<string> = new Set([
  'grid',
  'hidden',
  'activations',
  'weights',
  'collapse',
  'neurons',
  'outputs',
  'values',
  'separation'
]);

/** The parts of a snapshot that only the history views read. */
const HISTORY_FIELDS: ReadonlySet<string> = new Set(['history', 'epoch', 'totalEpochs', 'done']);

/**
 * The network fields each of the other views reads (held to the figure builders by
 * fingerprint.test.ts: changing any other network field leaves the view's figure as it is).
 */
export const NETWORK_FIELDS_READ: Readonly<Record<ViewName, readonly string[]>> = {
  loss: [],
  gradients: [],
  boundary: ['grid', 'separation', 'values'],
  hidden: ['hidden', 'separation', 'weights'],
  activations: ['activations'],
  functions: ['activations'],
  weights: ['weights'],
  collapse: ['collapse'],
  neurons: ['grid', 'hidden', 'neurons', 'outputs'],
  network: ['grid', 'hidden', 'neurons', 'outputs', 'weights'],
  values: ['grid', 'values']
};

/**
 * The views whose figure differs while training runs (`ChartInput.live`: a cheaper heatmap
 * while frames follow each other). The others are not drawn again when training starts or
 * stops (held to the builders by fingerprint.test.ts).
 */
export const READS_LIVE: ReadonlySet<ViewName> = new Set<ViewName>(['boundary', 'neurons']);

/**
 * Views that read only a small part of a field: the key hashes that part. The functions view
 * reads which activation each layer uses, not the layer statistics (at the caps hashing
 * those took 10 ms of the view's first draw).
 */
const PART_READ: Partial<Record<ViewName, Readonly<Record<string, (value: unknown) => unknown>>>> =
  {
    functions: {
      activations: value =>
        Array.isArray(value)
          ? value.map(stats => (stats as { activation?: unknown } | null)?.activation)
          : value
    }
  };

/** Per view, the snapshot fields its key leaves out. */
const SKIPPED: ReadonlyMap<ViewName, ReadonlySet<string>> = new Map(
  (Object.keys(NETWORK_FIELDS_READ) as ViewName[]).map(view => {
    if (HISTORY_VIEWS.has(view)) {
      return [view, NETWORK_FIELDS];
    }
    const read = new Set(NETWORK_FIELDS_READ[view]);
    const unread = [...NETWORK_FIELDS].filter(field => !read.has(field));
    return [view, new Set([...HISTORY_FIELDS, ...unread])];
  })
);

/** A number that changes whenever the snapshot parts read by `view` change. */
export function chartInputKey(view: ViewName, snapshots: readonly Snapshot[]): number {
  const skip = SKIPPED.get(view) ?? HISTORY_FIELDS;
  const parts = PART_READ[view];
  const hash = new Fnv();
  hash.word(snapshots.length);
  for (const snapshot of snapshots) {
    const fields = Object.keys(snapshot).sort();
    for (const field of fields) {
      if (!skip.has(field)) {
        const value = (snapshot as unknown as Record<string, unknown>)[field];
        const part = parts?.[field];
        hash.text(field);
        hash.value(part ? part(value) : value);
      }
    }
    hash.word(0x5eed);
  }
  return hash.result;
}

/** A number that changes whenever `value` (numbers, strings, arrays, plain objects) changes. */
export function valueKey(value: unknown): number {
  const hash = new Fnv();
  hash.value(value);
  return hash.result;
}

/** FNV-1a on 32-bit words: h = rotl13((h xor w) * 16777619), with a final avalanche. */
class Fnv {
  get result(): number {
    // Spread the last words over every bit (the finaliser of MurmurHash3).
    let h = this._h;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  /** Mix in one 32-bit word; the rotation carries high bits down to the next product. */
  word(w: number): void {
    const h = Math.imul(this._h ^ w, 0x01000193);
    this._h = (h << 13) | (h >>> 19);
  }

  text(s: string): void {
    this.word(s.length);
    for (let i = 0; i < s.length; i++) {
      this.word(s.charCodeAt(i));
    }
  }

  /** Numbers, strings, booleans, arrays (plain or typed) and plain objects. */
  value(v: unknown): void {
    if (typeof v === 'number') {
      this._view.setFloat64(0, v);
      this.word(this._view.getUint32(0));
      this.word(this._view.getUint32(4));
    } else if (typeof v === 'string') {
      this.word(1);
      this.text(v);
    } else if (typeof v === 'boolean') {
      this.word(v ? 2 : 3);
    } else if (v === null || v === undefined) {
      this.word(4);
    } else if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      const items = v as ArrayLike<unknown>;
      this.word(5);
      this.word(items.length);
      for (let i = 0; i < items.length; i++) {
        this.value(items[i]);
      }
    } else if (typeof v === 'object') {
      this.word(6);
      const record = v as Record<string, unknown>;
      for (const key of Object.keys(record).sort()) {
        this.text(key);
        this.value(record[key]);
      }
    }
  }

  private _h = 0x811c9dc5;
  private _view = new DataView(new ArrayBuffer(8));
}
