/**
 * Shared types of NN Lab: the experiment spec (as validated and with defaults filled in)
 * and the snapshot a training session reports. The JSON Schema in
 * schema/experiment.schema.json is the contract for the spec; these types mirror it.
 */

import type { FeatureName } from './features';
import type { HiddenSeparation, SeparationVerdict } from './separation';

export type ActivationName =
  | 'identity'
  | 'relu'
  | 'leaky_relu'
  | 'elu'
  | 'sigmoid'
  | 'tanh'
  | 'softplus'
  | 'swish'
  | 'gelu'
  | 'sin'
  | 'cos'
  | 'step'
  | 'softmax';

/** Output layer activation. */
/** Any activation may close the network (the losses decide which make sense). */
export type OutputName = ActivationName;

export type LossName = 'l2' | 'mse' | 'bce' | 'cce';
export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'adam';
export type InitName = 'uniform' | 'xavier' | 'he' | 'normal' | 'zeros';
export type RngKind = 'default' | 'numpy';
export type RegularizationName = 'none' | 'l1' | 'l2';

export type DatasetName =
  | 'xor'
  | 'and'
  | 'or'
  | 'nand'
  | 'xor_blobs'
  | 'circle'
  | 'gaussians'
  | 'spiral'
  | 'moons'
  | 'sine'
  | 'custom';

export type ViewName =
  | 'loss'
  | 'boundary'
  | 'hidden'
  | 'activations'
  | 'gradients'
  | 'weights'
  | 'collapse'
  | 'functions'
  | 'neurons'
  | 'network'
  | 'values';

export interface DataSpec {
  name: DatasetName;
  /** Number of points (ignored by the four-point logic gates unless noise > 0). */
  n: number;
  noise: number;
  /** Fraction of points used for training; the rest is the test set. 1 = no test set. */
  trainFraction: number;
  /** Classes of the spiral (and gaussians). */
  classes: number;
  /** Inputs of the first layer computed from x1 (and x2); absent = the inputs themselves. */
  features?: FeatureName[];
  /** Custom inputs (rows) and targets (rows, or class indices) when name is 'custom'. */
  x?: number[][];
  y?: number[][] | number[];
}

export interface NetworkSpec {
  /** Units per layer, input first, output last, e.g. [2, 2, 1]. */
  layers: number[];
  /** One activation for every hidden layer, or one per hidden layer. */
  activation: ActivationName | ActivationName[];
  output: OutputName;
  init: InitName;
  /** Explicit weights: weights[l] is layers[l] x layers[l+1]. Overrides init. */
  weights?: number[][][];
  /** Explicit biases: biases[l] has layers[l+1] entries. */
  biases?: number[][];
  /** Multiplies the drawn initial weights (default 1). */
  initScale?: number;
  /** Slope of leaky_relu for negative inputs (default 0.01). */
  leakySlope?: number;
  /** The alpha of elu (default 1). */
  eluAlpha?: number;
}

export interface TrainingSpec {
  loss: LossName;
  optimizer: OptimizerName;
  learningRate: number;
  momentum: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 0 or >= n means full batch. */
  batchSize: number;
  epochs: number;
  seed: number;
  rng: RngKind;
  regularization: RegularizationName;
  regularizationRate: number;
  shuffle: boolean;
}

/** A compared variant: a label plus partial overrides of network and training. */
export interface VariantSpec {
  label?: string;
  network?: Partial<NetworkSpec>;
  training?: Partial<TrainingSpec>;
}

/** A validated spec with every default filled in. */
export interface ExperimentSpec {
  title: string;
  description?: string;
  data: DataSpec;
  network: NetworkSpec;
  training: TrainingSpec;
  views: ViewName[];
  compare: VariantSpec[];
  /** Resolution of the decision-surface grid (n x n). */
  grid: number;
  /** Start training as soon as the widget appears. */
  autoplay: boolean;
}

/** One network to train: the base spec or one of its compare variants, merged. */
export interface ResolvedVariant {
  label: string;
  data: DataSpec;
  network: NetworkSpec & { activations: ActivationName[] };
  training: TrainingSpec;
  grid: number;
}

