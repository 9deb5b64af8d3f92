import type { Snapshot } from '../../core/types';
import type { EngineEvent } from '../../engine/protocol';
import { historyOf, ResultsReporter, weightsOf } from '../results';

/** A snapshot of `epoch` epochs with a 2-3-1 network's weights. */
function snapshot(epoch: number, variant = 0): Snapshot {
  const epochs = Array.from({ length: epoch + 1 }, (_, i) => i);
  return {
    variant,
    label: variant === 0 ? 'relu' : 'identity',
    epoch,
    totalEpochs: 100,
    done: false,
    task: 'classification',
    nClasses: 2,
    history: {
      epoch: epochs,
      trainLoss: epochs.map(e => 1 / (e + 1)),
      testLoss: epochs.map(e => 2 / (e + 1)),
      trainAccuracy: epochs.map(() => 0.5),
      testAccuracy: epochs.map(() => 0.25),
      gradNorms: epochs.map(() => [1, 2])
    },
    weights: {
      W: [
        [
          [1, 2, 3],
          [4, 5, 6]
        ],
        [[7], [8], [9]]
      ],
      b: [[0.1, 0.2, 0.3], [0.4]]
    }
  };
}

function snapshots(epoch: number, state: 'running' | 'paused' | 'done' = 'running'): EngineEvent {
  return { type: 'snapshots', id: epoch, snapshots: [snapshot(epoch), snapshot(epoch, 1)], state };
}

/** A reporter on a hand-driven clock, recording what it writes. */
function setup(intervalMs = 300) {
  let time = 0;
  const timers: { at: number; fn: () => void; handle: number }[] = [];
  let nextHandle = 1;
  const writes: Record<string, unknown>[] = [];
  let current: Record<string, unknown> = {};
  const reporter = new ResultsReporter({
    intervalMs,
    sink: {
      set: (name, value) => (current[name] = value),
      save_changes: () => {
        writes.push(current);
        current = {};
      }
    },
    engine: () => 'worker',
    now: () => time,
    setTimer: (fn, ms) => {
      const handle = nextHandle++;
      timers.push({ at: time + ms, fn, handle });
      return handle;
    },
    clearTimer: handle => {
      const i = timers.findIndex(t => t.handle === handle);
      if (i >= 0) {
        timers.splice(i, 1);
      }
    }
  });
  const advance = (ms: number) => {
    time += ms;
    for (let t = timers.shift(); t; t = timers.shift()) {
      if (t.at > time) {
        timers.unshift(t);
        break;
      }
      t.fn();
    }
  };
  return { reporter, writes, advance };
}

describe('ResultsReporter', () => {
  it('writes a few messages a second however many snapshots arrive while training runs', () => {
    const { reporter, writes, advance } = setup(300);
    reporter.handle({ type: 'state', state: 'running', epoch: 0 });
    expect(writes).toHaveLength(1);
    // 10 seconds of snapshots at 60 a second.
    for (let i = 1; i <= 600; i++) {
      reporter.handle(snapshots(i));
      advance(1000 / 60);
    }
    // About one write per 300 ms: 10 s / 0.3 s = 33, plus the first.
    expect(writes.length).toBeGreaterThanOrEqual(30);
    expect(writes.length).toBeLessThanOrEqual(36);
  });

  it('reports the newest snapshot, not the one that started the wait', () => {
    const { reporter, writes, advance } = setup(300);
    reporter.handle(snapshots(1));
    reporter.handle(snapshots(2));
    reporter.handle(snapshots(3));
    advance(300);
    const last = writes[writes.length - 1];
    expect((last.status as { epoch: number }).epoch).toBe(3);
    expect((last.history as { epoch: number[] }[])[0].epoch).toEqual([0, 1, 2, 3]);
  });

  it('writes at once when training comes to rest, with the final epoch', () => {
    const { reporter, writes } = setup(10_000);
    reporter.handle(snapshots(1));
    reporter.handle(snapshots(2));
    expect(writes).toHaveLength(0);
    reporter.handle({ type: 'state', state: 'paused', epoch: 7 });
    reporter.handle(snapshots(7, 'paused'));
    expect(writes).toHaveLength(1);
    expect(writes[0].status).toEqual({
      epoch: 7,
      state: 'paused',
      running: false,
      done: false,
      error: null,
      engine: 'worker'
    });
  });

  it('reports errors and stops writing once disposed', () => {
    const { reporter, writes, advance } = setup(300);
    reporter.handle({ type: 'error', message: 'loss is NaN', epoch: 4 });
    expect((writes[0].status as { error: string; state: string }).error).toBe('loss is NaN');
    expect((writes[0].status as { state: string }).state).toBe('error');
    reporter.dispose();
    reporter.handle(snapshots(5, 'paused'));
    advance(1000);
    expect(writes).toHaveLength(1);
  });

  it('does not write while inactive (the other display of the model reports)', () => {
    const { reporter, writes } = setup(300);
    reporter.active = false;
    reporter.handle(snapshots(5, 'paused'));
    expect(writes).toHaveLength(0);
  });
});

describe('historyOf and weightsOf', () => {
  it('copy the loss history and the weights as plain arrays in (inputs, outputs) layout', () => {
    const s = snapshot(2);
    const h = historyOf(s);
    expect(h).toEqual({
      variant: 0,
      label: 'relu',
      epoch: [0, 1, 2],
      trainLoss: [1, 1 / 2, 1 / 3],
      testLoss: [2, 1, 2 / 3],
      trainAccuracy: [0.5, 0.5, 0.5],
      testAccuracy: [0.25, 0.25, 0.25]
    });
    h.epoch.push(99);
    expect(s.history.epoch).toEqual([0, 1, 2]);
    const w = weightsOf(s);
    expect(w.map(l => [l.W.length, l.W[0].length, l.b.length])).toEqual([
      [2, 3, 3],
      [3, 1, 1]
    ]);
    expect(weightsOf({ ...s, weights: undefined })).toEqual([]);
  });
});

describe('ResultsReporter with a long history', () => {
  it('sends a long history less often while training runs, and always at rest', () => {
    const { reporter, writes, advance } = setup(300);
    for (let i = 1; i <= 40; i++) {
      reporter.handle(snapshots(5000 + i));
      advance(300);
    }
    const running = writes.filter(w => (w.status as { running: boolean }).running);
    const withHistory = running.filter(w => 'history' in w);
    // About 5000 epochs = 3 chunks of 2000: one write in three carries it.
    expect(running.length).toBeGreaterThanOrEqual(39);
    expect(withHistory.length).toBeGreaterThanOrEqual(12);
    expect(withHistory.length).toBeLessThanOrEqual(15);
    expect(running.every(w => 'weights' in w)).toBe(true);
    reporter.handle(snapshots(6100, 'paused'));
    expect(writes[writes.length - 1]).toHaveProperty('history');
  });
});
