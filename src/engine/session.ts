/**
 * A training session as the page sees it: commands in, events out.
 *
 * `createSession` prefers a Web Worker so that training never blocks the notebook. Where no
 * worker can be created (jsdom, Node, a page whose policy forbids workers, a worker script
 * that fails to load) the same `Runner` runs in the page instead, yielding between chunks
 * with `setTimeout`. Callers cannot tell the two apart except through `mode`.
 */
import { ISignal, Signal } from '@lumino/signaling';
import type {
  ActivationName,
  DataSummary,
  ExperimentSpec,
  Snapshot,
  ViewName
} from '../core/types';
import { unpack } from './transport';
import type { Command, EngineEvent, RunnerSettings, Speed } from './protocol';
import { mark, measure, now } from '../core/marks';
import { DEFAULT_SETTINGS } from './protocol';
import type { Clock, TrainerFactory } from './runner';
import { Runner } from './runner';
import { resolveVariants } from '../core/spec';
import { createTrainers as defaultFactory } from './trainers';

export interface SessionOptions extends Partial<RunnerSettings> {
  /** Try a Web Worker first (default true). */
  worker?: boolean;
  /** Builds the trainers for the in-page runner (default: the core `Trainer`). */
  factory?: TrainerFactory;
  /** Clock of the in-page runner (tests drive time by hand). */
  clock?: Clock;
  /** Called with every event, in addition to the `events` signal. */
  onEvent?: (event: EngineEvent) => void;
  /**
   * Per variant, how many units of each hidden layer the charts can draw (see
   * widgets/neuronUnits.ts); snapshots carry maps for those only. Absent: every unit.
   */
  neuronUnits?: number[][];
}

/** Where commands go: a worker or an in-page runner. */
interface Backend {
  send(command: Command): void;
  dispose(): void;
}

export class Session {
  constructor(spec: ExperimentSpec, options: SessionOptions = {}) {
    this._options = options;
    const settings: RunnerSettings = {
      snapshotRate: options.snapshotRate ?? DEFAULT_SETTINGS.snapshotRate,
      chunkMs: options.chunkMs ?? DEFAULT_SETTINGS.chunkMs,
      speed: options.speed ?? DEFAULT_SETTINGS.speed,
      gridResolution: options.gridResolution
    };
    // Resolving here (it throws on a spec that does not hold together) keeps the spec
    // checker out of the worker.
    const variants = resolveVariants(spec);
    this._log = [
      {
        type: 'init',
        variants,
        views: [...spec.views],
        settings,
        neuronUnits: options.neuronUnits
      }
    ];
    const canUseWorker = options.worker !== false && typeof Worker !== 'undefined';
    if (canUseWorker) {
      this._mode = 'worker';
      void this._startWorker();
    } else {
      this._startInPage();
    }
  }

  /** Every event of the session (snapshots, state changes, errors, done). */
  get events(): ISignal<this, EngineEvent> {
    return this._events;
  }

  /** Where training runs. */
  get mode(): 'worker' | 'page' {
    return this._mode;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  play(): void {
    this._send({ type: 'play' });
  }

  pause(): void {
    this._send({ type: 'pause' });
  }

  /** Train exactly `epochs` more epochs, then pause. */
  step(epochs = 1): void {
    this._send({ type: 'step', epochs });
  }

  reset(): void {
    this._send({ type: 'reset' });
  }

  /** Change the activation of one hidden layer (0-based) or of all of them. */
  setActivation(layer: number | 'all', name: ActivationName, variant?: number): void {
    this._send({ type: 'setActivation', layer, name, variant });
  }

  /** Set one weight (from = unit index) or bias (from = 'bias') by hand; see Trainer.setParam. */
  setParam(
    layer: number,
    from: number | 'bias',
    to: number,
    value: number,
    variant?: number
  ): void {
    this._send({ type: 'setParam', layer, from, to, value, variant });
  }

  setLearningRate(learningRate: number): void {
    this._send({ type: 'setLearningRate', learningRate });
  }

  setSpeed(speed: Speed): void {
    this._send({ type: 'setSpeed', speed });
  }

  /** The views on screen now: while training, snapshots carry only what these draw. */
  setViews(views: ViewName[]): void {
    this._send({ type: 'setViews', views });
  }

  /** Tell the session that snapshot message `id` has been drawn. */
  ack(id: number): void {
    this._send({ type: 'ack', id });
  }

  /** Stop training and release the worker. */
  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._send({ type: 'dispose' });
    this._disposed = true;
    this._backend?.dispose();
    this._backend = null;
    Signal.clearData(this);
  }

