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

/** Milliseconds from a monotonic clock: `performance.now`, or `Date.now` where there is none. */
export function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/**
 * Leave a `performance.measure` entry `name` from `start` to `end` (default: now), with
 * `detail` when given. Only the latest entry of a name is kept (a PerformanceObserver sees
 * every one as it comes), so that a long session does not fill the timeline. Where there is
 * no Performance API, or no measure options (older engines), nothing happens.
 */
export function measure(name: string, start: number, end = now(), detail?: unknown): void {
  if (typeof performance === 'undefined' || typeof performance.measure !== 'function') {
    return;
  }
  try {
    performance.clearMeasures(name);
    performance.measure(name, detail === undefined ? { start, end } : { start, end, detail });
  } catch {
    // A measure is only a measurement: never let it break a draw.
  }
}
