import {
  ACTIVATIONS,
  ACTIVATION_NAMES,
  erf,
  erfc,
  getActivation,
  sigmoid,
  softmaxRows,
  softplus,
  tanh
} from '../activations';
import { Matrix } from '../matrix';
import type { ActivationName } from '../types';
import { centralDifference } from './support';

/** Central difference (f(x+h) - f(x-h)) / 2h. */
function numericDerivative(f: (x: number) => number, x: number, h = 1e-5): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
}

// Points away from the kinks of relu, leaky relu, elu and step (all at 0).
const POINTS = [-4.3, -2.1, -1, -0.37, 0.21, 0.8, 1.5, 2.9, 4.6];

describe('activation catalogue', () => {
  it('lists every activation with formulas, a description and a saturation flag', () => {
    expect(ACTIVATION_NAMES.length).toBe(13);
    for (const name of ACTIVATION_NAMES) {
      const a = ACTIVATIONS[name];
      expect(a.name).toBe(name);
      expect(a.formula.length).toBeGreaterThan(3);
      expect(a.derivative.length).toBeGreaterThan(3);
      expect(a.description.length).toBeGreaterThan(10);
      expect(typeof a.saturates).toBe('boolean');
    }
    const saturating = ACTIVATION_NAMES.filter(n => ACTIVATIONS[n].saturates);
    expect(saturating.sort()).toEqual(['sigmoid', 'softmax', 'step', 'tanh']);
  });

  it.each(ACTIVATION_NAMES.filter(n => n !== 'step'))(
    '%s: df matches central differences',
    name => {
      const a = ACTIVATIONS[name];
      for (const x of POINTS) {
        expect(relErr(a.df(x), numericDerivative(a.f, x))).toBeLessThan(1e-6);
      }
    }
  );

  it('step has zero derivative and jumps at 0', () => {
    const s = ACTIVATIONS.step;
    expect([s.f(-0.1), s.f(0), s.f(0.1)]).toEqual([0, 1, 1]);
    expect(POINTS.every(x => s.df(x) === 0)).toBe(true);
  });

  it('matrix kernels agree with the scalar f and df', () => {
    const z = Matrix.from([POINTS.slice(0, 3), POINTS.slice(3, 6), POINTS.slice(6, 9)]);
    const g = Matrix.from([
      [0.3, -1, 2],
      [1, 0.5, -0.25],
      [-2, 1.5, 0.75]
    ]);
    for (const name of ACTIVATION_NAMES.filter(n => n !== 'softmax')) {
      const act = ACTIVATIONS[name];
      const a = Matrix.zeros(3, 3);
      act.forward(z, a);
      const dz = Matrix.zeros(3, 3);
      act.backward(z, a, g, dz);
      for (let i = 0; i < 9; i++) {
        expect(a.data[i]).toBeCloseTo(act.f(z.data[i]), 14);
        expect(dz.data[i]).toBeCloseTo(g.data[i] * act.df(z.data[i]), 12);
      }
      // In place: dZ may be dA itself.
      const inPlace = g.clone();
      act.backward(z, a, inPlace, inPlace);
      expect(inPlace.data).toEqual(dz.data);
    }
  });
});

describe('sigmoid', () => {
  it('has the textbook values and symmetry', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(3)).toBeCloseTo(0.9526, 4);
    expect(sigmoid(10)).toBeCloseTo(0.9999546, 7);
    for (const x of [0.1, 1, 3, 10, 30, 700, 800]) {
      expect(sigmoid(-x)).toBeCloseTo(1 - sigmoid(x), 15);
    }
  });

  it('is stable for large |x| (no NaN, no overflow)', () => {
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-745)).toBeGreaterThanOrEqual(0);
    expect(Number.isNaN(sigmoid(-1e308))).toBe(false);
    expect(ACTIVATIONS.sigmoid.df(-1000)).toBe(0);
  });

  it('is within 2 ulp of correctly rounded reference values, tails included', () => {
    // [x, sigma(x) correctly rounded], from 60-digit decimal arithmetic.
    const reference: [number, number][] = [
      [-700, 9.85967654375977e-305],
      [-45, 2.8625185805493937e-20],
      [-36.9, 9.430476078526807e-17],
      [-10, 4.5397868702434395e-5],
      [-1, 0.2689414213699951],
      [-0.1678, 0.45814815525491376],
      [-0.003, 0.4992500005624995],
      [0.003, 0.5007499994375005],
      [0.5, 0.6224593312018546],
      [3, 0.9525741268224333],
      [17, 0.9999999586006245],
      [39.9, 1]
    ];
    for (const [x, s] of reference) {
      expect(ulpDistance(sigmoid(x), s)).toBeLessThanOrEqual(2);
    }
    expect(sigmoid(Infinity)).toBe(1);
    expect(sigmoid(-Infinity)).toBe(0);
    expect(sigmoid(NaN)).toBeNaN();
  });
});

