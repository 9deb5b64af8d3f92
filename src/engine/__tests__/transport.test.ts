/**
 * The packed snapshot messages (transport.ts): what the page unpacks is, field by field and
 * bit by bit, what the worker's trainers made, and the big arrays cross as transferred
 * buffers.
 */
import { resolveVariants } from '../../core/spec';
import type { Snapshot, ViewName } from '../../core/types';
import { validSpec } from '../../core/__tests__/support';
import type { EngineEvent } from '../protocol';
import { Runner } from '../runner';
import { received } from '../session';
import { snapshotOptionsFor } from '../snapshotOptions';
import { createTrainers } from '../trainers';
import { pack, PACK_MIN_NUMBERS, unpack } from '../transport';
import { ManualClock } from './fakes';

const EVERY_VIEW: ViewName[] = [
  'loss',
  'boundary',
  'hidden',
  'activations',
  'gradients',
  'weights',
  'collapse',
  'functions',
  'neurons',
  'network',
  'values'
];

/**
 * The same tree, compared leaf by leaf with Object.is (which tells -0 from 0 and sees NaN as
 * NaN), arrays as plain arrays. Returns the first difference's path, or null.
 */
function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (typeof a === 'number' || typeof b === 'number') {
    return Object.is(a, b) ? null : `${path}: ${String(a)} vs ${String(b)}`;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) {
      return `${path}: array vs not an array`;
    }
    if (a.length !== b.length) {
      return `${path}: length ${a.length} vs ${b.length}`;
    }
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) {
        return d;
      }
    }
    return null;
  }
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    return firstDifference(
      Array.from(a as unknown as ArrayLike<number>),
      Array.from(b as unknown as ArrayLike<number>),
      path
    );
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join() !== kb.join()) {
      return `${path}: keys ${ka.join()} vs ${kb.join()}`;
    }
    for (const key of ka) {
      const d = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`
      );
      if (d) {
        return d;
      }
    }
    return null;
  }
  return Object.is(a, b) ? null : `${path}: ${String(a)} vs ${String(b)}`;
}

/** Through `postMessage` as the worker sends it: a structured clone moving `transfer`. */
function crossed<T>(value: unknown, transfer: ArrayBuffer[]): T {
  return structuredClone(value, { transfer }) as T;
}

/** Snapshots of every view from trained networks, one with a hidden layer wider than three. */
function realSnapshots(): Snapshot[] {
  const spec = validSpec({
    data: { name: 'moons', n: 300 },
    network: { layers: [2, 12, 5, 1], activation: 'relu' },
    training: { batchSize: 16, epochs: 3 },
    grid: 30,
    // At most nine views in a spec; the snapshots below carry all of them anyway.
    views: EVERY_VIEW.filter(view => view !== 'functions' && view !== 'gradients'),
    compare: [{ network: { activation: 'identity' } }]
  });
  const set = createTrainers(resolveVariants(spec));
  for (const build of set.pending ?? []) {
    set.trainers.push(build());
  }
  const options = snapshotOptionsFor(EVERY_VIEW, 30);
  return set.trainers.map((trainer, i) => {
    trainer.runEpochs(2);
    // The charts draw the maps of a few units only: the others come as empty maps.
    return trainer.snapshot({ ...options, neuronUnits: i === 0 ? [3, 5] : undefined });
  });
}

describe('packed snapshots', () => {
  const direct = realSnapshots();

  it('cross as transferred buffers and unpack to the same snapshots, bit for bit', () => {
    // The hidden view's projection, the neuron maps (some empty), the grid: all there.
    expect(direct[0].hidden?.[0].projected).toBeDefined();
    expect(direct[0].neurons?.[0][5]).toEqual([]);
    expect(direct[1].collapse).toBeDefined();
    const transfer: ArrayBuffer[] = [];
    const packed = pack(direct, transfer);
    expect(transfer.length).toBeGreaterThan(4);
    const arrived = crossed<unknown>(packed, transfer);
    // Moved, not copied: the sender's buffers are empty now.
    expect(transfer.every(buffer => buffer.byteLength === 0)).toBe(true);
    const snapshots = unpack<Snapshot[]>(arrived);
    expect(firstDifference(snapshots, direct)).toBeNull();
    // And the same as a plain structured clone (what was sent before).
    expect(firstDifference(snapshots, structuredClone(direct))).toBeNull();
  });

  it('leaves the sender its snapshots unchanged', () => {
    const copy = structuredClone(direct);
    pack(direct, []);
    expect(firstDifference(direct, copy)).toBeNull();
  });

  it('keeps -0, NaN, the infinities and the tiniest numbers exactly', () => {
    const odd = [-0, 0, NaN, Infinity, -Infinity, Number.MIN_VALUE, -Number.MAX_VALUE, 0.1 + 0.2];
    const value = {
      long: Array.from({ length: PACK_MIN_NUMBERS }, (_, i) => odd[i % odd.length]),
      ragged: [
        Array.from({ length: 300 }, (_, i) => odd[i % odd.length] * i),
        [],
        [[], []].length === 2 ? [-0] : []
      ],
      deep: [[[1, -0], []], [], [[NaN]], Array.from({ length: 100 }, () => [2, 3, -0])]
    };
    const transfer: ArrayBuffer[] = [];
    const packed = pack(value, transfer) as Record<string, unknown>;
    expect(transfer.length).toBe(6);
    expect(firstDifference(unpack(crossed(packed, transfer)), value)).toBeNull();
  });

  it('leaves small arrays, mixed arrays, strings and typed arrays as they are', () => {
    const value = {
      small: [1, 2, 3],
      mixed: [Array.from({ length: 400 }, (_, i) => i), 'a'],
      label: 'x',
      flag: true,
      none: null,
      typed: new Float64Array([1, -0]),
      counts: Array.from({ length: 30 }, (_, i) => ({ edges: [i], counts: [i, i] }))
    };
    const transfer: ArrayBuffer[] = [];
    const packed = pack(value, transfer) as typeof value;
    expect(packed.small).toEqual([1, 2, 3]);
    expect(packed.typed).toBe(value.typed);
    // The long array inside the mixed one is packed on its own.
    expect(Array.isArray(packed.mixed[0])).toBe(false);
    expect(transfer).toHaveLength(2);
    expect(firstDifference(unpack(crossed(packed, transfer)), value)).toBeNull();
  });
});

describe('the worker runner packs, the session unpacks', () => {
  function run(packIt: boolean): { events: EngineEvent[]; transfers: ArrayBuffer[][] } {
    const spec = validSpec({
      data: { name: 'xor', n: 200 },
      network: { layers: [2, 8, 1], activation: 'tanh' },
      training: { batchSize: 8, epochs: 3 },
      views: ['loss', 'boundary', 'hidden', 'neurons']
    });
    const clock = new ManualClock();
    const events: EngineEvent[] = [];
    const transfers: ArrayBuffer[][] = [];
    const runner = new Runner({
      variants: resolveVariants(spec),
      views: spec.views,
      pack: packIt,
      post: (event, transfer) => {
        // What the page receives: a structured clone moving the buffers.
        events.push(crossed(event, transfer ?? []));
        transfers.push(transfer ?? []);
        if (event.type === 'snapshots') {
          setTimeout(() => runner.handle({ type: 'ack', id: event.id }), 0);
        }
      },
      factory: createTrainers,
      clock,
      settings: { chunkMs: 1000, snapshotRate: 1000, speed: 'max' }
    });
    runner.handle({ type: 'step', epochs: 2 });
    for (let i = 0; i < 20; i++) {
      clock.advance(1);
      jest.runOnlyPendingTimers();
    }
    runner.dispose();
    return { events, transfers };
  }

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('gives the page exactly the events of an unpacked runner', () => {
    const plain = run(false);
    const packed = run(true);
    const snapshotsOf = (events: EngineEvent[]) => events.filter(e => e.type === 'snapshots');
    expect(snapshotsOf(packed.events).length).toBeGreaterThan(1);
    expect(snapshotsOf(packed.events).every(e => e.type === 'snapshots' && e.packed)).toBe(true);
    expect(packed.transfers.some(list => list.length > 0)).toBe(true);
    const unpacked = packed.events.map(received);
    expect(firstDifference(unpacked, plain.events)).toBeNull();
  });
});
