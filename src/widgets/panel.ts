/**
 * The NN Lab side panel: a playground in the spirit of TensorFlow Playground, and the demo
 * gallery.
 *
 * The playground's controls edit a `PanelModel`; every change rebuilds the embedded experiment
 * view (compact) from the model's spec, so what the panel shows is always exactly what
 * "Insert into notebook" and "Open in main area" produce. Training itself (play, pause, step,
 * reset) is driven by the experiment view's own controls; its activation and learning rate
 * are written back to the model, so there is one set of values, and Insert writes them.
 *
 * The buttons run JupyterLab commands (see CommandIDs), so a button, the palette and the
 * context menu all do the same thing and the panel holds no notebook logic.
 */
import { ITranslator, nullTranslator, TranslationBundle } from '@jupyterlab/translation';
import type { CommandRegistry } from '@lumino/commands';
import type { Message } from '@lumino/messaging';
import { ISignal, Signal } from '@lumino/signaling';
import { Panel, Widget } from '@lumino/widgets';
import { schemaRange } from '../core/schemaFacts';
import type { ActivationName, ViewName } from '../core/types';
import { CommandIDs, TRANSLATION_DOMAIN } from '../tokens';
import { FEATURE_NAMES, FeatureName } from '../core/names';
import type { ControlsChange, ExperimentViewOptions } from './experiment';
import {
  ACTIVATION_PARAMETERS,
  featuresFor,
  lossesFor,
  outputsFor,
  PANEL_ACTIVATIONS,
  PANEL_DATASETS,
  PANEL_INITS,
  PANEL_OPTIMIZERS,
  PANEL_REGULARIZATIONS,
  PANEL_RNGS,
  PANEL_VIEWS,
  PanelControls,
  PanelModel,
  SpecInput,
  usedActivationParameters
} from './panelModel';

/** What the gallery needs to know of a demo. */
export interface DemoEntry {
  id: string;
  title: string;
  summary: string;
}

/** The part of an experiment view the panel uses (a fake in tests). */
export type PanelView = Widget & {
  readonly state: string;
  /** Training, or about to (play pressed, not answered yet); `state` is read without it. */
  readonly running?: boolean;
  play(): void;
};

/** The panel's collapsible sections. */
export type SectionName = 'playground' | 'demos';

/** What the panel saves across reloads. */
export interface PanelState {
  controls: PanelControls;
  open: SectionName[];
}

export interface NNLabPanelOptions {
  model: PanelModel;
  /** Runs the panel's buttons (insert, open in main area, insert demo, new lesson). */
  commands: CommandRegistry;
  demos: readonly DemoEntry[];
  translator?: ITranslator;
  /** Options for every experiment view the panel creates (rate, grid, theme signal). */
  viewOptions?: () => Partial<ExperimentViewOptions>;
  /** Builds the experiment view (default: a compact ExperimentView). */
  createView?: (options: ExperimentViewOptions) => PanelView;
  /** Wait after the last change before rebuilding the view, so dragging a slider is cheap. */
  rebuildDelay?: number;
  /**
   * The full-width playground of the main area: the form in a column on the left, the
   * network in the centre, output and loss on the right; no demo gallery.
   */
  wide?: boolean;
}

/** Views of the full-width playground, in the order its layout places them. */
const WIDE_VIEWS: readonly ViewName[] = ['network', 'boundary', 'loss'];

/** Learning rates offered, as in TensorFlow Playground: a log scale. */
const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const REGULARIZATION_RATES = [0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];

