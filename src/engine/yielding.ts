/**
 * A clock whose zero-delay timers do not wait.
 *
 * Browsers clamp nested `setTimeout(fn, 0)` calls to about 4 ms. With 10 ms training chunks
 * that would leave the worker idle a third of the time. A message sent to oneself through a
 * `MessageChannel` is delivered as a fresh task right after pending messages (so commands
 * from the page still get through between chunks) but without the clamp.
 */
import type { Clock } from './runner';
import { timerClock } from './runner';

interface Pending {
  fn: () => void;
  cancelled: boolean;
}

function createYieldingClock(): Clock {
  if (typeof MessageChannel === 'undefined') {
    return timerClock;
  }
  const channel = new MessageChannel();
  const queue: Pending[] = [];
  channel.port1.onmessage = () => {
    const task = queue.shift();
    if (task && !task.cancelled) {
      task.fn();
    }
  };
  return {
    now: timerClock.now,
    schedule(fn, ms) {
      if (ms > 0) {
        return timerClock.schedule(fn, ms);
      }
      const task: Pending = { fn, cancelled: false };
      queue.push(task);
      channel.port2.postMessage(null);
      return task;
    },
    cancel(handle) {
      if (handle && typeof handle === 'object' && 'cancelled' in handle) {
        (handle as Pending).cancelled = true;
      } else {
        timerClock.cancel(handle);
      }
    }
  };
}

/** Created lazily, so that merely importing this module opens no channel. */
let shared: Clock | null = null;

export const yieldingClock: Clock = {
  now: () => timerClock.now(),
  schedule: (fn, ms) => (shared ??= createYieldingClock()).schedule(fn, ms),
  cancel: handle => (shared ??= createYieldingClock()).cancel(handle)
};
