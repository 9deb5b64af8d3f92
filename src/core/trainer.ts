/**
 * The training loop: one network, one data set, one optimiser, epoch by epoch.
 *
 * A `Trainer` is built from a resolved variant of an experiment spec. It owns
 * three seeded random streams so that every run is reproducible:
 *
 * - the initial weights come from `createRng(seed, rng)`, drawn first, so that
 *   with `rng: 'numpy'` they equal `np.random.seed(seed); np.random.randn(...)`;
 * - the data set comes from a second stream (seed + 1), so its noise is not the
 *   same sequence of numbers as the weights;
 * - the mini-batch order comes from a third stream (seed + 2).
 *
 * Per epoch the history records (epoch 0 = before any training):
 * - train and test loss after the epoch's updates, with the spec's loss (the data
 *   term only) PER POINT, so that a train set and a smaller test set compare: l2, a
 *   sum over the points, is divided by the split's number of points (`pointsPerValue`);
 *   the other losses are means already. The weight penalty (0 without regularisation)
 *   is in the same unit (for l2 divided by the number of training points), so its sum
 *   with the train loss is the objective the optimiser lowers, per point. Test loss is
 *   NaN when there is no test set, and both NaN for custom inputs without targets
 *   (allowed when nothing trains, epochs 0). Training itself is unchanged: it lowers
 *   the loss as defined, with its exact gradient;
 * - train and test accuracy (classification; NaN for regression): the arg max of
 *   the outputs, or for one output unit a threshold of 0.5 (0 for a tanh output);
 * - per-layer gradient norms: the MEAN over the epoch's mini-batches of the
 *   Frobenius norm of [dW; db] (epoch 0: the full-batch gradient at the start).
 *
 * The batch loop allocates next to nothing: mini-batches are gathered into buffers made
 * once, and the network reuses its own buffers per batch size (a big batch taken in
 * blocks of rows costs two small row views per block).
 */

import { ActivationName, ResolvedVariant, Snapshot } from './types';
import { Matrix } from './matrix';
import { Network, NetworkParams } from './network';
import { Optimizer, createOptimizer, weightPenalty } from './optimizers';
import { makeInitialParams } from './init';
import { Rng, createRng, shuffleInPlace } from './rng';
import { lossValue, pointsPerValue } from './losses';
import { Dataset, makeDataset } from './datasets';
import { applyFeatures } from './features';
import { cacheStatsSteps, affineCollapse, applyAffine, gridInputs } from './analysis';
import { pcaSteps } from './pca';
import { SnapshotOptions, TrainingHistory, column, emptyHistory, historyFrom } from './snapshot';
import { SeparationTracker, outputRule } from './separation';
import { Baseline, baseline, largestMagnitude, lossDiverged, weightsDiverged } from './divergence';
import { BLOCK_ROWS, forwardInBlocks, runToEnd } from './forwardBlocks';

export type { SnapshotOptions, TrainingHistory } from './snapshot';

/** Rows of the data the values view shows, layer by layer. */
export const VALUE_ROWS = 8;

/** Hidden layers wider than this are also shown through their two principal components. */
const MAX_PLOTTED_UNITS = 3;

export interface TrainerOptions {
  /** A data set to train on instead of generating one (compare variants share it). */
  dataset?: Dataset;
  /** Initial weights to start from when their shapes fit (compare variants share them). */
  params?: NetworkParams;
  /** Index of the variant in its experiment (reported in snapshots). */
  variantIndex?: number;
  /**
   * A mini-batch of more rows than this is one optimiser step in several units of this many
   * rows (see Network.lossAndGradientsSteps: the same numbers bit for bit); default
   * BLOCK_ROWS. Infinity keeps every step in one piece.
   */
  stepBlockRows?: number;
}

/** Why training stopped early. */
export interface TrainingError {
  epoch: number;
  message: string;
}

/** Data prepared for training: rows gathered once, targets shaped for the output layer. */
interface Split {
  X: Matrix;
  Y: Matrix;
  /** Class index per row (classification) or null. */
  labels: Int32Array | null;
}

export class Trainer {
  /** The variant being trained; learning rate and activations follow the setters. */
  readonly variant: ResolvedVariant;
  readonly dataset: Dataset;
  readonly variantIndex: number;
  /** Current network (rebuilt by setActivation and reset). */
  net!: Network;
  /** Epochs trained so far. */
  epoch = 0;
  /** The records of every epoch so far (epoch 0 first). */
  get history(): TrainingHistory {
    this.settle();
    return this.records;
  }
  /** Set when training stopped on a diverging loss; cleared by the setters and reset. */
  error: TrainingError | null = null;

