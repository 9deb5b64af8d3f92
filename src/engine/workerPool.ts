/**
 * One spare training worker, started ahead of need.
 *
 * Starting a Web Worker means fetching its script, compiling it and running its imports on
 * a fresh thread: a few hundred milliseconds on a busy machine, and on the path from
 * Shift+Enter to the first chart of every experiment. So the page keeps one worker started
 * and idle (a worker does nothing until its `init` command): a new session takes it, and
 * another is started for the next session once the page has a quiet moment.
 *
 * Nothing is started before the first experiment renders (`prewarmWorker` is called by the
 * renderer as it loads the experiment view), so JupyterLab's start-up runs no NN Lab worker;
 * until then, or where nothing asks for a spare (the anywidget front-end, tests), a session
 * simply gets a new worker. The spare is one idle thread for the rest of the page's life.
 */
import { spawnWorker } from './spawn';

/** The idle worker, and whether it failed while loading (before anyone listened). */
let spare: { worker: Worker; failed: boolean } | null = null;

/** A timer or idle callback that will start the next spare. */
let pending = false;

/** Spares were asked for: keep one ready after each one is taken. */
let enabled = false;

/** After a worker is taken, wait this long (at most) for a quiet moment to start the next. */
const RESPAWN_TIMEOUT_MS = 2000;

/** Start the spare worker now, if there is none. */
export function prewarmWorker(): void {
  enabled = typeof Worker !== 'undefined';
  if (spare || typeof Worker === 'undefined') {
    return;
  }
  let worker: Worker;
  try {
    worker = spawnWorker();
  } catch {
    // The session will try again and fall back to training in the page.
    return;
  }
  const entry = { worker, failed: false };
  // A script that fails to load reports it once, possibly before a session listens: note it,
  // so that the session gets a fresh worker whose failure it does hear about.
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    entry.failed = true;
  };
  spare = entry;
}

/**
 * A worker for a new session: the spare if it is sound, else a new one. Once spares have been
 * asked for, the next one is started when the page is idle (or after two seconds at most).
 */
export function takeWorker(): Worker {
  const entry = spare;
  spare = null;
  let worker: Worker;
  if (entry && !entry.failed) {
    worker = entry.worker;
    worker.onerror = null;
  } else {
    entry?.worker.terminate();
    worker = spawnWorker();
  }
  if (enabled) {
    scheduleSpare();
  }
  return worker;
}

/** Start the next spare once the page has a quiet moment. */
function scheduleSpare(): void {
  if (pending) {
    return;
  }
  pending = true;
  const start = () => {
    pending = false;
    prewarmWorker();
  };
  const idle = (globalThis as { requestIdleCallback?: (fn: () => void, o?: object) => void })
    .requestIdleCallback;
  if (typeof idle === 'function') {
    idle(start, { timeout: RESPAWN_TIMEOUT_MS });
  } else {
    setTimeout(start, RESPAWN_TIMEOUT_MS);
  }
}

/** Drop the spare and ask for no more (tests). */
export function disposeSpare(): void {
  spare?.worker.terminate();
  spare = null;
  enabled = false;
}
