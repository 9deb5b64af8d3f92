/**
 * The experiment view: one training session with its controls and live charts.
 *
 * The wiring, spec -> session -> board -> controls: the spec (raw JSON is validated here,
 * so a notebook output and the side panel show the same field-by-field errors) starts an
 * engine session; the snapshots it streams go to the chart board (chartBoard.ts: when and
 * what to draw), which tells the session when it may send more; the controls send commands
 * back to the session. The picture written into the notebook is taken by picture.ts.
 */
import { ITranslator, nullTranslator, TranslationBundle } from '@jupyterlab/translation';
import type { Message } from '@lumino/messaging';
import type { ISignal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import { HIDDEN_ACTIVATIONS } from '../core/schemaFacts';
import { resolveVariants, validateSpec } from '../core/spec';
import type {
  ActivationName,
  ExperimentSpec,
  ResolvedVariant,
  Snapshot,
  SpecError,
  ViewName
} from '../core/types';
import type { EngineEvent, RunState, Speed } from '../engine/protocol';
import { mark } from '../core/marks';
import { createSession, Session, SessionOptions } from '../engine/session';
import { buildFigure } from '../charts';
import type { PlotlyLike } from '../charts/plotly';
import type { ChartInput, Figure } from '../charts/types';
import { ChartBoard, messageOf } from './chartBoard';
import { ExperimentControls, SPEEDS } from './experimentControls';
import { epochText, readoutLines } from './experimentReadout';
import { Composer, PictureCapture } from './picture';
import { neuronUnitsFor } from './neuronUnits';
import { specErrorLine } from './specErrorLine';
import { DEFAULT_SETTINGS } from '../settings';
import { TRANSLATION_DOMAIN } from '../tokens';

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
  /** Set one weight or bias by hand (the network view's edits). */
  setParam?: Session['setParam'];
  /** The views on screen now (snapshots while training carry only what they draw). */
  setViews?: Session['setViews'];
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
  /** Start at presentation scale (the view's Presentation button switches it). */
  presentation?: boolean;
  /** How much larger charts are drawn at presentation scale (default: the setting's). */
  presentationScale?: number;
  /**
   * Receives a PNG (base64, no `data:` prefix) of all the charts when training pauses or
   * finishes, so that a saved notebook shows a picture where NN Lab is not installed.
   */
  onPicture?: (png: string) => void;
  /**
   * The output already holds a picture (a saved notebook was opened): it is kept until the
   * user trains the network here, so that opening a notebook does not modify it.
   */
  hasPicture?: boolean;
  /** Composes the charts' images into the picture (default: on a canvas). */
  composePicture?: Composer;
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
  /**
   * Told when the user changes the activation or the learning rate in the view's own controls
   * (the side panel keeps its form, and so what it inserts, in step).
   */
  onControlsChanged?: (change: ControlsChange) => void;
}

/** A change made in the experiment's control bar. */
export type ControlsChange =
  { activation: ActivationName; layer: number | 'all' } | { learningRate: number };

/** Views that show no training: an experiment with only these has no training controls. */
const FUNCTION_VIEWS: ReadonlySet<ViewName> = new Set<ViewName>(['functions']);

/** The DOM event that asks a view for its picture now (see `takePicture`). */
export const PICTURE_EVENT = 'nnlab-take-picture';

