/**
 * The side panel's model: the playground's controls as plain data, and what they mean as an
 * experiment spec and as Python.
 *
 * It holds no DOM and knows nothing of JupyterLab, so every rule of the playground (a data set
 * decides the input size and which outputs make sense, units stay within the caps, a layer can
 * be added or removed) is tested in Node. The panel widget only draws these controls and calls
 * the methods below.
 */
import { ISignal, Signal } from '@lumino/signaling';
import type {
  ActivationName,
  DatasetName,
  InitName,
  LossName,
  OptimizerName,
  OutputName,
  RegularizationName,
  RngKind,
  VariantSpec,
  ViewName
} from '../core/types';
import { labCellSource, SpecValidator, withoutDefaults } from './panelPython';
import { DATASET_NAMES, FEATURE_NAMES, FeatureName, usesSecondInput } from '../core/names';
import { HIDDEN_ACTIVATIONS, schemaField, schemaRange } from '../core/schemaFacts';

/** The experiment spec as JSON, before validation fills in the defaults. */
export interface SpecInput {
  title?: string;
  description?: string;
  data?: {
    name: DatasetName;
    n?: number;
    noise?: number;
    trainFraction?: number;
    classes?: number;
    features?: FeatureName[];
  };
  network?: {
    layers: number[];
    activation?: ActivationName | ActivationName[];
    output?: OutputName;
    init?: InitName;
    leakySlope?: number;
    eluAlpha?: number;
  };
  training?: {
    loss?: LossName;
    optimizer?: OptimizerName;
    learningRate?: number;
    batchSize?: number;
    epochs?: number;
    seed?: number;
    rng?: RngKind;
    regularization?: RegularizationName;
    regularizationRate?: number;
  };
  views?: ViewName[];
  compare?: VariantSpec[];
  grid?: number;
  autoplay?: boolean;
}

/** Every control of the playground. */
export interface PanelControls {
  dataset: DatasetName;
  /** Number of points drawn. */
  points: number;
  noise: number;
  /** Fraction of the points used for training (the rest is the test set). */
  trainFraction: number;
  /** Classes of the spiral and of the Gaussian blobs. */
  classes: number;
  /** What the first layer sees; the data's own inputs (x1, x2 or x1) write no data.features. */
  features: FeatureName[];
  /** Units of each hidden layer (input and output sizes follow from the data set). */
  hidden: number[];
  /** The activation of each hidden layer, same length as `hidden`. */
  activations: ActivationName[];
  /** Slope of leaky_relu for negative inputs (written only when a layer uses leaky_relu). */
  leakySlope: number;
  /** The alpha of elu (written only when a layer uses elu). */
  eluAlpha: number;
  output: OutputName;
  loss: LossName;
  init: InitName;
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  epochs: number;
  regularization: RegularizationName;
  regularizationRate: number;
  seed: number;
  rng: RngKind;
  views: ViewName[];
  /** Train a copy with identity activations next to it: the lesson's central comparison. */
  compareLinear: boolean;
}

/** Limits that keep the playground responsive (set from the user's settings). */
export interface PanelCaps {
  maxUnits: number;
  maxLayers: number;
  maxEpochs: number;
}

/** The data sets the playground offers (custom data needs code, not a drop-down). */
export const PANEL_DATASETS: readonly DatasetName[] = DATASET_NAMES.filter(
  name => name !== 'custom'
);

/** Hidden-layer activations offered: the schema's list (softmax belongs to the output). */
export const PANEL_ACTIVATIONS: readonly ActivationName[] = HIDDEN_ACTIVATIONS;

export const PANEL_OPTIMIZERS: readonly OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'adam'];
export const PANEL_INITS: readonly InitName[] = ['he', 'xavier', 'normal', 'uniform', 'zeros'];
export const PANEL_REGULARIZATIONS: readonly RegularizationName[] = ['none', 'l1', 'l2'];
export const PANEL_RNGS: readonly RngKind[] = ['default', 'numpy'];
export const PANEL_VIEWS: readonly ViewName[] = [
  'boundary',
  'loss',
  'hidden',
  'activations',
  'gradients',
  'weights',
  'network',
  'neurons',
  'collapse',
  'functions',
  'values'
];

