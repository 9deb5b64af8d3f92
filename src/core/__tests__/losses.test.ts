import { getActivation } from '../activations';
import { isFused, LOSS_NAMES, lossGradient, lossValue, lossValueAndGradient } from '../losses';
import { Matrix } from '../matrix';
import type { ActivationName, LossName } from '../types';
import { centralDifference } from './support';

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1e-8, Math.abs(a), Math.abs(b));
}

describe('loss values follow the fixed conventions', () => {
  const yHat = Matrix.from([
    [1, 2],
    [3, 4]
  ]);
  const y = Matrix.from([
    [0, 2],
    [1, 1]
  ]);

  it('l2 is half the sum of squares, not divided by the batch size', () => {
    // errors 1, 0, 2, 3 -> squares sum to 14
    expect(lossValue('l2', yHat, y)).toBe(7);
  });

  it('mse is the mean over batch and outputs', () => {
    expect(lossValue('mse', yHat, y)).toBe(3.5);
  });

  it('bce is the mean binary cross-entropy', () => {
    const p = Matrix.from([[0.8], [0.3]]);
    const t = Matrix.from([[1], [0]]);
    expect(lossValue('bce', p, t)).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 15);
  });

  it('cce is the mean over the batch of -log p(true class)', () => {
    const p = Matrix.from([
      [0.7, 0.2, 0.1],
      [0.1, 0.1, 0.8]
    ]);
    const t = Matrix.from([
      [1, 0, 0],
      [0, 0, 1]
    ]);
    expect(lossValue('cce', p, t)).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8)) / 2, 15);
  });

  it('the logit forms agree with the probability forms', () => {
    const z = Matrix.from([
      [0.3, -1.2, 2],
      [-0.4, 0.9, 0.1]
    ]);
    const sig = Matrix.zeros(2, 3);
    getActivation('sigmoid').forward(z, sig);
    const t = Matrix.from([
      [1, 0, 0.5],
      [0, 1, 1]
    ]);
    expect(lossValue('bce', sig, t, z, 'sigmoid')).toBeCloseTo(lossValue('bce', sig, t), 14);
    const soft = Matrix.zeros(2, 3);
    getActivation('softmax').forward(z, soft);
    const oneHot = Matrix.from([
      [0, 0, 1],
      [1, 0, 0]
    ]);
    expect(lossValue('cce', soft, oneHot, z, 'softmax')).toBeCloseTo(
      lossValue('cce', soft, oneHot),
      14
    );
  });

  it('the logit forms stay finite and exact where probabilities round to 0 or 1', () => {
    const z = Matrix.from([[800], [-800]]);
    const p = Matrix.zeros(2, 1);
    getActivation('sigmoid').forward(z, p);
    const wrong = Matrix.from([[0], [1]]);
    // each term is |z| = 800
    expect(lossValue('bce', p, wrong, z, 'sigmoid')).toBeCloseTo(800, 10);
    const zs = Matrix.from([[1000, 0, -1000]]);
    const s = Matrix.zeros(1, 3);
    getActivation('softmax').forward(zs, s);
    expect(lossValue('cce', s, Matrix.from([[0, 0, 1]]), zs, 'softmax')).toBeCloseTo(2000, 10);
    // Probability forms clamp log at -100 instead of returning Infinity.
    expect(lossValue('bce', p, wrong)).toBe(100);
  });
});