  private optimizer!: Optimizer;
  private batchRng!: Rng;
  /** The epoch under way, between two `trainStep` calls (null between epochs). */
  private pass: Generator<void, void, void> | null = null;
  /** True between two blocks of rows of one optimiser step (see `finishStep`). */
  private inStep = false;
  private readonly stepBlockRows: number;
  /** Epoch 0 under evaluation (see startSteps); null once recorded. */
  private starting: Generator<void, void, void> | null = null;
  private records: TrainingHistory = emptyHistory();
  private readonly initialParams: NetworkParams;
  private readonly train: Split;
  private readonly test: Split;
  /** Indices into the training rows, shuffled every epoch. */
  private readonly order: Int32Array;
  private readonly batchSize: number;
  private readonly batchX: Matrix;
  private readonly batchY: Matrix;
  /** Buffers for the last, shorter batch (null when the batch size divides n). */
  private readonly restX: Matrix | null;
  private readonly restY: Matrix | null;
  /** Parameters after the last epoch whose loss was finite. */
  private readonly lastGood: NetworkParams;
  private readonly normSums: Float64Array;
  /** The untrained loss and weight size: divergence is judged relative to them. */
  private start0: Baseline = baseline(0, 0);
  private grid: { n: number; x: number[]; y: number[]; inputs: Matrix } | null = null;
  private readonly separation = new SeparationTracker();
  /**
   * Every point as the first layer sees it: the data's x, or its features when the spec
   * lists data.features. The data set itself (and so every map) keeps its own coordinates.
   */
  readonly inputs: Matrix;

  constructor(variant: ResolvedVariant, options: TrainerOptions = {}) {
    this.variant = cloneVariant(variant);
    this.variantIndex = options.variantIndex ?? 0;
    this.stepBlockRows = options.stepBlockRows ?? BLOCK_ROWS;
    const { network, training } = this.variant;
    const sizes = network.layers;
    if (network.activations.length !== sizes.length - 2) {
      throw new Error(
        `The network [${sizes.join(', ')}] has ${sizes.length - 2} hidden layers but ` +
          `${network.activations.length} activations were given`
      );
    }
    // Weights first, from a fresh stream: the NumPy-compatible draw.
    const initRng = createRng(training.seed, training.rng);
    const drawn = makeInitialParams(
      sizes,
      network.init,
      initRng,
      network.weights,
      network.biases,
      network.initScale ?? 1
    );
    this.initialParams =
      !network.weights && options.params && paramsFit(options.params, sizes)
        ? copyParams(options.params)
        : drawn;
    this.dataset =
      options.dataset ?? makeDataset(this.variant.data, createRng(training.seed + 1, training.rng));
    this.inputs = this.toInputs(this.dataset.x);
    if (this.inputs.cols !== sizes[0]) {
      throw new Error(
        `The data set has ${this.inputs.cols} input features but the network's input layer has ${sizes[0]} units`
      );
    }
    this.train = this.prepare(this.dataset.train);
    this.test = this.prepare(this.dataset.test);

    const n = this.train.X.rows;
    const requested = training.batchSize;
    this.batchSize = requested <= 0 || requested >= n ? n : Math.floor(requested);
    this.order = Int32Array.from({ length: n }, (_, i) => i);
    this.batchX = Matrix.zeros(this.batchSize, this.train.X.cols);
    this.batchY = Matrix.zeros(this.batchSize, this.train.Y.cols);
    const rest = n % this.batchSize;
    this.restX = rest > 0 ? Matrix.zeros(rest, this.train.X.cols) : null;
    this.restY = rest > 0 ? Matrix.zeros(rest, this.train.Y.cols) : null;
    this.lastGood = copyParams(this.initialParams);
    this.normSums = new Float64Array(sizes.length - 1);
    this.start();
  }

  /** Every activation of the network: the hidden ones, then the output. */
  get activations(): ActivationName[] {
    return [...this.variant.network.activations, this.variant.network.output];
  }

  /** True once the spec's number of epochs is reached or training stopped on an error. */
  get done(): boolean {
    return this.error !== null || this.epoch >= this.variant.training.epochs;
  }

  // -------------------------------------------------------------------------
  // Training
  // -------------------------------------------------------------------------

  /**
   * Train k more epochs (stopping early on divergence, see `error`). Each epoch
   * shuffles the training rows (when the spec asks for it) and takes one
   * optimiser step per mini-batch.
   */
  runEpochs(k: number): void {
    for (let e = 0; e < k && this.error === null; e++) {
      while (!this.trainStep()) {
        // One mini-batch or one block of the end-of-epoch evaluation at a time.
      }
    }
  }

