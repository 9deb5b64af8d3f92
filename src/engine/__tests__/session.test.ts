import { validSpec, waitFor } from '../../core/__tests__/support';
import type { ExperimentSpec } from '../../core/types';
import type { Command, EngineEvent } from '../protocol';
import { createSession, Session } from '../session';

type SnapshotEvent = Extract<EngineEvent, { type: 'snapshots' }>;

/** A fake worker standing in for the bundled one; the mocked spawn module hands it out. */
class FakeWorker {
  static last: FakeWorker | null = null;
  static failOnStart = false;
  sent: Command[] = [];
  terminated = false;
  onmessage: ((event: { data: EngineEvent }) => void) | null = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  constructor() {
    FakeWorker.last = this;
    if (FakeWorker.failOnStart) {
      // A worker script that cannot load reports an error event, asynchronously.
      setTimeout(
        () => this.onerror?.({ message: 'script failed to load', preventDefault: () => undefined }),
        0
      );
    }
  }
  postMessage(command: Command): void {
    this.sent.push(command);
  }
  terminate(): void {
    this.terminated = true;
  }
}

jest.mock('../spawn', () => ({ spawnWorker: () => new FakeWorker() }));

function xorSpec(epochs: number, extra: Record<string, unknown> = {}): ExperimentSpec {
  return validSpec({
    data: { name: 'xor' },
    network: { layers: [2, 4, 1], activation: 'tanh' },
    training: { epochs, learningRate: 0.05 },
    views: ['loss', 'boundary'],
    autoplay: false,
    ...extra
  });
}

/** Collect a session's events; acknowledge snapshots at once (as a fast page would). */
function listen(session: Session, autoAck = true): EngineEvent[] {
  const events: EngineEvent[] = [];
  session.events.connect((_, event) => {
    events.push(event);
    if (autoAck && event.type === 'snapshots') {
      session.ack(event.id);
    }
  });
  return events;
}

const snapshotsOf = (events: EngineEvent[]) =>
  events.filter((e): e is SnapshotEvent => e.type === 'snapshots');

afterEach(() => {
  delete (globalThis as { Worker?: unknown }).Worker;
  FakeWorker.last = null;
  FakeWorker.failOnStart = false;
});

describe('Session in the page (no Worker available)', () => {
  it('trains the real core to the spec epochs and reports done', async () => {
    const session = createSession(xorSpec(60));
    expect(session.mode).toBe('page');
    const events = listen(session);
    session.play();
    await waitFor(() => events.some(e => e.type === 'done'));
    await waitFor(() => snapshotsOf(events).some(e => e.state === 'done'));
    const all = snapshotsOf(events);
    expect(all[0].data?.x).toHaveLength(4);
    const last = all[all.length - 1];
    expect(last.snapshots[0].epoch).toBe(60);
    expect(last.snapshots[0].grid?.values.length).toBeGreaterThan(0);
    session.dispose();
  });

  it('reproduces the same losses after a reset', async () => {
    const session = createSession(xorSpec(1000));
    const events = listen(session);
    session.step(20);
    await waitFor(() =>
      snapshotsOf(events).some(e => e.snapshots[0].epoch === 20 && e.state === 'paused')
    );
    const first = snapshotsOf(events).find(e => e.snapshots[0].epoch === 20)!.snapshots[0].history
      .trainLoss;
    events.length = 0;
    session.reset();
    session.step(20);
    await waitFor(() =>
      snapshotsOf(events).some(e => e.snapshots[0].epoch === 20 && e.state === 'paused')
    );
    const second = snapshotsOf(events).find(e => e.snapshots[0].epoch === 20)!.snapshots[0].history
      .trainLoss;
    expect(second).toEqual(first);
    // Training moved the loss: the comparison is not between two untrained networks.
    expect(first[20]).not.toBe(first[0]);
    session.dispose();
  });

  it('trains compare variants from the same initial weights', async () => {
    const session = createSession(
      xorSpec(10, {
        views: ['loss', 'weights'],
        compare: [{ network: { activation: 'identity' } }]
      })
    );
    const events = listen(session);
    await waitFor(() => snapshotsOf(events).length > 0);
    const [base, variant] = snapshotsOf(events)[0].snapshots;
    expect(base.label).not.toBe(variant.label);
    expect(variant.variant).toBe(1);
    expect(base.weights?.W[0].length).toBe(2);
    expect(variant.weights).toEqual(base.weights);
    session.dispose();
  });

  it('sends nothing after dispose', async () => {
    const session = createSession(xorSpec(20000));
    const events = listen(session);
    session.play();
    await waitFor(() => snapshotsOf(events).length > 1);
    session.dispose();
    const count = events.length;
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(events).toHaveLength(count);
    expect(session.isDisposed).toBe(true);
  });
});

describe('Session with a worker', () => {
  beforeEach(() => {
    (globalThis as { Worker?: unknown }).Worker = FakeWorker;
  });

  it('sends init and the queued commands to the worker, and relays its events', async () => {
    const session = createSession(xorSpec(10));
    expect(session.mode).toBe('worker');
    const events = listen(session, false);
    session.play();
    await waitFor(() => FakeWorker.last !== null && FakeWorker.last.sent.length >= 2);
    const worker = FakeWorker.last!;
    expect(worker.sent.map(c => c.type)).toEqual(['init', 'play']);
    worker.onmessage?.({ data: { type: 'done', epoch: 10 } });
    expect(events).toEqual([{ type: 'done', epoch: 10 }]);
    session.ack(1);
    expect(worker.sent[worker.sent.length - 1]).toEqual({ type: 'ack', id: 1 });
    session.dispose();
    expect(worker.terminated).toBe(true);
  });

  it('falls back to training in the page when the worker fails to start', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    FakeWorker.failOnStart = true;
    const session = createSession(xorSpec(30));
    const events = listen(session);
    session.play();
    await waitFor(() => events.some(e => e.type === 'done'));
    expect(session.mode).toBe('page');
    expect(FakeWorker.last?.terminated).toBe(true);
    session.dispose();
    warn.mockRestore();
  });

  it('reports a worker crash after start as an error event', async () => {
    const session = createSession(xorSpec(10));
    const events = listen(session, false);
    await waitFor(() => FakeWorker.last !== null && FakeWorker.last.onerror !== null);
    const worker = FakeWorker.last!;
    worker.onmessage?.({ data: { type: 'state', state: 'running', epoch: 0 } });
    worker.onerror?.({ message: 'out of memory', preventDefault: () => undefined });
    expect(events[events.length - 1]).toEqual({
      type: 'error',
      message: 'training worker failed: out of memory'
    });
    session.dispose();
  });
});
