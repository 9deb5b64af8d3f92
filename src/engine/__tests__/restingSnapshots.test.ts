/**
 * Resting with views out of sight: the snapshots of the visible views go first, those of
 * every view (for the picture) follow in the background, and play, pause and reset are
 * honoured at once while the background snapshots are being built.
 */
import { resolveVariants } from '../../core/spec';
import type { ViewName } from '../../core/types';
import { validSpec } from '../../core/__tests__/support';
import type { EngineEvent } from '../protocol';
import { Runner } from '../runner';
import { createTrainers } from '../trainers';
import { SlowClock } from './fakes';

type SnapshotEvent = Extract<EngineEvent, { type: 'snapshots' }>;

const VIEWS: ViewName[] = ['loss', 'boundary', 'weights'];
const SPEC = validSpec({
  data: { name: 'moons', n: 80 },
  network: { layers: [2, 5, 4, 1], activation: 'relu' },
  training: { batchSize: 4, epochs: 50 },
  views: VIEWS,
  compare: [{ network: { activation: 'tanh' } }]
});

function setup() {
  const clock = new SlowClock();
  const events: EngineEvent[] = [];
  const runner = new Runner({
    variants: resolveVariants(SPEC),
    views: VIEWS,
    post: event => events.push(event),
    factory: createTrainers,
    clock,
    settings: { chunkMs: 1, snapshotRate: 1000, speed: 'max' }
  });
  const snapshots = () => events.filter((e): e is SnapshotEvent => e.type === 'snapshots');
  const latest = () => snapshots()[snapshots().length - 1];
  /** Acknowledge the newest snapshots, as the page does once it has drawn them. */
  const ack = () => runner.handle({ type: 'ack', id: latest().id });
  /** Run ticks, acknowledging what comes unless told not to. */
  const tick = (n: number, acknowledge = true) => {
    for (let i = 0; i < n; i++) {
      clock.runNext();
      if (acknowledge && snapshots().length > 0) {
        ack();
      }
    }
  };
  return { clock, runner, events, snapshots, latest, ack, tick };
}

/** Train a little with only the loss on screen, then pause; the partial snapshots arrive. */
function pausedWithLossOnScreen() {
  const t = setup();
  t.tick(300);
  t.runner.handle({ type: 'setViews', views: ['loss'] });
  t.runner.handle({ type: 'play' });
  t.tick(200);
  expect(t.runner.epoch).toBeGreaterThan(0);
  t.runner.handle({ type: 'pause' });
  const before = t.snapshots().length;
  // Build the visible views' snapshots, without acknowledging them yet.
  for (let i = 0; i < 100 && t.snapshots().length === before; i++) {
    t.tick(1, false);
  }
  expect(t.snapshots().length).toBe(before + 1);
  return t;
}

describe('resting snapshots: the visible views first, every view in the background', () => {
  it('sends the visible views at once, then every view once acknowledged', () => {
    const { latest, ack, tick, snapshots, runner } = pausedWithLossOnScreen();
    const partial = latest();
    expect(partial.partial).toBe(true);
    expect(partial.state).toBe('paused');
    expect(partial.snapshots[0].grid).toBeUndefined();
    expect(partial.snapshots[0].weights).toBeUndefined();
    const count = snapshots().length;
    ack();
    tick(200, false);
    expect(snapshots().length).toBe(count + 1);
    const complete = latest();
    expect(complete.partial).toBeUndefined();
    expect(complete.snapshots[0].grid).toBeDefined();
    expect(complete.snapshots[0].weights).toBeDefined();
    // The same moment: the same epoch and history as the partial ones.
    expect(complete.snapshots.map(s => s.history)).toEqual(partial.snapshots.map(s => s.history));
    // Nothing more once every view is sent; a view scrolled into sight needs nothing new.
    ack();
    runner.handle({ type: 'setViews', views: ['loss', 'boundary'] });
    tick(50);
    expect(snapshots().length).toBe(count + 1);
  });

  it('honours play during the background snapshots at once and trains on', () => {
    const { latest, ack, tick, runner, events, snapshots } = pausedWithLossOnScreen();
    ack();
    // A few units of the background snapshots (three trainers, a grid in blocks each).
    tick(3, false);
    const count = snapshots().length;
    const epoch = runner.epoch;
    const seen = events.length;
    runner.handle({ type: 'play' });
    expect(runner.state).toBe('running');
    expect(events.slice(seen)).toEqual([{ type: 'state', state: 'running', epoch }]);
    tick(300);
    expect(runner.epoch).toBeGreaterThan(epoch);
    // No snapshot of every view was sent while training: only the visible views.
    for (const message of snapshots().slice(count)) {
      expect(message.snapshots[0].grid).toBeUndefined();
    }
    // Pause again: honoured at once, the visible views first again.
    const now = events.length;
    runner.handle({ type: 'pause' });
    expect(runner.state).toBe('paused');
    expect(events.slice(now)[0]).toEqual({ type: 'state', state: 'paused', epoch: runner.epoch });
    tick(300);
    const resting = snapshots().filter(m => m.state === 'paused');
    expect(resting[resting.length - 2].partial).toBe(true);
    expect(latest().partial).toBeUndefined();
    expect(latest().snapshots[0].grid).toBeDefined();
  });

  it('honours pause during the background snapshots of a step, and reset after it', () => {
    const { ack, tick, runner, events, latest } = pausedWithLossOnScreen();
    ack();
    tick(2, false);
    runner.handle({ type: 'step', epochs: 1 });
    expect(runner.state).toBe('running');
    runner.handle({ type: 'pause' });
    expect(runner.state).toBe('paused');
    tick(2, false);
    const seen = events.length;
    runner.handle({ type: 'reset' });
    expect(runner.state).toBe('paused');
    tick(400);
    expect(events.slice(seen).some(e => e.type === 'state' && e.state === 'running')).toBe(false);
    expect(runner.epoch).toBe(0);
    expect(latest().snapshots[0].epoch).toBe(0);
    expect(latest().snapshots[0].grid).toBeDefined();
  });

  it('sends every view at once when every view is on screen', () => {
    const t = setup();
    t.tick(300);
    t.runner.handle({ type: 'setViews', views: VIEWS });
    t.runner.handle({ type: 'play' });
    t.tick(100);
    t.runner.handle({ type: 'pause' });
    t.tick(200);
    const resting = t.snapshots().filter(m => m.state === 'paused');
    expect(resting.every(m => m.partial === undefined)).toBe(true);
    expect(t.latest().snapshots[0].grid).toBeDefined();
  });
});