/** What kind of problem a data set poses; it decides the output layer. */
export type Task = 'binary' | 'multiclass' | 'regression';

export function taskOf(dataset: DatasetName, classes: number): Task {
  if (dataset === 'sine') {
    return 'regression';
  }
  if ((dataset === 'spiral' || dataset === 'gaussians') && classes > 2) {
    return 'multiclass';
  }
  return 'binary';
}

/** Output activations that fit a task. */
export function outputsFor(task: Task): OutputName[] {
  switch (task) {
    case 'multiclass':
      return ['softmax'];
    case 'regression':
      return ['identity', 'tanh'];
    default:
      return ['sigmoid', 'tanh', 'identity'];
  }
}

/**
 * Losses that fit a task and output: binary cross-entropy needs a probability (sigmoid),
 * categorical cross-entropy needs softmax, the squared errors fit anything.
 */
export function lossesFor(task: Task, output: OutputName): LossName[] {
  if (task === 'multiclass') {
    return ['cce'];
  }
  if (task === 'binary' && output === 'sigmoid') {
    return ['bce', 'mse', 'l2'];
  }
  return ['mse', 'l2'];
}

/** The output and loss a task starts with: what the spec would choose for it. */
export function taskDefaults(task: Task): { output: OutputName; loss: LossName } {
  switch (task) {
    case 'multiclass':
      return { output: 'softmax', loss: 'cce' };
    case 'regression':
      return { output: 'identity', loss: 'mse' };
    default:
      return { output: 'sigmoid', loss: 'bce' };
  }
}

/** Features a data set can use: the sine has only x1. */
export function featuresFor(dataset: DatasetName): FeatureName[] {
  return FEATURE_NAMES.filter(f => inputSize(dataset) === 2 || !usesSecondInput(f));
}

/** True when `features` are just the data's own inputs (nothing to write in the spec). */
export function plainFeatures(dataset: DatasetName, features: readonly FeatureName[]): boolean {
  const own: FeatureName[] = inputSize(dataset) === 2 ? ['x1', 'x2'] : ['x1'];
  return features.length === own.length && own.every((f, i) => features[i] === f);
}

/** Input size: the sine wave is a function of one variable, the rest are points in the plane. */
export function inputSize(dataset: DatasetName): number {
  return dataset === 'sine' ? 1 : 2;
}

/** The schema's default of a numeric spec field (the schema is the one source). */
function schemaDefault(path: string): number {
  const value = schemaField(path)?.default;
  if (typeof value !== 'number') {
    throw new Error(`The schema gives ${path} no numeric default`);
  }
  return value;
}

/**
 * The activation parameters the controls' activations use, each with the spec path that
 * holds it: `leakySlope` when a layer (hidden or output) is leaky_relu, `eluAlpha` when one
 * is elu. The panel shows the control of each and writes it into the spec; the others stay
 * out of sight and out of the code.
 */
export const ACTIVATION_PARAMETERS = [
  { control: 'leakySlope', path: 'network.leakySlope', activation: 'leaky_relu' },
  { control: 'eluAlpha', path: 'network.eluAlpha', activation: 'elu' }
] as const;

export type ActivationParameter = (typeof ACTIVATION_PARAMETERS)[number]['control'];

/** The activation parameters that some layer of `c` uses. */
export function usedActivationParameters(
  c: Pick<PanelControls, 'activations' | 'output'>
): ActivationParameter[] {
  const used = new Set<ActivationName>([...c.activations, c.output]);
  return ACTIVATION_PARAMETERS.filter(p => used.has(p.activation)).map(p => p.control);
}

export const DEFAULT_CAPS: PanelCaps = { maxUnits: 16, maxLayers: 6, maxEpochs: 5000 };

