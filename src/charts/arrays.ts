/**
 * Little array helpers shared by the figure builders. They accept any array-like of numbers
 * (plain arrays or typed arrays, as snapshots may carry either) and return plain arrays,
 * which Plotly accepts and which serialise to JSON.
 */

/** Copy of `values` with NaN and infinities replaced by null, which Plotly draws as a gap. */
export function finiteOrNull(values: ArrayLike<number>): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isFinite(v) ? v : null;
  }
  return out;
}

/** Like finiteOrNull, but also drops zeros and negatives, which a log axis cannot show. */
export function positiveOrNull(values: ArrayLike<number>): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isFinite(v) && v > 0 ? v : null;
  }
  return out;
}

/**
 * The flat row-major `values` (rows * cols numbers) as `rows` arrays of `cols`:
 * entry (i, j) = values[i * cols + j]. Non-finite entries become null.
 */
export function reshape(
  values: ArrayLike<number>,
  rows: number,
  cols: number
): (number | null)[][] {
  const out: (number | null)[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const row = new Array<number | null>(cols);
    for (let j = 0; j < cols; j++) {
      const v = values[i * cols + j];
      row[j] = Number.isFinite(v) ? v : null;
    }
    out[i] = row;
  }
  return out;
}

/** [min, max] over the finite entries of all arrays; null when there is none. */
export function extent(...arrays: ArrayLike<number>[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (Number.isFinite(v)) {
        if (v < lo) {
          lo = v;
        }
        if (v > hi) {
          hi = v;
        }
      }
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** [smallest positive, largest] finite entry over all arrays; null when nothing is positive. */
export function positiveExtent(...arrays: ArrayLike<number>[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (Number.isFinite(v) && v > 0) {
        if (v < lo) {
          lo = v;
        }
        if (v > hi) {
          hi = v;
        }
      }
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Column j of a list of rows. */
export function column(rows: ArrayLike<ArrayLike<number>>, j: number): number[] {
  const out = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    out[i] = rows[i][j];
  }
  return out;
}

/** `[lo, hi]` widened by `fraction` of its span on both sides (and to a unit span if flat). */
export function pad(range: [number, number], fraction: number): [number, number] {
  const span = range[1] - range[0];
  const margin = span > 0 ? span * fraction : 0.5;
  return [range[0] - margin, range[1] + margin];
}
