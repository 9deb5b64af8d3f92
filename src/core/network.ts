/**
 * A dense multilayer perceptron with batched forward and backward passes.
 *
 * Notation (B = batch size, L = number of weight layers, sizes[0] inputs, sizes[L] outputs):
 *
 *   A[0] = X                                     the batch, B x sizes[0]
 *   Z[l+1] = A[l] W[l] + b[l]                    pre-activation of layer l+1, B x sizes[l+1]
 *   A[l+1] = f_l(Z[l+1])                         f_l = activations[l]; the last one is the output activation
 *
 * so Z[l] and A[l] describe the same layer l (Z[0] is X as well, for symmetry).
 *
 * Backpropagation, given dZ[L] = dLoss/dZ[L] (see losses.ts):
 *
 *   dW[l] = A[l]^T dZ[l+1]                        weight gradient
 *   db[l] = 1^T dZ[l+1]  (column sums)            bias gradient
 *   dA[l] = dZ[l+1] W[l]^T                        error sent back one layer
 *   dZ[l] = dA[l] * f'_{l-1}(Z[l])                through the activation (softmax: its Jacobian)
 *   norms[l] = sqrt(||dW[l]||_F^2 + ||db[l]||^2)   gradient norm of the layer
 *
 * The norms are computed when first read after a backward pass (not every step: the optimiser
 * does not need them), so reading `gradients.norms` always gives the norms of the latest pass.
 *
 * Speed: the network keeps preallocated buffers for Z, A and dZ per batch size (a few sizes
 * are remembered, so that alternating a training batch with a grid evaluation does not
 * reallocate; the last one is found without a lookup) and one set of gradient buffers.
 * Forward and backward allocate nothing; Z = A W + b is one fused loop (matrix.ts `affine`).
 *
 * IMPORTANT: the ForwardCache and Gradients returned are VIEWS into these buffers; the next
 * call to forward / backward / lossAndGradients with the same batch size overwrites them.
 * Use `cloneCache` / `cloneGradients` (or `predict`, which copies) to keep values.
 */
import { ActivationInfo, ActivationParams, getActivation } from './activations';
import { lossFromSum, lossSumAndGradient, lossValue, lossValueAndGradient } from './losses';
import { Matrix, affine, matmulTransA, matmulTransB, sumRows } from './matrix';
import { NetworkParams, initialiseWeights } from './init';
import type { Rng } from './rng';
import type { ActivationName, InitName, LossName } from './types';

export type { NetworkParams } from './init';

/** Pre-activations and activations of every layer; index 0 is the input X. Views: see the file comment. */
export interface ForwardCache {
  Z: Matrix[];
  A: Matrix[];
}

/** Gradients of the loss for every layer l = 0..L-1. Views: see the file comment. */
export interface Gradients {
  dW: Matrix[];
  db: Float64Array[];
  /** Frobenius norm of [dW[l]; db[l]]. */
  norms: number[];
}

/**
 * The network's own gradient buffers. `norms` is a getter that computes the per-layer norms
 * from dW and db on its first read after each backward pass, so training steps that never
 * look at them (the optimiser does not) skip that work.
 */
class GradientBuffers implements Gradients {
  readonly dW: Matrix[];
  readonly db: Float64Array[];
  private readonly normValues: number[];
  private normsStale = true;

  constructor(W: readonly Matrix[], b: readonly Float64Array[]) {
    this.dW = W.map(w => Matrix.zeros(w.rows, w.cols));
    this.db = b.map(v => new Float64Array(v.length));
    this.normValues = new Array<number>(W.length).fill(0);
  }

  /** Called by every backward pass: dW and db have changed. */
  markChanged(): void {
    this.normsStale = true;
  }

  get norms(): number[] {
    if (this.normsStale) {
      for (let l = 0; l < this.dW.length; l++) {
        // norms[l] = sqrt(||dW[l]||_F^2 + ||db[l]||^2)
        this.normValues[l] = Math.sqrt(sumSquares(this.dW[l].data) + sumSquares(this.db[l]));
      }
      this.normsStale = false;
    }
    return this.normValues;
  }
}

/** Result of a fused forward + loss + backward pass. Views: see the file comment. */
export interface LossAndGradients {
  loss: number;
  gradients: Gradients;
  cache: ForwardCache;
}

/** Constants of the parametric activations (leaky ReLU slope, ELU alpha). */
export type NetworkOptions = ActivationParams;

/** Plain JSON form of a network. */
export interface NetworkJSON {
  sizes: number[];
  activations: ActivationName[];
  weights: number[][][];
  biases: number[][];
  leakySlope?: number;
  eluAlpha?: number;
}

/** Buffers for one batch size. */
interface Workspace {
  batch: number;
  cache: ForwardCache;
  /** dZ[l] for l = 1..L (dZ[0] unused). */
  dZ: Matrix[];
}

