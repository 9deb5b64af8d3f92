/**
 * Entry point of the training Web Worker.
 *
 * The first message is `init` with the validated spec; it builds a `Runner` whose events
 * are posted back to the page. Every later message is a command for that runner. Nothing
 * escapes as an uncaught exception: failures are reported as `error` events.
 */
import type { Command, EngineEvent } from './protocol';
import { Runner } from './runner';
import { createTrainers } from './trainers';
import { yieldingClock } from './yielding';

/** The worker's global scope, typed through the DOM's `postMessage` shape. */
interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<Command>) => void) | null;
  close(): void;
}

const scope = self as unknown as WorkerScope;
let runner: Runner | null = null;

function post(event: EngineEvent, transfer?: ArrayBuffer[]): void {
  scope.postMessage(event, transfer ?? []);
}

scope.onmessage = (message: MessageEvent<Command>) => {
  const command = message.data;
  try {
    if (command.type === 'init') {
      runner?.dispose();
      runner = new Runner({
        variants: command.variants,
        views: command.views,
        settings: command.settings,
        neuronUnits: command.neuronUnits,
        post,
        // Snapshot numbers cross to the page as transferred typed arrays (transport.ts).
        pack: true,
        factory: createTrainers,
        clock: yieldingClock
      });
    } else if (command.type === 'dispose') {
      runner?.dispose();
      runner = null;
      scope.close();
    } else {
      runner?.handle(command);
    }
  } catch (reason) {
    post({ type: 'error', message: reason instanceof Error ? reason.message : String(reason) });
  }
};
