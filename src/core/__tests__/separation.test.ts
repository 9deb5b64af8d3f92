import { createRng } from '../rng';
import {
  SeparationTracker,
  affineHull,
  outputRule,
  separateTwo,
  separationVerdict
} from '../separation';
import { Trainer } from '../trainer';
import { makeVariant } from './variantFixture';
import { REFERENCE } from './separabilityReference';

/** Every point strictly on its own side of w . x + b = 0. */
function separates(points: number[][], positive: boolean[], w: number[], b: number): boolean {
  return points.every((p, i) => {
    const s = p.reduce((acc, v, k) => acc + v * w[k], b);
    return positive[i] ? s > 0 : s < 0;
  });
}

const CORNERS = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1]
];

describe('separationVerdict', () => {
  it.each(REFERENCE.map(c => [c.name, c] as const))(
    "agrees with SciPy's linear programme: %s",
    (_name, c) => {
      const verdict = separationVerdict(c.points, c.labels, c.nClasses);
      expect(verdict.classes.map(k => k.separable)).toEqual(c.separable);
      expect(verdict.dim).toBe(c.points[0].length);
      expect(verdict.points).toBe(c.points.length);
      // Every "yes" comes with a hyperplane that really separates.
      verdict.classes.forEach((k, index) => {
        if (k.separable) {
          const positive = c.labels.map(l => (c.nClasses > 2 ? l === index : l > 0));
          expect(separates(c.points, positive, k.w!, k.b!)).toBe(true);
        }
      });
    }
  );

  it('says no for XOR and yes for AND, with a line that separates AND', () => {
    expect(separationVerdict(CORNERS, [0, 1, 1, 0], 2).classes[0].separable).toBe(false);
    const and = separationVerdict(CORNERS, [0, 0, 0, 1], 2).classes[0];
    expect(and.separable).toBe(true);
    expect(separates(CORNERS, [false, false, false, true], and.w!, and.b!)).toBe(true);
  });

  it('never contradicts a proof: each yes separates, and a separating plane means yes', () => {
    // Our "yes" must come with a plane that separates; labels drawn from a plane must get
    // "yes" (SciPy's answers on other sets are checked in the reference test below).
    const rng = createRng(5);
    for (let trial = 0; trial < 40; trial++) {
      const d = 1 + (trial % 4);
      const n = 30 + trial;
      const normal = Array.from({ length: d }, () => rng.normal());
      const points = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
      const labels = points.map(p => {
        const s = p.reduce((acc, v, k) => acc + v * normal[k], 0.1);
        // Every third set gets some labels flipped: usually not separable any more.
        return s > 0 !== (trial % 3 === 0 && rng.uniform() < 0.1) ? 1 : 0;
      });
      const ours = separationVerdict(points, labels, 2).classes[0];
      expect(ours.separable).not.toBeNull();
      if (ours.separable) {
        expect(
          separates(
            points,
            labels.map(l => l > 0),
            ours.w!,
            ours.b!
          )
        ).toBe(true);
      }
      if (trial % 3 !== 0) {
        expect(ours.separable).toBe(true); // the labels came from a plane
      }
    }
  });

  it('judges XOR carried into 64 dimensions by a linear map in the plane it spans', () => {
    const rng = createRng(3);
    const W = Array.from({ length: 2 }, () => Array.from({ length: 64 }, () => rng.normal()));
    const c = Array.from({ length: 64 }, () => rng.normal());
    const points: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const [x1, x2] = CORNERS[i % 4].map(v => v + 0.05 * rng.normal());
      points.push(c.map((ck, k) => x1 * W[0][k] + x2 * W[1][k] + ck));
      labels.push([0, 1, 1, 0][i % 4]);
    }
    expect(affineHull(points).coords[0]).toHaveLength(2);
    expect(separationVerdict(points, labels, 2).classes[0].separable).toBe(false);
    // The same points with a ReLU are separable, and the hyperplane is one of the 64-D space.
    const relu = points.map(p => p.map(v => Math.max(0, v)));
    const verdict = separationVerdict(relu, labels, 2).classes[0];
    expect(verdict.separable).toBe(true);
    expect(verdict.w).toHaveLength(64);
    expect(
      separates(
        relu,
        labels.map(l => l > 0),
        verdict.w!,
        verdict.b!
      )
    ).toBe(true);
  });

  it('takes a hint that separates as the proof, and ignores one that does not', () => {
    const hinted = separateTwo(CORNERS, [false, false, false, true], { w: [1, 1], b: -1.5 });
    // Rescaled so that the smallest margin is 1: 2 * (x1 + x2 - 1.5).
    expect(hinted.w![0]).toBeCloseTo(2, 12);
    expect(hinted.w![1]).toBeCloseTo(2, 12);
    expect(hinted.b).toBeCloseTo(-3, 12);
    const wrong = separateTwo(CORNERS, [false, false, false, true], { w: [1, 0], b: -0.5 });
    expect(wrong.separable).toBe(true);
    expect(separates(CORNERS, [false, false, false, true], wrong.w!, wrong.b!)).toBe(true);
    expect(separateTwo(CORNERS, [false, true, true, false], { w: [1, 1], b: -0.5 }).separable).toBe(
      false
    );
  });

  it('says "undecided" rather than work without bound, and is never wrong', () => {
    const c = REFERENCE.find(r => r.name.startsWith('moons, 300'))!;
    const positive = c.labels.map(l => l > 0);
    const answers = [2, 5, 20, 4000].map(
      cap => separateTwo(c.points, positive, null, cap).separable
    );
    expect(answers[0]).toBeNull();
    answers.forEach(a => expect(a === null || a === c.separable[0]).toBe(true));
  });

  it('answers one question per class for several classes (one vs rest)', () => {
    const points = [[-3], [-2.5], [0], [0.5], [3], [3.5]];
    const verdict = separationVerdict(points, [0, 0, 1, 1, 2, 2], 3);
    expect(verdict.classes.map(k => k.separable)).toEqual([true, false, true]);
  });

  it('one class only, or no points: trivially separable', () => {
    expect(separationVerdict(CORNERS, [1, 1, 1, 1], 2).classes[0].separable).toBe(true);
    expect(separationVerdict([], [], 2).classes[0].separable).toBe(true);
  });
});

