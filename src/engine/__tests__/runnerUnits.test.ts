/**
 * The runner's work in short units with real trainers: a command is handled between two
 * units (mid-epoch), and where the epochs were cut does not change the results.
 */
import { resolveVariants } from '../../core/spec';
import type { ResolvedVariant, Snapshot } from '../../core/types';
import { validSpec } from '../../core/__tests__/support';
import type { EngineEvent } from '../protocol';
import { Runner } from '../runner';
import { createTrainers } from '../trainers';
import { SlowClock } from './fakes';

type SnapshotEvent = Extract<EngineEvent, { type: 'snapshots' }>;

const SPEC = validSpec({
  data: { name: 'moons', n: 80 },
  network: { layers: [2, 5, 4, 1], activation: 'relu' },
  training: { batchSize: 4, epochs: 50 },
  views: ['loss', 'boundary', 'weights'],
  compare: [{ network: { activation: 'tanh' } }, { training: { optimizer: 'adam' } }]
});

function setup(variants: ResolvedVariant[]) {
  const clock = new SlowClock();
  const events: EngineEvent[] = [];
  const runner = new Runner({
    variants,
    views: ['loss', 'boundary', 'weights'],
    post: event => events.push(event),
    factory: createTrainers,
    clock,
    settings: { chunkMs: 1, snapshotRate: 1000, speed: 'max' }
  });
  const snapshots = () => events.filter((e): e is SnapshotEvent => e.type === 'snapshots');
  const latest = (): Snapshot[] => snapshots()[snapshots().length - 1].snapshots;
  const ackAll = () => runner.handle({ type: 'ack', id: snapshots()[snapshots().length - 1].id });
  /** Run ticks one at a time, acknowledging snapshots as they come. */
  const tick = (n: number) => {
    for (let i = 0; i < n; i++) {
      clock.runNext();
      if (snapshots().length > 0) {
        ackAll();
      }
    }
  };
  return { clock, runner, events, snapshots, latest, tick };
}

describe('Runner units', () => {
  const variants = resolveVariants(SPEC);

  it('builds the compared trainers one per tick before its first snapshots', () => {
    const { snapshots, tick, latest } = setup(variants);
    expect(snapshots()).toHaveLength(0);
    tick(300);
    expect(snapshots().length).toBeGreaterThan(0);
    expect(latest().map(s => s.variant)).toEqual([0, 1, 2]);
  });

  it('honours a pause between two units, mid-epoch, and ends with the same weights', () => {
    const { runner, tick, latest, events } = setup(variants);
    tick(300);
    runner.handle({ type: 'play' });
    tick(7);
    runner.handle({ type: 'pause' });
    expect(runner.state).toBe('paused');
    // Fewer than 60 training points in batches of 4 and three networks: mid-epoch.
    expect(runner.epoch).toBe(0);
    const paused = events.length;
    tick(20);
    expect(events.slice(paused).filter(e => e.type === 'state')).toEqual([]);
    runner.handle({ type: 'step', epochs: 3 });
    tick(2000);
    expect(runner.epoch).toBe(3);
    expect(runner.state).toBe('paused');

    const whole = createTrainers(variants);
    for (const build of whole.pending ?? []) {
      whole.trainers.push(build());
    }
    whole.trainers.forEach(t => t.runEpochs(3));
    latest().forEach((snapshot, i) => {
      const expected = whole.trainers[i].snapshot({ weights: true });
      expect(snapshot.weights).toEqual(expected.weights);
      expect(snapshot.history).toEqual(expected.history);
    });
  });

  it('while training, sends only the views on screen; every view once it stops', () => {
    const { runner, tick, latest } = setup(variants);
    tick(300);
    expect(latest()[0].grid).toBeDefined();
    runner.handle({ type: 'setViews', views: ['loss'] });
    runner.handle({ type: 'play' });
    tick(400);
    expect(runner.epoch).toBeGreaterThan(0);
    expect(latest()[0].grid).toBeUndefined();
    expect(latest()[0].weights).toBeUndefined();
    runner.handle({ type: 'pause' });
    tick(300);
    expect(latest()[0].grid).toBeDefined();
    expect(latest()[0].weights).toBeDefined();
  });
});
