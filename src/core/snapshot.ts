/**
 * Building blocks of the `Snapshot` a trainer reports (the type lives in types.ts).
 *
 * A snapshot is plain data: numbers, arrays and typed arrays only, so that it can
 * cross `postMessage` from the Worker to the page and be turned into figures by
 * pure chart functions. Everything costly (the grid, hidden layers, statistics) is
 * opt-in through `SnapshotOptions`.
 */

import { Snapshot } from './types';
import { Matrix } from './matrix';

/** What to include in a snapshot beyond the scalars and the loss history. */
export interface SnapshotOptions {
  /**
   * The network over the data's domain: `true` at the variant's `grid`
   * resolution, a number for another resolution, false/absent for none.
   */
  grid?: boolean | number;
  /** Each hidden layer's view of the data points. */
  hidden?: boolean;
  /** With `hidden`: every hidden layer (the default) or only the last one. */
  hiddenLayers?: 'all' | 'last';
  /**
   * With `hidden`: false leaves out the points of the layers sent with their projection
   * (those wider than three units), whose points no chart draws: at the caps they are most
   * of a snapshot's numbers. Their entries keep `units` and `projected`. Default true.
   */
  wideHiddenPoints?: boolean;
  /** Per-layer activation statistics. */
  activations?: boolean;
  /** All weights and biases. */
  weights?: boolean;
  /**
   * The single affine map of a network whose hidden layers are all the identity
   * (of its output pre-activation when the output squashes); omitted otherwise.
   */
  collapse?: boolean;
  /** Each hidden unit's output over the grid (uses the grid resolution). */
  neurons?: boolean;
  /**
   * With `neurons`: how many units of each hidden layer (first hidden layer first) get a
   * map; the others get an empty one. Absent: every unit. The page sets it to what its
   * charts can draw.
   */
  neuronUnits?: number[];
  /** Each output unit's value over the grid (uses the grid resolution). */
  outputs?: boolean;
  /** Every layer's Z and A for the first rows of the data (the values view). */
  values?: boolean;
  /**
   * Whether a straight line (hyperplane) separates the classes, by the exact test of
   * separation.ts: `input` in the data's own plane (2-D inputs), `hidden` in the last hidden
   * layer's space. Classification only.
   */
  separation?: { input?: boolean; hidden?: boolean };
  /** Only history entries from this epoch on (to send increments); default 0. */
  historyFrom?: number;
}

/** Per-epoch records of a training run (see Snapshot.history). */
export type TrainingHistory = Snapshot['history'];

export function emptyHistory(): TrainingHistory {
  return {
    epoch: [],
    trainLoss: [],
    testLoss: [],
    trainAccuracy: [],
    testAccuracy: [],
    gradNorms: [],
    penalty: []
  };
}

/** The entries of `history` whose epoch is at least `from` (copies of the arrays). */
export function historyFrom(history: TrainingHistory, from = 0): TrainingHistory {
  let start = 0;
  while (start < history.epoch.length && history.epoch[start] < from) {
    start++;
  }
  return {
    epoch: history.epoch.slice(start),
    trainLoss: history.trainLoss.slice(start),
    testLoss: history.testLoss.slice(start),
    trainAccuracy: history.trainAccuracy.slice(start),
    testAccuracy: history.testAccuracy.slice(start),
    gradNorms: history.gradNorms.slice(start).map(row => row.slice()),
    penalty: (history.penalty ?? []).slice(start)
  };
}

/** Column j of a matrix as a plain array. */
export function column(m: Matrix, j: number): number[] {
  const out = new Array<number>(m.rows);
  for (let i = 0; i < m.rows; i++) {
    out[i] = m.data[i * m.cols + j];
  }
  return out;
}