describe('outputRule', () => {
  it('is the threshold the core classifies by', () => {
    expect(outputRule([[2], [3]], [1], 'sigmoid')).toEqual({ w: [2, 3], b: 1 });
    expect(outputRule([[2], [3]], [1], 'identity')).toEqual({ w: [2, 3], b: 0.5 });
    expect(
      outputRule(
        [
          [1, 4],
          [2, 1]
        ],
        [0, 1],
        'softmax'
      )
    ).toEqual({ w: [3, -1], b: 1 });
    expect(outputRule([[1, 2, 3]], [0, 0, 0], 'softmax')).toBeNull();
  });
});

describe('SeparationTracker', () => {
  const labels = [0, 1, 1, 0];

  it('computes the input verdict once', () => {
    const tracker = new SeparationTracker();
    const first = tracker.input(CORNERS, labels, 2);
    expect(tracker.input([[0], [1], [2], [3]], labels, 2)).toBe(first);
  });

  it('recomputes the hidden verdict when due, after an edit, or at the end', () => {
    let now = 0;
    const tracker = new SeparationTracker(() => now);
    const moved = (t: number) => CORNERS.map(([a, b]) => [a + t, b]);
    const v0 = tracker.hidden(1, 10, moved(0), labels, 2);
    expect(v0.epoch).toBe(10);
    // Same points: the same verdict object, whatever the epoch.
    expect(tracker.hidden(1, 11, moved(0), labels, 2)).toBe(v0);
    // The clock did not move (the last one took 0 ms, so it is due at once).
    expect(tracker.hidden(1, 12, moved(1), labels, 2).epoch).toBe(12);
    // Make the computation look expensive: 5 ms, so the next is due 50 ms later.
    let calls = 0;
    const slow = new SeparationTracker(() => {
      calls++;
      return calls % 2 === 0 ? now + 5 : now;
    });
    slow.hidden(1, 1, moved(0), labels, 2);
    now = 20;
    expect(slow.hidden(1, 2, moved(1), labels, 2).epoch).toBe(1); // not due: stale
    expect(slow.hidden(1, 2, moved(2), labels, 2, { final: true }).epoch).toBe(2); // the end
    expect(slow.hidden(1, 2, moved(3), labels, 2).epoch).toBe(2); // edit at the same epoch
  });
});

describe('Trainer snapshots', () => {
  const options = { hidden: true, separation: { input: true, hidden: true } };
  const xor = (activation: 'relu' | 'identity', layers = [2, 2, 1]) =>
    new Trainer(
      makeVariant({
        network: { layers, activation, activations: [activation], init: 'he' },
        training: { seed: 5, epochs: 400 }
      })
    );

  it('XOR with ReLU: not separable in the input plane; the hidden layer becomes separable', () => {
    const t = xor('relu');
    const before = t.snapshot(options).separation!;
    expect(before.input!.classes[0].separable).toBe(false);
    expect(before.hidden!.classes[0].separable).toBe(false);
    t.runEpochs(400);
    const after = t.snapshot(options).separation!;
    expect(t.history.trainAccuracy[t.history.trainAccuracy.length - 1]).toBe(1);
    expect(after.hidden!.classes[0].separable).toBe(true);
    expect(after.hidden!.layer).toBe(1);
    expect(after.hidden!.epoch).toBe(400);
    expect(after.input!.classes[0].separable).toBe(false);
  });

  it('XOR with identity units: never separable, also in 8 dimensions', () => {
    for (const layers of [
      [2, 2, 1],
      [2, 8, 1]
    ]) {
      const t = xor('identity', layers);
      t.runEpochs(400);
      const s = t.snapshot(options).separation!;
      expect(s.hidden!.classes[0].separable).toBe(false);
      expect(s.hidden!.dim).toBe(layers[1]);
    }
  });

  it('only when asked, and never for regression', () => {
    expect(xor('relu').snapshot({ hidden: true }).separation).toBeUndefined();
    const sine = new Trainer(
      makeVariant({
        data: { name: 'sine', n: 40 },
        network: {
          layers: [1, 4, 1],
          activation: 'relu',
          activations: ['relu'],
          output: 'identity'
        },
        training: { loss: 'mse' }
      })
    );
    expect(sine.snapshot(options).separation).toBeUndefined();
  });
});