/** How many batch sizes keep their buffers at once: training uses up to four (batch, last
 * partial batch, train set, test set) and a snapshot two more (all points, the grid). */
const MAX_WORKSPACES = 8;

export class Network {
  /** Units per layer, input first. */
  readonly sizes: readonly number[];
  /** One activation per layer after the input; the last is the output activation. */
  activations: readonly ActivationName[];
  /** W[l]: sizes[l] x sizes[l+1]. Updated in place by the optimisers. */
  readonly W: Matrix[];
  /** b[l]: sizes[l+1] entries. Updated in place by the optimisers. */
  readonly b: Float64Array[];
  readonly options: NetworkOptions;

  private acts: ActivationInfo[];
  private readonly grads: GradientBuffers;
  private readonly result: LossAndGradients;
  private readonly workspaces = new Map<number, Workspace>();
  private lastWorkspace: Workspace | null = null;

  /**
   * @param sizes units per layer, e.g. [2, 2, 1]
   * @param activations one per layer after the input (sizes.length - 1 names)
   * @param params initial weights and biases (copied); zeros when omitted
   * @param options leaky ReLU slope and ELU alpha
   */
  constructor(
    sizes: readonly number[],
    activations: readonly ActivationName[],
    params?: NetworkParams,
    options: NetworkOptions = {}
  ) {
    if (sizes.length < 2 || sizes.some(n => !Number.isInteger(n) || n < 1)) {
      throw new Error(`Network: invalid layer sizes [${sizes.join(', ')}]`);
    }
    const L = sizes.length - 1;
    if (activations.length !== L) {
      throw new Error(`Network: ${L} layers need ${L} activations, got ${activations.length}`);
    }
    this.sizes = sizes.slice();
    this.options = { ...options };
    this.activations = activations.slice();
    this.acts = this.activations.map(a => getActivation(a, this.options));
    this.W = [];
    this.b = [];
    for (let l = 0; l < L; l++) {
      this.W.push(Matrix.zeros(sizes[l], sizes[l + 1]));
      this.b.push(new Float64Array(sizes[l + 1]));
    }
    if (params) {
      this.setParams(params);
    }
    this.grads = new GradientBuffers(this.W, this.b);
    this.result = { loss: 0, gradients: this.grads, cache: { Z: [], A: [] } };
  }

  /** A network with weights drawn by an initialisation scheme (see init.ts). */
  static create(
    sizes: readonly number[],
    activations: readonly ActivationName[],
    init: InitName,
    rng: Rng,
    options: NetworkOptions = {}
  ): Network {
    return new Network(sizes, activations, initialiseWeights(sizes, init, rng), options);
  }

  static fromJSON(json: NetworkJSON): Network {
    return new Network(
      json.sizes,
      json.activations,
      { W: json.weights.map(w => Matrix.from(w)), b: json.biases.map(v => Float64Array.from(v)) },
      { leakySlope: json.leakySlope, eluAlpha: json.eluAlpha }
    );
  }

  /** Number of weight layers L. */
  get numLayers(): number {
    return this.W.length;
  }

  /** Number of trainable parameters. */
  get numParams(): number {
    let n = 0;
    for (let l = 0; l < this.W.length; l++) {
      n += this.W[l].data.length + this.b[l].length;
    }
    return n;
  }

  /** Swap the activations (e.g. the UI switching ReLU to identity), keeping the weights. */
  setActivations(activations: readonly ActivationName[]): void {
    if (activations.length !== this.numLayers) {
      throw new Error(
        `setActivations: ${this.numLayers} layers need ${this.numLayers} activations, got ${activations.length}`
      );
    }
    this.activations = activations.slice();
    this.acts = this.activations.map(a => getActivation(a, this.options));
  }

  /** The buffers for batch size B, created on first use. */
  private workspace(B: number): Workspace {
    const last = this.lastWorkspace;
    if (last !== null && last.batch === B) {
      return last;
    }
    let ws = this.workspaces.get(B);
    if (!ws) {
      if (this.workspaces.size >= MAX_WORKSPACES) {
        // Forget the oldest batch size (Map iterates in insertion order).
        const oldest = this.workspaces.keys().next().value as number;
        this.workspaces.delete(oldest);
      }
      const L = this.numLayers;
      const Z: Matrix[] = [Matrix.zeros(B, this.sizes[0])];
      const A: Matrix[] = [Z[0]];
      const dZ: Matrix[] = [Matrix.zeros(0, 0)];
      for (let l = 1; l <= L; l++) {
        Z.push(Matrix.zeros(B, this.sizes[l]));
        A.push(Matrix.zeros(B, this.sizes[l]));
        dZ.push(Matrix.zeros(B, this.sizes[l]));
      }
      ws = { batch: B, cache: { Z, A }, dZ };
      this.workspaces.set(B, ws);
    }
    this.lastWorkspace = ws;
    return ws;
  }

