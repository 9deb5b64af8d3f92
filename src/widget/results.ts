/**
 * What the anywidget front-end reports back to Python, and how often.
 *
 * The experiment view draws snapshots; the kernel wants numbers: the loss history, the
 * current weights and whether training runs. `ResultsReporter` turns the session's events
 * into three model values (`status`, `history`, `weights`) and writes them at most once per
 * `intervalMs` while training runs, so a fast run costs the kernel a few messages a second
 * however many snapshots the page draws. When training comes to rest (paused, done, error)
 * the newest values go out at once, so that a cell run after a pause reads the final epoch.
 */
import type { Snapshot } from '../core/types';
import type { EngineEvent, RunState } from '../engine/protocol';

/** The part of an anywidget model the reporter writes to. */
export interface ResultsSink {
  set(name: string, value: unknown): void;
  save_changes(): void;
}

/** `status` as Python reads it (`lab.state`). */
export interface RunStatus {
  epoch: number;
  state: RunState;
  running: boolean;
  done: boolean;
  error: string | null;
  /** Where training runs: 'worker' or 'page' (empty until known). */
  engine: string;
}

/** One variant's per-epoch records (`lab.history`). */
export interface VariantHistory {
  variant: number;
  label: string;
  epoch: number[];
  trainLoss: number[];
  testLoss: number[];
  trainAccuracy: number[];
  testAccuracy: number[];
}

/** One variant's layers, each `{ W, b }` with W of shape (inputs, outputs) (`lab.weights()`). */
export type VariantWeights = { W: number[][]; b: number[] }[];

/**
 * Epochs of history sent with every write while training runs; a longer history goes out
 * less often (see `_flush`).
 */
export const HISTORY_CHUNK = 2000;

/** Default: at most about three messages a second while training runs. */
export const DEFAULT_SYNC_MS = 350;

export interface ResultsReporterOptions {
  sink: ResultsSink;
  intervalMs?: number;
  /** Where training runs, read when a message goes out. */
  engine?: () => string;
  /** Timer functions (tests drive time by hand). */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  now?: () => number;
}

export class ResultsReporter {
  constructor(options: ResultsReporterOptions) {
    this._options = options;
    this._interval = options.intervalMs ?? DEFAULT_SYNC_MS;
  }

  /** Whether this reporter writes to the model (only one view of a model does). */
  active = true;

  /** Number of messages written so far (for tests and benchmarks). */
  get writes(): number {
    return this._writes;
  }

  /** Feed one event of the session. */
  handle(event: EngineEvent): void {
    switch (event.type) {
      case 'snapshots':
        this._snapshots = event.snapshots;
        this._state = event.state;
        this._epoch = event.snapshots[0]?.epoch ?? this._epoch;
        if (event.state !== 'running') {
          // The resting network: report it now.
          this._flush();
        } else {
          this._schedule();
        }
        break;
      case 'state':
        this._state = event.state;
        this._epoch = event.epoch;
        if (event.state === 'running') {
          this._error = null;
          this._flush();
        }
        break;
      case 'error':
        this._error = event.message;
        this._state = 'error';
        this._flush();
        break;
      case 'done':
        break;
    }
  }

  /** Report a spec that could not be shown (the view lists the errors). */
  invalid(message: string): void {
    this._error = message;
    this._state = 'error';
    this._flush();
  }

  /** Write the newest values now (e.g. when this view becomes the reporting one). */
  flush(): void {
    this._flush();
  }

  dispose(): void {
    this._cancel();
    this.active = false;
  }

  private _schedule(): void {
    if (this._timer !== null) {
      return;
    }
    const now = this._now();
    const wait = Math.max(0, this._last + this._interval - now);
    const setTimer = this._options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this._timer = setTimer(() => {
      this._timer = null;
      this._flush();
    }, wait);
  }

  private _cancel(): void {
    if (this._timer !== null) {
      const clear =
        this._options.clearTimer ??
        ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
      clear(this._timer);
      this._timer = null;
    }
  }

  private _flush(): void {
    this._cancel();
    if (!this.active) {
      return;
    }
    this._last = this._now();
    const sink = this._options.sink;
    const status: RunStatus = {
      epoch: this._epoch,
      state: this._state,
      running: this._state === 'running',
      done: this._state === 'done',
      error: this._error,
      engine: this._options.engine?.() ?? ''
    };
    sink.set('status', status);
    const snapshots = this._snapshots;
    if (snapshots) {
      sink.set(
        'weights',
        snapshots.map(s => weightsOf(s))
      );
      // The history grows with every epoch and is sent whole: while training runs, a long
      // one goes out only on every k-th write (k = its length / HISTORY_CHUNK), so the bytes
      // per second stay bounded. At rest it always goes out.
      const length = snapshots[0]?.history.epoch.length ?? 0;
      const every = Math.max(1, Math.ceil(length / HISTORY_CHUNK));
      this._skipped++;
      if (status.state !== 'running' || this._skipped >= every) {
        this._skipped = 0;
        sink.set('history', snapshots.map(historyOf));
      }
    }
    sink.save_changes();
    this._writes++;
  }

  private _now(): number {
    return this._options.now?.() ?? Date.now();
  }

  private _options: ResultsReporterOptions;
  private _interval: number;
  private _snapshots: Snapshot[] | null = null;
  private _state: RunState = 'paused';
  private _epoch = 0;
  private _error: string | null = null;
  private _timer: unknown = null;
  private _last = -Infinity;
  private _writes = 0;
  /** Writes since the history last went out. */
  private _skipped = Infinity;
}

/** A variant's loss and accuracy per epoch, as plain arrays. */
export function historyOf(snapshot: Snapshot): VariantHistory {
  const h = snapshot.history;
  return {
    variant: snapshot.variant,
    label: snapshot.label,
    epoch: [...h.epoch],
    trainLoss: [...h.trainLoss],
    testLoss: [...h.testLoss],
    trainAccuracy: [...h.trainAccuracy],
    testAccuracy: [...h.testAccuracy]
  };
}

/** A variant's weights as nested plain arrays (empty when the snapshot carries none). */
export function weightsOf(snapshot: Snapshot): VariantWeights {
  const w = snapshot.weights;
  if (!w) {
    return [];
  }
  return w.W.map((W, l) => ({
    W: W.map(row => Array.from(row)),
    b: Array.from(w.b[l] ?? [])
  }));
}
