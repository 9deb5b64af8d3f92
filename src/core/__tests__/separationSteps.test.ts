/**
 * The separation verdict in short units (#12): driven to its end, the programme in steps
 * gives exactly what the verdict in one piece gave (the same pivots, so the same objects,
 * every number equal), while no unit does more than a few pivots.
 */

import { createRng } from '../rng';
import {
  SeparationTracker,
  UNIT_WORK,
  separateTwoSteps,
  separationVerdict,
  separationVerdictSteps
} from '../separation';
import * as onePiece from './separationInOnePiece';
import { Trainer } from '../trainer';
import { makeVariant } from './variantFixture';
import { REFERENCE } from './separabilityReference';

/** Drive `steps` to its end; its result and how many units it took. */
function drive<T>(steps: Generator<void, T, void>): { value: T; units: number } {
  let units = 1;
  let step = steps.next();
  while (!step.done) {
    units++;
    step = steps.next();
  }
  return { value: step.value, units };
}

/** n points in d dimensions, classes by a noisy linear rule (a few labels flipped). */
function noisySet(n: number, d: number, seed: number, flip: number): [number[][], number[]] {
  const rng = createRng(seed);
  const w = Array.from({ length: d }, () => rng.normal());
  const points = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
  const labels = points.map(p => {
    const side = p.reduce((s, v, k) => s + v * w[k], 0) > 0 ? 1 : 0;
    return rng.uniform() < flip ? 1 - side : side;
  });
  return [points, labels];
}

describe('separationVerdictSteps', () => {
  it.each(REFERENCE.map(c => [c.name, c] as const))(
    'driven to its end equals the verdict in one piece: %s',
    (_name, c) => {
      const expected = onePiece.separationVerdict(c.points, c.labels, c.nClasses);
      const { value } = drive(separationVerdictSteps(c.points, c.labels, c.nClasses));
      expect(value).toEqual(expected);
      expect(value.classes.map(k => k.separable)).toEqual(c.separable);
      expect(separationVerdict(c.points, c.labels, c.nClasses)).toEqual(expected);
    }
  );

  it('cuts a wide, large programme into many units of a few pivots each', () => {
    // 600 points in 40 dimensions, 5% of labels flipped: not separable, hundreds of pivots.
    const [points, labels] = noisySet(600, 40, 4, 0.05);
    const expected = onePiece.separationVerdict(points, labels, 2);
    const { value, units } = drive(separationVerdictSteps(points, labels, 2));
    expect(value).toEqual(expected);
    expect(value.classes[0].separable).toBe(false);
    // A unit is at most UNIT_WORK / (45 x 642), 34 pivots of this tableau.
    expect(Math.floor(UNIT_WORK / ((42 + 3) * (600 + 42)))).toBe(34);
    expect(units).toBeGreaterThan(5);
  });

  it('a separable wide set and several classes: the same hyperplanes', () => {
    const [points, labels] = noisySet(400, 30, 9, 0);
    const expected = onePiece.separationVerdict(points, labels, 2);
    const { value, units } = drive(separationVerdictSteps(points, labels, 2));
    expect(value).toEqual(expected);
    expect(value.classes[0].separable).toBe(true);
    expect(units).toBeGreaterThan(2);
    const three = labels.map((l, i) => (i % 5 === 0 ? 2 : l));
    expect(drive(separationVerdictSteps(points, three, 3)).value).toEqual(
      onePiece.separationVerdict(points, three, 3)
    );
  });

  it('stops at the same work cap with "undecided"', () => {
    const [points, labels] = noisySet(500, 40, 2, 0.05);
    const positive = labels.map(l => l > 0);
    const maxWork = 20 * 42 * 542; // 20 pivots
    const expected = onePiece.separateTwo(points, positive, null, maxWork);
    expect(expected.separable).toBeNull();
    const { value, units } = drive(separateTwoSteps(points, positive, null, maxWork));
    expect(value).toEqual(expected);
    expect(units).toBeGreaterThan(1);
  });

  it('SeparationTracker.hiddenSteps gives what hidden gives', () => {
    const [points, labels] = noisySet(300, 20, 6, 0.04);
    const once = new SeparationTracker().hidden(3, 7, points, labels, 2);
    const tracker = new SeparationTracker();
    const { value, units } = drive(tracker.hiddenSteps(3, 7, points, labels, 2));
    expect(value).toEqual(once);
    expect(units).toBeGreaterThan(1);
    // Kept: the same points again give the same object, in one unit.
    const again = drive(tracker.hiddenSteps(3, 8, points, labels, 2));
    expect(again.value).toBe(value);
    expect(again.units).toBe(1);
  });
});

describe('Trainer.snapshotSteps with the separation verdicts', () => {
  it('gives in units the verdicts of the snapshot made at once', () => {
    const variant = makeVariant({
      data: { name: 'xor', n: 400, noise: 0.2, trainFraction: 0.8 },
      network: { layers: [2, 24, 24, 1], activations: ['relu', 'relu'] },
      training: { epochs: 5, seed: 3 }
    });
    const options = { separation: { input: true, hidden: true } };
    const atOnce = new Trainer(variant);
    atOnce.runEpochs(2);
    const inUnits = new Trainer(variant);
    inUnits.runEpochs(2);
    const expected = atOnce.snapshot(options);
    const { value, units } = drive(inUnits.snapshotSteps(options));
    expect(value).toEqual(expected);
    expect(value.separation!.input!.classes[0].separable).toBe(false);
    expect(value.separation!.hidden!.epoch).toBe(2);
    expect(units).toBeGreaterThan(3);
  });
});
