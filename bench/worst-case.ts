/**
 * The worst-case valid spec, measured (not a test): how long the worker's units of work take
 * (building, training, snapshots), how late a pause or a reset is honoured, how big a
 * snapshot is and how much heap it all needs.
 *
 *   npm run bench:worst    (tsc -p bench/tsconfig.json && node --expose-gc bench/out/bench/worst-case.js)
 *
 * The spec sits at every cap at once: 9 networks (the base and 8 compared variants), 2000
 * points, layers [2, 64 x 7, 1], one point per batch, a 100 x 100 grid and every view. Its
 * epochs are the most the work budget allows. The training loop is the worker's own
 * (`Runner` with the core trainers), run here in Node on the main thread: a unit that takes
 * long here blocks the worker's message queue just as long.
 */
import { resolveVariants, validateSpec } from '../src/core/spec';
import type { ResolvedVariant, Snapshot, ViewName } from '../src/core/types';
import { Trainer } from '../src/core/trainer';
import { Runner, timerClock } from '../src/engine/runner';
import type { Clock } from '../src/engine/runner';
import type { Command, EngineEvent } from '../src/engine/protocol';
import { neuronUnitsFor } from '../src/widgets/neuronUnits';
import { snapshotOptionsFor } from '../src/engine/snapshotOptions';
import { createTrainers } from '../src/engine/trainers';
import { pack, unpack } from '../src/engine/transport';
import { pca, pcaSteps } from '../src/core/pca';
import WORST_CASE from './worst-case-spec.json';
import { separationVerdict, separationVerdictSteps } from '../src/core/separation';

/** The views of the worst-case spec (bench/worst-case-spec.json): every chart's. */
const ALL_VIEWS = WORST_CASE.views as ViewName[];

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

const spec = WORST_CASE;

let peakHeap = 0;
const sampleHeap = () => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};

/**
 * The longest of some units of work: its wall-clock time, and the CPU time of the process
 * during the unit with the most (which leaves out time taken by other processes on a busy
 * machine, but counts the garbage collector's helper threads).
 */
class Longest {
  wall = 0;
  cpu = 0;
  total = 0;

  time<T>(unit: () => T): T {
    const wall = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const result = unit();
    const used = process.cpuUsage(cpu);
    const took = ms(wall);
    this.total += took;
    this.wall = Math.max(this.wall, took);
    this.cpu = Math.max(this.cpu, (used.user + used.system) / 1000);
    return result;
  }

  /** Run `steps` to its end, one unit at a time. */
  drain<T>(steps: Generator<void, T, void>): T {
    for (;;) {
      const step = this.time(() => steps.next());
      if (step.done) {
        return step.value;
      }
    }
  }

  toString(): string {
    return `${this.wall.toFixed(1)} ms (CPU ${this.cpu.toFixed(1)} ms)`;
  }
}

/** Bytes of the JSON of `snapshots` and the numbers in it. */
function measure(snapshots: Snapshot[]): { bytes: number; numbers: number } {
  let bytes = 0;
  let numbers = 0;
  for (const snapshot of snapshots) {
    const text = JSON.stringify(snapshot);
    bytes += text.length;
    numbers += (text.match(/[-\d.e+]+/g) ?? []).length;
  }
  return { bytes, numbers };
}

const line = (what: string, figure: string) => console.log(`${what.padEnd(58)} ${figure}`);