describe('loss gradients dL/dZ match central differences', () => {
  const z = Matrix.from([
    [0.3, -1.2, 0.8],
    [-0.4, 0.9, 0.1],
    [1.5, -0.2, -2.1]
  ]);
  const targets: Record<LossName, Matrix> = {
    l2: Matrix.from([
      [0.5, -1, 2],
      [0, 0.3, 1],
      [1, 1, -0.5]
    ]),
    mse: Matrix.from([
      [0.5, -1, 2],
      [0, 0.3, 1],
      [1, 1, -0.5]
    ]),
    bce: Matrix.from([
      [1, 0, 0.25],
      [0, 1, 1],
      [0.5, 0, 1]
    ]),
    cce: Matrix.from([
      [0, 1, 0],
      [1, 0, 0],
      [0, 0, 1]
    ])
  };
  const pairs: [LossName, ActivationName][] = [];
  for (const loss of LOSS_NAMES) {
    for (const out of ['identity', 'sigmoid', 'tanh', 'softmax'] as ActivationName[]) {
      // Cross-entropies need probabilities: only sigmoid and softmax outputs give them.
      if ((loss === 'bce' || loss === 'cce') && (out === 'identity' || out === 'tanh')) {
        continue;
      }
      pairs.push([loss, out]);
    }
  }

  it.each(pairs)('%s with %s output', (loss, outName) => {
    const act = getActivation(outName);
    const y = targets[loss];
    const total = (zz: Matrix): number => {
      const a = Matrix.zeros(zz.rows, zz.cols);
      act.forward(zz, a);
      return lossValue(loss, a, y, zz, outName);
    };
    const a = Matrix.zeros(3, 3);
    act.forward(z, a);
    const g = lossGradient(loss, outName, z, a, y, Matrix.zeros(3, 3));
    for (let i = 0; i < z.data.length; i++) {
      expect(relErr(g.data[i], centralDifference(total, z, i, 1e-6))).toBeLessThan(1e-6);
    }
  });

  it('fused gradients are (sigmoid(Z) - Y) / N and (softmax(Z) - Y) / B', () => {
    expect(isFused('bce', 'sigmoid')).toBe(true);
    expect(isFused('cce', 'softmax')).toBe(true);
    expect(isFused('mse', 'sigmoid')).toBe(false);
    const sig = Matrix.zeros(3, 3);
    getActivation('sigmoid').forward(z, sig);
    const gb = lossGradient('bce', 'sigmoid', z, sig, targets.bce, Matrix.zeros(3, 3));
    for (let i = 0; i < 9; i++) {
      expect(gb.data[i]).toBeCloseTo((sig.data[i] - targets.bce.data[i]) / 9, 15);
    }
    const soft = Matrix.zeros(3, 3);
    getActivation('softmax').forward(z, soft);
    const gc = lossGradient('cce', 'softmax', z, soft, targets.cce, Matrix.zeros(3, 3));
    for (let i = 0; i < 9; i++) {
      expect(gc.data[i]).toBeCloseTo((soft.data[i] - targets.cce.data[i]) / 3, 15);
    }
  });

  it('rejects mismatched shapes', () => {
    expect(() => lossValue('mse', Matrix.zeros(2, 1), Matrix.zeros(1, 2))).toThrow(/target/);
  });
});

describe('lossValueAndGradient, the one call training makes', () => {
  const outputs: ActivationName[] = ['identity', 'sigmoid', 'tanh'];
  const z = Matrix.from([
    [0.3, -1.2],
    [2.5, 0.1],
    [-0.7, 0.9]
  ]);
  const y = Matrix.from([
    [1, 0],
    [0, 1],
    [1, 0]
  ]);
  for (const output of outputs) {
    for (const loss of ['l2', 'mse', 'bce'] as LossName[]) {
      it(`equals lossValue + lossGradient bit for bit for ${loss} with a ${output} output`, () => {
        const act = getActivation(output);
        const yHat = Matrix.zeros(3, 2);
        act.forward(z, yHat);
        const expected = Matrix.zeros(3, 2);
        const value = lossValue(loss, yHat, y, z, act);
        lossGradient(loss, act, z, yHat, y, expected);
        const got = Matrix.zeros(3, 2);
        expect(lossValueAndGradient(loss, act, z, yHat, y, got)).toBe(value);
        expect(Array.from(got.data)).toEqual(Array.from(expected.data));
      });
    }
  }

  it('handles cce with softmax through the fused gradient', () => {
    const act = getActivation('softmax');
    const yHat = Matrix.zeros(3, 2);
    act.forward(z, yHat);
    const expected = Matrix.zeros(3, 2);
    lossGradient('cce', act, z, yHat, y, expected);
    const got = Matrix.zeros(3, 2);
    expect(lossValueAndGradient('cce', act, z, yHat, y, got)).toBe(
      lossValue('cce', yHat, y, z, act)
    );
    expect(Array.from(got.data)).toEqual(Array.from(expected.data));
  });
});
