import type { EngineEvent } from '../protocol';
import { Runner } from '../runner';
import { FakeTrainer, ManualClock, fakeFactory } from './fakes';

type SnapshotEvent = Extract<EngineEvent, { type: 'snapshots' }>;

function setup(
  options: { epochs?: number; learningRates?: number[]; divergeAt?: number; rate?: number } = {}
) {
  const clock = new ManualClock();
  const trainers: FakeTrainer[] = [];
  const events: EngineEvent[] = [];
  const runner = new Runner({
    variants: [],
    views: ['loss', 'boundary'],
    post: event => events.push(event),
    factory: fakeFactory(
      clock,
      trainers,
      options.learningRates,
      options.divergeAt,
      options.epochs ?? 100
    ),
    clock,
    settings: { chunkMs: 10, snapshotRate: options.rate ?? 10, speed: 'max' }
  });
  const snapshots = () => events.filter((e): e is SnapshotEvent => e.type === 'snapshots');
  /** Acknowledge the latest snapshots, as the page does after drawing. */
  const ack = () => {
    const all = snapshots();
    runner.handle({ type: 'ack', id: all[all.length - 1].id });
  };
  return { clock, trainers, events, runner, snapshots, ack };
}

describe('Runner', () => {
  it('sends the untrained network and the data at once', () => {
    const { snapshots } = setup();
    expect(snapshots()).toHaveLength(1);
    expect(snapshots()[0].snapshots[0].epoch).toBe(0);
    expect(snapshots()[0].data?.x).toHaveLength(4);
  });

  it('trains in chunks bounded by the wall clock and yields between them', () => {
    const { runner, clock, trainers } = setup({ epochs: 1000 });
    runner.handle({ type: 'play' });
    // Each fake epoch costs 1 ms and a chunk lasts 10 ms: the first chunk stops at 10 epochs.
    expect(runner.epoch).toBe(10);
    expect(clock.timers).toHaveLength(1);
    clock.advance(0);
    expect(runner.epoch).toBe(20);
    expect(trainers[0].epoch).toBe(20);
  });

  it('stops training on pause and resumes on play', () => {
    const { runner, clock } = setup({ epochs: 1000 });
    runner.handle({ type: 'play' });
    clock.advance(0);
    runner.handle({ type: 'pause' });
    const at = runner.epoch;
    expect(runner.state).toBe('paused');
    clock.advance(1000);
    expect(runner.epoch).toBe(at);
    expect(clock.timers).toHaveLength(0);
    runner.handle({ type: 'play' });
    expect(runner.epoch).toBeGreaterThan(at);
  });

  it('steps exactly k epochs, then pauses', () => {
    const { runner, clock, events } = setup({ epochs: 1000 });
    runner.handle({ type: 'step', epochs: 25 });
    clock.advance(100);
    expect(runner.epoch).toBe(25);
    expect(runner.state).toBe('paused');
    runner.handle({ type: 'step', epochs: 3 });
    clock.advance(100);
    expect(runner.epoch).toBe(28);
    expect(events.filter(e => e.type === 'state').map(e => (e as { state: string }).state)).toEqual(
      ['running', 'paused', 'running', 'paused']
    );
  });

  it('advances every variant in lockstep', () => {
    const { runner, clock, trainers } = setup({ learningRates: [0.5, 0.1, 0.2], epochs: 1000 });
    runner.handle({ type: 'step', epochs: 7 });
    clock.advance(100);
    expect(trainers.map(t => t.epoch)).toEqual([7, 7, 7]);
  });

  it('reproduces the same losses after a reset', () => {
    const { runner, clock, trainers, snapshots, ack } = setup({ epochs: 1000 });
    ack();
    runner.handle({ type: 'step', epochs: 30 });
    clock.advance(100);
    const first = [...trainers[0].losses];
    ack();
    runner.handle({ type: 'reset' });
    expect(runner.epoch).toBe(0);
    const afterReset = snapshots()[snapshots().length - 1];
    expect(afterReset.snapshots[0].epoch).toBe(0);
    expect(afterReset.data).toBeDefined();
    ack();
    runner.handle({ type: 'step', epochs: 30 });
    clock.advance(100);
    expect(trainers[0].losses).toEqual(first);
  });

  it('finishes at the spec epochs and reports done', () => {
    const { runner, clock, events, snapshots, ack } = setup({ epochs: 35 });
    ack();
    runner.handle({ type: 'play' });
    for (let i = 0; i < 20; i++) {
      clock.advance(50);
      ack();
    }
    expect(runner.epoch).toBe(35);
    expect(runner.state).toBe('done');
    expect(events.filter(e => e.type === 'done')).toEqual([{ type: 'done', epoch: 35 }]);
    expect(snapshots()[snapshots().length - 1].snapshots[0].epoch).toBe(35);
    expect(clock.timers).toHaveLength(0);
  });

  it('sends no new snapshot before the previous one is acknowledged', () => {
    const { runner, clock, snapshots, ack } = setup({ epochs: 100000 });
    // The initial snapshot is not acknowledged: training goes on, pictures do not.
    runner.handle({ type: 'play' });
    clock.advance(2000);
    expect(runner.epoch).toBeGreaterThan(100);
    expect(snapshots()).toHaveLength(1);
    ack();
    clock.advance(200);
    expect(snapshots()).toHaveLength(2);
    expect(snapshots()[1].snapshots[0].epoch).toBeGreaterThan(100);
  });

  it('limits snapshots to the configured rate, whatever the training speed', () => {
    const { runner, clock, snapshots, ack } = setup({ epochs: 100000, rate: 5 });
    ack();
    runner.handle({ type: 'play' });
    for (let t = 0; t < 2000; t += 10) {
      clock.advance(10);
      const all = snapshots();
      runner.handle({ type: 'ack', id: all[all.length - 1].id });
    }
    // 5 per second over 2 s, plus the initial one (allow one more for rounding).
    expect(snapshots().length).toBeGreaterThanOrEqual(9);
    expect(snapshots().length).toBeLessThanOrEqual(12);
  });

  it('trains at the chosen speed', () => {
    const { runner, clock, ack } = setup({ epochs: 100000 });
    runner.handle({ type: 'setSpeed', speed: 20 });
    runner.handle({ type: 'play' });
    for (let t = 0; t < 2000; t += 50) {
      clock.advance(50);
      ack();
    }
    // 20 epochs per second for 2 s (fake epochs take 1 ms each, which the clock includes).
    expect(runner.epoch).toBeGreaterThanOrEqual(36);
    expect(runner.epoch).toBeLessThanOrEqual(44);
  });

  it('reports divergence as an error event and stops with the last finite state', () => {
    const { runner, clock, events, snapshots, ack } = setup({
      epochs: 1000,
      learningRates: [0.5, 0.5],
      divergeAt: 17
    });
    ack();
    runner.handle({ type: 'play' });
    clock.advance(500);
    const error = events.find(e => e.type === 'error');
    expect(error).toEqual({
      type: 'error',
      message: 'loss became NaN at epoch 17',
      epoch: 16,
      variant: 1
    });
    expect(runner.state).toBe('error');
    const last = snapshots()[snapshots().length - 1];
    expect(last.state).toBe('error');
    expect(last.snapshots[1].error?.epoch).toBe(16);
    expect(clock.timers).toHaveLength(0);
    // Play only repeats the error while the cause is still there.
    runner.handle({ type: 'play' });
    expect(runner.state).toBe('error');
    expect(events.filter(e => e.type === 'error')).toHaveLength(2);
    runner.handle({ type: 'reset' });
    expect(runner.state).toBe('paused');
  });

  it('trains on after a divergence once the learning rate is lowered', () => {
    const { runner, clock, ack } = setup({ epochs: 1000, divergeAt: 5 });
    ack();
    runner.handle({ type: 'play' });
    clock.advance(100);
    expect(runner.state).toBe('error');
    expect(runner.epoch).toBe(4);
    runner.handle({ type: 'setLearningRate', learningRate: 0.01 });
    runner.handle({ type: 'step', epochs: 3 });
    clock.advance(100);
    expect(runner.epoch).toBe(7);
    expect(runner.state).toBe('paused');
  });

  it('turns exceptions into error events instead of throwing', () => {
    const { runner, events, trainers } = setup();
    trainers[0].runEpochs = () => {
      throw new Error('boom');
    };
    expect(() => runner.handle({ type: 'play' })).not.toThrow();
    expect(events).toContainEqual({ type: 'error', message: 'boom' });
    expect(() => runner.handle({ type: 'setLearningRate', learningRate: -1 })).not.toThrow();
    expect(events.filter(e => e.type === 'error')).toHaveLength(2);
  });

  it('passes learning rate and activation changes to every trainer', () => {
    const { runner, trainers } = setup({ learningRates: [0.5, 0.1] });
    runner.handle({ type: 'setLearningRate', learningRate: 0.02 });
    expect(trainers.map(t => t.learningRate)).toEqual([0.02, 0.02]);
    runner.handle({ type: 'setActivation', layer: 'all', name: 'tanh', variant: 1 });
    expect(trainers[0].activations).toEqual([]);
    expect(trainers[1].activations).toEqual(['tanh']);
  });

  it('stops every timer on dispose', () => {
    const { runner, clock, events } = setup({ epochs: 1000 });
    runner.handle({ type: 'play' });
    expect(clock.timers.length).toBeGreaterThan(0);
    runner.handle({ type: 'dispose' });
    expect(clock.timers).toHaveLength(0);
    const at = runner.epoch;
    const count = events.length;
    runner.handle({ type: 'play' });
    clock.advance(1000);
    expect(runner.epoch).toBe(at);
    expect(events).toHaveLength(count);
  });
});