function main(): void {
  const result = validateSpec(spec);
  if (!result.ok) {
    console.log('the worst-case spec is not valid any more:', result.errors);
    return;
  }
  const variants = resolveVariants(result.spec);
  console.log(
    `spec: ${variants.length} networks, ${spec.data.n} points, layers [${spec.network.layers.join(', ')}], ` +
      `batch 1, grid 100, ${ALL_VIEWS.length} views, ${result.spec.training.epochs} epochs`
  );

  // Building: the first trainer at once, the others one per unit of the runner, then each
  // one's untrained network evaluated a block of rows at a time.
  const building = new Longest();
  const set = building.time(() => createTrainers(variants));
  for (const build of set.pending ?? []) {
    set.trainers.push(building.time(build));
  }
  const trainers = set.trainers as Trainer[];
  for (const trainer of trainers) {
    while (!building.time(() => trainer.prepareStep())) {
      // one block of rows per unit
    }
  }
  sampleHeap();
  line('build the trainers, in all', `${building.total.toFixed(0)} ms`);
  line('  longest unit', `${building}`);

  // One epoch of each network, a unit (one mini-batch or one block of the evaluation) at a time.
  let longestEpoch = 0;
  const training = new Longest();
  for (const trainer of trainers) {
    const start = process.hrtime.bigint();
    while (!training.time(() => trainer.trainStep())) {
      // one mini-batch or one block of rows per unit
    }
    longestEpoch = Math.max(longestEpoch, ms(start));
  }
  sampleHeap();
  line('one epoch of one network (longest)', `${longestEpoch.toFixed(0)} ms`);
  line('  longest unit (a mini-batch or an evaluation block)', `${training}`);

  // Snapshots: every view (what a pause or the end sends) with the unit maps the charts can
  // draw, every view with every unit map (as before the charts' limits were applied), and a
  // typical screenful while training (the loss and the decision boundary in sight).
  const neuronUnits = neuronUnitsFor(ALL_VIEWS, variants);
  const cases: Array<[string, ViewName[], number[][] | undefined]> = [
    ['every view, unit maps the charts draw', ALL_VIEWS, neuronUnits],
    ['every view, every unit map', ALL_VIEWS, undefined],
    ['loss and boundary on screen', ['loss', 'boundary'], undefined]
  ];
  for (const [name, views, neuronUnits] of cases) {
    const options = snapshotOptionsFor(views, 100);
    const units = new Longest();
    let longestSnapshot = 0;
    const snapshots = trainers.map((trainer, i) => {
      const start = process.hrtime.bigint();
      const snapshot = units.drain(
        trainer.snapshotSteps({ ...options, neuronUnits: neuronUnits?.[i] })
      );
      longestSnapshot = Math.max(longestSnapshot, ms(start));
      return snapshot;
    });
    sampleHeap();
    const size = measure(snapshots);
    console.log(`snapshot, ${name}:`);
    line('  one network (longest)', `${longestSnapshot.toFixed(0)} ms`);
    line('  longest unit', `${units}`);
    line(
      '  one message (all networks) as JSON',
      `${mb(size.bytes)}, ${(size.numbers / 1e6).toFixed(2)} million numbers`
    );
    transportFigures(snapshots);
  }
  pcaFigures(trainers);
  separationFigures(trainers);
  fullBatchFigures();
  runLoop(variants, neuronUnits);
}

/**
 * One snapshot message on its way to the page, as it was (a structured clone of the nested
 * arrays, which the page pays for in full when the message arrives) and packed (transport.ts:
 * the worker packs, the buffers are moved, the page unpacks). Best of three each.
 */
function transportFigures(snapshots: Snapshot[]): void {
  const best = (fn: () => void) => {
    let least = Infinity;
    for (let i = 0; i < 3; i++) {
      const start = process.hrtime.bigint();
      fn();
      least = Math.min(least, ms(start));
    }
    return least;
  };
  const cloneMs = best(() => structuredClone(snapshots));
  let packed: unknown = null;
  let transfer: ArrayBuffer[] = [];
  const packMs = best(() => {
    transfer = [];
    packed = pack(snapshots, transfer);
  });
  const bytes = transfer.reduce((sum, buffer) => sum + buffer.byteLength, 0);
  const movedMs =
    best(() => {
      const list: ArrayBuffer[] = [];
      const fresh = pack(snapshots, list);
      structuredClone(fresh, { transfer: list });
    }) - packMs;
  const arrived = structuredClone(packed);
  const unpackMs = best(() => unpack(arrived));
  line('  structured clone as it was (page: all of it)', `${cloneMs.toFixed(1)} ms`);
  line(
    '  packed: pack (worker) / move / unpack (page)',
    `${packMs.toFixed(1)} / ${Math.max(0, movedMs).toFixed(1)} / ${unpackMs.toFixed(1)} ms, ${mb(bytes)} moved`
  );
}

/**
 * The hidden view's PCA of the last hidden layer (2000 x 64), in one piece and in units.
 */
function pcaFigures(trainers: Trainer[]): void {
  const snapshot = trainers[0].snapshot({ hidden: true, hiddenLayers: 'last' });
  const points = snapshot.hidden?.[snapshot.hidden.length - 1].points ?? [];
  const whole = new Longest();
  whole.time(() => pca(points, 2));
  const units = new Longest();
  units.drain(pcaSteps(points, 2));
  line(
    `PCA of the last hidden layer (${points.length} x ${points[0]?.length ?? 0}) in one piece`,
    `${whole}`
  );
  line('  in units: longest unit', `${units}`);
}

/**
 * The separation verdict of the last hidden layer (2000 x 64, after one epoch) with the
 * simplex programme (no hint: the network's own rule would settle a separable layer at
 * once), in one piece and in units (separation.ts `separationVerdictSteps`).
 */
function separationFigures(trainers: Trainer[]): void {
  const snapshot = trainers[0].snapshot({ hidden: true, hiddenLayers: 'last' });
  const points = snapshot.hidden?.[snapshot.hidden.length - 1].points ?? [];
  const labels = trainers[0].dataset.labels as Int32Array;
  const whole = new Longest();
  const verdict = whole.time(() => separationVerdict(points, labels, 2));
  const units = new Longest();
  units.drain(separationVerdictSteps(points, labels, 2));
  line(
    `separation verdict, last hidden layer (${points.length} x ${points[0]?.length ?? 0}) in one piece`,
    `${whole} (separable: ${verdict.classes[0].separable})`
  );
  line('  in units: longest unit', `${units}`);
}