describe('softplus, swish, gelu, elu, leaky relu', () => {
  it('softplus is stable and equals log(1 + e^x)', () => {
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
    expect(softplus(0)).toBeCloseTo(Math.LN2, 15);
    expect(softplus(1.3)).toBeCloseTo(Math.log(1 + Math.exp(1.3)), 14);
  });

  it('swish is x sigmoid(x)', () => {
    expect(ACTIVATIONS.swish.f(2)).toBeCloseTo(2 * sigmoid(2), 15);
    expect(ACTIVATIONS.swish.f(-50)).toBeCloseTo(0, 15);
  });

  it('erf and erfc match reference values to ~1e-15', () => {
    // Reference values of Python's math.erf / math.erfc.
    const xs = [-6, -3, -2.5, -1.2, -0.3, 0, 0.4, 1, 1.7, 2, 3.3, 5];
    const ref = [
      -1.0, -0.9999779095030014, -0.999593047982555, -0.9103139782296353, -0.3286267594591274, 0.0,
      0.42839235504666845, 0.8427007929497149, 0.9837904585907745, 0.9953222650189527,
      0.9999969422902035, 0.9999999999984626
    ];
    xs.forEach((x, i) => expect(Math.abs(erf(x) - ref[i])).toBeLessThan(2e-15));
    const cx = [2, 3, 5, 8, -2.5, 1.5, 0.5];
    const cref = [
      0.004677734981047265, 2.2090496998585438e-5, 1.5374597944280351e-12, 1.1224297172982928e-29,
      1.999593047982555, 0.033894853524689274, 0.4795001221869535
    ];
    cx.forEach((x, i) => expect(Math.abs(erfc(x) - cref[i]) / cref[i]).toBeLessThan(2e-14));
    expect(erf(-0.7)).toBe(-erf(0.7));
  });

  it('gelu is the exact erf form x Phi(x)', () => {
    const g = ACTIVATIONS.gelu;
    expect(g.f(0)).toBe(0);
    // Reference: Python's 0.5 * (1 + math.erf(x / math.sqrt(2))) * x at x = 1 and x = -2.
    expect(g.f(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(g.f(-2)).toBeCloseTo(-0.04550026389635842, 15);
    // The tanh approximation differs from the exact form by ~1e-4 near x = 1.5: make sure we are not using it.
    const x = 1.5;
    const tanhApprox = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
    expect(Math.abs(g.f(x) - tanhApprox)).toBeGreaterThan(1e-5);
    expect(g.f(-10)).toBeLessThan(0);
    expect(g.f(-10)).toBeGreaterThan(-1e-20);
  });

  it('elu and leaky relu take their constants', () => {
    expect(ACTIVATIONS.elu.f(-1e6)).toBe(-1);
    expect(getActivation('elu', { eluAlpha: 2 }).f(-1e6)).toBe(-2);
    expect(ACTIVATIONS.leaky_relu.f(-3)).toBeCloseTo(-0.03, 15);
    const leaky = getActivation('leaky_relu', { leakySlope: 0.2 });
    expect(leaky.f(-3)).toBeCloseTo(-0.6, 15);
    expect(leaky.df(-3)).toBe(0.2);
    const z = Matrix.from([[-3, 2]]);
    const a = Matrix.zeros(1, 2);
    leaky.forward(z, a);
    expect(Array.from(a.data)).toEqual([leaky.f(-3), 2]);
    expect(getActivation('relu', { leakySlope: 0.2 })).toBe(ACTIVATIONS.relu);
  });

  it('relu uses derivative 0 at the kink, like PyTorch', () => {
    expect(ACTIVATIONS.relu.df(0)).toBe(0);
    expect(ACTIVATIONS.relu.df(1e-9)).toBe(1);
  });
});

/** Distance in units in the last place between two doubles of the same sign. */
function ulpDistance(a: number, b: number): number {
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  const d = bits[0] - bits[1];
  return Number(d < BigInt(0) ? -d : d);
}

describe('tanh (inline expm1 form)', () => {
  it('is within 2 ulp of correctly rounded reference values', () => {
    // [x, tanh(x) correctly rounded], from 50-digit decimal arithmetic; the points sit on both
    // sides of the first table steps (ln(2)/128 ~ 0.0054) and near the saturation at ~19.06.
    const reference: [number, number][] = [
      [1e-6, 9.999999999996666e-7],
      [0.001, 0.0009999996666668],
      [0.0054, 0.0053999475126122135],
      [0.0109, 0.010899568344180667],
      [0.1, 0.09966799462495582],
      [0.25, 0.24491866240370913],
      [0.5493061443340549, 0.5],
      [1, 0.7615941559557649],
      [2.5, 0.9866142981514303],
      [7, 0.9999983369439447],
      [18.4, 0.9999999999999998],
      [19.06, 0.9999999999999999]
    ];
    for (const [x, t] of reference) {
      expect(ulpDistance(tanh(x), t)).toBeLessThanOrEqual(2);
      expect(ulpDistance(tanh(-x), -t)).toBeLessThanOrEqual(2);
    }
  });

  it('stays within 4 ulp of Math.tanh over a dense sweep and is odd', () => {
    let worst = 0;
    for (let i = -40000; i <= 40000; i++) {
      const x = (i / 40000) ** 3 * 21; // dense near 0, reaching past the saturation
      worst = Math.max(worst, ulpDistance(tanh(x), Math.tanh(x)));
      expect(tanh(-x)).toBe(-tanh(x));
    }
    expect(worst).toBeLessThanOrEqual(4);
  });

  it('handles zeros, tiny values, saturation, infinities and NaN', () => {
    expect(Object.is(tanh(0), 0)).toBe(true);
    expect(Object.is(tanh(-0), -0)).toBe(true);
    expect(tanh(1e-300)).toBe(1e-300);
    expect(tanh(-3e-9)).toBe(-3e-9);
    expect(tanh(19.5)).toBe(1);
    expect(tanh(-300)).toBe(-1);
    expect(tanh(Infinity)).toBe(1);
    expect(tanh(-Infinity)).toBe(-1);
    expect(tanh(NaN)).toBeNaN();
  });

  it('is what the tanh activation and its kernel use', () => {
    const z = Matrix.from([[-3.2, -0.4, 0.0003, 1.7, 25]]);
    const a = Matrix.zeros(1, 5);
    ACTIVATIONS.tanh.forward(z, a);
    for (let j = 0; j < 5; j++) {
      expect(a.data[j]).toBe(tanh(z.data[j]));
      expect(ACTIVATIONS.tanh.f(z.data[j])).toBe(tanh(z.data[j]));
    }
  });
});

describe('softmax', () => {
  it('is finite for huge logits and rows sum to 1', () => {
    const z = Matrix.from([
      [1000, 1001, 1002],
      [-1000, 0, 1000],
      [1, 2, 3]
    ]);
    const s = softmaxRows(z, Matrix.zeros(3, 3));
    for (let i = 0; i < 3; i++) {
      const row = Array.from(s.row(i));
      expect(row.every(Number.isFinite)).toBe(true);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    }
    // Shift invariance: softmax(z + c) = softmax(z).
    for (let j = 0; j < 3; j++) {
      expect(s.get(0, j)).toBeCloseTo(s.get(2, j), 14);
    }
    expect(s.get(2, 2)).toBeCloseTo(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), 15);
  });

  it('backward is the Jacobian-vector product, checked by central differences', () => {
    const act = ACTIVATIONS.softmax;
    const z = Matrix.from([
      [0.2, -1.3, 0.7, 2],
      [3, 0.1, -0.5, -2]
    ]);
    const g = Matrix.from([
      [1, -0.5, 0.25, 2],
      [-1, 0.3, 0.8, 0.1]
    ]);
    // Scalar objective: sum_ij g_ij softmax(z)_ij; its gradient in z is the JVP.
    const objective = (zz: Matrix): number => {
      const s = softmaxRows(zz, Matrix.zeros(zz.rows, zz.cols));
      return s.data.reduce((acc, v, i) => acc + v * g.data[i], 0);
    };
    const a = softmaxRows(z, Matrix.zeros(2, 4));
    const dz = Matrix.zeros(2, 4);
    act.backward(z, a, g, dz);
    for (let i = 0; i < z.data.length; i++) {
      expect(relErr(dz.data[i], centralDifference(objective, z, i, 1e-5))).toBeLessThan(1e-6);
    }
  });

  it('scalar view is the two-class softmax', () => {
    const s = softmaxRows(Matrix.from([[1.7, 0]]), Matrix.zeros(1, 2));
    expect(ACTIVATIONS.softmax.f(1.7)).toBeCloseTo(s.get(0, 0), 15);
  });
});

it('every activation name is a valid key', () => {
  const names: ActivationName[] = [...ACTIVATION_NAMES];
  expect(names.every(n => getActivation(n) === ACTIVATIONS[n])).toBe(true);
  expect(() => getActivation('nope' as ActivationName)).toThrow(/Unknown activation/);
});