  /**
   * One short unit of training: one mini-batch (a block of its rows when it has more than
   * `stepBlockRows`, the optimiser stepping after the last block), or one block of rows of
   * the evaluation that ends an epoch. Returns true when this unit ended an epoch (or training stopped on
   * divergence). An epoch can be interrupted between units and resumed later (other
   * trainers, messages, snapshots may run in between) with exactly the same results as
   * training it at once: the units run the same code in the same order either way.
   */
  trainStep(): boolean {
    if (!this.prepareStep()) {
      return false;
    }
    if (this.error !== null) {
      return true;
    }
    this.pass ??= this.epochSteps();
    if (this.pass.next().done) {
      this.pass = null;
      return true;
    }
    return false;
  }

  /** True while an epoch has started but not finished. */
  get midEpoch(): boolean {
    return this.pass !== null;
  }

  /** True while an optimiser step is under way, between two of its blocks of rows. */
  get midStep(): boolean {
    return this.inStep;
  }

  /**
   * Finish an optimiser step under way (its remaining blocks of rows and the update), so that
   * a change of weights, activations or learning rate comes between two steps, as it did
   * when every step was one unit: the step's blocks must all see the same network.
   */
  private finishStep(): void {
    while (this.inStep && this.pass !== null) {
      if (this.pass.next().done) {
        this.pass = null;
      }
    }
    this.inStep = false;
  }

  /** One epoch, yielding after every mini-batch and every block of the evaluation. */
  private *epochSteps(): Generator<void, void, void> {
    const { training } = this.variant;
    const n = this.train.X.rows;
    const B = this.batchSize;
    const fullBatch = B === n;
    if (training.shuffle && !fullBatch) {
      shuffleInPlace(this.batchRng, this.order);
    }
    this.normSums.fill(0);
    let batches = 0;
    const epoch = this.epoch + 1;
    for (let start = 0; start < n; start += B) {
      let X: Matrix;
      let Y: Matrix;
      if (fullBatch) {
        X = this.train.X;
        Y = this.train.Y;
      } else {
        const last = start + B > n;
        X = last ? this.restX! : this.batchX;
        Y = last ? this.restY! : this.batchY;
        this.train.X.gatherRows(this.order, X, start);
        this.train.Y.gatherRows(this.order, Y, start);
      }
      // A big batch (the full batch at the caps is ~130 ms) in units of blocks of rows.
      this.inStep = true;
      const result = yield* this.net.lossAndGradientsSteps(X, Y, training.loss, this.stepBlockRows);
      this.inStep = false;
      // Per point, as the untrained loss it is judged against (start0).
      const batchLoss = result.loss / pointsPerValue(training.loss, X.rows);
      if (lossDiverged(batchLoss, this.start0)) {
        this.diverge(epoch, batchLoss);
        return;
      }
      const norms = result.gradients.norms;
      for (let l = 0; l < norms.length; l++) {
        this.normSums[l] += norms[l];
      }
      batches++;
      this.optimizer.step(this.net, result.gradients);
      yield;
    }
    const trainEval = yield* this.evaluateSteps(this.train);
    if (
      lossDiverged(trainEval.loss, this.start0) ||
      weightsDiverged(largestMagnitude(this.net.W.map(w => w.data)), this.start0) ||
      !this.net.isFinite()
    ) {
      this.diverge(epoch, trainEval.loss);
      return;
    }
    const testEval = yield* this.evaluateSteps(this.test);
    this.epoch = epoch;
    this.record(
      epoch,
      trainEval,
      testEval,
      Array.from(this.normSums, s => s / Math.max(1, batches))
    );
    this.saveGood();
  }

  /**
   * Stop on a diverging loss: go back to the last parameters whose loss was
   * finite, forget the optimiser's (now huge) state, and explain.
   */
  private diverge(epoch: number, loss: number): void {
    this.net.setParams(this.lastGood);
    this.optimizer.reset();
    this.epoch = epoch - 1;
    this.error = { epoch, message: divergenceMessage(epoch, loss, this.variant, this.batchSize) };
  }

  /** Loss and accuracy of the current network on one split (NaN when empty). */
  private evaluate(split: Split): { loss: number; accuracy: number } {
    return runToEnd(this.evaluateSteps(split));
  }

