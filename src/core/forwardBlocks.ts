/**
 * A forward pass over many rows, a block of rows at a time.
 *
 * Evaluating 2,000 points or a 100 x 100 grid through a wide, deep network is tens of
 * millions of multiply-adds: too long for one uninterrupted task. A forward pass treats
 * every row on its own (each output row depends only on its input row), so the same
 * numbers come out when the rows go through in blocks; the generator yields after each
 * block so that its caller can stop and resume between them.
 */
import { Matrix } from './matrix';
import type { Network } from './network';

/** Rows per block: at the largest networks allowed, one block is a few milliseconds. */
export const BLOCK_ROWS = 128;

/** The kept layers' activations (and pre-activations, when asked for) for every row. */
export interface BlockOutputs {
  /** A[layers[i]] for every row, in the order of `layers`. */
  A: Matrix[];
  /** Z[layers[i]] for every row (empty unless `withZ`). */
  Z: Matrix[];
}

/**
 * Forward `X` through `net` in blocks of `BLOCK_ROWS` rows, keeping the layers listed in
 * `layers` (1..L; 0 is the input). Yields after every block; returns the full matrices.
 */
export function* forwardInBlocks(
  net: Network,
  X: Matrix,
  layers: readonly number[],
  withZ = false
): Generator<void, BlockOutputs, void> {
  const n = X.rows;
  const width = (l: number) => net.sizes[l];
  const A = layers.map(l => Matrix.zeros(n, width(l)));
  const Z = withZ ? layers.map(l => Matrix.zeros(n, width(l))) : [];
  for (let start = 0; start < n; start += BLOCK_ROWS) {
    const end = Math.min(n, start + BLOCK_ROWS);
    const cache = net.forward(X.rowsView(start, end));
    layers.forEach((l, i) => {
      A[i].data.set(cache.A[l].data, start * width(l));
      if (withZ) {
        Z[i].data.set(cache.Z[l].data, start * width(l));
      }
    });
    if (end < n) {
      yield;
    }
  }
  return { A, Z };
}

/** Run a generator of short units to its end at once, and return its result. */
export function runToEnd<T>(steps: Generator<void, T, void>): T {
  let step = steps.next();
  while (!step.done) {
    step = steps.next();
  }
  return step.value;
}
