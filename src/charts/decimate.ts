/**
 * Thinning long curves for drawing.
 *
 * A curve of 20 000 epochs has far more points than the plot has pixels across; Plotly
 * still builds and paints an SVG path through all of them on every redraw. Min-max
 * decimation keeps, in each of a few hundred buckets along x, the lowest and the highest
 * point, so the drawn line covers the same pixels (spikes included) at a fraction of the
 * cost.
 */

/** Buckets per curve: about one per pixel column of a wide plot. */
export const DEFAULT_BUCKETS = 400;

/**
 * Indices of the points to keep from `values`: the first and last point, and in each of
 * `buckets` equal runs of indices the smallest and largest finite value and the first
 * non-finite one (a gap in the line must stay a gap). Short series are kept whole.
 */
export function decimationIndices(values: ArrayLike<number>, buckets = DEFAULT_BUCKETS): number[] {
  const n = values.length;
  if (n <= 2 * buckets + 2 || buckets < 1) {
    return Array.from({ length: n }, (_, i) => i);
  }
  const kept: number[] = [0];
  const size = (n - 2) / buckets;
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor(b * size);
    const end = 1 + Math.floor((b + 1) * size);
    let low = -1;
    let high = -1;
    let gap = -1;
    for (let i = start; i < end; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) {
        if (gap < 0) {
          gap = i;
        }
      } else {
        if (low < 0 || v < values[low]) {
          low = i;
        }
        if (high < 0 || v > values[high]) {
          high = i;
        }
      }
    }
    const inBucket = [low, high, gap].filter(i => i >= 0).sort((a, b) => a - b);
    for (const i of inBucket) {
      if (i !== kept[kept.length - 1]) {
        kept.push(i);
      }
    }
  }
  kept.push(n - 1);
  return kept;
}

/** `values` at `indices`. */
export function pick<T>(values: ArrayLike<T>, indices: readonly number[]): T[] {
  return indices.map(i => values[i]);
}
