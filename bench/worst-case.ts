/**
 * The worst-case valid spec, measured (not a test): how long the worker's indivisible units
 * take, how late a pause is honoured, how big a snapshot is and how much heap it all needs.
 *
 *   tsc -p bench/tsconfig.json && node bench/out/bench/worst-case.js [--epochs N]
 *
 * The spec sits at every cap at once: 9 networks (the base and 8 compared variants), 2000
 * points, layers [2, 64 x 7, 1], one point per batch, a 100 x 100 grid and every view. Its
 * epochs are the most the work budget allows. The training loop is the worker's own
 * (`Runner` with the core trainers), run here in Node on the main thread: a unit that takes
 * long here blocks the worker's message queue just as long.
 */
import { resolveVariants, validateSpec } from '../src/core/spec';
import type { ViewName } from '../src/core/types';
import { Runner } from '../src/engine/runner';
import type { EngineEvent } from '../src/engine/protocol';
import { snapshotOptionsFor } from '../src/engine/snapshotOptions';
import { createTrainers } from '../src/engine/trainers';

const ALL_VIEWS: ViewName[] = [
  'loss',
  'boundary',
  'hidden',
  'activations',
  'gradients',
  'weights',
  'collapse',
  'functions',
  'neurons'
];
const HIDDEN = ['relu', 'tanh', 'sigmoid', 'elu', 'gelu', 'swish', 'softplus', 'leaky_relu'];

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

const spec = {
  data: { name: 'gaussians', n: 2000, classes: 2 },
  network: { layers: [2, 64, 64, 64, 64, 64, 64, 64, 1], activation: 'relu' },
  training: { batchSize: 1, epochs: 11 },
  grid: 100,
  views: ALL_VIEWS,
  compare: HIDDEN.map(activation => ({ network: { activation } }))
};

let peakHeap = 0;
const sampleHeap = () => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};

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

  // Units the worker cannot split today: building the trainers, one epoch of one network,
  // one snapshot of one network.
  let start = process.hrtime.bigint();
  const set = createTrainers(variants);
  const buildMs = ms(start);
  sampleHeap();
  let longestEpoch = 0;
  for (const trainer of set.trainers) {
    start = process.hrtime.bigint();
    trainer.runEpochs(1);
    longestEpoch = Math.max(longestEpoch, ms(start));
  }
  sampleHeap();
  const options = snapshotOptionsFor(ALL_VIEWS, 100);
  let longestSnapshot = 0;
  let snapshotBytes = 0;
  let snapshotNumbers = 0;
  for (const trainer of set.trainers) {
    start = process.hrtime.bigint();
    const snapshot = trainer.snapshot(options);
    longestSnapshot = Math.max(longestSnapshot, ms(start));
    const text = JSON.stringify(snapshot);
    snapshotBytes += text.length;
    snapshotNumbers += (text.match(/[-\d.e+]+/g) ?? []).length;
    sampleHeap();
  }
  console.log(`build the trainers: ${buildMs.toFixed(0)} ms`);
  console.log(`longest epoch of one network (indivisible): ${longestEpoch.toFixed(0)} ms`);
  console.log(`longest snapshot of one network (indivisible): ${longestSnapshot.toFixed(0)} ms`);
  console.log(
    `one snapshot message (all networks): ${mb(snapshotBytes)} as JSON, about ` +
      `${(snapshotNumbers / 1e6).toFixed(1)} million numbers`
  );

  // Pause latency through the worker's loop: ask for a pause while it trains and time how
  // late the 'paused' state comes back.
  let pauseAskedAt = 0n;
  let pausedAfter = NaN;
  const runner: Runner = new Runner({
    variants,
    views: ALL_VIEWS,
    factory: createTrainers,
    post: (event: EngineEvent) => {
      sampleHeap();
      if (event.type === 'snapshots') {
        setTimeout(() => runner.handle({ type: 'ack', id: event.id }), 0);
      } else if (event.type === 'state' && event.state === 'paused' && pauseAskedAt > 0n) {
        pausedAfter = ms(pauseAskedAt);
      }
    }
  });
  runner.handle({ type: 'play' });
  setTimeout(() => {
    // Stands for the moment the page's message reaches the worker's queue: it runs only
    // when the current unit of work has finished.
    pauseAskedAt = process.hrtime.bigint();
  }, 300);
  const due = process.hrtime.bigint() + 300_000_000n;
  setTimeout(() => {
    const late = Number(process.hrtime.bigint() - due) / 1e6;
    runner.handle({ type: 'pause' });
    runner.dispose();
    console.log(
      `pause asked 300 ms into training: honoured ${(late + (Number.isNaN(pausedAfter) ? 0 : pausedAfter)).toFixed(0)} ms late`
    );
    console.log(`peak heap: ${mb(peakHeap)} (Node, all ${variants.length} networks)`);
  }, 300);
}

main();