  /**
   * `evaluate` in blocks of rows, yielding after each: every row's outputs are the same
   * whatever the block (a forward pass treats rows independently), and the loss is taken
   * over all of them at the end, so the result does not depend on the blocks.
   */
  private *evaluateSteps(split: Split): Generator<void, { loss: number; accuracy: number }, void> {
    if (split.X.rows === 0 || this.dataset.y.cols === 0) {
      return { loss: NaN, accuracy: NaN };
    }
    const L = this.net.numLayers;
    const outputs = yield* forwardInBlocks(this.net, split.X, [L], true);
    const name = this.variant.training.loss;
    const value = lossValue(name, outputs.A[0], split.Y, outputs.Z[0], this.net.activations[L - 1]);
    const loss = value / pointsPerValue(name, split.X.rows);
    const accuracy = split.labels ? this.accuracy(outputs.A[0], split.labels) : NaN;
    return { loss, accuracy };
  }

  /** Fraction of rows whose predicted class is the label. */
  private accuracy(output: Matrix, labels: Int32Array): number {
    let correct = 0;
    for (let i = 0; i < output.rows; i++) {
      if (predictedClass(output, i, this.variant.network.output) === labels[i]) {
        correct++;
      }
    }
    return correct / output.rows;
  }

  private record(
    epoch: number,
    trainEval: { loss: number; accuracy: number },
    testEval: { loss: number; accuracy: number },
    norms: number[]
  ): void {
    const h = this.records;
    h.epoch.push(epoch);
    h.trainLoss.push(trainEval.loss);
    h.testLoss.push(testEval.loss);
    h.trainAccuracy.push(trainEval.accuracy);
    h.testAccuracy.push(testEval.accuracy);
    h.gradNorms.push(norms);
    const { regularization, regularizationRate, loss } = this.variant.training;
    const penalty = weightPenalty(this.net, regularization, regularizationRate);
    (h.penalty ??= []).push(penalty / pointsPerValue(loss, this.train.X.rows));
  }

  private saveGood(): void {
    for (let l = 0; l < this.net.numLayers; l++) {
      this.lastGood.W[l].data.set(this.net.W[l].data);
      this.lastGood.b[l].set(this.net.b[l]);
    }
  }

  // -------------------------------------------------------------------------
  // Controls
  // -------------------------------------------------------------------------

  /** Change the learning rate from the next step on (and allow training again after an error). */
  setLearningRate(learningRate: number): void {
    this.settle();
    this.finishStep();
    this.optimizer.setLearningRate(learningRate);
    this.variant.training.learningRate = learningRate;
    this.error = null;
  }

  /**
   * Swap activations keeping the current weights: `layer` is a hidden layer
   * index (0 = first hidden layer) or 'all' for every hidden layer. The output
   * activation is not changed here.
   */
  setActivation(layer: number | 'all', name: ActivationName): void {
    this.settle();
    this.finishStep();
    const hidden = this.variant.network.activations;
    if (layer === 'all') {
      hidden.fill(name);
    } else {
      if (!Number.isInteger(layer) || layer < 0 || layer >= hidden.length) {
        throw new Error(
          `setActivation: hidden layer ${layer} does not exist (the network has ${hidden.length})`
        );
      }
      hidden[layer] = name;
    }
    this.net.setActivations(this.activations);
    this.error = null;
  }

  /**
   * Set one parameter by hand: the weight from unit `from` of layer `layer` to unit `to` of
   * layer `layer + 1`, or (with `from` = 'bias') the bias of unit `to` of layer `layer + 1`.
   * The latest history entry is evaluated again, so the loss shown is the edited network's.
   */
  setParam(layer: number, from: number | 'bias', to: number, value: number): void {
    this.settle();
    this.finishStep();
    const net = this.net;
    if (!Number.isInteger(layer) || layer < 0 || layer >= net.numLayers) {
      throw new Error(
        `setParam: weight layer ${layer} does not exist (the network has ${net.numLayers})`
      );
    }
    const W = net.W[layer];
    if (!Number.isInteger(to) || to < 0 || to >= W.cols) {
      throw new Error(`setParam: layer ${layer + 1} has no unit ${to} (it has ${W.cols})`);
    }
    if (from !== 'bias' && (!Number.isInteger(from) || from < 0 || from >= W.rows)) {
      throw new Error(`setParam: layer ${layer} has no unit ${from} (it has ${W.rows})`);
    }
    if (!Number.isFinite(value)) {
      throw new Error(`setParam: a weight must be a finite number, got ${value}`);
    }
    if (from === 'bias') {
      net.b[layer][to] = value;
    } else {
      W.set(from, to, value);
    }
    this.error = null;
    const h = this.history;
    const last = h.epoch.length - 1;
    const trainEval = this.evaluate(this.train);
    const testEval = this.evaluate(this.test);
    h.trainLoss[last] = trainEval.loss;
    h.testLoss[last] = testEval.loss;
    h.trainAccuracy[last] = trainEval.accuracy;
    h.testAccuracy[last] = testEval.accuracy;
    this.saveGood();
  }