  // -------------------------------------------------------------------------------------
  // Forward and backward
  // -------------------------------------------------------------------------------------

  /**
   * Forward pass for the batch X (B x sizes[0]). Returns views Z[l], A[l] for l = 0..L,
   * with Z[0] = A[0] = X (the very matrix passed in).
   */
  forward(X: Matrix): ForwardCache {
    if (X.cols !== this.sizes[0]) {
      throw new Error(
        `forward: inputs have ${X.cols} columns, the network expects ${this.sizes[0]}`
      );
    }
    const ws = this.workspace(X.rows);
    const { Z, A } = ws.cache;
    if (A[0] !== X) {
      // (only when X changes: storing an object into an array costs a write barrier)
      Z[0] = X;
      A[0] = X;
    }
    for (let l = 0; l < this.numLayers; l++) {
      // Z[l+1] = A[l] W[l] + b[l]
      affine(A[l], this.W[l], this.b[l], Z[l + 1]);
      // A[l+1] = f_l(Z[l+1])
      this.acts[l].forward(Z[l + 1], A[l + 1]);
    }
    return ws.cache;
  }

  /**
   * Backward pass from dZout = dLoss/dZ[L] (B x sizes[L]) using the cache of a forward pass
   * on a batch of the same size. Returns views dW[l], db[l] and the per-layer norms.
   */
  backward(cache: ForwardCache, dZout: Matrix): Gradients {
    const L = this.numLayers;
    const B = cache.A[0].rows;
    if (dZout.rows !== B || dZout.cols !== this.sizes[L]) {
      throw new Error(
        `backward: dZ is ${dZout.rows} x ${dZout.cols}, expected ${B} x ${this.sizes[L]}`
      );
    }
    return this.backpropagate(cache, dZout, this.workspace(B));
  }

  /**
   * The backward pass proper, for arguments already checked (see `backward`). With
   * `accumulate`, the rows are the next block of a batch and their sums over rows continue
   * those already in dW and db (see `lossAndGradientsSteps`).
   */
  private backpropagate(
    cache: ForwardCache,
    dZout: Matrix,
    ws: Workspace,
    accumulate = false
  ): Gradients {
    const L = this.numLayers;
    const { dW, db } = this.grads;
    let delta = dZout; // dZ[l+1]
    for (let l = L - 1; l >= 0; l--) {
      // dW[l] = A[l]^T dZ[l+1]
      matmulTransA(cache.A[l], delta, dW[l], accumulate);
      // db[l] = column sums of dZ[l+1]
      sumRows(delta, db[l], accumulate);
      if (l > 0) {
        // dA[l] = dZ[l+1] W[l]^T, then dZ[l] = dA[l] * f'(Z[l]) in place
        const dZl = ws.dZ[l];
        matmulTransB(delta, this.W[l], dZl);
        this.acts[l - 1].backward(cache.Z[l], cache.A[l], dZl, dZl);
        delta = dZl;
      }
    }
    this.grads.markChanged(); // norms[l] are computed when read (GradientBuffers)
    return this.grads;
  }

  /**
   * The training fast path: forward on X, the loss against targets Y (conventions of
   * losses.ts, using the logits for bce + sigmoid and cce + softmax), its gradient
   * dLoss/dZ[L] and the backward pass. Returns views (the same result object every call).
   * The loss here excludes any weight penalty (see the optimiser's `penalty`).
   */
  lossAndGradients(X: Matrix, Y: Matrix, loss: LossName): LossAndGradients {
    const cache = this.forward(X);
    const L = this.numLayers;
    const out = this.acts[L - 1];
    const ws = this.workspace(X.rows); // the one forward just used: no lookup
    this.result.loss = lossValueAndGradient(loss, out, cache.Z[L], cache.A[L], Y, ws.dZ[L]);
    this.backpropagate(cache, ws.dZ[L], ws);
    this.result.cache = cache;
    return this.result;
  }

