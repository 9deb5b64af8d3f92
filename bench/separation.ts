/**
 * The cost of the separability verdict (src/core/separation.ts) at the spec's caps, measured
 * (not a test): 2000 points, a 64-unit last hidden layer.
 *
 *   tsc -p bench/tsconfig.json && node bench/out/bench/separation.js
 *
 * Each case trains a network for a few epochs with the core's own trainer and then times the
 * verdict on the input plane and on the last hidden layer, as one snapshot computes it. The
 * peer is one more training epoch of the same network in the same run, so the hidden
 * verdict reads as a ratio to an epoch; "?" is an undecided verdict (the work cap was
 * reached).
 */
import { separationVerdict } from '../src/core/separation';
import { resolveVariants, validateSpec } from '../src/core/spec';
import { Trainer } from '../src/core/trainer';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timed<T>(fn: () => T, runs = 3): { value: T; ms: number } {
  let value = fn();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    value = fn();
    times.push(ms(start));
  }
  return { value, ms: median(times) };
}

interface Case {
  name: string;
  data: Record<string, unknown>;
  layers: number[];
  activation: string;
  epochs: number;
}

const CASES: Case[] = [
  {
    name: 'xor, 2-64-1 identity',
    data: { name: 'xor' },
    layers: [2, 64, 1],
    activation: 'identity',
    epochs: 5
  },
  {
    name: 'xor, 2-64-1 relu',
    data: { name: 'xor' },
    layers: [2, 64, 1],
    activation: 'relu',
    epochs: 5
  },
  {
    name: 'moons, 2-64-1 relu',
    data: { name: 'moons' },
    layers: [2, 64, 1],
    activation: 'relu',
    epochs: 5
  },
  {
    name: 'spiral, 2-64-64-1 tanh',
    data: { name: 'spiral' },
    layers: [2, 64, 64, 1],
    activation: 'tanh',
    epochs: 5
  },
  {
    name: 'gaussians 3 classes, 2-64-3 relu',
    data: { name: 'gaussians', classes: 3 },
    layers: [2, 64, 3],
    activation: 'relu',
    epochs: 5
  }
];

function main(): void {
  const sizes = [200, 2000];
  console.log(
    'case | points | verdict input (ms) | verdict hidden (ms) | peer: one epoch (ms), hidden verdict / epoch'
  );
  for (const c of CASES) {
    for (const n of sizes) {
      const result = validateSpec({
        data: { ...c.data, n },
        network: { layers: c.layers, activation: c.activation },
        training: { epochs: c.epochs, seed: 1 }
      });
      if (!result.ok) {
        console.log(c.name, 'invalid spec', result.errors);
        continue;
      }
      const trainer = new Trainer(resolveVariants(result.spec)[0]);
      trainer.runEpochs(c.epochs);
      const d = trainer.dataset;
      const labels = Array.from(d.labels as Int32Array);
      const x = d.x.toArray();
      const cache = trainer.net.forward(trainer.inputs);
      const hidden = cache.A[trainer.net.numLayers - 1].toArray();
      const input = timed(() => separationVerdict(x, labels, d.nClasses));
      const inner = timed(() => separationVerdict(hidden, labels, d.nClasses));
      const epoch = timed(() => trainer.runEpochs(1), 1);
      const peer = `${epoch.ms.toFixed(1)}, ${(inner.ms / Math.max(epoch.ms, 0.01)).toFixed(2)}x`;
      const verdicts = (v: typeof inner.value) =>
        v.classes.map(k => (k.separable === null ? '?' : k.separable ? 'yes' : 'no')).join('/');
      console.log(
        `${c.name} | ${n} | ${input.ms.toFixed(1)} [${verdicts(input.value)}] | ` +
          `${inner.ms.toFixed(1)} [${verdicts(inner.value)}] | ${peer}`
      );
    }
  }
}

main();
