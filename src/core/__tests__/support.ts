/**
 * Helpers shared by the test suites of the core and of the layers above it (engine, demos).
 * Not a test file itself: jest only runs `*.test.ts`.
 */
import { Matrix } from '../matrix';
import { validateSpec } from '../spec';
import type { ExperimentSpec } from '../types';

/**
 * Validate a spec that the test expects to be valid and return it with its defaults filled in.
 * Throws with every error message otherwise, so that a broken fixture fails loudly at its
 * source instead of as a puzzling mismatch further down.
 */
export function validSpec(input: unknown): ExperimentSpec {
  const result = validateSpec(input);
  if (!result.ok) {
    throw new Error(
      `expected a valid spec, got:\n${result.errors.map(e => `${e.path}: ${e.message}`).join('\n')}`
    );
  }
  return result.spec;
}

/** Resolve once `predicate` holds, polling every 5 ms; reject after `ms` milliseconds. */
export function waitFor(predicate: () => boolean, ms = 10000): Promise<void> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const poll = () => {
      if (predicate()) {
        resolve();
      } else if (Date.now() - start > ms) {
        reject(new Error('timed out'));
      } else {
        setTimeout(poll, 5);
      }
    };
    poll();
  });
}

/**
 * Central difference of a scalar function of a matrix in its entry i (row-major):
 * df/dz_i ~ (f(z + h e_i) - f(z - h e_i)) / 2h, with error O(h^2). `z` is left unchanged.
 */
export function centralDifference(
  f: (z: Matrix) => number,
  z: Matrix,
  i: number,
  h: number
): number {
  const zp = z.clone();
  zp.data[i] += h;
  const zm = z.clone();
  zm.data[i] -= h;
  return (f(zp) - f(zm)) / (2 * h);
}