  private _send(command: Command): void {
    if (this._disposed) {
      return;
    }
    if (this._log && command.type !== 'ack') {
      // Kept until the worker has spoken, so that a worker that fails to start can be
      // replaced by an in-page runner that receives the same commands.
      this._log.push(command);
    }
    this._backend?.send(command);
  }

  private _emit(event: EngineEvent): void {
    if (this._disposed) {
      return;
    }
    this._options.onEvent?.(event);
    this._events.emit(event);
  }

  private async _startWorker(): Promise<void> {
    let worker: Worker;
    try {
      // A worker started ahead of need when there is one (see workerPool.ts).
      const { takeWorker } = await import('./workerPool');
      worker = takeWorker();
      mark('worker-taken');
    } catch (reason) {
      console.warn('NN Lab: cannot start a training worker; training in the page.', reason);
      this._startInPage();
      return;
    }
    if (this._disposed) {
      worker.terminate();
      return;
    }
    let heardFrom = false;
    worker.onmessage = (message: MessageEvent<EngineEvent>) => {
      if (!heardFrom) {
        mark('first-snapshots');
      }
      heardFrom = true;
      this._log = null;
      this._emit(received(message.data));
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      if (!heardFrom) {
        // The script did not load or crashed while starting: train in the page instead.
        console.warn(
          'NN Lab: the training worker failed to start; training in the page.',
          event.message
        );
        worker.terminate();
        this._backend = null;
        this._startInPage();
        return;
      }
      this._emit({
        type: 'error',
        message: `training worker failed: ${event.message || 'unknown error'}`
      });
    };
    worker.onmessageerror = () => {
      this._emit({
        type: 'error',
        message: 'training worker sent a message that could not be read'
      });
    };
    this._backend = {
      send: command => worker.postMessage(command),
      dispose: () => worker.terminate()
    };
    this._replay();
  }

  private _startInPage(): void {
    this._mode = 'page';
    let runner: Runner | null = null;
    let disposed = false;
    // Events are delivered asynchronously, as they would be from a worker, so that a
    // command never calls back into its caller before returning.
    const post = (event: EngineEvent) => {
      void Promise.resolve().then(() => {
        if (!disposed) {
          this._emit(event);
        }
      });
    };
    this._backend = {
      send: command => {
        if (disposed) {
          return;
        }
        if (command.type === 'init') {
          try {
            const factory = this._options.factory ?? defaultFactory;
            runner = new Runner({
              variants: command.variants,
              views: command.views,
              settings: command.settings,
              neuronUnits: command.neuronUnits,
              post,
              factory,
              clock: this._options.clock
            });
          } catch (reason) {
            post({
              type: 'error',
              message: reason instanceof Error ? reason.message : String(reason)
            });
          }
        } else if (command.type === 'dispose') {
          runner?.dispose();
        } else {
          runner?.handle(command);
        }
      },
      dispose: () => {
        disposed = true;
        runner?.dispose();
      }
    };
    this._replay();
    this._log = null;
  }

  /** Send the commands so far to a freshly started backend. */
  private _replay(): void {
    for (const command of this._log ?? []) {
      this._backend?.send(command);
    }
  }

  private _options: SessionOptions;
  private _mode: 'worker' | 'page' = 'page';
  private _backend: Backend | null = null;
  private _log: Command[] | null = [];
  private _disposed = false;
  private _events = new Signal<this, EngineEvent>(this);
}

/**
 * An event as the page sees it: a snapshot message from the worker has its numbers unpacked
 * into the plain arrays of `Snapshot` (see transport.ts), bit for bit the numbers sent. The
 * time it takes is left as a `nnlab:unpack` performance measure for benchmarks.
 */
export function received(event: EngineEvent): EngineEvent {
  if (event.type !== 'snapshots' || !event.packed) {
    return event;
  }
  const start = now();
  const out: EngineEvent = { ...event, snapshots: unpack<Snapshot[]>(event.snapshots) };
  if (event.data) {
    out.data = unpack<DataSummary>(event.data);
  }
  delete out.packed;
  measure('nnlab:unpack', start);
  return out;
}

/** Start a training session for a validated spec. */
export function createSession(spec: ExperimentSpec, options: SessionOptions = {}): Session {
  return new Session(spec, options);
}
