/**
 * Weights set by hand through a real session runner: the next snapshot carries the new
 * weight, the loss of the edited network, and a runner without the method says so.
 */
import { Runner } from '../runner';
import { createTrainers } from '../trainers';
import type { EngineEvent } from '../protocol';
import { resolveVariants } from '../../core/spec';
import { validSpec } from '../../core/__tests__/support';
import { ManualClock } from './fakes';

type SnapshotEvent = Extract<EngineEvent, { type: 'snapshots' }>;

function setup() {
  const spec = validSpec({
    data: { name: 'xor' },
    network: { layers: [2, 2, 1], activation: 'relu', output: 'identity', init: 'zeros' },
    training: { loss: 'mse', epochs: 10 },
    views: ['network'],
    autoplay: false
  });
  const events: EngineEvent[] = [];
  const runner = new Runner({
    variants: resolveVariants(spec),
    views: spec.views,
    post: e => events.push(e),
    factory: createTrainers,
    clock: new ManualClock(),
    settings: { chunkMs: 10, snapshotRate: 10, speed: 'max' }
  });
  const last = () => events.filter((e): e is SnapshotEvent => e.type === 'snapshots').pop()!;
  const ack = () => runner.handle({ type: 'ack', id: last().id });
  return { runner, events, last, ack };
}

describe('Runner: setParam', () => {
  it('builds the hand-made XOR network by messages; the snapshots follow', () => {
    const { runner, last, ack } = setup();
    expect(last().snapshots[0].history.trainLoss[0]).toBeCloseTo(0.5, 12);
    const edits: [number, number | 'bias', number, number][] = [
      [0, 0, 0, 1],
      [0, 0, 1, 1],
      [0, 1, 0, 1],
      [0, 1, 1, 1],
      [0, 'bias', 1, -1],
      [1, 0, 0, 1],
      [1, 1, 0, -2]
    ];
    for (const [layer, from, to, value] of edits) {
      ack();
      runner.handle({ type: 'setParam', layer, from, to, value });
    }
    ack();
    const snap = last().snapshots[0];
    expect(snap.weights!.W[0]).toEqual([
      [1, 1],
      [1, 1]
    ]);
    expect(snap.weights!.b[0]).toEqual([0, -1]);
    expect(snap.history.trainLoss[0]).toBe(0);
    // The output unit's map over the grid comes with it, for the network view.
    expect(snap.outputs).toHaveLength(1);
  });

  it('a bad edit becomes an error event, not an exception', () => {
    const { runner, events } = setup();
    runner.handle({ type: 'setParam', layer: 5, from: 0, to: 0, value: 1 });
    const error = events.find(e => e.type === 'error') as Extract<EngineEvent, { type: 'error' }>;
    expect(error.message).toMatch(/weight layer 5 does not exist/);
  });
});
