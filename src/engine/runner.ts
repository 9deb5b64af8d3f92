/**
 * The training loop shared by the Web Worker and the in-page fallback.
 *
 * A `Runner` owns one trainer per compared variant and advances them in lockstep. It trains
 * in short chunks measured by the wall clock, then yields (so that pause, step or a new
 * learning rate are handled within a few milliseconds), and it reports snapshots at a
 * bounded rate that does not depend on how fast training goes. Snapshots are also held
 * back until the page acknowledges the previous one: if drawing is slow the page simply
 * sees fewer, fresher pictures instead of a growing backlog.
 */
import type {
  ActivationName,
  DataSummary,
  ResolvedVariant,
  Snapshot,
  ViewName
} from '../core/types';
import type { Command, EngineEvent, RunnerSettings, RunState, Speed } from './protocol';
import { DEFAULT_SETTINGS } from './protocol';
import type { SnapshotOptions } from '../core/snapshot';
import { snapshotOptionsFor } from './snapshotOptions';

/** What the runner needs from a trainer (the core `Trainer` provides it). */
export interface TrainerLike {
  readonly epoch: number;
  readonly error?: { epoch: number; message: string } | null;
  runEpochs(k: number): void;
  snapshot(options: SnapshotOptions): Snapshot;
  setLearningRate(learningRate: number): void;
  setActivation(layer: number | 'all', name: ActivationName): void;
  /** Set one weight (or with from = 'bias', one bias) by hand; see Trainer.setParam. */
  setParam?(layer: number, from: number | 'bias', to: number, value: number): void;
  reset(): void;
}

/** The trainers of an experiment and the data they share. */
export interface TrainerSet {
  trainers: TrainerLike[];
  data: DataSummary;
  /** Epochs after which training is done. */
  totalEpochs: number;
}

/** Builds the trainers of the resolved variants of a spec. */
export type TrainerFactory = (variants: ResolvedVariant[]) => TrainerSet;