  /**
   * `lossAndGradients` over the batch (X, Y) in consecutive blocks of `blockRows` rows,
   * yielding after every block but the last; returns the same result object.
   *
   * Bit for bit the numbers of one `lossAndGradients` call on the whole batch: each row's
   * forward pass, loss gradient (scaled by the whole batch's size) and error sent back depend
   * on that row alone, and the sums over rows (dW = A^T dZ, db, the loss) are one running sum
   * per entry, rows in increasing order, which each block continues where the previous one
   * stopped (matmulTransA and sumRows with `accumulate`, `lossSumAndGradient`).
   *
   * Between two blocks the partial sums live in the network's gradient buffers: forward
   * passes (snapshots, evaluations) may run in between, but no other backward pass, and the
   * weights must not change until the generator has finished. `cache` of the result is the
   * last block's.
   */
  *lossAndGradientsSteps(
    X: Matrix,
    Y: Matrix,
    loss: LossName,
    blockRows: number
  ): Generator<void, LossAndGradients, void> {
    const n = X.rows;
    if (!(blockRows >= 1) || n <= blockRows) {
      return this.lossAndGradients(X, Y, loss);
    }
    if (Y.rows !== n) {
      throw new Error(`lossAndGradientsSteps: ${n} input rows but ${Y.rows} target rows`);
    }
    const L = this.numLayers;
    const out = this.acts[L - 1];
    const size = Math.floor(blockRows);
    let sum = 0;
    for (let start = 0; start < n; start += size) {
      const end = Math.min(n, start + size);
      const cache = this.forward(X.rowsView(start, end));
      const ws = this.workspace(end - start); // the one forward just used: no lookup
      sum = lossSumAndGradient(
        loss,
        out,
        cache.Z[L],
        cache.A[L],
        Y.rowsView(start, end),
        ws.dZ[L],
        n,
        sum
      );
      this.backpropagate(cache, ws.dZ[L], ws, start > 0);
      this.result.cache = cache;
      if (end < n) {
        yield;
      }
    }
    this.result.loss = lossFromSum(loss, sum, n, this.sizes[L]);
    return this.result;
  }

  /** The loss on (X, Y) without gradients. */
  loss(X: Matrix, Y: Matrix, loss: LossName): number {
    const cache = this.forward(X);
    const L = this.numLayers;
    return lossValue(loss, cache.A[L], Y, cache.Z[L], this.activations[L - 1]);
  }

  /** The network's outputs for X, as a new matrix (safe to keep). */
  predict(X: Matrix): Matrix {
    return this.forward(X).A[this.numLayers].clone();
  }

  // -------------------------------------------------------------------------------------
  // Parameters
  // -------------------------------------------------------------------------------------

  /** A deep copy of the weights and biases. */
  getParams(): NetworkParams {
    return { W: this.W.map(w => w.clone()), b: this.b.map(v => v.slice()) };
  }

  /** Copy weights and biases (shapes must match) into the network. */
  setParams(params: NetworkParams): void {
    const L = this.numLayers;
    if (params.W.length !== L || params.b.length !== L) {
      throw new Error(`setParams: expected ${L} weight matrices and bias vectors`);
    }
    for (let l = 0; l < L; l++) {
      const w = params.W[l];
      if (w.rows !== this.W[l].rows || w.cols !== this.W[l].cols) {
        throw new Error(
          `setParams: W[${l}] is ${w.rows} x ${w.cols}, expected ${this.W[l].rows} x ${this.W[l].cols}`
        );
      }
      if (params.b[l].length !== this.b[l].length) {
        throw new Error(
          `setParams: b[${l}] has ${params.b[l].length} entries, expected ${this.b[l].length}`
        );
      }
      this.W[l].data.set(w.data);
      this.b[l].set(params.b[l]);
    }
  }

  /** True when every weight and bias is finite (training stops otherwise). */
  isFinite(): boolean {
    for (let l = 0; l < this.numLayers; l++) {
      const w = this.W[l].data;
      for (let i = 0; i < w.length; i++) {
        if (!Number.isFinite(w[i])) {
          return false;
        }
      }
      const v = this.b[l];
      for (let i = 0; i < v.length; i++) {
        if (!Number.isFinite(v[i])) {
          return false;
        }
      }
    }
    return true;
  }

  /** An independent copy: same architecture, options and parameters, fresh buffers. */
  clone(): Network {
    return new Network(this.sizes, this.activations, this.getParams(), this.options);
  }

  toJSON(): NetworkJSON {
    const json: NetworkJSON = {
      sizes: this.sizes.slice(),
      activations: this.activations.slice(),
      weights: this.W.map(w => w.toArray()),
      biases: this.b.map(v => Array.from(v))
    };
    if (this.options.leakySlope !== undefined) {
      json.leakySlope = this.options.leakySlope;
    }
    if (this.options.eluAlpha !== undefined) {
      json.eluAlpha = this.options.eluAlpha;
    }
    return json;
  }
}

function sumSquares(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    s += a[i] * a[i];
  }
  return s;
}

/** A copy of a forward cache that later passes will not overwrite. */
export function cloneCache(cache: ForwardCache): ForwardCache {
  return { Z: cache.Z.map(m => m.clone()), A: cache.A.map(m => m.clone()) };
}

/** A copy of gradients that later passes will not overwrite. */
export function cloneGradients(g: Gradients): Gradients {
  return { dW: g.dW.map(m => m.clone()), db: g.db.map(v => v.slice()), norms: g.norms.slice() };
}
