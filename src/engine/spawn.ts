/**
 * Creates the training worker.
 *
 * This is the only module that mentions `import.meta`. The bundler recognises the pattern
 * `new Worker(new URL('./worker.js', import.meta.url))` and emits `worker.js` (compiled from
 * worker.ts next to this file, in lib/engine/) with its imports as a separate worker chunk,
 * rewriting the URL to that chunk. Keeping it in its own module, loaded on demand, means
 * code that never creates a worker (Node scripts, unit tests) never parses `import.meta`.
 */
export function spawnWorker(): Worker {
  return new Worker(new URL('./worker.js', import.meta.url));
}