export class NNLabPanel extends Panel {
  constructor(options: NNLabPanelOptions) {
    super();
    this._options = options;
    this.model = options.model;
    this._trans = (options.translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    this.addClass('jp-NNLab-panel');
    if (options.wide) {
      this.addClass('jp-NNLab-mod-wide');
    }

    const trans = this._trans;
    this._header = new Widget();
    this._header.addClass('jp-NNLab-panel-header');
    const title = document.createElement('h2');
    title.textContent = options.wide ? trans.__('NN Lab playground') : trans.__('NN Lab');
    this._header.node.appendChild(title);

    this._playgroundToggle = this._sectionToggle('playground', trans.__('Playground'));
    this._actions = new Widget();
    this._actions.addClass('jp-NNLab-panel-row');
    this._actions.addClass('jp-NNLab-panel-actions');
    this._buildActions(this._actions.node);
    this._form = new Widget();
    this._form.addClass('jp-NNLab-panel-form');
    this._formMore = new Widget();
    this._formMore.addClass('jp-NNLab-panel-form');
    this._formMore.addClass('jp-NNLab-panel-form-more');
    this._buildForm(this._form.node, this._formMore.node);
    this._viewHost = new Panel();
    this._viewHost.addClass('jp-NNLab-panel-view');
    this._demosToggle = this._sectionToggle('demos', trans.__('Demos'));
    this._gallery = new Widget();
    this._gallery.addClass('jp-NNLab-panel-gallery');
    this._buildGallery(this._gallery.node);

    // The controls that matter most (data, features, network) come first, then the live
    // experiment with its own play and learning-rate controls, then the rest of the form.
    // The full-width playground puts the form in a column and the experiment beside it.
    const order = options.wide
      ? [this._header, this._actions, this._form, this._formMore, this._viewHost]
      : [
          this._header,
          this._playgroundToggle,
          this._form,
          this._viewHost,
          this._actions,
          this._formMore,
          this._demosToggle,
          this._gallery
        ];
    for (const widget of order) {
      this.addWidget(widget);
    }
    this.model.changed.connect(this._onModelChanged, this);
    this._sync();
    // The view (and its worker) is built when the panel is first shown with the playground
    // open, not at start-up: a hidden sidebar panel costs nothing.
    this._applyOpen();
  }

  readonly model: PanelModel;

  /** The embedded experiment view (null when the playground is closed or being rebuilt). */
  get view(): PanelView | null {
    return this._view;
  }

  /** The spec of the experiment the playground shows, as inserted into notebooks. */
  get spec(): SpecInput {
    return this.model.toSpec();
  }

  /** Emitted when anything worth saving changed (controls or open sections). */
  get stateChanged(): ISignal<this, void> {
    return this._stateChanged;
  }

  get state(): PanelState {
    return { controls: this.model.toJSON(), open: [...this._open] };
  }

  /** Restore saved state; anything unusable is ignored. */
  set state(saved: Partial<PanelState>) {
    if (saved.controls) {
      this.model.fromJSON(saved.controls);
    }
    if (Array.isArray(saved.open)) {
      this._open = new Set(saved.open.filter(s => s === 'playground' || s === 'demos'));
      this._applyOpen();
      this._stateChanged.emit();
    }
  }

  isSectionOpen(section: SectionName): boolean {
    return this._open.has(section);
  }

  setSectionOpen(section: SectionName, open: boolean): void {
    if (open === this._open.has(section)) {
      return;
    }
    if (open) {
      this._open.add(section);
    } else {
      this._open.delete(section);
    }
    this._applyOpen();
    this._stateChanged.emit();
  }

  /** Rebuild the view now (e.g. after a settings change that affects every view). */
  refresh(): void {
    this._rebuildView();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._onShown();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._onShown();
  }

  /** The first time the panel is on screen, build the view it has waited with. */
  private _onShown(): void {
    if (!this.isVisible || this._shown) {
      return;
    }
    this._shown = true;
    this._applyOpen();
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._generation++;
    if (this._timer !== null) {
      clearTimeout(this._timer);
    }
    Signal.clearData(this);
    super.dispose();
  }

  private _onModelChanged(): void {
    this._sync();
    this._stateChanged.emit();
    if (this._fromView) {
      // The view made this change itself (its activation or learning rate): keep it running.
      return;
    }
    if (this._timer !== null) {
      clearTimeout(this._timer);
    }
    const delay = this._options.rebuildDelay ?? 300;
    this._timer = setTimeout(() => {
      this._timer = null;
      this._rebuildView();
    }, delay);
  }

  /**
   * Replace the experiment view by one for the current spec. The playground waits for "play"
   * rather than training at every click, but if it was training it carries on.
   */
  private _rebuildView(): void {
    if (this.isDisposed) {
      return;
    }
    // Play pressed just before a change counts, though the worker has not answered yet.
    const wasRunning = this._view?.running ?? this._view?.state === 'running';
    this._view?.dispose();
    this._view = null;
    // A view still loading for an older spec is dropped.
    const generation = ++this._generation;
    if (!this._open.has('playground') || !this._shown) {
      return;
    }
    const spec = this.model.toSpec();
    if (this._options.wide) {
      spec.views = [...WIDE_VIEWS];
    }
    const options: ExperimentViewOptions = {
      ...this._options.viewOptions?.(),
      spec: { ...spec, autoplay: false },
      compact: !this._options.wide,
      translator: this._options.translator,
      onControlsChanged: change => this._fromViewControls(change)
    };
    const show = (create: (o: ExperimentViewOptions) => PanelView): void => {
      if (this.isDisposed || generation !== this._generation) {
        return;
      }
      const view = create(options);
      this._view = view;
      this._viewHost.addWidget(view);
      if (wasRunning) {
        view.play();
      }
    };
    if (this._options.createView) {
      show(this._options.createView);
      return;
    }
    // The experiment view's code (charts, engine, validation) is fetched on first use.
    Private.loadView().then(
      ({ ExperimentView }) => show(o => new ExperimentView(o)),
      reason => {
        if (generation === this._generation) {
          this._viewHost.node.textContent = this._trans.__(
            'The playground could not load: %1',
            String(reason)
          );
        }
      }
    );
  }

  /** The view's own activation or learning-rate control changed: the form follows. */
  private _fromViewControls(change: ControlsChange): void {
    const c = this.model.controls;
    this._fromView = true;
    try {
      if ('learningRate' in change) {
        this.model.update({ learningRate: change.learningRate });
      } else if (change.layer === 'all') {
        this.model.update({ activations: c.hidden.map(() => change.activation) });
      } else {
        const activations = [...c.activations];
        activations[change.layer] = change.activation;
        this.model.update({ activations });
      }
    } finally {
      this._fromView = false;
    }
  }

  private _sectionToggle(section: SectionName, label: string): Widget {
    const widget = new Widget({ node: document.createElement('button') });
    const button = widget.node as HTMLButtonElement;
    button.type = 'button';
    button.className = 'jp-NNLab-panel-section';
    button.dataset.section = section;
    button.textContent = label;
    button.addEventListener('click', () => this.setSectionOpen(section, !this._open.has(section)));
    return widget;
  }

  private _applyOpen(): void {
    const playground = this._open.has('playground');
    const demos = this._open.has('demos');
    this._playgroundToggle.node.setAttribute('aria-expanded', String(playground));
    this._demosToggle.node.setAttribute('aria-expanded', String(demos));
    this._form.setHidden(!playground);
    this._formMore.setHidden(!playground);
    this._actions.setHidden(!playground);
    this._viewHost.setHidden(!playground);
    this._gallery.setHidden(!demos);
    if (playground && !this._view) {
      this._rebuildView();
    } else if (!playground) {
      this._generation++;
      this._view?.dispose();
      this._view = null;
    }
  }

  /** The playground's form: data, network, training, views, actions. */
  private _buildForm(root: HTMLElement, moreRoot: HTMLElement): void {
    const trans = this._trans;
    const update = (patch: Partial<PanelControls>) => this.model.update(patch);
    let f = new FormBuilder(root);

    f.heading(trans.__('Data'));
    this._fields.dataset = f.select(trans.__('Data set'), 'dataset', PANEL_DATASETS, v =>
      update({ dataset: v as PanelControls['dataset'] })
    );
    this._fields.classes = f.number(trans.__('Classes'), 'classes', 2, 5, 1, v =>
      update({ classes: v })
    );
    // Bounds from the schema (one source); the panel only narrows the training share.
    const noise = schemaRange('data.noise');
    const points = schemaRange('data.n');
    const batch = schemaRange('training.batchSize');
    const epochs = schemaRange('training.epochs');
    this._fields.noise = f.range(trans.__('Noise'), 'noise', noise.min, noise.max, 0.05, v =>
      update({ noise: v })
    );
    this._fields.trainFraction = f.range(
      trans.__('Training share'),
      'train-fraction',
      0.1,
      1,
      0.1,
      v => update({ trainFraction: v })
    );
    this._fields.points = f.number(trans.__('Points'), 'points', points.min, points.max, 10, v =>
      update({ points: v })
    );
    f.button(
      trans.__('Regenerate'),
      'regenerate',
      () => this.model.regenerate(),
      trans.__('New seed: new data and new initial weights')
    );

    f.heading(trans.__('Features'));
    this._featureBoxes = checkboxes(
      f.row('features'),
      'feature',
      FEATURE_NAMES,
      () => this.model.controls.features,
      features => update({ features })
    );

    f.heading(trans.__('Network'));
    const layersRow = f.row('layers-count');
    this._layersLabel = document.createElement('span');
    layersRow.appendChild(this._layersLabel);
    FormBuilder.iconButton(layersRow, '+', trans.__('Add a hidden layer'), 'add-layer', () =>
      this.model.addLayer()
    );
    FormBuilder.iconButton(
      layersRow,
      '−',
      trans.__('Remove the last hidden layer'),
      'remove-layer',
      () => this.model.removeLayer()
    );
    this._layersBox = f.row('layers');
    this._fields.allActivations = f.select(
      trans.__('All activations'),
      'all-activations',
      PANEL_ACTIVATIONS,
      v =>
        PANEL_ACTIVATIONS.includes(v as ActivationName) &&
        this.model.setAllActivations(v as ActivationName)
    );
    // Shown only while some layer uses them (see _sync); bounds from the schema.
    const slope = schemaRange('network.leakySlope');
    const alpha = schemaRange('network.eluAlpha');
    this._fields.leakySlope = f.number(
      trans.__('Leaky ReLU slope'),
      'leaky-slope',
      slope.min,
      slope.max,
      0.01,
      v => update({ leakySlope: v })
    );
    this._fields.eluAlpha = f.number(
      trans.__('ELU alpha'),
      'elu-alpha',
      alpha.min,
      alpha.max,
      0.1,
      v => update({ eluAlpha: v })
    );
    this._fields.output = f.select(trans.__('Output'), 'output', [], v =>
      update({ output: v as PanelControls['output'] })
    );
    this._fields.loss = f.select(trans.__('Loss'), 'loss', [], v =>
      update({ loss: v as PanelControls['loss'] })
    );
    this._fields.init = f.select(trans.__('Initialisation'), 'init', PANEL_INITS, v =>
      update({ init: v as PanelControls['init'] })
    );
    this._fields.compareLinear = f.checkbox(
      trans.__('Compare with identity activations'),
      'compare-linear',
      v => update({ compareLinear: v })
    );

    f = new FormBuilder(moreRoot);
    f.heading(trans.__('Training'));
    this._fields.optimizer = f.select(trans.__('Optimiser'), 'optimizer', PANEL_OPTIMIZERS, v =>
      update({ optimizer: v as PanelControls['optimizer'] })
    );
    this._fields.learningRate = f.select(
      trans.__('Learning rate'),
      'learning-rate',
      LEARNING_RATES.map(String),
      v => update({ learningRate: Number(v) })
    );
    this._fields.batchSize = f.number(
      trans.__('Batch size (0 = all)'),
      'batch-size',
      batch.min,
      batch.max,
      1,
      v => update({ batchSize: v })
    );
    this._fields.epochs = f.number(trans.__('Epochs'), 'epochs', epochs.min, epochs.max, 100, v =>
      update({ epochs: v })
    );
    this._fields.regularization = f.select(
      trans.__('Regularisation'),
      'regularization',
      PANEL_REGULARIZATIONS,
      v => update({ regularization: v as PanelControls['regularization'] })
    );
    this._fields.regularizationRate = f.select(
      trans.__('Regularisation rate'),
      'regularization-rate',
      REGULARIZATION_RATES.map(String),
      v => update({ regularizationRate: Number(v) })
    );
    this._fields.seed = f.number(trans.__('Seed'), 'seed', 0, 2 ** 31 - 1, 1, v =>
      update({ seed: v })
    );
    this._fields.rng = f.select(trans.__('Random numbers'), 'rng', PANEL_RNGS, v =>
      update({ rng: v as PanelControls['rng'] })
    );

    if (this._options.wide) {
      // The full-width layout shows its own views: network, output map, loss.
      return;
    }
    f.heading(trans.__('Charts'));
    this._viewBoxes = checkboxes(
      f.row('views'),
      'view',
      PANEL_VIEWS,
      () => this.model.controls.views,
      views => update({ views: views as ViewName[] })
    );
  }

  /** What can be done with the playground's experiment. */
  private _buildActions(root: HTMLElement): void {
    const trans = this._trans;
    if (!this._options.wide) {
      FormBuilder.textButton(root, trans.__('Open in main area'), 'open-main', () =>
        this._options.commands.execute(CommandIDs.openInMainArea)
      );
    }
    FormBuilder.textButton(root, trans.__('Insert into notebook'), 'insert', () =>
      this._options.commands.execute(CommandIDs.insertExperiment)
    );
  }

  private _buildGallery(root: HTMLElement): void {
    const trans = this._trans;
    const list = document.createElement('ul');
    list.className = 'jp-NNLab-panel-demos';
    for (const demo of this._options.demos) {
      const item = document.createElement('li');
      item.dataset.demo = demo.id;
      const text = document.createElement('div');
      const title = document.createElement('strong');
      title.textContent = demo.title;
      const summary = document.createElement('p');
      summary.textContent = demo.summary;
      text.append(title, summary);
      item.appendChild(text);
      FormBuilder.textButton(item, trans.__('Insert'), 'insert-demo', () =>
        this._options.commands.execute(CommandIDs.insertDemo, { id: demo.id })
      ).setAttribute('aria-label', trans.__('Insert "%1"', demo.title));
      list.appendChild(item);
    }
    const actions = document.createElement('div');
    actions.className = 'jp-NNLab-panel-row jp-NNLab-panel-actions';
    FormBuilder.textButton(actions, trans.__('Insert all'), 'insert-all', () =>
      this._options.commands.execute(CommandIDs.insertAllDemos)
    );
    FormBuilder.textButton(actions, trans.__('New lesson notebook'), 'new-lesson', () =>
      this._options.commands.execute(CommandIDs.newLesson)
    );
    root.append(list, actions);
  }

  /** Show the model's values in the form (and rebuild the per-layer rows). */
  private _sync(): void {
    const c = this.model.controls;
    const trans = this._trans;
    const fields = this._fields;
    setValue(fields.dataset, c.dataset);
    setValue(fields.classes, String(c.classes));
    (fields.classes.closest('.jp-NNLab-panel-field') as HTMLElement | null)?.toggleAttribute(
      'hidden',
      c.dataset !== 'spiral' && c.dataset !== 'gaussians'
    );
    setValue(fields.noise, String(c.noise));
    setValue(fields.trainFraction, String(c.trainFraction));
    setValue(fields.points, String(c.points));
    setOptions(fields.output as HTMLSelectElement, outputsFor(this.model.task));
    setValue(fields.output, c.output);
    setOptions(fields.loss as HTMLSelectElement, lossesFor(this.model.task, c.output));
    setValue(fields.loss, c.loss);
    setValue(fields.init, c.init);
    (fields.compareLinear as HTMLInputElement).checked = c.compareLinear;
    setValue(fields.optimizer, c.optimizer);
    ensureOption(fields.learningRate as HTMLSelectElement, String(c.learningRate));
    setValue(fields.learningRate, String(c.learningRate));
    setValue(fields.batchSize, String(c.batchSize));
    setValue(fields.epochs, String(c.epochs));
    (fields.epochs as HTMLInputElement).max = String(this.model.caps.maxEpochs);
    setValue(fields.regularization, c.regularization);
    ensureOption(fields.regularizationRate as HTMLSelectElement, String(c.regularizationRate));
    setValue(fields.regularizationRate, String(c.regularizationRate));
    fields.regularizationRate.toggleAttribute('disabled', c.regularization === 'none');
    setValue(fields.seed, String(c.seed));
    setValue(fields.rng, c.rng);
    // "All activations" shows the shared one, or says "mixed"; with one layer it is not needed.
    const all = fields.allActivations as HTMLSelectElement;
    const shared = c.activations.every(a => a === c.activations[0]);
    let mixed = all.querySelector('option[value="mixed"]') as HTMLOptionElement | null;
    if (!shared && !mixed) {
      mixed = document.createElement('option');
      mixed.value = 'mixed';
      mixed.textContent = trans.__('mixed');
      mixed.disabled = true;
      all.prepend(mixed);
    } else if (shared && mixed) {
      mixed.remove();
    }
    setValue(all, shared ? (c.activations[0] ?? '') : 'mixed');
    (all.closest('.jp-NNLab-panel-field') as HTMLElement | null)?.toggleAttribute(
      'hidden',
      c.hidden.length < 2
    );
    const used = usedActivationParameters(c);
    for (const { control: parameter } of ACTIVATION_PARAMETERS) {
      setValue(this._fields[parameter], String(c[parameter]));
      (
        this._fields[parameter].closest('.jp-NNLab-panel-field') as HTMLElement | null
      )?.toggleAttribute('hidden', !used.includes(parameter));
    }
    const usable = featuresFor(c.dataset);
    for (const box of this._featureBoxes) {
      const feature = box.dataset.feature as FeatureName;
      box.checked = c.features.includes(feature);
      box.disabled = !usable.includes(feature);
      (box.parentElement as HTMLElement).hidden = box.disabled;
    }
    for (const box of this._viewBoxes) {
      box.checked = c.views.includes(box.dataset.view as ViewName);
    }

    this._layersLabel.textContent = trans._n(
      '%1 hidden layer',
      '%1 hidden layers',
      c.hidden.length
    );
    const layers = this.model.layers;
    this._layersLabel.title = layers.join(' → ');
    this._layersBox.replaceChildren(
      ...c.hidden.map((units, i) => this._layerRow(i, units, c.activations[i]))
    );
  }

  /** One hidden layer: - units +, its activation, remove. */
  private _layerRow(index: number, units: number, activation: ActivationName): HTMLElement {
    const trans = this._trans;
    const row = document.createElement('div');
    row.className = 'jp-NNLab-panel-layer';
    row.dataset.layer = String(index);
    const name = document.createElement('span');
    name.textContent = trans.__('Layer %1', index + 1);
    row.appendChild(name);
    FormBuilder.iconButton(
      row,
      '−',
      trans.__('Fewer units in layer %1', index + 1),
      'fewer-units',
      () => this.model.changeUnits(index, -1)
    );
    const count = document.createElement('span');
    count.className = 'jp-NNLab-panel-units';
    count.textContent = String(units);
    count.setAttribute('aria-label', trans.__('%1 units', units));
    row.appendChild(count);
    FormBuilder.iconButton(
      row,
      '+',
      trans.__('More units in layer %1', index + 1),
      'more-units',
      () => this.model.changeUnits(index, 1)
    );
    const select = document.createElement('select');
    select.className = 'jp-NNLab-panel-layer-activation';
    select.setAttribute('aria-label', trans.__('Activation of layer %1', index + 1));
    setOptions(select, PANEL_ACTIVATIONS);
    select.value = activation;
    select.addEventListener('change', () =>
      this.model.setActivation(index, select.value as ActivationName)
    );
    row.appendChild(select);
    FormBuilder.iconButton(
      row,
      '×',
      trans.__('Remove layer %1', index + 1),
      'remove-this-layer',
      () => this.model.removeLayer(index)
    );
    return row;
  }

  private _options: NNLabPanelOptions;
  private _trans: TranslationBundle;
  private _header: Widget;
  private _playgroundToggle: Widget;
  private _actions: Widget;
  private _form: Widget;
  private _formMore: Widget;
  private _featureBoxes: HTMLInputElement[] = [];
  private _fromView = false;
  private _viewHost: Panel;
  private _demosToggle: Widget;
  private _gallery: Widget;
  private _layersLabel!: HTMLElement;
  private _layersBox!: HTMLElement;
  private _fields: Record<string, HTMLInputElement | HTMLSelectElement> = {};
  private _viewBoxes: HTMLInputElement[] = [];
  private _view: PanelView | null = null;
  /** Whether the panel has been on screen (the view waits for that). */
  private _shown = false;
  /** Counts view builds, so that a view that loads after a newer change is dropped. */
  private _generation = 0;
  private _open = new Set<SectionName>(['playground', 'demos']);
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _stateChanged = new Signal<this, void>(this);
}

/** Set a control's value unless the user is typing in it. */
function setValue(control: HTMLInputElement | HTMLSelectElement, value: string): void {
  const typing = control.type === 'number' && control === document.activeElement;
  if (control.value !== value && !typing) {
    control.value = value;
  }
  if (control.type === 'range' && control.nextElementSibling) {
    // The number shown next to a slider.
    control.nextElementSibling.textContent = control.value;
  }
}

/** Replace a select's options (only when they differ, to keep its state). */
function setOptions(select: HTMLSelectElement, values: readonly string[]): void {
  const current = Array.from(select.options).map(o => o.value);
  if (current.join('|') === values.join('|')) {
    return;
  }
  select.replaceChildren(
    ...values.map(value => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = value;
      return option;
    })
  );
}