export interface SpecError {
  /** JSON path of the offending field, e.g. "network.layers[1]". */
  path: string;
  message: string;
}

/** Per-layer activation statistics. */
export interface LayerStats {
  layer: number;
  activation: ActivationName;
  histogram: { edges: number[]; counts: number[] };
  /** Fraction of ReLU-family units that are zero for every input. */
  deadFraction: number;
  /** Fraction of unit outputs in the flat tails of sigmoid/tanh (|z| > 4 for sigmoid, > 2 for tanh). */
  saturatedFraction: number;
}

/** What a training session reports after some epochs. Plain data: crosses postMessage. */
export interface Snapshot {
  variant: number;
  label: string;
  epoch: number;
  totalEpochs: number;
  done: boolean;
  task: 'classification' | 'regression';
  /** Number of classes (2 or more); 0 for a regression, which has no classes. */
  nClasses: number;
  /** Per-epoch history since epoch 0 (epoch 0 = before any training). */
  history: {
    epoch: number[];
    /**
     * The loss per point of the train and test sets after each epoch: the spec's loss, with
     * l2 (a sum over the points) divided by the number of points, so the two compare.
     */
    trainLoss: number[];
    testLoss: number[];
    trainAccuracy: number[];
    testAccuracy: number[];
    /** gradNorms[i][l]: gradient norm of layer l after history epoch i. */
    gradNorms: number[][];
    /**
     * The weight penalty after each epoch (0 without regularisation), in the unit of the
     * losses (per point: for l2 divided by the number of training points): the objective
     * the optimiser lowers, per point, is trainLoss + penalty.
     */
    penalty?: number[];
  };
  /** Decision surface / fitted curve over the data's domain. */
  grid?: {
    n: number;
    x: number[];
    y: number[];
    /** Row-major n*n (2-D) or n (1-D) values: P(class 1), the predicted class, or the regression output. */
    values: number[];
  };
  /** The data as seen by each hidden layer (rows = points, in data order). */
  hidden?: {
    layer: number;
    /** The layer's width (set by the core; else the width of the points). */
    units?: number;
    /** Each point's values in the layer (empty when left out: `SnapshotOptions.wideHiddenPoints`). */
    points: number[][];
    /** For layers wider than three units: the points on their two principal components. */
    projected?: number[][];
  }[];
  activations?: LayerStats[];
  weights?: { W: number[][][]; b: number[][] };
  /** Each output unit's value over the grid (the network view's output maps). */
  outputs?: number[][];
  collapse?: {
    K: number[][];
    c: number[];
    maxDiff: number;
    network: number[];
    affine: number[];
    /**
     * True when only the hidden layers are the identity and the output activation is not:
     * K and c then give the output layer's pre-activation z = x K + c, and `network` holds z.
     */
    preActivation?: boolean;
  };
  /** Hidden units' outputs over the grid: neurons[l][u] is an n*n row-major map. */
  neurons?: number[][][];
  /**
   * The forward pass on the first rows of the data (at most 8): the inputs, then for every
   * layer l = 1 .. L its weighted sums Z = A_(l-1) W + b and its activations A = f(Z).
   */
  values?: {
    x: number[][];
    layers: { activation: ActivationName; Z: number[][]; A: number[][] }[];
  };
  /** Set when training stopped on a non-finite loss. */
  error?: { epoch: number; message: string };
  /**
   * Whether a straight line (a hyperplane) separates the classes, by an exact test (see
   * separation.ts): in the input plane, and in the last hidden layer's space.
   */
  separation?: { input?: SeparationVerdict; hidden?: HiddenSeparation };
}

/** The data set a session trains on, sent once with the first snapshot. */
export interface DataSummary {
  x: number[][];
  /** Class index (classification) or target value (regression) of every point. */
  y: number[];
  train: number[];
  test: number[];
  task: 'classification' | 'regression';
  /** Number of classes (2 or more); 0 for a regression, which has no classes. */
  nClasses: number;
  inputDim: number;
  domain: number[][];
}
