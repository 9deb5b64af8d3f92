/**
 * Performance marks on the way from a cell's output to its first chart.
 *
 * Each is a `performance.mark` named `nnlab:<phase>`, visible in the browser's performance
 * panel and read by `npm run bench:startup` (bench/startup.spec.ts), which splits
 * Shift+Enter -> first chart into phases with them. A mark costs a few microseconds; where
 * there is no Performance API (old runtimes) nothing happens.
 */

/** The phases marked, in the order a first render passes them. */
export const PHASES = [
  'prefetch',
  'render',
  'view-loaded',
  'spec-validated',
  'plotly-loaded',
  'plotly-warmed',
  'worker-taken',
  'first-snapshots',
  'plotly-ready',
  'first-draw-start',
  'first-draw-end',
  'first-trained-snapshots'
] as const;

export type Phase = (typeof PHASES)[number];

/** Mark `phase` now. */
export function mark(phase: Phase): void {
  try {
    globalThis.performance?.mark?.(`nnlab:${phase}`);
  } catch {
    // A mark is only a measurement: never let it break a render.
  }
}
