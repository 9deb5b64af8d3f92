/**
 * What jsdom lacks for Lumino: `DragEvent` (Lumino's drag-and-drop module subclasses it
 * when loaded). Import this before any Lumino widget module.
 */
if (typeof (globalThis as { DragEvent?: unknown }).DragEvent === 'undefined') {
  (globalThis as { DragEvent?: unknown }).DragEvent = class DragEvent extends MouseEvent {};
}
export {};