export class ExperimentView extends Widget {
  constructor(options: ExperimentViewOptions) {
    super();
    this._options = options;
    this._presentation = options.presentation ?? false;
    this._presentationScale = options.presentationScale ?? DEFAULT_SETTINGS.presentationScale;
    this._trans = (options.translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
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
    mark('spec-validated');
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
      speed: this._speed,
      neuronUnits: neuronUnitsFor(spec.views, this._variants)
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
      // Not `this.play()`: starting by itself is not the user training the network.
      this._session.play();
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

  /**
   * Whether the network trains: it does, or play was pressed and the worker has not answered
   * yet (false when pause was pressed since).
   */
  get running(): boolean {
    return this._requested !== null ? this._requested === 'play' : this._state === 'running';
  }

  /** The controls (for the side panel and tests); null when the spec was invalid. */
  get controls(): ExperimentControls | null {
    return this._controls;
  }

  play(): void {
    this._untrustedNote?.remove();
    this._untrustedNote = null;
    this._userActed = true;
    this._clearError();
    this._requested = 'play';
    this._session?.play();
  }

  pause(): void {
    this._userActed = true;
    this._requested = 'pause';
    this._session?.pause();
  }

  /** Train `epochs` epochs (default: the step size of the options), then pause. */
  step(epochs = this._options.stepEpochs ?? 1): void {
    this._userActed = true;
    this._session?.step(epochs);
  }

  reset(): void {
    this._userActed = true;
    this._clearError();
    this._session?.reset();
  }

  /**
   * Picture the charts now and hand the PNG to `onPicture`, as training at rest would, also
   * when nothing trained (an experiment meant to be seen untrained). The view also does this
   * when its node receives a `nnlab-take-picture` event, which tools preparing notebooks
   * (scripts/lesson-pictures.js) send.
   */
  takePicture(): Promise<void> {
    this._userActed = true;
    this._pictureAsked = true;
    return this._picture?.take() ?? Promise.resolve();
  }

  /** Change a hidden layer's activation (0-based layer) or every hidden layer's. */
  setActivation(layer: number | 'all', name: ActivationName): void {
    this._userActed = true;
    this._controls?.showActivation(layer, name);
    this._session?.setActivation(layer, name, this._activationVariant());
  }

  setLearningRate(learningRate: number): void {
    this._userActed = true;
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

  /** True when the charts are at presentation scale. */
  get presentation(): boolean {
    return this._presentation;
  }

  /**
   * Switch presentation scale on or off for this view (and set its scale when given): the
   * charts are drawn `scale` times larger, laid out to fit as before.
   */
  setPresentation(on: boolean, scale?: number): void {
    this._presentation = on;
    if (scale !== undefined) {
      this._presentationScale = scale;
    }
    this.toggleClass('jp-NNLab-mod-presentation', on);
    // The header, controls and readout read the scale from CSS (experiment.css).
    if (on) {
      this.node.style.setProperty('--jp-nnlab-ui-scale', String(this._presentationScale));
    } else {
      this.node.style.removeProperty('--jp-nnlab-ui-scale');
    }
    this._controls?.setPresentation(on);
    this._board?.setScale(on ? this._presentationScale : 1);
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._session?.events.disconnect(this._onEvent, this);
    this._board?.dispose();
    this._session?.dispose();
    this._session = null;
    this._observer?.disconnect();
    this._options.themeChanged?.disconnect(this._onThemeChanged, this);
    this._picture?.dispose();
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._board?.requestFrame();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._board?.requestFrame();
  }

  protected onResize(msg: Widget.ResizeMessage): void {
    super.onResize(msg);
    this._board?.resize();
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
        setActivation: (layer, name) => {
          this._userActed = true;
          this._session?.setActivation(layer, name, this._activationVariant());
          this._options.onControlsChanged?.({ activation: name, layer });
        },
        setLearningRate: lr => {
          this._userActed = true;
          this._session?.setLearningRate(lr);
          this._options.onControlsChanged?.({ learningRate: lr });
        },
        togglePresentation: () => this.setPresentation(!this._presentation)
      }
    });

    this._readout = document.createElement('div');
    this._readout.className = 'jp-NNLab-readout';
    this._readout.setAttribute('aria-live', 'polite');
    this._readout.setAttribute('aria-atomic', 'true');
    this._readout.textContent = epochText(undefined, trans);

    const board = new ChartBoard({
      views: spec.views,
      variants: this._variants,
      compact: this._options.compact,
      trans,
      loadPlotly: this._options.loadPlotly,
      buildFigure: this._options.buildFigure,
      drawBudget: this._options.drawBudget,
      setParam: (...args) => this._session?.setParam?.(...args),
      canDraw: () => this.isAttached && this.isVisible,
      ack: id => this._session?.ack(id),
      onVisibleViews: views => this._session?.setViews?.(views),
      onSettled: () => {
        if (this._state !== 'running') {
          this._schedulePicture();
        }
      },
      onError: (title, detail) => this._showError(title, detail)
    });
    this._board = board;
    this.setPresentation(this._presentation);
    if (this._options.onPicture) {
      const onPicture = this._options.onPicture;
      this._picture = new PictureCapture({
        onPicture,
        title: spec.title,
        loadPlotly: () => board.loadPlotly(),
        charts: () => board.chartNodes,
        latest: () => {
          const snapshots = board.latest;
          return snapshots && board.data ? { snapshots, data: board.data } : null;
        },
        input: () => ({ variants: this._variants, compact: this._options.compact }),
        buildFigure: this._options.buildFigure ?? buildFigure,
        compose: this._options.composePicture,
        ready: () =>
          this._state !== 'running' &&
          !this._partial &&
          !this.isDisposed &&
          (this._trainedHere || this._pictureAsked) &&
          (this._userActed || !this._options.hasPicture)
      });
    }
    this.node.append(header, this._controls.node, this._readout, this._alert, board.node);
    if (spec.views.every(view => FUNCTION_VIEWS.has(view))) {
      // Only functions are shown: nothing the network learns is visible, so play, the
      // epoch and the loss would only confuse.
      this._controls.hideTraining();
      this._readout.hidden = true;
      this.addClass('jp-NNLab-mod-functionsOnly');
    }
    this.node.addEventListener(PICTURE_EVENT, () => void this.takePicture());
  }