/** Add a value to a select of presets when the model holds another one (e.g. from code). */
function ensureOption(select: HTMLSelectElement, value: string): void {
  if (!Array.from(select.options).some(o => o.value === value)) {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = value;
    select.appendChild(option);
  }
}

/** Small helper that lays out labelled form fields. */
class FormBuilder {
  constructor(private root: HTMLElement) {}

  heading(text: string): void {
    const h = document.createElement('h3');
    h.className = 'jp-NNLab-panel-heading';
    h.textContent = text;
    this.root.appendChild(h);
  }

  row(name: string): HTMLElement {
    const row = document.createElement('div');
    row.className = `jp-NNLab-panel-row jp-NNLab-panel-${name}`;
    this.root.appendChild(row);
    return row;
  }

  private _field(label: string, name: string, control: HTMLElement): void {
    const field = document.createElement('label');
    field.className = 'jp-NNLab-panel-field';
    field.dataset.field = name;
    const text = document.createElement('span');
    text.textContent = label;
    field.append(text, control);
    this.root.appendChild(field);
  }

  select(
    label: string,
    name: string,
    values: readonly string[],
    onChange: (v: string) => void
  ): HTMLSelectElement {
    const select = document.createElement('select');
    select.name = name;
    setOptions(select, values);
    select.addEventListener('change', () => onChange(select.value));
    this._field(label, name, select);
    return select;
  }

