/**
 * Test doubles for the engine: a clock driven by hand and a trainer whose "loss" is a simple
 * function of the epoch, so the tests can check the loop without the real maths.
 */
import type { ActivationName, DataSummary, ResolvedVariant, Snapshot } from '../../core/types';
import type { Clock, TrainerLike, TrainerSet } from '../runner';
import { makeDataset, toSummary } from '../../core/datasets';
import { createRng } from '../../core/rng';

/** A clock whose time only moves when told; timers run when `advance` passes them. */
export class ManualClock implements Clock {
  time = 0;
  timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;

  now(): number {
    return this.time;
  }

  schedule(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, fn, id });
    return id;
  }

  cancel(handle: unknown): void {
    this.timers = this.timers.filter(t => t.id !== handle);
  }

  /** Run due timers one at a time (earliest first) until `ms` have passed. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > end) {
        break;
      }
      this.timers.shift();
      this.time = Math.max(this.time, next.at);
      next.fn();
    }
    this.time = end;
  }
}

/**
 * A clock on which every reading takes a millisecond: with chunkMs 1 the runner then does one
 * unit of work per tick.
 */
export class SlowClock extends ManualClock {
  now(): number {
    return this.time++;
  }

  /** Run the earliest timer, whenever it is due. */
  runNext(): void {
    this.timers.sort((a, b) => a.at - b.at);
    const next = this.timers.shift();
    if (next) {
      this.time = Math.max(this.time, next.at);
      next.fn();
    }
  }
}

/**
 * A trainer whose loss after e epochs is lr-dependent: loss = 1 / (1 + lr * e).
 * Each epoch costs `epochMs` of the shared clock. With `divergeAt`, the epoch of that number
 * sets `error` and training stops, as the core trainer does on a non-finite loss.
 */
export class FakeTrainer implements TrainerLike {
  epoch = 0;
  error: { epoch: number; message: string } | null = null;
  losses: number[] = [1];
  activations: (ActivationName | undefined)[] = [];
  snapshots = 0;

  constructor(
    private clock: ManualClock,
    public learningRate = 0.5,
    private epochMs = 1,
    private divergeAt?: number,
    private label = 'base'
  ) {}

  runEpochs(k: number): void {
    for (let i = 0; i < k && !this.error; i++) {
      if (this.divergeAt !== undefined && this.epoch + 1 >= this.divergeAt) {
        this.error = { epoch: this.epoch, message: `loss became NaN at epoch ${this.epoch + 1}` };
        return;
      }
      this.epoch++;
      this.clock.time += this.epochMs;
      this.losses.push(1 / (1 + this.learningRate * this.epoch));
    }
  }

  snapshot(): Snapshot {
    this.snapshots++;
    const epochs = this.losses.map((_, i) => i);
    return {
      variant: 0,
      label: this.label,
      epoch: this.epoch,
      totalEpochs: 100,
      done: false,
      task: 'classification',
      nClasses: 2,
      history: {
        epoch: epochs,
        trainLoss: [...this.losses],
        testLoss: [],
        trainAccuracy: this.losses.map(l => 1 - l / 2),
        testAccuracy: [],
        gradNorms: []
      },
      ...(this.error ? { error: this.error } : {})
    };
  }

  /** Like the core trainer, a new learning rate clears a divergence. */
  setLearningRate(lr: number): void {
    this.learningRate = lr;
    this.error = null;
    this.divergeAt = undefined;
  }

  setActivation(layer: number | 'all', name: ActivationName): void {
    this.activations[layer === 'all' ? 0 : layer] = name;
    this.error = null;
  }

  reset(): void {
    this.epoch = 0;
    this.error = null;
    this.losses = [1];
  }
}

/**
 * The four XOR points, all for training, summarised by the core itself: the runner only
 * passes the summary through, so the fake needs real data, not a copy of it.
 */
export const FAKE_DATA: DataSummary = toSummary(
  makeDataset({ name: 'xor', n: 4, noise: 0, trainFraction: 1, classes: 2 }, createRng(0))
);

/** A factory producing fake trainers (one per entry of `learningRates`). */
export function fakeFactory(
  clock: ManualClock,
  created: FakeTrainer[],
  learningRates = [0.5],
  divergeAt?: number,
  epochs = 100
): (variants: ResolvedVariant[]) => TrainerSet {
  return () => {
    const trainers = learningRates.map(
      (lr, i) =>
        new FakeTrainer(
          clock,
          lr,
          1,
          i === learningRates.length - 1 ? divergeAt : undefined,
          `v${i}`
        )
    );
    created.push(...trainers);
    return { trainers, data: FAKE_DATA, totalEpochs: epochs };
  };
}
