/**
 * NN Lab as an anywidget front-end: the experiment view behind `render({ model, el })`.
 *
 * Front-ends without the JupyterLab extension (VS Code, Colab, marimo, Notebook 7 without
 * it) load this one ES module through anywidget. It mounts the SAME `ExperimentView` the
 * MIME renderer shows, so training, charts and controls are not implemented twice; what it
 * adds is the conversation with the kernel:
 *
 * - the model's `spec` is the experiment (a change shows a new experiment);
 * - custom messages from Python drive the view (`play`, `pause`, `step`, `reset`,
 *   `setLearningRate`, `setActivation`);
 * - the view's results go back as `status`, `history` and `weights`, throttled (see
 *   results.ts).
 *
 * A widget may be displayed twice (two outputs of one model). Each display trains on its
 * own, from the same seed, and obeys the same commands; only one of them, the oldest still
 * shown, writes results, so the two never fight over the model.
 */
import { Widget } from '@lumino/widgets';
import { MessageLoop } from '@lumino/messaging';
import { validateSpec } from '../core/spec';
import type { ActivationName, ExperimentSpec } from '../core/types';
import type { EngineEvent } from '../engine/protocol';
import { createSession, SessionOptions } from '../engine/session';
import { ExperimentView, SessionLike } from '../widgets/experiment';
import { ResultsReporter } from './results';

/** The part of anywidget's model this front-end uses. */
export interface AnyModel {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  save_changes(): void;
  on(event: string, callback: (...args: any[]) => void): void;
  off(event?: string | null, callback?: ((...args: any[]) => void) | null): void;
}

export interface RenderProps {
  model: AnyModel;
  el: HTMLElement;
}

/** A command sent from Python with `widget.send(...)`. */
export type PythonCommand =
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; epochs?: number }
  | { type: 'reset' }
  | { type: 'setLearningRate'; value: number }
  | { type: 'setActivation'; name: ActivationName; layer?: number | 'all' };

/** The displays of each model, oldest first: the first one reports results. */
const displays = new WeakMap<AnyModel, Display[]>();

/** One display of a model in one output area. */
class Display {
  constructor(model: AnyModel, el: HTMLElement) {
    this._model = model;
    this._root = document.createElement('div');
    this._root.className = 'jp-NNLab-anywidget';
    el.appendChild(this._root);
    standaloneTheme(this._root);

    const list = displays.get(model) ?? [];
    list.push(this);
    displays.set(model, list);

    this._onSpec = () => this._show();
    this._onCommand = (message: unknown) => this._command(message);
    model.on('change:spec', this._onSpec);
    model.on('msg:custom', this._onCommand);
    if (typeof ResizeObserver !== 'undefined') {
      this._resize = new ResizeObserver(() => {
        if (this._view?.isAttached) {
          MessageLoop.sendMessage(this._view, Widget.ResizeMessage.UnknownSize);
        }
      });
      this._resize.observe(this._root);
    }
    this._show();
  }

  /** The view shown (for tests). */
  get view(): ExperimentView | null {
    return this._view;
  }

  /** Whether this display writes results to the model. */
  get reporting(): boolean {
    return displays.get(this._model)?.[0] === this;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._model.off('change:spec', this._onSpec);
    this._model.off('msg:custom', this._onCommand);
    this._resize?.disconnect();
    this._reporter?.dispose();
    this._view?.dispose();
    this._root.remove();
    const list = (displays.get(this._model) ?? []).filter(d => d !== this);
    displays.set(this._model, list);
    // The next display, if any, takes over the reporting with what it has.
    list[0]?._reporter?.flush();
  }