  private _onEvent(_: unknown, event: EngineEvent): void {
    switch (event.type) {
      case 'snapshots':
        if (event.data) {
          this._board?.setData(event.data);
        }
        this._epoch = event.snapshots[0]?.epoch ?? 0;
        if (this._epoch > 0 && !this._trainedSnapshots) {
          this._trainedSnapshots = true;
          mark('first-trained-snapshots');
        }
        this.node.dataset.epoch = String(this._epoch);
        // Where training runs, for browser tests and bug reports ('worker' or 'page').
        if (this._session?.mode) {
          this.node.dataset.engine = this._session.mode;
        }
        // Resting, the visible views' snapshots come first and those of every view follow:
        // the picture waits for the latter.
        this._partial = event.partial === true;
        this.node.dataset.snapshot = this._partial ? 'partial' : 'complete';
        this._setState(event.state);
        // The readout changes with the node's data-state and data-epoch, so that whoever
        // reads "done" reads the final numbers too (the charts follow in the next frame).
        this._updateReadout(event.snapshots);
        this._board?.show(event.id, event.snapshots);
        break;
      case 'state':
        this._requested = null;
        if (event.state === 'running') {
          this._trainedHere = true;
          this._setState('running');
        } else {
          // The snapshots of the resting network follow; the node's data-state changes with
          // them, so that whoever sees "paused" also sees the final epoch. The button
          // changes now, so the click feels immediate.
          this._state = event.state;
          if (this._board) {
            this._board.running = false;
          }
          this._controls?.setState(event.state);
          // The resting network should appear at once, not after the pacing rest.
          this._board?.sendAck();
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
        this._requested = null;
        this._setState('error');
        break;
      }
      case 'done':
        // The final snapshots (state 'done') follow.
        this._requested = null;
        break;
    }
  }

  /** Record the run state on the node (data-state) and in the controls. */
  private _setState(state: RunState): void {
    const changed = state !== this.node.dataset.state;
    this._state = state;
    if (state === 'running') {
      this._trainedHere = true;
    }
    if (this._board) {
      this._board.running = state === 'running';
    }
    this.node.dataset.state = state;
    this._controls?.setState(state);
    // Screen readers hold back live announcements while busy: announce the readout only
    // when training stops, not ten times a second while it runs.
    this._readout?.setAttribute('aria-busy', state === 'running' ? 'true' : 'false');
    if (changed && state !== 'running') {
      this._schedulePicture();
    }
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
    this._board?.themeChanged();
  }

  /** Take a picture of the charts once training rests, if they changed. */
  private _schedulePicture(): void {
    if (!this.isDisposed) {
      this._picture?.schedule();
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
      item.textContent = specErrorLine(error);
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
  /** Play or pause pressed and not answered yet by a state event. */
  private _requested: 'play' | 'pause' | null = null;
  private _controls: ExperimentControls | null = null;
  private _readout: HTMLElement | null = null;
  private _alert: HTMLElement;
  private _board: ChartBoard | null = null;
  private _presentation = false;
  private _presentationScale = DEFAULT_SETTINGS.presentationScale;
  private _picture: PictureCapture | null = null;
  private _state: RunState = 'paused';
  /** The newest snapshots carry only the views on screen (more follow, see protocol.ts). */
  private _partial = false;
  private _speed: Speed = 'max';
  private _epoch = 0;
  private _observer: MutationObserver | null = null;
  /** Training ran in this view (by itself or at the user's request). */
  private _trainedHere = false;
  /** The user trained or changed the network here (not merely opened it). */
  private _userActed = false;
  /** A picture was asked for explicitly. */
  private _pictureAsked = false;
  /** Snapshots of a trained network (epoch > 0) have arrived. */
  private _trainedSnapshots = false;
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
