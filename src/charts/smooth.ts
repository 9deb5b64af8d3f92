/**
 * A moving window over a noisy curve: its mean, and its lowest and highest value.
 *
 * Accuracy on a few points moves in big steps: a network stuck on XOR may classify one,
 * then three of the four points correctly on alternate epochs, and its raw accuracy line
 * jumps between 25% and 75% across the whole chart. Drawn as the mean of a window (a line)
 * inside the window's range (a band), the same run reads as what it is: stuck near 50%.
 */

/** A window statistic at chosen points of a curve. */
export interface WindowStats {
  /** Mean of the finite values in each point's window (null where there is none). */
  mean: (number | null)[];
  /** Lowest finite value in the window. */
  min: (number | null)[];
  /** Highest finite value in the window. */
  max: (number | null)[];
}

/** Fewest and most history entries in the window. */
export const MIN_WINDOW = 10;
export const MAX_WINDOW = 100;

/**
 * The window for a curve of `n` entries: a tenth of the run, between MIN_WINDOW and
 * MAX_WINDOW entries (and never more than the run). Even by default, so that a value that
 * alternates every epoch averages out exactly.
 */
export function windowSize(n: number): number {
  const w = Math.round(n / 10 / 2) * 2;
  return Math.max(1, Math.min(n, Math.max(MIN_WINDOW, Math.min(MAX_WINDOW, w))));
}

/**
 * Mean, min and max of `values` over a centred window of `window` entries, at each index
 * of `at` (all indices by default). The window of entry i is [i - floor(w/2), i + ceil(w/2) - 1],
 * cut at the ends of the curve; non-finite values are left out.
 */
export function windowStats(
  values: ArrayLike<number>,
  window: number,
  at?: readonly number[]
): WindowStats {
  const n = values.length;
  const indices = at ?? Array.from({ length: n }, (_, i) => i);
  const w = Math.max(1, Math.floor(window));
  const before = Math.floor(w / 2);
  const after = w - before - 1;
  const out: WindowStats = { mean: [], min: [], max: [] };
  for (const i of indices) {
    let sum = 0;
    let count = 0;
    let lo = Infinity;
    let hi = -Infinity;
    const end = Math.min(n - 1, i + after);
    for (let j = Math.max(0, i - before); j <= end; j++) {
      const v = values[j];
      if (Number.isFinite(v)) {
        sum += v;
        count++;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    out.mean.push(count > 0 ? sum / count : null);
    out.min.push(count > 0 ? lo : null);
    out.max.push(count > 0 ? hi : null);
  }
  return out;
}
