/**
 * The spare training worker: a session takes the worker started ahead of need, a spare that
 * failed to load is replaced by a fresh worker (whose failure the session then hears about),
 * and after a worker is taken the next spare starts once the page is quiet.
 */
import { disposeSpare, prewarmWorker, takeWorker } from '../workerPool';

class FakeWorker {
  static made: FakeWorker[] = [];
  terminated = false;
  onerror: ((event: { preventDefault(): void }) => void) | null = null;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(): void {
    // Nothing: these tests only hand workers out.
  }
  terminate(): void {
    this.terminated = true;
  }
}

jest.mock('../spawn', () => ({ spawnWorker: () => new FakeWorker() }));

const g = globalThis as { Worker?: unknown };

beforeEach(() => {
  jest.useFakeTimers();
  g.Worker = FakeWorker;
  FakeWorker.made = [];
});

afterEach(() => {
  // A spare scheduled by the test starts now and is dropped, so the next test starts clean.
  jest.runOnlyPendingTimers();
  disposeSpare();
  jest.useRealTimers();
  delete g.Worker;
});

describe('the spare training worker', () => {
  it('is started once however often it is asked for, and taken by the next session', () => {
    prewarmWorker();
    prewarmWorker();
    expect(FakeWorker.made).toHaveLength(1);
    const spare = FakeWorker.made[0];
    expect(takeWorker()).toBe(spare);
    // The session sets its own error handler; the pool's is gone.
    expect(spare.onerror).toBeNull();
  });

  it('is started again after it was taken, once the page has a quiet moment', () => {
    prewarmWorker();
    takeWorker();
    expect(FakeWorker.made).toHaveLength(1);
    jest.advanceTimersByTime(2000);
    expect(FakeWorker.made).toHaveLength(2);
    // The next session takes that one without starting another.
    expect(takeWorker()).toBe(FakeWorker.made[1]);
    expect(FakeWorker.made).toHaveLength(2);
  });

  it('is replaced by a fresh worker when it failed to load before anyone listened', () => {
    prewarmWorker();
    const spare = FakeWorker.made[0];
    spare.onerror?.({ preventDefault: () => undefined });
    const taken = takeWorker();
    expect(taken).not.toBe(spare);
    expect(spare.terminated).toBe(true);
    expect(FakeWorker.made).toHaveLength(2);
  });

  it('without a spare, a session gets a new worker at once, and none is kept in reserve', () => {
    const taken = takeWorker();
    expect(FakeWorker.made).toEqual([taken]);
    // Nobody asked for spares (the anywidget front-end, other tests): none is started.
    jest.advanceTimersByTime(5000);
    expect(FakeWorker.made).toHaveLength(1);
  });

  it('starts nothing where there are no workers', () => {
    delete g.Worker;
    prewarmWorker();
    expect(FakeWorker.made).toHaveLength(0);
  });
});