  /**
   * Start again from the same initial weights, data and batch order (the same
   * seed gives the same run). The current learning rate and activations are kept.
   */
  reset(): void {
    this.start();
  }

  private start(): void {
    const { network, training } = this.variant;
    this.net = new Network(network.layers, this.activations, this.initialParams, {
      leakySlope: network.leakySlope,
      eluAlpha: network.eluAlpha
    });
    this.optimizer = createOptimizer({
      name: training.optimizer,
      learningRate: training.learningRate,
      momentum: training.momentum,
      beta1: training.beta1,
      beta2: training.beta2,
      epsilon: training.epsilon,
      regularization: training.regularization,
      regularizationRate: training.regularizationRate
    });
    this.batchRng = createRng(training.seed + 2, training.rng);
    this.pass = null;
    this.inStep = false;
    for (let i = 0; i < this.order.length; i++) {
      this.order[i] = i;
    }
    this.epoch = 0;
    this.error = null;
    this.records = emptyHistory();
    this.saveGood();
    this.starting = this.startSteps();
  }

  /**
   * Epoch 0, the untrained network with the full-batch gradient norms, in short units.
   * It is evaluated on first need: by `prepareStep` (the runner's units), or at once when
   * the history, a snapshot or training asks for it.
   */
  private *startSteps(): Generator<void, void, void> {
    const norms =
      this.train.X.rows > 0 && this.dataset.y.cols > 0
        ? yield* this.fullBatchNorms()
        : new Array<number>(this.net.numLayers).fill(0);
    const untrained = yield* this.evaluateSteps(this.train);
    this.start0 = baseline(untrained.loss, largestMagnitude(this.net.W.map(w => w.data)));
    const test = yield* this.evaluateSteps(this.test);
    this.record(0, untrained, test, norms);
  }

  /**
   * One unit of getting ready after building or a reset (evaluating the untrained
   * network); true once ready.
   */
  prepareStep(): boolean {
    if (this.starting === null) {
      return true;
    }
    if (this.starting.next().done) {
      this.starting = null;
      return true;
    }
    return false;
  }

  /** Finish getting ready now. */
  private settle(): void {
    while (!this.prepareStep()) {
      // Evaluating the untrained network, a block of rows at a time.
    }
  }

  /**
   * Per-layer norms of the gradient of the loss over the whole training set, summed a
   * block of rows at a time: a mean loss is the row-weighted mean of the blocks' losses
   * (the l2 loss their sum), and so is its gradient.
   */
  private *fullBatchNorms(): Generator<void, number[], void> {
    const { X, Y } = this.train;
    const n = X.rows;
    const loss = this.variant.training.loss;
    const dW = this.net.W.map(w => new Float64Array(w.data.length));
    const db = this.net.b.map(v => new Float64Array(v.length));
    for (let start = 0; start < n; start += BLOCK_ROWS) {
      const end = Math.min(n, start + BLOCK_ROWS);
      const { gradients } = this.net.lossAndGradients(
        X.rowsView(start, end),
        Y.rowsView(start, end),
        loss
      );
      const weight = loss === 'l2' ? 1 : (end - start) / n;
      for (let l = 0; l < dW.length; l++) {
        addScaled(dW[l], gradients.dW[l].data, weight);
        addScaled(db[l], gradients.db[l], weight);
      }
      if (end < n) {
        yield;
      }
    }
    return dW.map((w, l) => Math.sqrt(sumOfSquares(w) + sumOfSquares(db[l])));
  }

  /** The current weights and biases (copies). */
  getParams(): NetworkParams {
    return this.net.getParams();
  }

  /** The initial weights and biases (copies), e.g. to share with compare variants. */
  getInitialParams(): NetworkParams {
    return copyParams(this.initialParams);
  }

  // -------------------------------------------------------------------------
  // Data preparation
  // -------------------------------------------------------------------------

  /** Gather the rows of a split once, with targets shaped for the output layer. */
  private prepare(indices: Int32Array): Split {
    const d = this.dataset;
    const X = Matrix.zeros(indices.length, this.inputs.cols);
    this.inputs.gatherRows(indices, X);
    const outputs = this.variant.network.layers[this.variant.network.layers.length - 1];
    const output = this.variant.network.output;
    if (d.task === 'regression' || !d.labels) {
      if (d.y.cols === 0) {
        // No targets (custom x alone, nothing trains): zeros stand in, losses are NaN.
        return { X, Y: Matrix.zeros(indices.length, outputs), labels: null };
      }
      if (d.y.cols !== outputs) {
        throw new Error(
          `The targets have ${d.y.cols} columns but the network has ${outputs} outputs`
        );
      }
      const Y = Matrix.zeros(indices.length, d.y.cols);
      d.y.gatherRows(indices, Y);
      return { X, Y, labels: null };
    }
    const labels = Int32Array.from(indices, i => d.labels![i]);
    const Y = classTargets(labels, d.nClasses, outputs, output);
    return { X, Y, labels };
  }

