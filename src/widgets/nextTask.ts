/**
 * Yielding the main thread between two pieces of a long job (drawing the charts, taking
 * the notebook picture), so that the browser can handle input and paint in between: no
 * main-thread task is then longer than the longest piece.
 */

/**
 * Resolves in a task of its own, after whatever the browser has queued (input, paint):
 * a message to a MessageChannel, which is not throttled as a zero-delay timer is.
 */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') {
    return new Promise(resolve => setTimeout(resolve, 0));
  }
  return new Promise(resolve => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Longest stretch of pieces run in one task by `runInSlices` (ms). */
export const SLICE_MS = 12;

/**
 * Run `pieces` in order, starting a new task (`between`, by default `nextTask`) whenever the
 * current one has run for `SLICE_MS`: at most one piece over that. Stops early when `wanted`
 * turns false. `onTask` hears each task's start and end; resolves with the time spent in the
 * pieces, in a task of its own when any piece ran (what the caller does next does not add to
 * the last slice).
 */
export async function runInSlices(
  pieces: readonly (() => void)[],
  options: {
    wanted?: () => boolean;
    onTask?: (from: number, to: number) => void;
    between?: () => Promise<void>;
  } = {}
): Promise<number> {
  const between = options.between ?? nextTask;
  let spent = 0;
  let from = performance.now();
  for (let i = 0; i < pieces.length; i++) {
    pieces[i]();
    const to = performance.now();
    if (i === pieces.length - 1 || to - from >= SLICE_MS) {
      options.onTask?.(from, to);
      spent += to - from;
      await between();
      if (options.wanted && !options.wanted()) {
        break;
      }
      from = performance.now();
    }
  }
  return spent;
}
