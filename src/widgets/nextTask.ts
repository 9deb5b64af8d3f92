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
