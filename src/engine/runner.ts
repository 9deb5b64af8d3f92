/**
 * The training loop shared by the Web Worker and the in-page fallback.
 *
 * A `Runner` owns one trainer per compared variant and advances them in lockstep. All its
 * work is cut into short units: building one trainer, one mini-batch (or one block of the
 * evaluation that ends an epoch) of one trainer, one part of one trainer's snapshot. It runs
 * units until a chunk of wall-clock time is used, then yields to its event loop, so that
 * pause, step, reset or a new learning rate are handled between two units even for the
 * largest networks. Within a round of training the trainers take turns: the first trains
 * its epoch, then the next one, so the epoch reported is the one every trainer has reached.
 *
 * Snapshots are reported at a bounded rate that does not depend on how fast training goes,
 * and held back until the page acknowledges the previous ones: if drawing is slow the page
 * simply sees fewer, fresher pictures instead of a growing backlog. Training waits while a
 * snapshot is being built, so that its parts all describe the same moment.
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
import { pack } from './transport';
import { now } from '../core/marks';

/** What the runner needs from a trainer (the core `Trainer` provides it). */
export interface TrainerLike {
  readonly epoch: number;
  readonly error?: { epoch: number; message: string } | null;
  runEpochs(k: number): void;
  /**
   * One short unit of training; true when it ended an epoch (see Trainer.trainStep).
   * Without it, a whole epoch is one unit.
   */
  trainStep?(): boolean;
  snapshot(options: SnapshotOptions): Snapshot;
  /**
   * One unit of getting ready after building or a reset; true once ready (see
   * Trainer.prepareStep). Without it, a trainer is ready once built.
   */
  prepareStep?(): boolean;
  /** The snapshot in short units (see Trainer.snapshotSteps); else one unit. */
  snapshotSteps?(options: SnapshotOptions): Generator<void, Snapshot, void>;
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
  /**
   * The trainers not built yet: each call builds the next one. The runner calls them one
   * per unit of work, so that building many large networks does not block its messages.
   */
  pending?: Array<() => TrainerLike>;
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
  now,
  schedule: (fn, ms) => setTimeout(fn, ms),
  cancel: handle => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

export interface RunnerOptions {
  /** The networks to train (see `resolveVariants`). */
  variants: ResolvedVariant[];
  /** The views the page draws: they decide what the snapshots contain. */
  views: readonly ViewName[];
  /**
   * Where events go (postMessage in the worker, a callback in the page); `transfer` lists
   * the buffers of a packed snapshot message, which the worker moves to the page.
   */
  post: (event: EngineEvent, transfer?: ArrayBuffer[]) => void;
  /**
   * Pack the numbers of snapshot messages into typed arrays to transfer (see transport.ts):
   * the worker does, so that the page does not pay for copying them; the in-page runner
   * does not need to.
   */
  pack?: boolean;
  factory: TrainerFactory;
  settings?: Partial<RunnerSettings>;
  /**
   * Per variant, how many units of each hidden layer the charts can draw: only those get
   * a map in the snapshots (see SnapshotOptions.neuronUnits). Absent: every unit.
   */
  neuronUnits?: number[][];
  clock?: Clock;
}

/** Longest pause between two ticks when training slowly, so snapshots stay timely. */
const MAX_IDLE_MS = 50;

export class Runner {
  constructor(options: RunnerOptions) {
    this._post = options.post;
    this._pack = options.pack ?? false;
    this._clock = options.clock ?? timerClock;
    this._settings = { ...DEFAULT_SETTINGS, ...options.settings };
    this._speed = this._settings.speed;
    const set = options.factory(options.variants);
    this._trainers = set.trainers;
    this._data = set.data;
    this._totalEpochs = set.totalEpochs;
    this._toBuild = [...(set.pending ?? [])];
    this._toPrepare = [...set.trainers];
    this._views = [...options.views];
    this._neuronUnits = options.neuronUnits;
    this._snapshotOptions = snapshotOptionsFor(options.views, this._settings.gridResolution);
    // The page draws the untrained network straight away.
    this._dirty = true;
    this._sendData = true;
    this._publish();
  }

  /** Current epoch: the one every variant has reached. */
  get epoch(): number {
    let epoch = Infinity;
    for (const trainer of this._trainers) {
      epoch = Math.min(epoch, trainer.epoch);
    }
    return this._trainers.length ? epoch : 0;
  }