/** Time and timers, injectable so that tests can drive the loop by hand. */
export interface Clock {
  now(): number;
  /** Run `fn` after `ms` milliseconds; returns a handle for `cancel`. */
  schedule(fn: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

/** The default clock: `performance.now` and `setTimeout`. */
export const timerClock: Clock = {
  now: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
  schedule: (fn, ms) => setTimeout(fn, ms),
  cancel: handle => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

export interface RunnerOptions {
  /** The networks to train (see `resolveVariants`). */
  variants: ResolvedVariant[];
  /** The views the page draws: they decide what the snapshots contain. */
  views: readonly ViewName[];
  /** Where events go (postMessage in the worker, a callback in the page). */
  post: (event: EngineEvent) => void;
  factory: TrainerFactory;
  settings?: Partial<RunnerSettings>;
  clock?: Clock;
}

/** Longest pause between two ticks when training slowly, so snapshots stay timely. */
const MAX_IDLE_MS = 50;

export class Runner {
  constructor(options: RunnerOptions) {
    this._post = options.post;
    this._clock = options.clock ?? timerClock;
    this._settings = { ...DEFAULT_SETTINGS, ...options.settings };
    this._speed = this._settings.speed;
    const set = options.factory(options.variants);
    this._trainers = set.trainers;
    this._data = set.data;
    this._totalEpochs = set.totalEpochs;
    this._snapshotOptions = snapshotOptionsFor(options.views, this._settings.gridResolution);
    // The page draws the untrained network straight away.
    this._dirty = true;
    this._sendData = true;
    this._publish();
  }

  /** Current epoch (all variants advance together). */
  get epoch(): number {
    return this._trainers.length ? this._trainers[0].epoch : 0;
  }

  get state(): RunState {
    return this._state;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Apply one command from the page. Never throws: failures become error events. */
  handle(command: Command): void {
    if (this._disposed) {
      return;
    }
    try {
      this._handle(command);
    } catch (reason) {
      this._fail(reason);
    }
  }

  /** Stop every timer; the runner ignores commands afterwards. */
  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._cancelTick();
  }

  private _handle(command: Command): void {
    switch (command.type) {
      case 'play':
        this._play();
        break;
      case 'pause':
        this._stepTarget = null;
        if (this._state === 'running') {
          this._setState('paused');
          this._cancelTick();
          this._flush();
        }
        break;
      case 'step':
        this._step(command.epochs);
        break;
      case 'reset':
        this._cancelTick();
        this._stepTarget = null;
        for (const trainer of this._trainers) {
          trainer.reset();
        }
        this._setState('paused');
        this._sendData = true;
        this._flush();
        break;
      case 'setActivation':
        this._trainers.forEach((trainer, index) => {
          if (command.variant === undefined || command.variant === index) {
            trainer.setActivation(command.layer, command.name);
          }
        });
        this._flush();
        break;
      case 'setParam':
        this._trainers.forEach((trainer, index) => {
          if (command.variant === undefined || command.variant === index) {
            if (!trainer.setParam) {
              throw new Error('this session cannot set weights by hand');
            }
            trainer.setParam(command.layer, command.from, command.to, command.value);
          }
        });
        if (this._state === 'error') {
          this._setState('paused');
        }
        this._flush();
        break;
      case 'setLearningRate':
        if (!(command.learningRate > 0) || !Number.isFinite(command.learningRate)) {
          throw new Error(`learning rate must be a positive number, got ${command.learningRate}`);
        }
        for (const trainer of this._trainers) {
          trainer.setLearningRate(command.learningRate);
        }
        break;
      case 'setSpeed':
        this._speed = command.speed;
        this._credit = 0;
        break;
      case 'ack':
        if (command.id === this._sequence) {
          this._awaitingAck = false;
          // While running the next tick publishes; otherwise send what is left now.
          if (this._dirty && this._state !== 'running') {
            this._publish();
          }
        }
        break;
      case 'dispose':
        this.dispose();
        break;
      case 'init':
        throw new Error('the session is already initialised');
    }
  }

  private _play(): void {
    if (this._state === 'running') {
      return;
    }
    if (this._state === 'error' && this._reportRemainingError()) {
      return;
    }
    if (this._state === 'done' || this.epoch >= this._totalEpochs) {
      // Playing a finished run starts it again, like a media player.
      for (const trainer of this._trainers) {
        trainer.reset();
      }
      this._sendData = true;
      this._dirty = true;
    }
    this._stepTarget = null;
    this._setState('running');
    this._startTicking();
  }

  private _step(epochs: number): void {
    if (!(epochs >= 1) || (this._state === 'error' && this._reportRemainingError())) {
      return;
    }
    // Stepping ignores the speed and the epoch budget: the user asked for these epochs.
    this._stepTarget = (this._stepTarget ?? this.epoch) + Math.floor(epochs);
    this._setState('running');
    this._startTicking();
  }

  private _startTicking(): void {
    this._cancelTick();
    this._lastTick = this._clock.now();
    this._credit = 0;
    this._tick();
  }

  /** One chunk of training followed by a yield. */
  private _tick = (): void => {
    this._timer = null;
    if (this._disposed || this._state !== 'running') {
      return;
    }
    try {
      this._train();
    } catch (reason) {
      this._fail(reason);
      return;
    }
    if (this._state === 'running') {
      this._maybePublish();
      this._timer = this._clock.schedule(this._tick, this._delay());
    }
  };

  /** Train until the chunk's time is up, the speed budget is spent or a goal is reached. */
  private _train(): void {
    const clock = this._clock;
    const start = clock.now();
    const stepping = this._stepTarget !== null;
    let allowed = Infinity;
    if (!stepping && this._speed !== 'max') {
      // Epochs owed at the chosen speed: credit = elapsed seconds x epochs per second,
      // capped so that a long stall does not turn into a burst.
      const elapsed = start - this._lastTick;
      this._credit = Math.min(
        this._credit + (elapsed * this._speed) / 1000,
        Math.max(1, this._speed / 10)
      );
      allowed = Math.floor(this._credit);
    }
    this._lastTick = start;
    const goal = stepping ? (this._stepTarget as number) : this._totalEpochs;
    let trained = 0;
    while (trained < allowed && this.epoch < goal) {
      for (const trainer of this._trainers) {
        trainer.runEpochs(1);
      }
      trained++;
      this._dirty = true;
      const failed = this._trainers.findIndex(trainer => trainer.error);
      if (failed >= 0) {
        this._diverged(failed);
        return;
      }
      if (clock.now() - start >= this._settings.chunkMs) {
        break;
      }
    }
    if (allowed !== Infinity) {
      this._credit -= trained;
    }
    if (this.epoch >= goal) {
      this._stepTarget = null;
      if (stepping) {
        this._setState('paused');
      } else {
        this._setState('done');
        this._post({ type: 'done', epoch: this.epoch });
      }
      this._flush();
    }
  }

  /** Milliseconds until the next tick: none at full speed, else until the next epoch is owed. */
  private _delay(): number {
    if (this._stepTarget !== null || this._speed === 'max') {
      return 0;
    }
    const missing = Math.max(0, 1 - this._credit);
    return Math.min(MAX_IDLE_MS, (missing * 1000) / this._speed);
  }

  /** Stop on a non-finite loss; the trainer has kept its last finite parameters. */
  private _diverged(variant: number): void {
    const error = this._trainers[variant].error as { epoch: number; message: string };
    this._cancelTick();
    this._stepTarget = null;
    this._setState('error');
    this._post({ type: 'error', message: error.message, epoch: error.epoch, variant });
    this._flush();
  }

  /**
   * After a divergence the trainers keep their error until the learning rate or an
   * activation changes (or a reset). Until then, say again why nothing happens.
   */
  private _reportRemainingError(): boolean {
    const failed = this._trainers.findIndex(trainer => trainer.error);
    if (failed < 0) {
      return false;
    }
    const error = this._trainers[failed].error as { epoch: number; message: string };
    this._post({ type: 'error', message: error.message, epoch: error.epoch, variant: failed });
    return true;
  }

  private _fail(reason: unknown): void {
    this._cancelTick();
    this._stepTarget = null;
    this._setState('error');
    const message = reason instanceof Error ? reason.message : String(reason);
    this._post({ type: 'error', message });
  }

  private _setState(state: RunState): void {
    if (state !== this._state) {
      this._state = state;
      this._post({ type: 'state', state, epoch: this.epoch });
    }
  }

  /** Publish now (ignoring the rate) or as soon as the page acknowledges. */
  private _flush(): void {
    this._dirty = true;
    this._publish();
  }

  /** Publish if the rate allows it. */
  private _maybePublish(): void {
    const interval = 1000 / this._settings.snapshotRate;
    if (this._dirty && this._clock.now() - this._lastPublish >= interval) {
      this._publish();
    }
  }

  /** Send one snapshot per variant, unless the previous ones are not yet acknowledged. */
  private _publish(): void {
    if (this._awaitingAck || !this._dirty || this._disposed) {
      return;
    }
    let snapshots: Snapshot[];
    try {
      snapshots = this._trainers.map(trainer => trainer.snapshot(this._snapshotOptions));
    } catch (reason) {
      this._fail(reason);
      return;
    }
    const event: EngineEvent = {
      type: 'snapshots',
      id: ++this._sequence,
      snapshots,
      state: this._state
    };
    if (this._sendData) {
      event.data = this._data;
      this._sendData = false;
    }
    this._dirty = false;
    this._awaitingAck = true;
    this._lastPublish = this._clock.now();
    this._post(event);
  }

  private _cancelTick(): void {
    if (this._timer !== null) {
      this._clock.cancel(this._timer);
      this._timer = null;
    }
  }

  private readonly _post: (event: EngineEvent) => void;
  private readonly _clock: Clock;
  private readonly _settings: RunnerSettings;
  private readonly _trainers: TrainerLike[];
  private readonly _data: DataSummary;
  private readonly _totalEpochs: number;
  private readonly _snapshotOptions: SnapshotOptions;
  private _speed: Speed;
  private _state: RunState = 'paused';
  private _stepTarget: number | null = null;
  private _timer: unknown = null;
  private _credit = 0;
  private _lastTick = 0;
  private _lastPublish = -Infinity;
  private _sequence = 0;
  private _awaitingAck = false;
  private _dirty = false;
  private _sendData = false;
  private _disposed = false;
}