/** The playground when first opened: a small ReLU network on XOR, compared with a linear one. */
export function defaultControls(seed = 0, rng: RngKind = 'default'): PanelControls {
  return {
    dataset: 'xor',
    points: 200,
    noise: 0,
    trainFraction: 0.8,
    classes: 3,
    features: ['x1', 'x2'],
    // Sixteen units solve XOR from 99 seeds of 100 (npm run solve-rates); with fewer, dead
    // ReLUs make more seeds fail.
    hidden: [16],
    activations: ['relu'],
    leakySlope: schemaDefault('network.leakySlope'),
    eluAlpha: schemaDefault('network.eluAlpha'),
    output: 'sigmoid',
    loss: 'bce',
    init: 'he',
    optimizer: 'adam',
    learningRate: 0.03,
    batchSize: 16,
    epochs: 500,
    regularization: 'none',
    regularizationRate: 0.001,
    seed,
    rng,
    views: ['boundary', 'loss', 'hidden'],
    compareLinear: true
  };
}

/**
 * The spec's defaults that do not depend on other fields (copied from
 * schema/experiment.schema.json; a test checks them against it). Used to shorten the Python
 * code when no validator is at hand; with one, `withoutDefaults` decides exactly.
 */
export const CODE_DEFAULTS = {
  data: { name: 'xor', n: 200, noise: 0, classes: 2 },
  network: {
    activation: 'relu',
    leakySlope: schemaDefault('network.leakySlope'),
    eluAlpha: schemaDefault('network.eluAlpha')
  },
  training: {
    optimizer: 'adam',
    learningRate: 0.03,
    momentum: 0.9,
    batchSize: 10,
    epochs: 500,
    seed: 0,
    rng: 'default',
    regularization: 'none',
    regularizationRate: 0,
    shuffle: true
  },
  compare: [],
  grid: 40,
  autoplay: true
};

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

/**
 * A number within the schema's bounds for the spec field at `path` (the schema is the one
 * source of the bounds; an exclusive minimum such as the learning rate's 0 is kept out by
 * taking the fallback).
 */
function inRange(value: unknown, fallback: number, path: string): number {
  const { min, max } = schemaRange(path);
  const v = clamp(finite(value, fallback), min, max);
  return v === min && schemaRangeIsExclusive(path) ? fallback : v;
}

function schemaRangeIsExclusive(path: string): boolean {
  const field = schemaField(path);
  return field?.minimum === undefined && field?.exclusiveMinimum !== undefined;
}