  number(
    label: string,
    name: string,
    min: number,
    max: number,
    step: number,
    onChange: (v: number) => void
  ): HTMLInputElement {
    const input = boundedInput('number', name, min, max, step);
    input.addEventListener('change', () => {
      const value = Number(input.value);
      if (input.value !== '' && Number.isFinite(value)) {
        onChange(value);
      }
    });
    this._field(label, name, input);
    return input;
  }

  range(
    label: string,
    name: string,
    min: number,
    max: number,
    step: number,
    onChange: (v: number) => void
  ): HTMLInputElement {
    const input = boundedInput('range', name, min, max, step);
    const shown = document.createElement('output');
    const show = () => (shown.textContent = input.value);
    input.addEventListener('input', show);
    input.addEventListener('change', () => onChange(Number(input.value)));
    const box = document.createElement('span');
    box.className = 'jp-NNLab-panel-range';
    box.append(input, shown);
    this._field(label, name, box);
    return input;
  }

  checkbox(label: string, name: string, onChange: (v: boolean) => void): HTMLInputElement {
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.name = name;
    input.addEventListener('change', () => onChange(input.checked));
    const field = document.createElement('label');
    field.className = 'jp-NNLab-panel-field jp-NNLab-panel-check';
    field.dataset.field = name;
    field.append(input, ` ${label}`);
    this.root.appendChild(field);
    return input;
  }

