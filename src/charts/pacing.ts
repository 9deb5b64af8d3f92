/**
 * Redraw pacing: how long the page should rest after drawing the charts.
 *
 * A redraw of the charts is one long main-thread task (Plotly rebuilds SVG, measures text,
 * paints heatmaps). Drawn back to back at the snapshot rate, such tasks can fill most of
 * the main thread and the notebook stutters. Instead, after each draw we wait in
 * proportion to what the draw cost, so that drawing takes at most a fixed share of the
 * main thread, whatever the speed of the machine.
 *
 * Duty cycle: a draw of d ms followed by a rest of w ms keeps the thread busy for the
 * fraction  b = d / (d + w);  solving for the rest gives  w = d (1 - b) / b.
 * With b = 1/5 the rest is four times the draw.
 *
 * The budget is set below the share we actually allow (about a third of the thread, idle
 * JupyterLab included), because the measured draw is only the JavaScript part: the browser
 * then spends about half as long again on style, layout and paint for the new SVG.
 */

export interface PacingOptions {
  /** Largest share of the main thread that drawing may take, in (0, 1] (default 0.2). */
  budget?: number;
  /** Never rest longer than this, so that the charts do not look frozen (default 1500). */
  maxDelayMs?: number;
}

/** Share of the main thread given to drawing when nothing else is said. */
export const DRAW_BUDGET = 0.2;

/**
 * Milliseconds to wait, after a draw that took `lastDrawMs`, before the next draw may start.
 *
 * The wait is the duty-cycle rest `d (1 - b) / b`, capped at `maxDelayMs`. It is counted
 * from the end of the draw. There is no lower bound from the snapshot rate: the session
 * already sends at most that many snapshots per second, so a cheap draw simply follows
 * the snapshots and an expensive one comes less often.
 */
export function nextDrawDelay(lastDrawMs: number, options: PacingOptions = {}): number {
  const budget = clamp(options.budget ?? DRAW_BUDGET, 0.01, 1);
  const maxDelay = options.maxDelayMs ?? 1500;
  const draw = Number.isFinite(lastDrawMs) && lastDrawMs > 0 ? lastDrawMs : 0;
  const rest = (draw * (1 - budget)) / budget;
  return Math.min(maxDelay, rest);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, Number.isFinite(value) ? value : high));
}