  // -------------------------------------------------------------------------
  // Snapshots
  // -------------------------------------------------------------------------

  /**
   * The separability verdicts a snapshot asked for (see separation.ts), in short units: the
   * programme yields every few pivots, the last hidden layer is computed in blocks of rows
   * when the snapshot does not carry it.
   */
  private *separationSteps(
    which: { input?: boolean; hidden?: boolean },
    hidden: Snapshot['hidden']
  ): Generator<void, Snapshot['separation'], void> {
    const d = this.dataset;
    const labels = d.labels as Int32Array;
    const out: NonNullable<Snapshot['separation']> = {};
    if (which.input && d.inputDim === 2) {
      out.input = yield* this.separation.inputSteps(d.x.toArray(), labels, d.nClasses);
    }
    const L = this.net.numLayers;
    if (which.hidden && L > 1) {
      const points =
        hidden?.find(h => h.layer === L - 1)?.points ??
        (yield* forwardInBlocks(this.net, this.inputs, [L - 1])).A[0].toArray();
      const rule = outputRule(
        this.net.W[L - 1].toArray(),
        Array.from(this.net.b[L - 1]),
        this.net.activations[L - 1]
      );
      out.hidden = yield* this.separation.hiddenSteps(
        L - 1,
        this.epoch,
        points,
        labels,
        d.nClasses,
        {
          hints: d.nClasses === 2 ? [rule] : undefined,
          final: this.done
        }
      );
    }
    return out;
  }

  /** Plain-data report of the run so far; the costly parts only when asked for. */
  snapshot(options: SnapshotOptions = {}): Snapshot {
    return runToEnd(this.snapshotSteps(options));
  }