  button(text: string, name: string, onClick: () => void, title?: string): HTMLButtonElement {
    const row = this.row(name);
    return FormBuilder.textButton(row, text, name, onClick, title);
  }

  static textButton(
    parent: HTMLElement,
    text: string,
    name: string,
    onClick: () => unknown,
    title?: string
  ): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `jp-NNLab-button jp-NNLab-panel-${name}`;
    button.textContent = text;
    if (title) {
      button.title = title;
    }
    button.addEventListener('click', () => {
      Promise.resolve(onClick()).catch(reason => console.error(reason));
    });
    parent.appendChild(button);
    return button;
  }

  static iconButton(
    parent: HTMLElement,
    symbol: string,
    label: string,
    name: string,
    onClick: () => void
  ): HTMLButtonElement {
    const button = FormBuilder.textButton(parent, symbol, name, onClick, label);
    button.setAttribute('aria-label', label);
    button.classList.add('jp-NNLab-panel-icon-button');
    return button;
  }
}

/** An <input> of a numeric `type` with its name and bounds set. */
function boundedInput(
  type: 'number' | 'range',
  name: string,
  min: number,
  max: number,
  step: number
): HTMLInputElement {
  const input = document.createElement('input');
  input.type = type;
  input.name = name;
  input.min = String(min);
  input.max = String(max);
  input.step = String(step);
  return input;
}

namespace Private {
  /** The experiment view's module, imported once, when the playground is first shown. */
  let view: Promise<typeof import('./experiment')> | null = null;

  /** Import the experiment view (a separate chunk, fetched once; retried after a failure). */
  export function loadView(): Promise<typeof import('./experiment')> {
    if (!view) {
      view = import('./experiment');
      view.catch(() => {
        view = null;
      });
    }
    return view;
  }
}

/**
 * One labelled checkbox per name in `row`, its name in `data-<key>`. A change sets the list to
 * the checked names, in the order of `names`.
 */
function checkboxes<T extends string>(
  row: HTMLElement,
  key: string,
  names: readonly T[],
  current: () => readonly string[],
  set: (checked: T[]) => void
): HTMLInputElement[] {
  return names.map(name => {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.dataset[key] = name;
    box.addEventListener('change', () => {
      set(names.filter(n => (n === name ? box.checked : current().includes(n))));
    });
    label.append(box, ` ${name}`);
    row.appendChild(label);
    return box;
  });
}