  get state(): RunState {
    return this._state;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** The longest unit of work so far, in milliseconds (a measure for benchmarks). */
  get longestUnitMs(): number {
    return this._longestUnit;
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
          this._flush();
        }
        break;
      case 'step':
        this._step(command.epochs);
        break;
      case 'reset':
        this._stepTarget = null;
        this._resetAll();
        this._setState('paused');
        this._flush();
        break;
      case 'setActivation':
        this._forEachTrainer(command.variant, trainer =>
          trainer.setActivation(command.layer, command.name)
        );
        this._flush();
        break;
      case 'setParam':
        this._forEachTrainer(command.variant, trainer => {
          if (!trainer.setParam) {
            throw new Error('this session cannot set weights by hand');
          }
          trainer.setParam(command.layer, command.from, command.to, command.value);
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
        this._forEachTrainer(undefined, trainer => trainer.setLearningRate(command.learningRate));
        break;
      case 'setSpeed':
        this._speed = command.speed;
        this._credit = 0;
        break;
      case 'setViews':
        this._setViews(command.views);
        break;
      case 'ack':
        if (command.id === this._sequence) {
          this._awaitingAck = false;
          // While running the next tick publishes; otherwise send what is left now (or the
          // snapshot of every view that follows the visible views' one).
          if ((this._dirty || this._completeDue) && this._state !== 'running') {
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

  /**
   * The views the page shows now (those scrolled out of sight left out): snapshots made
   * while training carry only what these draw. Snapshots made when training stops carry
   * every view of the experiment, so that the picture of a finished run is complete.
   */
  private _setViews(views: ViewName[]): void {
    const known = views.filter(view => this._views.includes(view));
    const added = known.some(view => !this._visible || !this._visible.includes(view));
    this._visible = known;
    // Resting, the snapshot of every view sent (or being built) already holds its data.
    const resting = this._state !== 'running' && !this._dirty;
    const hasAll =
      resting &&
      (this._publication?.background === true ||
        (this._publication === null && !this._completeDue && this._sequence > 0));
    if (added && !hasAll) {
      // A view came into sight: send it its data now rather than at the next epoch.
      this._flush();
    }
  }

  private _play(): void {
    if (this._state === 'running') {
      return;
    }
    if (this._state === 'error' && this._reportRemainingError()) {
      return;
    }
    if (this._state === 'done' || (!this._settingUp() && this.epoch >= this._totalEpochs)) {
      // Playing a finished run starts it again, like a media player.
      this._resetAll();
      this._sendData = true;
      this._dirty = true;
    }
    this._stepTarget = null;
    this._dropBackground();
    this._setState('running');
    this._startTicking();
  }

  /**
   * Training goes on: the snapshot of every view for the resting network (built in the
   * background after the visible views' one) is of no use any more, and must not hold
   * training back.
   */
  private _dropBackground(): void {
    this._completeDue = false;
    if (this._publication?.background) {
      this._publication = null;
    }
  }

  private _step(epochs: number): void {
    if (!(epochs >= 1) || (this._state === 'error' && this._reportRemainingError())) {
      return;
    }
    // Stepping ignores the speed and the epoch budget: the user asked for these epochs.
    this._stepTarget = (this._stepTarget ?? this.epoch) + Math.floor(epochs);
    this._dropBackground();
    this._setState('running');
    this._startTicking();
  }

  /** Reset every trainer, one per unit of work (a reset evaluates the untrained network). */
  private _resetAll(): void {
    this._publication = null;
    this._round = 0;
    this._sendData = true;
    // Trainers still to be built start fresh anyway.
    this._toReset = this._trainers.map((_, i) => i);
    this._toPrepare = [];
  }

  /**
   * Apply a change to one variant's trainer or (variant undefined) to all of them, and to
   * the trainers built later.
   */
  private _forEachTrainer(
    variant: number | undefined,
    change: (trainer: TrainerLike) => void
  ): void {
    const apply = (trainer: TrainerLike, index: number) => {
      if (variant === undefined || variant === index) {
        change(trainer);
      }
    };
    this._trainers.forEach(apply);
    if (this._toBuild.length > 0) {
      this._changes.push(apply);
    }
  }

  /** True while trainers are being built or reset. */
  private _settingUp(): boolean {
    return this._toPrepare.length > 0 || this._toReset.length > 0 || this._toBuild.length > 0;
  }

  /** One unit of setup: get a trainer ready, reset one, or build the next one. */
  private _setupUnit(): void {
    const preparing = this._toPrepare[0];
    if (preparing) {
      if (!preparing.prepareStep || preparing.prepareStep()) {
        this._toPrepare.shift();
      }
      return;
    }
    const reset = this._toReset.shift();
    if (reset !== undefined) {
      this._trainers[reset].reset();
      this._toPrepare.push(this._trainers[reset]);
    } else {
      const trainer = (this._toBuild.shift() as () => TrainerLike)();
      this._trainers.push(trainer);
      this._toPrepare.push(trainer);
      for (const change of this._changes) {
        change(trainer, this._trainers.length - 1);
      }
    }
  }

  private _startTicking(): void {
    this._cancelTick();
    this._lastTick = this._clock.now();
    this._credit = 0;
    this._tick();
  }

  /** Units of work until the chunk's time is up, then a yield to the event loop. */
  private _tick = (): void => {
    this._timer = null;
    if (this._disposed) {
      return;
    }
    this._working = true;
    try {
      this._work();
    } catch (reason) {
      this._fail(reason);
      return;
    } finally {
      this._working = false;
    }
    this._scheduleTick();
  };

  /**
   * Run units until the chunk's time is up: first any setup (building, resetting trainers),
   * then the snapshot being built, then training as the speed and the goal allow.
   */
  private _work(): void {
    const clock = this._clock;
    const start = clock.now();
    const running = this._state === 'running';
    const stepping = this._stepTarget !== null;
    let allowed = Infinity;
    if (running && !stepping && this._speed !== 'max') {
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
    let trained = 0;
    let unitStart = start;
    for (;;) {
      if (this._settingUp()) {
        this._setupUnit();
      } else if (this._publication) {
        this._advancePublication();
      } else if (this._state === 'running' && trained < allowed) {
        if (this._trainUnit()) {
          trained++;
        }
      } else {
        break;
      }
      const now = clock.now();
      this._longestUnit = Math.max(this._longestUnit, now - unitStart);
      unitStart = now;
      if (now - start >= this._settings.chunkMs || this._disposed) {
        break;
      }
    }
    if (allowed !== Infinity) {
      this._credit -= trained;
    }
    if (this._state === 'running' && !this._publication) {
      this._maybePublish();
    }
  }

  /**
   * One unit of training of the trainer whose turn it is. Returns true when it ended a round
   * (every trainer one epoch further).
   */
  private _trainUnit(): boolean {
    const index = this._round;
    const trainer = this._trainers[index];
    const ended = trainer.trainStep ? trainer.trainStep() : (trainer.runEpochs(1), true);
    if (trainer.error) {
      // The round resumes with this trainer once its error is cleared (a lower rate).
      this._diverged(index);
      return false;
    }
    if (!ended) {
      return false;
    }
    this._round = (index + 1) % this._trainers.length;
    if (this._round !== 0) {
      return false;
    }
    this._dirty = true;
    const goal = this._stepTarget ?? this._totalEpochs;
    if (this.epoch >= goal) {
      const stepping = this._stepTarget !== null;
      this._stepTarget = null;
      if (stepping) {
        this._setState('paused');
      } else {
        this._setState('done');
        this._post({ type: 'done', epoch: this.epoch });
      }
      this._flush();
    } else {
      this._maybePublish();
    }
    return true;
  }

  /** Wait for the next tick: none while work is queued or at full speed, else until owed. */
  private _scheduleTick(): void {
    if (this._disposed || this._timer !== null) {
      return;
    }
    const busy = this._settingUp() || this._publication !== null;
    if (!busy && this._state !== 'running') {
      return;
    }
    this._timer = this._clock.schedule(this._tick, busy ? 0 : this._delay());
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
    this._publication = null;
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
    // A snapshot under way may describe the state before this change: start it again.
    this._publication = null;
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

  /**
   * Start building one snapshot per variant, unless the previous ones are not yet
   * acknowledged, and build as much of it as the chunk's time allows now.
   */
  private _publish(): void {
    const due = this._dirty || (this._completeDue && this._state !== 'running');
    if (this._awaitingAck || !due || this._disposed || this._publication) {
      return;
    }
    let options: SnapshotOptions;
    let partial = false;
    let background = false;
    if (this._dirty) {
      this._dirty = false;
      options = this._optionsNow();
      // Resting with views out of sight: the visible views' snapshot goes first (the
      // resting network appears sooner); the one with every view follows, for the picture.
      partial = this._state !== 'running' && this._visibleOnly() !== null;
      if (partial) {
        options = this._visibleOnly() as SnapshotOptions;
      }
      this._completeDue = partial;
    } else {
      // Nothing changed since the visible views' snapshot: complete it.
      this._completeDue = false;
      options = this._snapshotOptions;
      background = true;
    }
    this._publication = {
      options,
      snapshots: [],
      steps: null,
      partial,
      background,
      transfer: [],
      toPack: null
    };
    if (!this._working) {
      // Not from inside a tick: start now and continue in ticks.
      this._cancelTick();
      this._tick();
    }
  }

  /**
   * The options of the visible views alone when the page has said which are visible and
   * they are fewer than the experiment's views (else null).
   */
  private _visibleOnly(): SnapshotOptions | null {
    const visible = this._visible;
    if (!visible || visible.length >= this._views.length) {
      return null;
    }
    return snapshotOptionsFor(visible, this._settings.gridResolution);
  }

  /** What the snapshots carry now: the visible views while training, else every view. */
  private _optionsNow(): SnapshotOptions {
    if (this._state !== 'running' || !this._visible) {
      return this._snapshotOptions;
    }
    return snapshotOptionsFor(this._visible, this._settings.gridResolution);
  }

  /** One unit of the snapshot under way; posts it once every variant's part is done. */
  private _advancePublication(): void {
    const publication = this._publication as Publication;
    const index = publication.snapshots.length;
    const trainer = this._trainers[index];
    const options = { ...publication.options, neuronUnits: this._neuronUnits?.[index] };
    let finished: Snapshot | null = null;
    if (publication.toPack) {
      // Packing a snapshot (tens of milliseconds at the caps) is a unit of its own.
      publication.snapshots.push(pack(publication.toPack, publication.transfer) as Snapshot);
      publication.toPack = null;
    } else if (!trainer.snapshotSteps) {
      finished = trainer.snapshot(options);
    } else {
      publication.steps ??= trainer.snapshotSteps(options);
      const step = publication.steps.next();
      if (step.done) {
        finished = step.value;
        publication.steps = null;
      }
    }
    if (finished && this._pack) {
      publication.toPack = finished;
    } else if (finished) {
      publication.snapshots.push(finished);
    }
    if (publication.snapshots.length < this._trainers.length) {
      return;
    }
    this._publication = null;
    const event: Extract<EngineEvent, { type: 'snapshots' }> = {
      type: 'snapshots',
      id: ++this._sequence,
      snapshots: publication.snapshots,
      state: this._state
    };
    if (publication.partial) {
      event.partial = true;
    }
    if (this._sendData) {
      event.data = this._pack
        ? (pack(this._data, publication.transfer) as DataSummary)
        : this._data;
      this._sendData = false;
    }
    if (this._pack) {
      event.packed = true;
    }
    this._awaitingAck = true;
    this._lastPublish = this._clock.now();
    this._post(event, this._pack ? publication.transfer : undefined);
  }

  private _cancelTick(): void {
    if (this._timer !== null) {
      this._clock.cancel(this._timer);
      this._timer = null;
    }
  }

  private readonly _post: (event: EngineEvent, transfer?: ArrayBuffer[]) => void;
  private readonly _pack: boolean;
  /** A partial snapshot was sent while resting: the one of every view is still owed. */
  private _completeDue = false;
  private readonly _clock: Clock;
  private readonly _settings: RunnerSettings;
  private readonly _trainers: TrainerLike[];
  private readonly _data: DataSummary;
  private readonly _totalEpochs: number;
  private readonly _views: ViewName[];
  private readonly _snapshotOptions: SnapshotOptions;
  /** The views on screen, when the page has said (null: all of them). */
  private _visible: ViewName[] | null = null;
  /** Per variant, the units of each hidden layer whose maps the charts draw. */
  private readonly _neuronUnits: number[][] | undefined;
  /** Work that comes before anything else: trainers to reset, then trainers to build. */
  private _toReset: number[] = [];
  /** Trainers built or reset but not yet ready (their untrained network not evaluated). */
  private _toPrepare: TrainerLike[] = [];
  private readonly _toBuild: Array<() => TrainerLike>;
  /** Changes made before every trainer was built, for those built later. */
  private readonly _changes: Array<(trainer: TrainerLike, index: number) => void> = [];
  /** The snapshot being built, a part at a time. */
  private _publication: Publication | null = null;
  /** Index of the trainer whose turn it is to train in the current round. */
  private _round = 0;
  private _longestUnit = 0;
  /** True while units run (a publication asked for then waits for its turn in the loop). */
  private _working = false;
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

/** A snapshot message under construction. */
interface Publication {
  options: SnapshotOptions;
  /** The finished snapshots, in variant order. */
  snapshots: Snapshot[];
  /** The units of the current variant's snapshot. */
  steps: Generator<void, Snapshot, void> | null;
  /** Only the visible views, resting: the snapshot of every view follows. */
  partial: boolean;
  /** The snapshot of every view that follows a partial one. */
  background: boolean;
  /** Buffers of the packed snapshots, to transfer. */
  transfer: ArrayBuffer[];
  /** A finished snapshot waiting to be packed (in the next unit). */
  toPack: Snapshot | null;
}
