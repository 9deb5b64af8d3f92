/**
 * The messages between the page and a training session.
 *
 * The page sends commands; the session answers with events. Both are plain data so that
 * they cross `postMessage` unchanged: the same protocol drives a Web Worker and the
 * in-page runner used where workers are unavailable (tests, restrictive pages).
 */
import type {
  ActivationName,
  DataSummary,
  ResolvedVariant,
  Snapshot,
  ViewName
} from '../core/types';

/** How fast to train: a target number of epochs per second, or as fast as possible. */
export type Speed = number | 'max';

/** What the session is doing. `done` = the spec's epochs are reached; `error` = it diverged. */
export type RunState = 'paused' | 'running' | 'done' | 'error';

/** Settings of a session that do not belong to the experiment itself. */
export interface RunnerSettings {
  /** Most snapshots per second sent to the page, whatever the training speed. */
  snapshotRate: number;
  /** Side of the decision-surface grid; overrides `spec.grid` when given. */
  gridResolution?: number;
  /** Wall-clock length of one training chunk (ms) before the loop yields to messages. */
  chunkMs: number;
  /** Initial speed. */
  speed: Speed;
}

/** Page -> session. */
export type Command =
  | {
      type: 'init';
      /**
       * The networks to train, resolved from the validated spec in the page. The worker
       * gets them ready-made, so it needs neither the spec validator nor its JSON Schema
       * library (which the page shares with other extensions and a worker cannot).
       */
      variants: ResolvedVariant[];
      /** The views drawn by the page: they decide what the snapshots contain. */
      views: ViewName[];
      settings: RunnerSettings;
      /** Per variant, the units of each hidden layer whose maps the charts can draw. */
      neuronUnits?: number[][];
    }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; epochs: number }
  | { type: 'reset' }
  | {
      type: 'setActivation';
      /** Hidden layer index (0 = first hidden layer) or every hidden layer. */
      layer: number | 'all';
      name: ActivationName;
      /** Variant to change; every variant when omitted. */
      variant?: number;
    }
  | {
      /**
       * Set one parameter by hand: the weight from unit `from` of layer `layer` to unit `to`
       * of the next layer, or with `from` = 'bias' the bias of unit `to`.
       */
      type: 'setParam';
      layer: number;
      from: number | 'bias';
      to: number;
      value: number;
      /** Variant to change; every variant when omitted. */
      variant?: number;
    }
  | { type: 'setLearningRate'; learningRate: number }
  | { type: 'setSpeed'; speed: Speed }
  /**
   * The views on screen now: while training, snapshots carry only what these draw (when
   * training stops they carry every view again).
   */
  | { type: 'setViews'; views: ViewName[] }
  /** The page has drawn snapshot message `id`: the session may send the next one. */
  | { type: 'ack'; id: number }
  | { type: 'dispose' };

/** Session -> page. */
export type EngineEvent =
  | {
      type: 'snapshots';
      /** Sequence number to acknowledge with an `ack` command. */
      id: number;
      /** One snapshot per variant, in the order of `resolveVariants(spec)`. */
      snapshots: Snapshot[];
      /** The training data, sent with the first snapshots and again after a reset. */
      data?: DataSummary;
      state: RunState;
      /**
       * Resting, these snapshots carry only the views on screen: the snapshots of every view
       * (for the picture) follow once these are acknowledged, unless training goes on.
       */
      partial?: boolean;
      /**
       * On the way from the worker: the numbers of `snapshots` and `data` are packed into
       * typed arrays (see transport.ts). The session unpacks them before anyone sees them.
       */
      packed?: boolean;
    }
  | { type: 'state'; state: RunState; epoch: number }
  | {
      type: 'error';
      message: string;
      /** Epoch at which training stopped, when the cause is divergence. */
      epoch?: number;
      /** Variant that failed, when known. */
      variant?: number;
    }
  | { type: 'done'; epoch: number };

/** Defaults: 10 snapshots per second keeps charts fluid without flooding the page. */
export const DEFAULT_SETTINGS: RunnerSettings = {
  snapshotRate: 10,
  chunkMs: 10,
  speed: 'max'
};