  /**
   * `snapshot` in short units: it yields after every block of grid points, every hidden
   * layer and every costly part, so that a caller can answer messages in between. Nothing
   * may train between two units of one snapshot (the parts would then disagree).
   */
  *snapshotSteps(options: SnapshotOptions = {}): Generator<void, Snapshot, void> {
    while (!this.prepareStep()) {
      yield;
    }
    const d = this.dataset;
    const snapshot: Snapshot = {
      variant: this.variantIndex,
      label: this.variant.label,
      epoch: this.epoch,
      totalEpochs: this.variant.training.epochs,
      done: this.done,
      task: d.task,
      nClasses: d.nClasses,
      history: historyFrom(this.history, options.historyFrom ?? 0)
    };
    if (this.error) {
      snapshot.error = { ...this.error };
    }
    const L = this.net.numLayers;
    const gridN = typeof options.grid === 'number' ? options.grid : this.variant.grid;
    if ((options.grid || options.neurons || options.outputs) && d.inputDim <= 2 && gridN > 0) {
      const grid = this.gridFor(gridN);
      // Only the layers whose maps are sent: the output, and the hidden layers with units
      // to map.
      const mapped = options.neurons ? unitsToMap(this.net.sizes, options.neuronUnits) : [];
      const layers = [L];
      mapped.forEach((units, i) => units > 0 && layers.push(i + 1));
      const evaluated = yield* forwardInBlocks(this.net, grid.inputs, layers);
      const out = evaluated.A[0];
      // Copying the maps out of the blocks' matrices is a unit of its own.
      yield;
      if (options.grid) {
        snapshot.grid = {
          n: gridN,
          x: grid.x.slice(),
          y: grid.y.slice(),
          values: this.gridValues(out)
        };
      }
      if (options.neurons) {
        // Units beyond what the charts draw get an empty map: the count stays right.
        let k = 1;
        snapshot.neurons = mapped.map((units, i) => {
          const A = units > 0 ? evaluated.A[k++] : null;
          return Array.from({ length: this.net.sizes[i + 1] }, (_, u) =>
            A && u < units ? column(A, u) : []
          );
        });
      }
      if (options.outputs) {
        snapshot.outputs = Array.from({ length: out.cols }, (_, u) => column(out, u));
      }
      yield;
    }
    if (options.hidden && L > 1) {
      const first = options.hiddenLayers === 'last' ? L - 1 : 1;
      const hiddenLayers = Array.from({ length: L - first }, (_, i) => first + i);
      const evaluated = yield* forwardInBlocks(this.net, this.inputs, hiddenLayers);
      const hidden: NonNullable<Snapshot['hidden']> = [];
      for (let l = first; l < L; l++) {
        yield;
        const A = evaluated.A[l - first];
        const points = A.toArray();
        const entry: NonNullable<Snapshot['hidden']>[number] = { layer: l, units: A.cols, points };
        if (A.cols > MAX_PLOTTED_UNITS) {
          // In units of a block of rows (or a sweep of the eigen-solver): at 2000 points of
          // 64 units one uninterrupted PCA is about 80 ms.
          entry.projected = (yield* pcaSteps(points, 2)).projected;
        }
        hidden.push(entry);
      }
      snapshot.hidden = hidden;
    }
    if (options.values) {
      const rows = Math.min(VALUE_ROWS, d.x.rows);
      const X = Matrix.zeros(rows, d.x.cols);
      d.x.gatherRows(
        Int32Array.from({ length: rows }, (_, i) => i),
        X
      );
      const cache = this.net.forward(X);
      snapshot.values = {
        x: X.toArray(),
        layers: this.net.activations.map((activation, l) => ({
          activation,
          Z: cache.Z[l + 1].toArray(),
          A: cache.A[l + 1].toArray()
        }))
      };
    }
    if (options.activations) {
      const layers = Array.from({ length: L }, (_, i) => i + 1);
      const { A, Z } = yield* forwardInBlocks(this.net, this.inputs, layers, true);
      yield;
      // Index 0 (the inputs) is not read by the statistics. A layer per unit.
      snapshot.activations = yield* cacheStatsSteps(this.net.activations, {
        A: [this.inputs, ...A],
        Z: [this.inputs, ...Z]
      });
    }
    if (options.weights) {
      snapshot.weights = {
        W: this.net.W.map(w => w.toArray()),
        b: this.net.b.map(v => Array.from(v))
      };
    }
    if (options.separation && d.task === 'classification' && d.labels && d.nClasses >= 2) {
      yield;
      snapshot.separation = yield* this.separationSteps(options.separation, snapshot.hidden);
    }
    const hiddenLinear = this.net.activations.slice(0, -1).every(a => a === 'identity');
    if (options.collapse && hiddenLinear) {
      yield;
      // With a squashing output (sigmoid, softmax) the collapse is that of its pre-activation.
      const throughOutput = this.net.activations[L - 1] === 'identity';
      const X = this.inputs;
      const { K, c } = affineCollapse(this.net, undefined, throughOutput);
      // The network's output (or pre-activation) in blocks of rows: the same rows as one
      // forward pass, without one long unit for a wide, deep network.
      const forward = yield* forwardInBlocks(this.net, X, [L], !throughOutput);
      const network = throughOutput ? forward.A[0] : forward.Z[0];
      const affine = applyAffine(X, K, c);
      // max |net(x) - (x K + c)|, as affineCollapse measures it.
      let maxDiff = 0;
      for (let i = 0; i < network.data.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(network.data[i] - affine.data[i]));
      }
      snapshot.collapse = {
        K: K.toArray(),
        c: Array.from(c),
        maxDiff,
        network: column(network, 0),
        affine: column(affine, 0)
      };
      if (!throughOutput) {
        snapshot.collapse.preActivation = true;
      }
    }
    if (options.wideHiddenPoints === false) {
      // After the verdicts, which read the last layer's points.
      for (const entry of snapshot.hidden ?? []) {
        if (entry.projected) {
          entry.points = [];
        }
      }
    }
    return snapshot;
  }

  /** Grid inputs, kept between snapshots while the resolution stays the same. */
  private gridFor(n: number): { x: number[]; y: number[]; inputs: Matrix } {
    if (!this.grid || this.grid.n !== n) {
      const g = gridInputs(this.dataset.domain, n);
      this.grid = { n, x: g.x, y: g.y, inputs: this.toInputs(g.inputs) };
    }
    return this.grid;
  }

  /** Points in the data's coordinates -> what the first layer sees (their features). */
  toInputs(X: Matrix): Matrix {
    const features = this.variant.data.features;
    return features && features.length > 0 ? applyFeatures(X, features) : X;
  }

  /**
   * What the boundary view draws at each grid point: P(class 1) for a binary
   * classifier (a tanh output t is mapped to (t + 1) / 2; a two-unit softmax
   * gives its second column), the predicted class for more classes, and the
   * output itself for regression.
   */
  private gridValues(out: Matrix): number[] {
    const d = this.dataset;
    const output = this.variant.network.output;
    if (d.task === 'regression') {
      return column(out, 0);
    }
    if (out.cols === 1) {
      const values = column(out, 0);
      return output === 'tanh' ? values.map(t => (t + 1) / 2) : values;
    }
    if (d.nClasses === 2) {
      return column(out, 1);
    }
    return Array.from({ length: out.rows }, (_, i) => predictedClass(out, i, output));
  }
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/**
 * Targets for class labels, shaped for the output layer:
 * - one output unit: 0/1 (or -1/+1 for a tanh output, whose range is (-1, 1));
 * - one unit per class: one-hot rows (-1/+1 rows for tanh).
 */
