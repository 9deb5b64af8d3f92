/**
 * The experiment view: one training session with its controls and live charts.
 *
 * It is built from a spec (raw JSON is validated here, so a notebook output and the side
 * panel show the same field-by-field errors), starts an engine session and turns the
 * snapshots it streams into Plotly figures. Drawing is coalesced to at most one frame per
 * animation frame: only the newest snapshots are kept, and the session is told when they
 * have been drawn (it sends nothing new before that), so a slow page never builds a backlog.
 *
 * Drawing is the costly part (Plotly rebuilds SVG on every update), so while training runs
 * the view keeps it to a fixed share of the main thread: each chart is drawn in its own
 * animation frame, the time the charts took is measured, and the acknowledgement is held
 * back for a rest proportional to it (see src/charts/pacing.ts). Charts whose inputs did
 * not change, or that are scrolled out of sight, are not drawn at all.
 */
import { ITranslator, nullTranslator, TranslationBundle } from '@jupyterlab/translation';
import type { Message } from '@lumino/messaging';
import type { ISignal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import { ACTIVATION_NAMES } from '../core/activations';
import { resolveVariants, validateSpec } from '../core/spec';
import type {
  ActivationName,
  DataSummary,
  ExperimentSpec,
  ResolvedVariant,
  Snapshot,
  SpecError,
  ViewName
} from '../core/types';
import type { EngineEvent, RunState, Speed } from '../engine/protocol';
import { createSession, Session, SessionOptions } from '../engine/session';
import { buildFigure, VIEW_TITLES } from '../charts';
import { chartInputKey } from '../charts/fingerprint';
import { nextDrawDelay } from '../charts/pacing';
import { loadPlotly, PLOTLY_CONFIG, PlotlyLike } from '../charts/plotly';
import { readTheme } from '../charts/theme';
import type { ChartInput, ChartTheme, Figure } from '../charts/types';
import { ExperimentControls, SPEEDS } from './experimentControls';
import { epochText, readoutLines } from './experimentReadout';

/** The part of a session the view uses (a fake in tests). */
export type SessionLike = Pick<
  Session,
  | 'play'
  | 'pause'
  | 'step'
  | 'reset'
  | 'setActivation'
  | 'setLearningRate'
  | 'setSpeed'
  | 'ack'
  | 'dispose'
> & {
  readonly events: ISignal<unknown, EngineEvent>;
  /** Where training runs, when known ('worker' or 'page'). */
  readonly mode?: string;
};

export interface ExperimentViewOptions {
  /** The experiment spec: raw JSON (validated here) or an already validated spec. */
  spec: unknown;
  /** Sidebar sizing: smaller charts, stacked controls. */
  compact?: boolean;
  /** Most snapshots per second (default 10). */
  snapshotRate?: number;
  /** Side of the decision-surface grid; overrides the spec's `grid`. */
  gridResolution?: number;
  /** Epochs trained by one press of "step" (default 1). */
  stepEpochs?: number;
  /**
   * Receives a PNG (base64, no `data:` prefix) of the first chart when training pauses or
   * finishes, so that a saved notebook shows a picture where NN Lab is not installed.
   */
  onPicture?: (png: string) => void;
  translator?: ITranslator;
  /** JupyterLab's theme-changed signal; the view also watches `data-jp-theme-name`. */
  themeChanged?: ISignal<unknown, unknown>;
  /** Loads Plotly (default: the lazily loaded bundle). */
  loadPlotly?: () => Promise<PlotlyLike>;
  /** Starts the session (default: `createSession`, a Web Worker where possible). */
  createSession?: (spec: ExperimentSpec, options: SessionOptions) => SessionLike;
  /** Builds a figure (default: the chart builders of src/charts). */
  buildFigure?: (view: ViewName, input: ChartInput) => Figure;
  /**
   * True for an output of an untrusted notebook: the experiment shows, but training waits
   * for a press of play whatever the spec's `autoplay` says (an untrusted output does not
   * act on its own).
   */
  untrusted?: boolean;
  /**
   * Largest share of the main thread that redrawing may take while training runs, in
   * (0, 1] (default 0.2). 1 draws every snapshot as soon as it arrives.
   */
  drawBudget?: number;
}

/** Hidden-layer activations offered to the user; softmax only makes sense as an output. */
const HIDDEN_ACTIVATIONS = ACTIVATION_NAMES.filter(name => name !== 'softmax');

/** Wait after training pauses before taking a picture, so a quick pause/play costs nothing. */
const PICTURE_DELAY_MS = 600;

export class ExperimentView extends Widget {
  constructor(options: ExperimentViewOptions) {
    super();
    this._options = options;
    this._trans = (options.translator ?? nullTranslator).load('jupyterlab_nnlab');
    this.addClass('jp-NNLab-experiment');
    this.node.dataset.nnlabExperiment = '';
    if (options.compact) {
      this.addClass('jp-NNLab-mod-compact');
    }
    this._alert = document.createElement('div');
    this._alert.className = 'jp-NNLab-alert';
    this._alert.setAttribute('role', 'alert');
    this._alert.hidden = true;

    const result = validateSpec(options.spec);
    if (!result.ok) {
      this._setState('error');
      this.node.appendChild(this._alert);
      this._showSpecErrors(result.errors);
      return;
    }
    const spec = result.spec;
    this._spec = spec;
    this._variants = resolveVariants(spec);
    this._build(spec);
    this.node.dataset.epoch = '0';
    this._setState('paused');

    const sessionOptions: SessionOptions = {
      snapshotRate: options.snapshotRate,
      gridResolution: options.gridResolution,
      speed: this._speed
    };
    try {
      const create = options.createSession ?? createSession;
      this._session = create(spec, sessionOptions);
      this._session.events.connect(this._onEvent, this);
    } catch (reason) {
      this._showError(this._trans.__('Cannot start training'), messageOf(reason));
      this._setState('error');
      this._controls?.disable();
      return;
    }
    this._watchTheme();
    if (spec.autoplay && options.untrusted) {
      this._showUntrustedNote();
    } else if (spec.autoplay) {
      this.play();
    }
  }

  /** Say why an untrusted experiment is not training yet; the first play removes the note. */
  private _showUntrustedNote(): void {
    const note = document.createElement('p');
    note.className = 'jp-NNLab-untrusted';
    note.textContent = this._trans.__(
      'This notebook is not trusted, so training waits for you: press play to start.'
    );
    const header = this.node.querySelector('.jp-NNLab-header');
    (header ?? this.node).appendChild(note);
    this._untrustedNote = note;
  }

  /** The validated spec (null when the spec was invalid). */
  get spec(): ExperimentSpec | null {
    return this._spec;
  }

  /** Epoch of the newest snapshots received. */
  get epoch(): number {
    return this._epoch;
  }

  get state(): RunState {
    return this._state;
  }

  /** The controls (for the side panel and tests); null when the spec was invalid. */
  get controls(): ExperimentControls | null {
    return this._controls;
  }

  play(): void {
    this._untrustedNote?.remove();
    this._untrustedNote = null;
    this._clearError();
    this._session?.play();
  }

  pause(): void {
    this._session?.pause();
  }

  /** Train `epochs` epochs (default: the step size of the options), then pause. */
  step(epochs = this._options.stepEpochs ?? 1): void {
    this._session?.step(epochs);
  }

  reset(): void {
    this._clearError();
    this._session?.reset();
  }

  /** Change a hidden layer's activation (0-based layer) or every hidden layer's. */
  setActivation(layer: number | 'all', name: ActivationName): void {
    this._controls?.showActivation(layer, name);
    this._session?.setActivation(layer, name, this._activationVariant());
  }

  setLearningRate(learningRate: number): void {
    this._session?.setLearningRate(learningRate);
    if (this._controls) {
      this._controls.learningRateInput.value = String(learningRate);
    }
  }

  setSpeed(speed: Speed): void {
    this._speed = speed;
    this._session?.setSpeed(speed);
    if (this._controls) {
      this._controls.speedSelect.value = String(speed);
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._session?.events.disconnect(this._onEvent, this);
    this._cancelAck();
    this._visibility?.disconnect();
    this._session?.dispose();
    this._session = null;
    this._observer?.disconnect();
    this._options.themeChanged?.disconnect(this._onThemeChanged, this);
    if (this._frame !== null) {
      cancelFrame(this._frame);
    }
    if (this._pictureTimer !== null) {
      clearTimeout(this._pictureTimer);
    }
    const plotly = this._plotly;
    if (plotly) {
      for (const node of this._chartNodes.values()) {
        plotly.purge(node);
      }
    }
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._requestFrame();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._requestFrame();
  }

  protected onResize(msg: Widget.ResizeMessage): void {
    super.onResize(msg);
    const plotly = this._plotly;
    if (plotly && this._drawn) {
      for (const node of this._chartNodes.values()) {
        void Promise.resolve(plotly.Plots.resize(node)).catch(() => undefined);
      }
    }
  }

  /** Header, controls, readout, alert and one chart container per view. */
  private _build(spec: ExperimentSpec): void {
    const trans = this._trans;
    const header = document.createElement('div');
    header.className = 'jp-NNLab-header';
    const title = document.createElement('h3');
    title.className = 'jp-NNLab-title';
    title.textContent = spec.title;
    header.appendChild(title);
    if (spec.description) {
      const description = document.createElement('p');
      description.className = 'jp-NNLab-description';
      description.textContent = spec.description;
      header.appendChild(description);
    }

    const first = this._variants[0];
    this._speed = defaultSpeed(spec.training.epochs);
    this._controls = new ExperimentControls({
      trans,
      activations: first ? [...first.network.activations] : [],
      activationNames: HIDDEN_ACTIVATIONS,
      learningRate: spec.training.learningRate,
      speed: this._speed,
      stepEpochs: this._options.stepEpochs ?? 1,
      variantLabel: this._variants.length > 1 ? first.label : undefined,
      handlers: {
        togglePlay: () => (this._state === 'running' ? this.pause() : this.play()),
        step: () => this.step(),
        reset: () => this.reset(),
        setSpeed: speed => this.setSpeed(speed),
        setActivation: (layer, name) =>
          this._session?.setActivation(layer, name, this._activationVariant()),
        setLearningRate: lr => this._session?.setLearningRate(lr)
      }
    });

    this._readout = document.createElement('div');
    this._readout.className = 'jp-NNLab-readout';
    this._readout.setAttribute('aria-live', 'polite');
    this._readout.setAttribute('aria-atomic', 'true');
    this._readout.textContent = epochText(undefined, trans);

    const charts = document.createElement('div');
    charts.className = 'jp-NNLab-charts';
    for (const view of spec.views) {
      const node = document.createElement('div');
      node.className = 'jp-NNLab-chart';
      node.dataset.view = view;
      node.setAttribute('role', 'figure');
      node.setAttribute('aria-label', trans.__(VIEW_TITLES[view] ?? view));
      charts.appendChild(node);
      this._chartNodes.set(view, node);
    }
    this.node.append(header, this._controls.node, this._readout, this._alert, charts);
    this._watchVisibility();
  }

  /**
   * Note which charts are on screen (or nearly): the others are not redrawn while they are
   * out of sight, and are brought up to date as they scroll back in.
   */
  private _watchVisibility(): void {
    if (typeof IntersectionObserver === 'undefined') {
      return;
    }
    this._visibility = new IntersectionObserver(
      entries => {
        let uncovered = false;
        for (const entry of entries) {
          const view = (entry.target as HTMLElement).dataset.view as ViewName;
          if (entry.isIntersecting) {
            // Not `uncovered ||= ...`: that would skip the deletion for the later entries.
            if (this._offscreen.delete(view)) {
              uncovered = true;
            }
          } else {
            this._offscreen.add(view);
          }
        }
        if (uncovered) {
          this._redrawShown();
        }
      },
      { rootMargin: '200px' }
    );
    for (const node of this._chartNodes.values()) {
      this._visibility.observe(node);
    }
  }

  private _onEvent(_: unknown, event: EngineEvent): void {
    switch (event.type) {
      case 'snapshots':
        if (event.data) {
          this._data = event.data;
          // New data (first snapshots, or after a reset): every chart must be drawn anew.
          this._drawnKeys.clear();
        }
        this._pending = { id: event.id, snapshots: event.snapshots };
        this._epoch = event.snapshots[0]?.epoch ?? 0;
        this.node.dataset.epoch = String(this._epoch);
        // Where training runs, for browser tests and bug reports ('worker' or 'page').
        if (this._session?.mode) {
          this.node.dataset.engine = this._session.mode;
        }
        this._setState(event.state);
        this._requestFrame();
        break;
      case 'state':
        if (event.state === 'running') {
          this._setState('running');
        } else {
          // The snapshots of the resting network follow; the node's data-state changes with
          // them, so that whoever sees "paused" also sees the final epoch. The button
          // changes now, so the click feels immediate.
          this._state = event.state;
          this._controls?.setState(event.state);
          // The resting network should appear at once, not after the pacing rest.
          this._sendAck();
        }
        break;
      case 'error': {
        const variant = event.variant !== undefined ? this._variants[event.variant] : undefined;
        const who = variant && this._variants.length > 1 ? ` (${variant.label})` : '';
        const title =
          event.epoch !== undefined
            ? this._trans.__('Training diverged at epoch %1', event.epoch)
            : this._trans.__('Training stopped');
        this._showError(`${title}${who}`, event.message);
        this._setState('error');
        break;
      }
      case 'done':
        // The final snapshots (state 'done') follow.
        break;
    }
  }

  /** Record the run state on the node (data-state) and in the controls. */
  private _setState(state: RunState): void {
    const changed = state !== this.node.dataset.state;
    this._state = state;
    this.node.dataset.state = state;
    this._controls?.setState(state);
    // Screen readers hold back live announcements while busy: announce the readout only
    // when training stops, not ten times a second while it runs.
    this._readout?.setAttribute('aria-busy', state === 'running' ? 'true' : 'false');
    if (changed && state !== 'running') {
      this._schedulePicture();
    }
  }

  /** Draw the newest snapshots in the next animation frame (at most one per frame). */
  private _requestFrame(): void {
    if (this._frame !== null || this.isDisposed) {
      return;
    }
    this._frame = requestFrame(() => {
      this._frame = null;
      void this._drawPending();
    });
  }

  private async _drawPending(): Promise<void> {
    const pending = this._pending;
    if (!pending || this._drawing) {
      return;
    }
    if (!this.isAttached || !this.isVisible) {
      // Drawing into a hidden node gives Plotly no size; wait until shown. The session
      // keeps training but sends nothing new meanwhile (no acknowledgement).
      return;
    }
    this._pending = null;
    this._drawing = true;
    let drawMs = 0;
    try {
      this._updateReadout(pending.snapshots);
      drawMs = await this._draw(pending.snapshots);
    } finally {
      this._drawing = false;
      this._ackAfter(pending.id, drawMs);
    }
    if (this._pending) {
      this._requestFrame();
    } else if (this._state !== 'running') {
      this._schedulePicture();
    }
  }

  /**
   * Acknowledge snapshot message `id`. While training runs, first rest in proportion to
   * the `drawMs` the charts took, so that drawing keeps to its share of the main thread
   * (the session sends nothing new until then, and then sends its newest state).
   */
  private _ackAfter(id: number, drawMs: number): void {
    this._cancelAck();
    this._ackId = id;
    const budget = this._options.drawBudget;
    const delay = this._state === 'running' ? nextDrawDelay(drawMs, { budget }) : 0;
    if (delay <= 0) {
      this._sendAck();
      return;
    }
    this._ackTimer = setTimeout(() => {
      this._ackTimer = null;
      this._sendAck();
    }, delay);
  }

  /** Send the held acknowledgement now, if there is one. */
  private _sendAck(): void {
    this._cancelAck();
    const id = this._ackId;
    if (id !== null) {
      this._ackId = null;
      this._session?.ack(id);
    }
  }

  private _cancelAck(): void {
    if (this._ackTimer !== null) {
      clearTimeout(this._ackTimer);
      this._ackTimer = null;
    }
  }

  /**
   * Build and draw the views from `snapshots`: only those whose inputs changed since they
   * were last drawn and that are on screen, one per animation frame. Returns the
   * milliseconds spent drawing (not waiting). Chart errors are shown, never thrown.
   */
  private async _draw(snapshots: Snapshot[]): Promise<number> {
    const data = this._data;
    if (!data || snapshots.length === 0) {
      return 0;
    }
    this._shown = snapshots;
    let spent = 0;
    try {
      const plotly = await this._loadPlotly();
      if (this.isDisposed) {
        return 0;
      }
      this._theme ??= readTheme(this.node);
      const live = this._state === 'running';
      const input: ChartInput = {
        snapshots,
        data,
        theme: this._theme,
        compact: this._options.compact,
        variants: this._variants,
        live
      };
      const build = this._options.buildFigure ?? buildFigure;
      let first = true;
      for (const [view, node] of this._chartNodes) {
        if (this.isDisposed) {
          return spent;
        }
        const key = `${chartInputKey(view, snapshots)}:${live}`;
        const drawnOnce = this._drawnKeys.has(view);
        if (this._drawnKeys.get(view) === key || (drawnOnce && this._offscreen.has(view))) {
          continue;
        }
        if (!first) {
          // One chart per frame: several short tasks instead of one long one.
          await nextAnimationFrame();
          if (this.isDisposed) {
            return spent;
          }
        }
        first = false;
        const start = now();
        const figure = build(view, input);
        await plotly.react(node, figure.data, figure.layout, PLOTLY_CONFIG);
        spent += now() - start;
        this._drawnKeys.set(view, key);
        this._drawn = true;
        this._pictureDirty = true;
      }
    } catch (reason) {
      this._showError(this._trans.__('Cannot draw the charts'), messageOf(reason));
    }
    return spent;
  }

  /** Bring the charts up to date with the snapshots last drawn (theme change, scrolled in). */
  private _redrawShown(): void {
    const shown = this._shown;
    if (!shown || this.isDisposed) {
      return;
    }
    requestFrame(() => {
      if (this.isDisposed || this._pending || this._drawing) {
        // A draw is coming or under way; it brings every chart up to date.
        return;
      }
      this._drawing = true;
      void this._draw(shown).then(() => {
        this._drawing = false;
        if (this._pending) {
          this._requestFrame();
        } else {
          this._schedulePicture();
        }
      });
    });
  }

  private _loadPlotly(): Promise<PlotlyLike> {
    if (!this._plotlyLoading) {
      const load = this._options.loadPlotly ?? loadPlotly;
      this._plotlyLoading = load().then(plotly => (this._plotly = plotly));
      // A failed load may succeed later (e.g. the network came back).
      this._plotlyLoading.catch(() => (this._plotlyLoading = null));
    }
    return this._plotlyLoading;
  }

  /** Epoch line, then one line per variant (tagged with data-variant). */
  private _updateReadout(snapshots: Snapshot[]): void {
    if (!this._readout) {
      return;
    }
    const line = (text: string, variant?: number) => {
      const node = document.createElement('span');
      node.className = 'jp-NNLab-readout-line';
      node.textContent = text;
      if (variant !== undefined) {
        node.dataset.variant = String(variant);
      }
      return node;
    };
    const lines = readoutLines(snapshots, this._trans).map((text, i) => line(text, i));
    this._readout.replaceChildren(line(epochText(snapshots[0], this._trans)), ...lines);
  }

  /** The variant whose activation the controls change: the first, when comparing. */
  private _activationVariant(): number | undefined {
    return this._variants.length > 1 ? 0 : undefined;
  }

  /** Follow JupyterLab's light/dark theme. */
  private _watchTheme(): void {
    this._options.themeChanged?.connect(this._onThemeChanged, this);
    if (typeof MutationObserver !== 'undefined' && typeof document !== 'undefined') {
      this._observer = new MutationObserver(() => this._onThemeChanged());
      this._observer.observe(document.body, {
        attributes: true,
        attributeFilter: ['data-jp-theme-name']
      });
    }
  }

  private _onThemeChanged(): void {
    // The theme is read once and kept (reading CSS variables forces a style recalculation);
    // a new theme invalidates it and every chart drawn in the old colours.
    this._theme = null;
    this._drawnKeys.clear();
    // Redraw after the theme's stylesheet has applied, so the CSS variables are the new ones.
    this._redrawShown();
  }

  /** Take a picture of the first chart once training rests, if it changed. */
  private _schedulePicture(): void {
    if (!this._options.onPicture || this.isDisposed) {
      return;
    }
    if (this._pictureTimer !== null) {
      clearTimeout(this._pictureTimer);
    }
    this._pictureTimer = setTimeout(() => {
      this._pictureTimer = null;
      void this._takePicture();
    }, PICTURE_DELAY_MS);
  }

  private async _takePicture(): Promise<void> {
    const plotly = this._plotly;
    const node = this._chartNodes.values().next().value as HTMLElement | undefined;
    if (
      !plotly ||
      !node ||
      !this._drawn ||
      !this._pictureDirty ||
      this._state === 'running' ||
      this.isDisposed
    ) {
      return;
    }
    this._pictureDirty = false;
    try {
      const url = await plotly.toImage(node, {
        format: 'png',
        width: node.clientWidth || 600,
        height: node.clientHeight || 400
      });
      const png = url.replace(/^data:image\/png;base64,/, '');
      if (png && png !== this._picture && !this.isDisposed) {
        this._picture = png;
        this._options.onPicture?.(png);
      }
    } catch (reason) {
      // A missing picture only matters outside JupyterLab: note it and carry on.
      console.warn('NN Lab: could not render a PNG of the chart', reason);
    }
  }

  private _showSpecErrors(errors: SpecError[]): void {
    this.addClass('jp-NNLab-mod-invalid');
    const heading = document.createElement('p');
    heading.className = 'jp-NNLab-alert-title';
    heading.textContent = this._trans.__('This experiment spec is not valid:');
    const list = document.createElement('ul');
    list.className = 'jp-NNLab-spec-errors';
    for (const error of errors) {
      const item = document.createElement('li');
      item.textContent = error.path ? `${error.path}: ${error.message}` : error.message;
      list.appendChild(item);
    }
    this._alert.replaceChildren(heading, list);
    this._alert.hidden = false;
  }

  /** Show a problem above the charts; the charts keep their last picture. */
  private _showError(title: string, detail?: string): void {
    const heading = document.createElement('p');
    heading.className = 'jp-NNLab-alert-title';
    heading.textContent = title;
    this._alert.replaceChildren(heading);
    if (detail) {
      const text = document.createElement('p');
      text.className = 'jp-NNLab-alert-detail';
      text.textContent = detail;
      this._alert.appendChild(text);
    }
    this._alert.hidden = false;
  }

  private _clearError(): void {
    if (this._spec) {
      this._alert.textContent = '';
      this._alert.hidden = true;
    }
  }

  private _options: ExperimentViewOptions;
  private _untrustedNote: HTMLElement | null = null;
  private _trans: TranslationBundle;
  private _spec: ExperimentSpec | null = null;
  private _variants: ResolvedVariant[] = [];
  private _session: SessionLike | null = null;
  private _controls: ExperimentControls | null = null;
  private _readout: HTMLElement | null = null;
  private _alert: HTMLElement;
  private _chartNodes = new Map<ViewName, HTMLElement>();
  private _state: RunState = 'paused';
  private _speed: Speed = 'max';
  private _epoch = 0;
  private _data: DataSummary | null = null;
  private _pending: { id: number; snapshots: Snapshot[] } | null = null;
  private _shown: Snapshot[] | null = null;
  private _frame: number | null = null;
  private _drawing = false;
  private _drawn = false;
  private _theme: ChartTheme | null = null;
  private _plotly: PlotlyLike | null = null;
  private _plotlyLoading: Promise<PlotlyLike> | null = null;
  private _observer: MutationObserver | null = null;
  private _pictureTimer: ReturnType<typeof setTimeout> | null = null;
  private _pictureDirty = false;
  private _picture = '';
  /** Per view, the fingerprint of the inputs it was last drawn from. */
  private _drawnKeys = new Map<ViewName, string>();
  /** Views whose chart is out of sight. */
  private _offscreen = new Set<ViewName>();
  private _visibility: IntersectionObserver | null = null;
  /** The acknowledgement held back while the page rests after a draw. */
  private _ackId: number | null = null;
  private _ackTimer: ReturnType<typeof setTimeout> | null = null;
}

/**
 * A speed at which the spec's epochs take about five seconds: slow enough to watch the
 * boundary form, fast enough not to bore. Long runs get the fastest fixed speed rather than
 * "as fast as possible", so that they can still be watched (and paused) as they go; the
 * speed select offers "fastest" for the impatient.
 */
export function defaultSpeed(epochs: number): Speed {
  const fixed = SPEEDS.filter((speed): speed is number => speed !== 'max');
  return fixed.find(speed => speed >= epochs / 5) ?? fixed[fixed.length - 1];
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

/** requestAnimationFrame where there is one (browsers, jsdom), else a 16 ms timer. */
function requestFrame(fn: () => void): number {
  if (typeof requestAnimationFrame === 'function') {
    return requestAnimationFrame(fn);
  }
  return setTimeout(fn, 16) as unknown as number;
}

/** Resolves at the next animation frame. */
function nextAnimationFrame(): Promise<void> {
  return new Promise(resolve => requestFrame(() => resolve()));
}

/** Milliseconds from a monotonic clock. */
function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

function cancelFrame(handle: number): void {
  if (typeof cancelAnimationFrame === 'function') {
    cancelAnimationFrame(handle);
  } else {
    clearTimeout(handle);
  }
}