  /** Show the model's spec in a new view (the old one, if any, stops). */
  private _show(): void {
    this._reporter?.dispose();
    // Disposing an attached view detaches it first.
    this._view?.dispose();
    const reporter = new ResultsReporter({
      sink: {
        set: (name, value) => {
          if (this.reporting) {
            this._model.set(name, value);
          }
        },
        save_changes: () => {
          if (this.reporting) {
            this._model.save_changes();
          }
        }
      },
      engine: () => this._session?.mode ?? ''
    });
    this._reporter = reporter;
    const spec = this._model.get('spec');
    const view = new ExperimentView({
      spec,
      createSession: (valid, options) => this._createSession(valid, options, reporter)
    });
    this._view = view;
    this._attach(view);
    if (!view.spec) {
      const result = validateSpec(spec);
      const first = result.ok ? '' : result.errors[0];
      reporter.invalid(
        first
          ? `invalid spec: ${first.path ? first.path + ': ' : ''}${first.message}`
          : 'invalid spec'
      );
    }
  }

  /**
   * Attach the view to the root. Lumino attaches only to a node in the document, and a
   * front-end may call `render` before it inserts `el` (JupyterLab does for a second view
   * of a model): then wait, one animation frame at a time, until it is inserted.
   */
  private _attach(view: ExperimentView): void {
    if (this._disposed || view.isDisposed || view.isAttached) {
      return;
    }
    if (this._root.isConnected) {
      Widget.attach(view, this._root);
      return;
    }
    requestAnimationFrame(() => this._attach(view));
  }

  /**
   * Start the view's session, asking it for the weights in every snapshot (Python reads
   * them) and passing its events to the reporter.
   */
  private _createSession(
    spec: ExperimentSpec,
    options: SessionOptions,
    reporter: ResultsReporter
  ): SessionLike {
    const views = spec.views.includes('weights') ? spec.views : [...spec.views, 'weights' as const];
    const session = createSession({ ...spec, views }, options);
    session.events.connect((_: unknown, event: EngineEvent) => reporter.handle(event));
    this._session = session;
    return session;
  }

  private _command(message: unknown): void {
    const view = this._view;
    if (!view || !message || typeof message !== 'object') {
      return;
    }
    const command = message as PythonCommand;
    switch (command.type) {
      case 'play':
        view.play();
        break;
      case 'pause':
        view.pause();
        break;
      case 'step':
        view.step(numberOr(command.epochs, 1));
        break;
      case 'reset':
        view.reset();
        break;
      case 'setLearningRate':
        if (typeof command.value === 'number' && command.value > 0) {
          view.setLearningRate(command.value);
        }
        break;
      case 'setActivation':
        if (typeof command.name === 'string') {
          view.setActivation(command.layer ?? 'all', command.name);
        }
        break;
    }
  }

  private _model: AnyModel;
  private _root: HTMLElement;
  private _view: ExperimentView | null = null;
  private _session: SessionLike | null = null;
  private _reporter: ResultsReporter | null = null;
  private _resize: ResizeObserver | null = null;
  private _onSpec: () => void;
  private _onCommand: (message: unknown) => void;
  private _disposed = false;
}

/**
 * Outside JupyterLab no `--jp-*` variables are defined: the root then gets a class that
 * defines NN Lab's own (light, or dark where the page is dark), see style/widget.css.
 */
function standaloneTheme(root: HTMLElement): void {
  if (typeof getComputedStyle !== 'function') {
    return;
  }
  const defined = getComputedStyle(root).getPropertyValue('--jp-layout-color1').trim() !== '';
  if (defined) {
    return;
  }
  root.classList.add('jp-NNLab-standalone');
  if (pageIsDark()) {
    root.classList.add('jp-NNLab-standalone-dark');
  }
}

/** VS Code, marimo and Colab mark a dark page on the body or the root element. */
function pageIsDark(): boolean {
  const body = document.body;
  const html = document.documentElement;
  if (body?.classList.contains('vscode-dark') || body?.classList.contains('vscode-high-contrast')) {
    return true;
  }
  if (html?.classList.contains('dark') || body?.classList.contains('dark-mode')) {
    return true;
  }
  if (html?.getAttribute('theme') === 'dark' || html?.dataset.theme === 'dark') {
    return true;
  }
  return false;
}

function numberOr<T>(value: unknown, fallback: T): number | T {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** anywidget's entry: show the model's experiment in `el`; returns the clean-up. */
export function render({ model, el }: RenderProps): () => void {
  const display = new Display(model, el);
  return () => display.dispose();
}

export default { render };