function classTargets(
  labels: Int32Array,
  nClasses: number,
  outputs: number,
  output: ActivationName
): Matrix {
  const low = output === 'tanh' ? -1 : 0;
  if (outputs === 1) {
    if (nClasses > 2) {
      throw new Error(`${nClasses} classes need ${nClasses} output units (with softmax), not 1`);
    }
    return Matrix.column(Array.from(labels, l => (l > 0 ? 1 : low)));
  }
  if (outputs !== nClasses) {
    throw new Error(
      `${nClasses} classes need 1 output unit (two classes) or ${nClasses}, not ${outputs}`
    );
  }
  const Y = Matrix.zeros(labels.length, outputs).fill(low);
  for (let i = 0; i < labels.length; i++) {
    Y.set(i, labels[i], 1);
  }
  return Y;
}

/** Class predicted by row i of the outputs: threshold for one unit, arg max otherwise. */
function predictedClass(out: Matrix, i: number, output: ActivationName): number {
  const k = out.cols;
  if (k === 1) {
    const threshold = output === 'tanh' ? 0 : 0.5;
    return out.data[i] > threshold ? 1 : 0;
  }
  let best = 0;
  for (let j = 1; j < k; j++) {
    if (out.data[i * k + j] > out.data[i * k + best]) {
      best = j;
    }
  }
  return best;
}

/** A hint for a diverging run, naming the epoch and the likely cause. */
export function divergenceMessage(
  epoch: number,
  loss: number,
  variant: ResolvedVariant,
  batchSize: number
): string {
  const { learningRate, optimizer, loss: lossName } = variant.training;
  const what = Number.isNaN(loss)
    ? 'became NaN'
    : !Number.isFinite(loss)
      ? 'became infinite'
      : `exploded to ${loss.toExponential(1)}`;
  // A typical safe rate: Adam's steps have a fixed size, plain gradient steps scale with the gradient.
  const typical = optimizer === 'adam' ? 0.01 : 0.1;
  const suggestion = Number(Math.min(learningRate / 100, typical).toPrecision(1));
  let message = `Training stopped at epoch ${epoch}: the loss ${what}.`;
  if (learningRate > typical / 10) {
    message += ` The learning rate ${learningRate} is probably too high: try ${suggestion}.`;
  } else {
    message +=
      ` Even with the learning rate ${learningRate} the weights blew up: check the scale of the data` +
      ` and the initialisation ('${variant.network.init}'), or try a learning rate of ${suggestion}.`;
  }
  if (lossName === 'l2' && batchSize >= 16) {
    message += ` The l2 loss adds up the errors of all ${batchSize} points of a batch, so big batches take big steps; 'mse' averages them.`;
  }
  message += ' The weights are back at their last finite values.';
  return message;
}

/** a += weight * b, element by element. */
function addScaled(a: Float64Array, b: Float64Array, weight: number): void {
  for (let i = 0; i < a.length; i++) {
    a[i] += weight * b[i];
  }
}

function sumOfSquares(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    s += v[i] * v[i];
  }
  return s;
}

/**
 * How many units of each hidden layer get a map: all of them, or at most `limit[l - 1]` of
 * hidden layer l (the first ones, which are those the charts draw).
 */
function unitsToMap(sizes: readonly number[], limit?: readonly number[]): number[] {
  const hidden = sizes.slice(1, -1);
  return hidden.map((n, i) => Math.max(0, Math.min(n, limit?.[i] ?? n)));
}

function cloneVariant(v: ResolvedVariant): ResolvedVariant {
  return {
    label: v.label,
    grid: v.grid,
    data: { ...v.data },
    training: { ...v.training },
    network: {
      ...v.network,
      layers: v.network.layers.slice(),
      activations: v.network.activations.slice()
    }
  };
}

function copyParams(p: NetworkParams): NetworkParams {
  return { W: p.W.map(w => w.clone()), b: p.b.map(v => v.slice()) };
}

/** True when the parameters have the shapes of a network with these layer sizes. */
function paramsFit(p: NetworkParams, sizes: number[]): boolean {
  if (p.W.length !== sizes.length - 1 || p.b.length !== sizes.length - 1) {
    return false;
  }
  return p.W.every(
    (w, l) => w.rows === sizes[l] && w.cols === sizes[l + 1] && p.b[l].length === sizes[l + 1]
  );
}