/** A finite number from `value`, else `fallback`. */
function finite(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function oneOf<T>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/**
 * The playground's state with the operations its buttons perform. Every change goes through
 * `update`, which keeps the controls consistent and emits `changed` once.
 */
export class PanelModel {
  constructor(options: { controls?: Partial<PanelControls>; caps?: Partial<PanelCaps> } = {}) {
    this._caps = { ...DEFAULT_CAPS, ...options.caps };
    this._controls = this._sanitize({ ...defaultControls(), ...options.controls });
  }

  /** Emitted after every change of the controls or the caps. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** A copy of the current controls. */
  get controls(): PanelControls {
    return {
      ...this._controls,
      hidden: [...this._controls.hidden],
      activations: [...this._controls.activations],
      views: [...this._controls.views]
    };
  }

  get caps(): PanelCaps {
    return { ...this._caps };
  }

  /** New limits (from the settings); the controls are clamped to them. */
  set caps(caps: PanelCaps) {
    this._caps = { ...caps };
    this.update({});
  }

  get task(): Task {
    return taskOf(this._controls.dataset, this._controls.classes);
  }

  /** Units per layer, input to output, as in the spec: e.g. [2, 4, 1]. */
  get layers(): number[] {
    const c = this._controls;
    const outputs = this.task === 'multiclass' ? c.classes : 1;
    return [c.features.length, ...c.hidden, outputs];
  }

  /** Change some controls; the rest are kept and everything is made consistent again. */
  update(patch: Partial<PanelControls>): void {
    const merged = { ...this._controls, ...patch };
    const before = taskOf(this._controls.dataset, this._controls.classes);
    const after = taskOf(merged.dataset, merged.classes);
    if (before !== after) {
      // A new kind of problem starts from its own output and loss, unless given with it.
      const defaults = taskDefaults(after);
      merged.output = patch.output ?? defaults.output;
      merged.loss = patch.loss ?? defaults.loss;
    }
    const old = this._controls;
    if (
      inputSize(merged.dataset) !== inputSize(old.dataset) &&
      plainFeatures(old.dataset, old.features) &&
      patch.features === undefined
    ) {
      // Plain inputs stay plain: x1, x2 on the plane, x1 for the sine.
      merged.features = inputSize(merged.dataset) === 2 ? ['x1', 'x2'] : ['x1'];
    }
    const next = this._sanitize(merged);
    const same = JSON.stringify(next) === JSON.stringify(this._controls);
    this._controls = next;
    if (!same) {
      this._changed.emit();
    }
  }

  /** Append a hidden layer (a copy of the last one, or 4 ReLU units). */
  addLayer(): void {
    const c = this._controls;
    if (c.hidden.length >= this._caps.maxLayers) {
      return;
    }
    const units = c.hidden.length ? c.hidden[c.hidden.length - 1] : 4;
    const activation = c.activations.length ? c.activations[c.activations.length - 1] : 'relu';
    this.update({ hidden: [...c.hidden, units], activations: [...c.activations, activation] });
  }

  /** Remove hidden layer `index` (the last one by default). Zero hidden layers is allowed. */
  removeLayer(index = this._controls.hidden.length - 1): void {
    const c = this._controls;
    if (index < 0 || index >= c.hidden.length) {
      return;
    }
    this.update({
      hidden: c.hidden.filter((_, i) => i !== index),
      activations: c.activations.filter((_, i) => i !== index)
    });
  }

  /** Add `delta` units to hidden layer `index`, staying between 1 and the cap. */
  changeUnits(index: number, delta: number): void {
    const hidden = [...this._controls.hidden];
    if (index < 0 || index >= hidden.length) {
      return;
    }
    hidden[index] = hidden[index] + delta;
    this.update({ hidden });
  }

  setActivation(index: number, activation: ActivationName): void {
    const activations = [...this._controls.activations];
    if (index < 0 || index >= activations.length) {
      return;
    }
    activations[index] = activation;
    this.update({ activations });
  }

  /** The same activation for every hidden layer. */
  setAllActivations(activation: ActivationName): void {
    this.update({ activations: this._controls.hidden.map(() => activation) });
  }

  /** Draw a new data set and new initial weights: the next seed. */
  regenerate(): void {
    this.update({ seed: (this._controls.seed + 1) % 2 ** 31 });
  }

  /**
   * The experiment spec these controls describe (validated later by the widget). Hidden
   * activations are written once when all layers share one, per layer otherwise.
   */
  toSpec(): SpecInput {
    const c = this._controls;
    const same = c.activations.every(a => a === c.activations[0]);
    const activation: ActivationName | ActivationName[] =
      c.activations.length === 0 ? 'identity' : same ? c.activations[0] : [...c.activations];
    const spec: SpecInput = {
      data: { name: c.dataset, n: c.points, noise: c.noise, trainFraction: c.trainFraction },
      network: { layers: this.layers, activation, output: c.output, init: c.init },
      training: {
        loss: c.loss,
        optimizer: c.optimizer,
        learningRate: c.learningRate,
        batchSize: c.batchSize,
        epochs: c.epochs,
        seed: c.seed,
        rng: c.rng,
        regularization: c.regularization,
        regularizationRate: c.regularization === 'none' ? 0 : c.regularizationRate
      },
      views: [...c.views]
    };
    for (const parameter of usedActivationParameters(c)) {
      spec.network![parameter] = c[parameter];
    }
    if (this.task === 'multiclass' || c.dataset === 'spiral' || c.dataset === 'gaussians') {
      spec.data!.classes = c.classes;
    }
    if (!plainFeatures(c.dataset, c.features)) {
      spec.data!.features = [...c.features];
    }
    const linear = c.activations.every(a => a === 'identity');
    if (c.compareLinear && !linear && c.hidden.length > 0) {
      spec.compare = [{ label: 'identity', network: { activation: 'identity' } }];
    }
    return spec;
  }

  /**
   * Python that reproduces the experiment, with only the arguments that differ from the
   * defaults: decided exactly by `validate` (the spec validator) when given.
   */
  toPython(validate?: SpecValidator): string {
    const spec = this.toSpec();
    return validate
      ? labCellSource(withoutDefaults(spec, validate))
      : labCellSource(spec, CODE_DEFAULTS);
  }

  /** The controls as JSON, for the state database. */
  toJSON(): PanelControls {
    return this.controls;
  }

  /** Restore saved controls; unknown or out-of-range values fall back to safe ones. */
  fromJSON(saved: unknown): void {
    if (saved && typeof saved === 'object' && !Array.isArray(saved)) {
      this.update({ ...defaultControls(), ...(saved as Partial<PanelControls>) });
    }
  }

  /**
   * Make a set of controls consistent: known names only, numbers within their ranges, one
   * activation per hidden layer, an output and a loss that fit the data set's task.
   */
  private _sanitize(raw: PanelControls): PanelControls {
    const d = defaultControls();
    const caps = this._caps;
    const dataset = oneOf(raw.dataset, PANEL_DATASETS, d.dataset);
    const classes = Math.round(clamp(finite(raw.classes, d.classes), 2, 5));
    const hiddenRaw = Array.isArray(raw.hidden) ? raw.hidden.slice(0, caps.maxLayers) : d.hidden;
    const hidden = hiddenRaw.map(u => Math.round(clamp(finite(u, 4), 1, caps.maxUnits)));
    const activations = hidden.map((_, i) =>
      oneOf(
        Array.isArray(raw.activations) ? raw.activations[i] : undefined,
        PANEL_ACTIVATIONS,
        'relu'
      )
    );
    const task = taskOf(dataset, classes);
    const allowed = featuresFor(dataset);
    const wanted = Array.isArray(raw.features) ? raw.features : [];
    let features = allowed.filter(f => wanted.includes(f));
    if (features.length === 0) {
      // At least one input: the data's own ones when nothing usable is left.
      features = inputSize(dataset) === 2 ? ['x1', 'x2'] : ['x1'];
    }
    const outputs = outputsFor(task);
    const output = oneOf(raw.output, outputs, outputs[0]);
    const losses = lossesFor(task, output);
    const loss = oneOf(raw.loss, losses, losses[0]);
    const views = Array.isArray(raw.views)
      ? PANEL_VIEWS.filter(v => raw.views.includes(v))
      : d.views;
    return {
      dataset,
      points: Math.round(inRange(raw.points, d.points, 'data.n')),
      noise: inRange(raw.noise, d.noise, 'data.noise'),
      // At least a tenth trains: the schema only excludes 0.
      trainFraction: clamp(
        inRange(raw.trainFraction, d.trainFraction, 'data.trainFraction'),
        0.1,
        1
      ),
      classes,
      features,
      hidden,
      activations,
      leakySlope: inRange(raw.leakySlope, d.leakySlope, 'network.leakySlope'),
      eluAlpha: inRange(raw.eluAlpha, d.eluAlpha, 'network.eluAlpha'),
      output,
      loss,
      init: oneOf(raw.init, PANEL_INITS, d.init),
      optimizer: oneOf(raw.optimizer, PANEL_OPTIMIZERS, d.optimizer),
      learningRate: inRange(raw.learningRate, d.learningRate, 'training.learningRate'),
      batchSize: Math.round(inRange(raw.batchSize, d.batchSize, 'training.batchSize')),
      epochs: Math.round(
        Math.min(inRange(raw.epochs, d.epochs, 'training.epochs'), caps.maxEpochs)
      ),
      regularization: oneOf(raw.regularization, PANEL_REGULARIZATIONS, d.regularization),
      regularizationRate: inRange(
        raw.regularizationRate,
        d.regularizationRate,
        'training.regularizationRate'
      ),
      seed: Math.round(inRange(raw.seed, d.seed, 'training.seed')),
      rng: oneOf(raw.rng, PANEL_RNGS, d.rng),
      views: views.length ? views : d.views,
      compareLinear: typeof raw.compareLinear === 'boolean' ? raw.compareLinear : d.compareLinear
    };
  }

  private _controls: PanelControls;
  private _caps: PanelCaps;
  private _changed = new Signal<this, void>(this);
}
