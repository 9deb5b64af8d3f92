/**
 * Every example the project shows a student, with the claim it makes and a check of that
 * claim on a trained run. The README, the `Lab` docstring, the defaults of `Lab(data="xor")`
 * and each demo of the gallery are here, so that one script can train each of them from many
 * seeds and measure how often the example shows its point (`npm run solve-rates`).
 */
import { resolveVariants } from '../core/spec';
import { validateSpec } from '../core/spec';
import { Trainer } from '../core/trainer';
import { DEMOS, findDemo } from './catalogue';
import type { SpecJSON } from './cells';

/** Trained runs of an example: one trainer per variant, base first. */
export type Runs = Trainer[];

export interface Example {
  /** Where a student meets it, e.g. "README" or "demo xor-linear-vs-relu". */
  id: string;
  /** The spec as shown (seed left out: the runner sets it). */
  spec: SpecJSON;
  /** What the example promises, in words. */
  claim: string;
  /** Train only this many epochs instead of the spec's (the claim is about the start). */
  epochs?: number;
  /** True when the trained runs show the claim. */
  shows(runs: Runs): boolean;
}

const last = (xs: number[]): number => xs[xs.length - 1];
const trainAccuracy = (t: Trainer): number => last(t.history.trainAccuracy);
const trainLoss = (t: Trainer): number => last(t.history.trainLoss);

/** The spec of a demo of the gallery. */
function demoSpec(id: string): SpecJSON {
  const demo = findDemo(id);
  if (!demo) {
    throw new Error(`no demo ${id}`);
  }
  return demo.spec;
}

/** A ReLU network classifies all four XOR points. */
const solvesXor = (runs: Runs): boolean => trainAccuracy(runs[0]) === 1;

/** The README's first example: `Lab(data="xor", layers=[2, 16, 1], activation="relu", epochs=500)`. */
export const README_EXAMPLE: SpecJSON = {
  data: { name: 'xor' },
  network: { layers: [2, 16, 1], activation: 'relu' },
  training: { epochs: 500 }
};

/** The example of the `Lab` class docstring: ReLU against identity on XOR. */
export const DOCSTRING_EXAMPLE: SpecJSON = {
  data: { name: 'xor' },
  network: { layers: [2, 16, 1], activation: 'relu' },
  compare: [{ label: 'identity', network: { activation: 'identity' } }]
};

export const EXAMPLES: readonly Example[] = [
  {
    id: 'Lab(data="xor") with every default',
    spec: { data: { name: 'xor' } },
    claim: 'solves XOR',
    shows: solvesXor
  },
  {
    id: 'README',
    spec: README_EXAMPLE,
    claim: 'solves XOR',
    shows: solvesXor
  },
  {
    id: 'Lab docstring',
    spec: DOCSTRING_EXAMPLE,
    claim: 'ReLU solves XOR, identity cannot',
    shows: runs => trainAccuracy(runs[0]) === 1 && trainAccuracy(runs[1]) < 1
  },
  {
    id: 'demo linear-collapse',
    spec: demoSpec('linear-collapse'),
    claim: 'the trained linear network equals x K + c to rounding error and cannot fit the targets',
    shows: runs => {
      const collapse = runs[0].snapshot({ collapse: true }).collapse;
      return !!collapse && collapse.maxDiff < 1e-9 && trainLoss(runs[0]) > 0.1;
    }
  },
  {
    id: 'demo xor-linear-vs-relu',
    spec: demoSpec('xor-linear-vs-relu'),
    claim: 'ReLU classifies all four points, the identity network cannot',
    shows: runs => trainAccuracy(runs[0]) === 1 && trainAccuracy(runs[1]) < 1
  },
  {
    id: 'demo vanishing-gradients',
    spec: demoSpec('vanishing-gradients'),
    claim:
      'the first layer of the sigmoid network gets under 1/20 of the last layer`s gradient, ReLU at least 10 times more',
    epochs: 0,
    shows: runs => {
      const ratio = (t: Trainer) => {
        const norms = t.history.gradNorms[0];
        return norms[0] / last(norms);
      };
      return ratio(runs[0]) < 0.05 && ratio(runs[1]) > 10 * ratio(runs[0]);
    }
  },
  {
    id: 'demo softmax-spiral',
    spec: demoSpec('softmax-spiral'),
    claim: 'ReLU layers classify over 90% of the spiral, the linear softmax under 70%',
    shows: runs => trainAccuracy(runs[0]) > 0.9 && trainAccuracy(runs[1]) < 0.7
  },
  {
    id: 'demo relu-sine',
    spec: demoSpec('relu-sine'),
    claim: 'ReLU units fit the sine wave with a third of the identity network`s loss or less',
    shows: runs => trainLoss(runs[0]) < trainLoss(runs[1]) / 3
  },
  {
    id: 'demo features-xor',
    spec: demoSpec('features-xor'),
    claim: 'one sigmoid unit on (x1, x2, x1*x2), no hidden layer, classifies all four XOR points',
    shows: runs => trainAccuracy(runs[0]) === 1
  }
];

/** Demos whose point does not depend on the seed (no training, or explicit weights). */
export const SEED_FREE_DEMOS: readonly string[] = [
  'activation-functions',
  'hand-made-xor',
  'numpy-bridge'
];

/** Train every variant of an example from one seed, sharing data and initial weights as the widget does. */
export function trainExample(example: Example, seed: number): Runs {
  const spec = JSON.parse(JSON.stringify(example.spec)) as Record<string, any>;
  spec.training = { ...(spec.training ?? {}), seed };
  const result = validateSpec(spec);
  if (!result.ok) {
    throw new Error(`${example.id}: ${result.errors.map(e => e.message).join('; ')}`);
  }
  const variants = resolveVariants(result.spec);
  const first = new Trainer(variants[0]);
  const runs = [
    first,
    ...variants.slice(1).map(
      (v, i) =>
        new Trainer(v, {
          dataset: first.dataset,
          params: first.getInitialParams(),
          variantIndex: i + 1
        })
    )
  ];
  for (const t of runs) {
    t.runEpochs(example.epochs ?? t.variant.training.epochs);
  }
  return runs;
}

/** How many of the seeds 0 .. seeds - 1 show the example's claim. */
export function solveRate(example: Example, seeds: number): number {
  let shown = 0;
  for (let seed = 0; seed < seeds; seed++) {
    if (example.shows(trainExample(example, seed))) {
      shown++;
    }
  }
  return shown;
}

/** Every demo of the gallery is either measured here or needs no seed. */
export function unmeasuredDemos(): string[] {
  const measured = new Set(EXAMPLES.map(e => e.id.replace(/^demo /, '')));
  return DEMOS.map(d => d.id).filter(id => !measured.has(id) && !SEED_FREE_DEMOS.includes(id));
}
