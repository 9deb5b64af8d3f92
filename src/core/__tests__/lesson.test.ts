/**
 * The facts of the lesson (docs: DESIGN.md, "The lesson"), checked by computation.
 * Each test would fail if the maths behind the claim broke.
 */
import {
  affineCollapse,
  hiddenRepresentation,
  leastSquaresFit,
  linearSeparability
} from '../analysis';
import { Matrix } from '../matrix';
import { resolveVariants } from '../spec';
import { Trainer } from '../trainer';
import { validSpec } from './support';
import { HAND_MADE_XOR, makeVariant } from './variantFixture';

const CORNERS = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1]
];
const GATES: Record<string, number[]> = {
  xor: [0, 1, 1, 0],
  and: [0, 0, 0, 1],
  or: [0, 1, 1, 1],
  nand: [1, 1, 1, 0]
};

/** Every point strictly on the side of w.x + b = 0 that its label says. */
function separates(points: number[][], labels: number[], w: number[], b: number): boolean {
  return points.every((p, i) => {
    const s = p.reduce((acc, v, k) => acc + v * w[k], b);
    return labels[i] > 0 ? s > 0 : s < 0;
  });
}

/** Plain triple-loop product, independent of the core's matrix code. */
function product(a: number[][], b: number[][]): number[][] {
  return a.map(row => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}

describe('XOR is not linearly separable; AND, OR and NAND are', () => {
  it('no line separates XOR', () => {
    expect(linearSeparability(CORNERS, GATES.xor).separable).toBe(false);
    // Nor XNOR, its complement.
    expect(
      linearSeparability(
        CORNERS,
        GATES.xor.map(v => 1 - v)
      ).separable
    ).toBe(false);
  });

  for (const gate of ['and', 'or', 'nand']) {
    it(`${gate.toUpperCase()} is separated by the line the LP returns`, () => {
      const r = linearSeparability(CORNERS, GATES[gate]);
      expect(r.separable).toBe(true);
      expect(separates(CORNERS, GATES[gate], r.w!, r.b!)).toBe(true);
    });
  }

  it('the best least-squares line predicts 0.5 at every XOR corner', () => {
    const fit = leastSquaresFit(CORNERS, GATES.xor);
    fit.predictions.forEach(p => expect(Math.abs(p - 0.5)).toBeLessThan(1e-12));
    fit.w.forEach(w => expect(Math.abs(w)).toBeLessThan(1e-12));
    expect(Math.abs(fit.b - 0.5)).toBeLessThan(1e-12);
  });
});

describe('stacked identity layers collapse into one affine map', () => {
  // The classic lesson: the four corners with a constant third feature, XOR as the target.
  const x = CORNERS.map(corner => [...corner, 1]);
  const y = GATES.xor.map(v => [v]);
  const variant = makeVariant({
    data: { name: 'custom', x, y, n: 4, trainFraction: 1 },
    network: {
      layers: [3, 4, 10, 1],
      activations: ['identity', 'identity'],
      output: 'identity',
      init: 'uniform'
    },
    training: { loss: 'l2', optimizer: 'sgd', learningRate: 0.01, epochs: 200, seed: 1 }
  });

  it('a trained 3-4-10-1 identity network equals x K + c, K = W1 W2 W3', () => {
    const t = new Trainer(variant);
    const initialLoss = t.history.trainLoss[0];
    t.runEpochs(200);
    expect(t.error).toBeNull();
    expect(t.history.trainLoss[200]).toBeLessThan(initialLoss);
    const { W, b } = t.getParams();
    // Training moved the biases away from their zero start, so c matters.
    expect(b.some(v => v.some(bi => Math.abs(bi) > 1e-3))).toBe(true);

    const X = Matrix.from(x);
    const { K, c, maxDiff } = affineCollapse(t.net, X);
    expect(maxDiff).toBeLessThan(1e-12);

    const [W1, W2, W3] = W.map(w => w.toArray());
    const expectedK = product(product(W1, W2), W3);
    K.toArray().forEach((row, i) =>
      row.forEach((v, j) => expect(Math.abs(v - expectedK[i][j])).toBeLessThan(1e-12))
    );
    // c = b1 W2 W3 + b2 W3 + b3
    const [b1, b2, b3] = b.map(v => [Array.from(v)]);
    const expectedC = product(product(b1, W2), W3)[0][0] + product(b2, W3)[0][0] + b3[0][0];
    expect(Math.abs(c[0] - expectedC)).toBeLessThan(1e-12);

    // Being affine, it can do no better than the least-squares line: l2 loss >= 0.5 * sum (0.5 - y)^2 = 0.5.
    const best = leastSquaresFit(
      x,
      y.map(r => r[0])
    );
    const bestLoss = 0.5 * best.predictions.reduce((s, p, i) => s + (p - y[i][0]) ** 2, 0);
    expect(bestLoss).toBeCloseTo(0.5, 12);
    // The history holds the loss per point: times the 4 points it is the l2 as defined.
    expect(t.history.trainLoss[200] * x.length).toBeGreaterThanOrEqual(bestLoss - 1e-12);
  });
});

describe('a ReLU hidden layer solves XOR', () => {
  const handMade = makeVariant({
    network: { ...HAND_MADE_XOR, activations: ['relu'], output: 'identity' },
    training: { loss: 'l2', optimizer: 'sgd' }
  });

  it('the hand-made 2-2-1 network computes XOR exactly', () => {
    const t = new Trainer(handMade);
    const out = t.net.predict(Matrix.from(CORNERS));
    expect(Array.from(out.data)).toEqual(GATES.xor);
    expect(t.history.trainLoss[0]).toBe(0);
    expect(t.history.trainAccuracy[0]).toBe(1);
  });

  it('in its hidden space the four points are linearly separable', () => {
    const t = new Trainer(handMade);
    const hidden = hiddenRepresentation(t.net, Matrix.from(CORNERS), 1);
    expect(hidden).toEqual([
      [0, 0],
      [1, 0],
      [1, 0],
      [2, 1]
    ]);
    const r = linearSeparability(hidden, GATES.xor);
    expect(r.separable).toBe(true);
    expect(separates(hidden, GATES.xor, r.w!, r.b!)).toBe(true);
  });

  it('with the identity instead of ReLU the same weights fail', () => {
    const t = new Trainer(handMade);
    t.setActivation('all', 'identity');
    const out = Array.from(t.net.predict(Matrix.from(CORNERS)).data);
    expect(out).not.toEqual(GATES.xor);
    expect(
      linearSeparability(hiddenRepresentation(t.net, Matrix.from(CORNERS), 1), GATES.xor).separable
    ).toBe(false);
  });

  // Configuration: 2-4-1, tanh hidden layer, sigmoid output, binary cross-entropy,
  // Adam with learning rate 0.05, full batch, Xavier initialisation, 500 epochs.
  it('a trained 2-4-1 tanh network solves XOR from at least 95 of 100 seeds', () => {
    let solved = 0;
    for (let seed = 0; seed < 100; seed++) {
      const t = new Trainer(makeVariant({ training: { seed, epochs: 500 } }));
      t.runEpochs(500);
      const accuracy = t.history.trainAccuracy[t.history.trainAccuracy.length - 1];
      if (accuracy === 1) {
        solved++;
      }
    }
    expect(solved).toBeGreaterThanOrEqual(95);
  });

  it('a depth-3 network with identity activations never gets more than 3 of 4 XOR points right', () => {
    for (let seed = 0; seed < 20; seed++) {
      const t = new Trainer(
        makeVariant({
          network: { layers: [2, 4, 4, 1], activations: ['identity', 'identity'] },
          training: { seed, epochs: 300 }
        })
      );
      t.runEpochs(300);
      expect(t.error).toBeNull();
      expect(Math.max(...t.history.trainAccuracy)).toBeLessThanOrEqual(0.75);
    }
  });
});

describe('the default experiment teaches the lesson', () => {
  // `Lab(data="xor")` with nothing else: 2-8-1 ReLU, sigmoid output, bce, Adam, 500 epochs.
  function finalAccuracy(spec: unknown, variant = 0): number {
    const valid = validSpec(spec);
    const trainer = new Trainer(resolveVariants(valid)[variant]);
    trainer.runEpochs(valid.training.epochs);
    const accuracy = trainer.history.trainAccuracy;
    return accuracy[accuracy.length - 1];
  }

  it('solves XOR with the default seed, and from most seeds', () => {
    expect(finalAccuracy({ data: { name: 'xor' } })).toBe(1);
    let solved = 0;
    for (let seed = 0; seed < 40; seed++) {
      solved += finalAccuracy({ data: { name: 'xor' }, training: { seed } }) === 1 ? 1 : 0;
    }
    expect(solved).toBeGreaterThanOrEqual(32);
  });

  it('fails XOR once the activation is the identity', () => {
    expect(
      finalAccuracy({ data: { name: 'xor' }, network: { activation: 'identity' } })
    ).toBeLessThanOrEqual(0.75);
  });
});