/**
 * A full-batch step at the caps (batch 2000 of [2, 64 x 7, 1]: 1600 training rows): one
 * forward and backward pass over every training row, in one piece as it was, and in blocks
 * of 128 rows as the trainers now take it (Network.lossAndGradientsSteps).
 */
function fullBatchFigures(): void {
  const result = validateSpec({ ...spec, compare: [], training: { batchSize: 2000, epochs: 3 } });
  if (!result.ok) {
    console.log('the full-batch spec is not valid:', result.errors);
    return;
  }
  const variant = resolveVariants(result.spec)[0];
  const longestUnit = (stepBlockRows?: number) => {
    const trainer = new Trainer(variant, { stepBlockRows });
    while (!trainer.prepareStep()) {
      // evaluating the untrained network
    }
    const units = new Longest();
    for (let epoch = 0; epoch < 2; epoch++) {
      while (!units.time(() => trainer.trainStep())) {
        // the step, then the evaluation blocks
      }
    }
    return units;
  };
  line('full batch (2000 rows) at the caps: longest training unit', `${longestUnit()}`);
  line('  the step in one piece (as before #12 split it)', `${longestUnit(Infinity)}`);
}

/**
 * The worker's clock in Node: zero-delay ticks through `setImmediate`, which lets timers
 * (the commands below) run between two ticks as a browser lets the page's messages reach a
 * worker between two of its tasks. (Node drains a `MessageChannel`'s queue in long runs
 * that hold timers back, so the worker's own MessageChannel clock would measure Node.)
 */
const nodeClock: Clock = {
  now: () => timerClock.now(),
  schedule: (fn, delay) =>
    delay > 0 ? { timeout: setTimeout(fn, delay) } : { immediate: setImmediate(fn) },
  cancel: handle => {
    const h = handle as {
      timeout?: ReturnType<typeof setTimeout>;
      immediate?: ReturnType<typeof setImmediate>;
    };
    if (h.timeout) {
      clearTimeout(h.timeout);
    }
    if (h.immediate) {
      clearImmediate(h.immediate);
    }
  }
};

/**
 * The worker's own loop (`Runner`) on the worst-case spec: the
 * longest unit while it builds, trains and snapshots, and how late a pause and a reset
 * posted while it trains are honoured. A command posted with `setTimeout` is handled when
 * the current task ends, as a message from the page is in the worker.
 */
function runLoop(variants: ResolvedVariant[], neuronUnits: number[][] | undefined): void {
  let acks = 0;
  let pausedAt = 0n;
  // The loop's own heap: what the measurements above kept is garbage now.
  global.gc?.();
  peakHeap = 0;
  const sampler = setInterval(sampleHeap, 20);
  const runner: Runner = new Runner({
    variants,
    views: ALL_VIEWS,
    neuronUnits,
    factory: createTrainers,
    clock: nodeClock,
    // As in the worker: snapshot messages packed for transfer (transport.ts).
    pack: true,
    post: (event: EngineEvent) => {
      sampleHeap();
      if (event.type === 'snapshots') {
        acks++;
        setTimeout(() => runner.handle({ type: 'ack', id: event.id }), 0);
      } else if (event.type === 'state' && event.state === 'paused') {
        pausedAt = process.hrtime.bigint();
      }
    }
  });
  runner.handle({ type: 'play' });
  const latency = (what: string, command: Command, then: () => void) => {
    const due = process.hrtime.bigint() + 3_000_000_000n;
    setTimeout(() => {
      const late = Number(process.hrtime.bigint() - due) / 1e6;
      pausedAt = 0n;
      runner.handle(command);
      const handled = pausedAt > 0n ? Number(pausedAt - due) / 1e6 : late;
      line(`${what} posted 3 s into training: honoured after`, `${handled.toFixed(1)} ms`);
      then();
    }, 3000);
  };
  latency('pause', { type: 'pause' }, () => {
    runner.handle({ type: 'play' });
    latency('reset', { type: 'reset' }, () => {
      runner.handle({ type: 'play' });
      setTimeout(() => {
        runner.dispose();
        clearInterval(sampler);
        line('epoch reached after 3 + 3 + 5 s of loop', `${runner.epoch}`);
        line('snapshot messages sent', `${acks}`);
        line(
          'longest unit of the loop (build, train, snapshot)',
          `${runner.longestUnitMs.toFixed(1)} ms`
        );
        line(`peak heap during the loop (Node, all ${variants.length} networks)`, mb(peakHeap));
      }, 5000);
    });
  });
}

main();
