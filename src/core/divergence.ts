/**
 * When a run has exploded, judged against where it started.
 *
 * A fixed threshold fails both ways: a run whose untrained loss is already 1e12 (regression
 * on targets near 1e6) would stop at once, and a run that grows from 1 to 1e11 without
 * overflowing would never stop. So the loss is compared with the untrained network's loss,
 * and the weights with their starting size: growth by LOSS_GROWTH (or WEIGHT_GROWTH) or a
 * value that is no longer finite means the run has diverged. The same rule holds for every
 * optimiser, since it looks only at the loss and the weights.
 */

/** A loss this many times the starting loss (or 1, if that is larger) means divergence. */
export const LOSS_GROWTH = 1e4;
/** Weights this many times their starting size (or 1, if larger) mean divergence. */
export const WEIGHT_GROWTH = 1e4;

/** Where training started: the untrained loss and the largest starting weight. */
export interface Baseline {
  loss: number;
  weight: number;
}

/** The baseline of a run; non-finite or negative starting values count as 0. */
export function baseline(loss: number, weight: number): Baseline {
  return {
    loss: Number.isFinite(loss) ? Math.abs(loss) : 0,
    weight: Number.isFinite(weight) ? Math.abs(weight) : 0
  };
}

/** True when the loss has grown LOSS_GROWTH-fold over the start, or is NaN or infinite. */
export function lossDiverged(loss: number, start: Baseline): boolean {
  return !(Math.abs(loss) <= LOSS_GROWTH * Math.max(start.loss, 1));
}

/** True when the largest weight has grown WEIGHT_GROWTH-fold over the start (or is not finite). */
export function weightsDiverged(largest: number, start: Baseline): boolean {
  return !(largest <= WEIGHT_GROWTH * Math.max(start.weight, 1));
}

/** The largest |w| over weight matrices stored as flat arrays (NaN when any is NaN). */
export function largestMagnitude(arrays: ArrayLike<number>[]): number {
  let largest = 0;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = Math.abs(a[i]);
      if (!(v <= largest)) {
        largest = v; // also takes NaN, which then stays
        if (Number.isNaN(v)) {
          return NaN;
        }
      }
    }
  }
  return largest;
}
