/**
 * Activation functions: the non-linearities that stop a stack of layers from collapsing
 * into a single affine map.
 *
 * Every activation comes with its value f(x), its derivative f'(x), the formulas in LaTeX
 * for the "functions" view, a one-line description and whether it saturates (flat on both
 * sides, so that gradients vanish for large |x|).
 *
 * Besides the scalar f and df, each activation has matrix kernels `forward(Z, A)` and
 * `backward(Z, A, dA, dZ)` used by the network. They are plain loops over the Float64Array
 * storage (no allocation). Where it is cheaper the derivative is taken from the output A
 * (sigmoid: a(1 - a), tanh: 1 - a^2) instead of recomputing f from Z.
 */
import { Matrix } from './matrix';
import type { ActivationName } from './types';

export type { ActivationName } from './types';

/** Every activation, in the order the UI lists them. */
export const ACTIVATION_NAMES: readonly ActivationName[] = [
  'identity',
  'relu',
  'leaky_relu',
  'elu',
  'sigmoid',
  'tanh',
  'softplus',
  'swish',
  'gelu',
  'sin',
  'cos',
  'step',
  'softmax'
];

/** Activations allowed on the output layer: all of them (schema: outputActivation). */
export const OUTPUT_NAMES: readonly ActivationName[] = ACTIVATION_NAMES;

export interface ActivationInfo {
  name: ActivationName;
  /** Display name, e.g. "Leaky ReLU". */
  label: string;
  /** Scalar value f(x). For softmax: the two-class case, softmax([x, 0])[0] = sigmoid(x). */
  f(x: number): number;
  /** Scalar derivative f'(x) with respect to the pre-activation x. */
  df(x: number): number;
  /** LaTeX of f. */
  formula: string;
  /** LaTeX of f'. */
  derivative: string;
  description: string;
  /** True when f is flat on both sides, so that f'(x) -> 0 as |x| -> infinity. */
  saturates: boolean;
  /** False only for softmax, which mixes the entries of a row. */
  elementwise: boolean;
  /** A = f(Z), entry by entry (softmax: row by row). `a` may be `z` itself. */
  forward(z: Matrix, a: Matrix): void;
  /**
   * dZ = dL/dZ from dA = dL/dA and the forward values Z and A = f(Z).
   * Elementwise: dZ = dA * f'(Z). Softmax: the Jacobian-vector product
   * dZ_i = a_i (dA_i - sum_j dA_j a_j) per row. `dZ` may be `dA` itself (in place).
   */
  backward(z: Matrix, a: Matrix, dA: Matrix, dZ: Matrix): void;
}

/** Tunable constants of the parametric activations. */
export interface ActivationParams {
  /** Slope of leaky ReLU for x < 0 (default 0.01, as in PyTorch). */
  leakySlope?: number;
  /** ELU's alpha: the value it tends to for x -> -infinity is -alpha (default 1). */
  eluAlpha?: number;
}

export const DEFAULT_LEAKY_SLOPE = 0.01;
export const DEFAULT_ELU_ALPHA = 1;

// ---------------------------------------------------------------------------------------
// Scalar building blocks: tanh and sigmoid without a call into the C++ runtime
// ---------------------------------------------------------------------------------------
//
// Math.tanh and Math.exp are calls out of compiled JavaScript (~10-15 ns). Both activations
// follow, to within a few ulp, from e^u and expm1(u) = e^u - 1 for u >= 0 (see `tanh` and
// `sigmoid`), which are evaluated inline here.
//
// expm1(u) for 0 <= u < 40 by table-driven range reduction (N = 64 steps per octave):
//   k = round(u N / ln 2),  k = N m + j (0 <= j < N),  r = u - k ln(2) / N,  |r| <= ln(2) / 2N,
//   e^u = 2^m 2^{j/N} e^r,  so with S = 2^m T_j (T_j = 2^{j/N}) and p = expm1(r):
//   expm1(u) = S (1 + p) - 1 = (S - 1) + S p.
// * S - 1 is exact while S < 4 (Sterbenz's lemma and its neighbour), the range where it matters;
//   beyond, tanh(x) = 1 - 2 / (e + 2) hardly depends on the last bits of e.
// * T_j is not a double: it is stored as TH_j + TL_j (TL_j, at most half an ulp of TH_j, is the
//   rounding error of TH_j) and TL_j is added with the small terms; dropping it would cost
//   dozens of ulp for small u, where S - 1 is small.
// * r is formed in two steps (Cody-Waite): ln(2) / N = C_HI + C_LO with C_HI holding 32
//   significant bits, so k C_HI is exact and u - k C_HI loses nothing.
// * p = expm1(r) is the Taylor polynomial r + r^2/2! + ... + r^6/6!: the first omitted term
//   is below |r| (ln(2) / 128)^6 / 7! ~ 5e-18 |r|, a fortieth of an ulp.

/** Table steps per octave. */
const EXP_STEPS = 64;
/** ln(2) / 64 = 0.010830424696249145..., split as C_HI (32 bits) + C_LO. */
const LN2_OVER_N_HI = 0.01083042469326756;
const LN2_OVER_N_LO = 2.9815858269852933e-12;
/** 64 / ln(2). */
const N_OVER_LN2 = 92.33248261689366;
/** expMinus's domain is [0, EXP_TABLE_LIMIT). */
const EXP_TABLE_LIMIT = 40;
/** Beyond this |x| tanh(x) rounds to +-1 in float64 (the boundary is about 19.06). */
const TANH_SATURATION = 20;
/** Below this |x| (2^-27) tanh(x) = x - x^3/3 + ... rounds to x itself. */
const TANH_TINY = 7.450580596923828e-9;

/** 2^m for m = 0..57 (the largest m when u < 40), built by exact doublings. */
const POW2: Float64Array = (() => {
  const t = new Float64Array(58);
  t[0] = 1;
  for (let m = 1; m < t.length; m++) {
    t[m] = 2 * t[m - 1];
  }
  return t;
})();

/**
 * T_j = 2^{j/64} = TH[j] + TL[j] for j = 0..63, to about 106 bits. Computed exactly with
 * integers: t = floor(2^{j/64} 2^P) is the integer 64th root of 2^{j + 64 P} (Newton's method
 * for x^64 = a, started from the float value and finished by a correction step), and both
 * parts are exact conversions of t / 2^P (Number(bigint) rounds to nearest).
 */
const [TH, TL] = ((): [Float64Array, Float64Array] => {
  const P = 120;
  const N = BigInt(EXP_STEPS);
  const one = BigInt(1);
  const scale = Math.pow(2, P);
  const hi = new Float64Array(EXP_STEPS);
  const lo = new Float64Array(EXP_STEPS);
  for (let j = 0; j < EXP_STEPS; j++) {
    const a = one << BigInt(j + EXP_STEPS * P);
    // Start safely above the root (a few float ulps up): from there Newton's iteration for
    // x^N = a decreases monotonically towards it.
    let t =
      (BigInt(Math.floor(Math.pow(2, j / EXP_STEPS) * 2 ** 52)) + BigInt(4)) << BigInt(P - 52);
    for (;;) {
      const next = ((N - one) * t + a / t ** (N - one)) / N;
      if (next >= t) {
        break;
      }
      t = next;
    }
    // t is now the floor of the root; these two loops only make that certain
    while (t ** N > a) {
      t -= one;
    }
    while ((t + one) ** N <= a) {
      t += one;
    }
    const h = Number(t) / scale;
    hi[j] = h;
    lo[j] = Number(t - BigInt(h * scale)) / scale;
  }
  return [hi, lo];
})();

// 1/n! for the Taylor polynomial of expm1 (n = 2..6).
const F2 = 0.5;
const F3 = 0.16666666666666666;
const F4 = 0.041666666666666664;
const F5 = 0.008333333333333333;
const F6 = 0.001388888888888889;

/**
 * e^u - c for 0 <= u < 40 and c = 1 (expm1) or c = 0 (exp), within about 1 ulp (the method:
 * see above; S - c is exact in both cases where it matters).
 */
function expMinus(u: number, c: 0 | 1): number {
  // k = round(u N / ln 2); u >= 0, so truncating u N / ln 2 + 1/2 rounds (and stays an int32)
  const k = (u * N_OVER_LN2 + 0.5) | 0;
  const j = k & (EXP_STEPS - 1);
  const m = k >> 6; // k = 64 m + j
  const r = u - k * LN2_OVER_N_HI - k * LN2_OVER_N_LO;
  // p = expm1(r) = r + r^2 (1/2! + r/3! + r^2/4! + r^3/5! + r^4/6!)
  const r2 = r * r;
  const p = r + r2 * (F2 + F3 * r + r2 * (F4 + F5 * r + r2 * F6));
  // e^u - c = (S - c) + S p with S = 2^m (TH + TL)
  const sHi = POW2[m] * TH[j];
  const sLo = POW2[m] * TL[j];
  return sHi - c + (sHi * p + sLo * (1 + p));
}

/**
 * The hyperbolic tangent, within a few ulp of Math.tanh but about twice as fast, from
 *
 *   tanh(x) = e / (e + 2),   e = expm1(2x) = e^{2x} - 1,
 *
 * for x >= 0 (tanh is odd). It has no cancellation: e >= 0, so the quotient keeps the
 * relative accuracy of e, also for small x where e ~ 2x and tanh(x) ~ x.
 * tanh(+-0) = +-0, tanh(+-Infinity) = +-1, tanh(NaN) = NaN.
 */
export function tanh(x: number): number {
  const ax = x < 0 ? -x : x;
  if (!(ax < TANH_SATURATION)) {
    return ax === ax ? (x < 0 ? -1 : 1) : x; // saturated, or NaN (the only value with ax !== ax)
  }
  if (ax < TANH_TINY) {
    return x;
  } // keeps the sign of -0
  const e = expMinus(2 * ax, 1); // expm1(2|x|)
  const t = e / (e + 2);
  return x < 0 ? -t : t;
}

/**
 * Logistic sigmoid 1 / (1 + e^-x), numerically stable: with E = e^|x| >= 1 (never e^-|x|,
 * which could overflow),
 *
 *   sigma(x) = E / (E + 1) for x >= 0,   sigma(x) = 1 / (E + 1) for x < 0,
 *
 * both free of cancellation. E comes from the inline exponential for |x| < 40; beyond, sigma(x)
 * rounds to 1 for x > 0 and is 1 / (1 + e^|x|) by Math.exp for x < 0 (and NaN for NaN).
 */
export function sigmoid(x: number): number {
  const ax = x < 0 ? -x : x;
  if (!(ax < EXP_TABLE_LIMIT)) {
    return x > 0 ? 1 : 1 / (1 + Math.exp(ax));
  }
  const E = expMinus(ax, 0); // e^|x|
  return x >= 0 ? E / (E + 1) : 1 / (E + 1);
}

// ---------------------------------------------------------------------------------------
// Scalar building blocks: the others
// ---------------------------------------------------------------------------------------

/** softplus(x) = log(1 + e^x), stable form log1p(e^-|x|) + max(x, 0). */
export function softplus(x: number): number {
  return Math.log1p(Math.exp(-Math.abs(x))) + (x > 0 ? x : 0);
}

const TWO_OVER_SQRT_PI = 1.1283791670955126; // 2 / sqrt(pi)
const ONE_OVER_SQRT_PI = 0.5641895835477563; // 1 / sqrt(pi)
const SQRT_HALF = 0.7071067811865476; // 1 / sqrt(2)
const ONE_OVER_SQRT_2PI = 0.3989422804014327; // 1 / sqrt(2 pi)

/**
 * erf for |x| < 2 from the everywhere-positive series
 *   erf(x) = 2/sqrt(pi) e^{-x^2} sum_{n>=0} 2^n x^{2n+1} / (1 * 3 * ... * (2n + 1)),
 * which has no cancellation (unlike the alternating Taylor series).
 */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 100; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-17) {
      break;
    }
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/**
 * erfc for x >= 2 from Laplace's continued fraction
 *   erfc(x) = e^{-x^2}/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))),
 * evaluated with the modified Lentz algorithm. Converges in under 60 terms for x >= 2.
 */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 200; n++) {
    const an = n / 2;
    d = x + an * d;
    if (d === 0) {
      d = tiny;
    }
    d = 1 / d;
    c = x + an / c;
    if (c === 0) {
      c = tiny;
    }
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) {
      break;
    }
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}

/** The error function erf(x) = 2/sqrt(pi) int_0^x e^{-t^2} dt, accurate to about 1e-16. */
export function erf(x: number): number {
  if (Number.isNaN(x)) {
    return NaN;
  }
  const ax = Math.abs(x);
  if (ax < 2) {
    return erfSeries(x);
  }
  const r = 1 - erfcContinuedFraction(ax);
  return x < 0 ? -r : r;
}

/**
 * The complementary error function erfc(x) = 1 - erf(x). For x >= 2 it keeps full relative
 * accuracy in the tail (no cancellation); below that it is 1 - erf(x) (absolute error ~1e-16).
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) {
    return NaN;
  }
  if (x >= 2) {
    return erfcContinuedFraction(x);
  }
  if (x <= -2) {
    return 2 - erfcContinuedFraction(-x);
  }
  return 1 - erfSeries(x);
}

/** Standard normal CDF Phi(x) = (1 + erf(x / sqrt 2)) / 2 = erfc(-x / sqrt 2) / 2. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * SQRT_HALF);
}

/** Standard normal density phi(x) = e^{-x^2/2} / sqrt(2 pi). */
export function normalPdf(x: number): number {
  return ONE_OVER_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * Row-wise softmax into `out` (may be `z` itself): out_ij = e^{z_ij - m_i} / sum_k e^{z_ik - m_i}
 * with m_i the row maximum, so that the largest exponent is e^0 = 1 and nothing overflows.
 */
export function softmaxRows(z: Matrix, out: Matrix): Matrix {
  const n = z.rows;
  const m = z.cols;
  const Z = z.data;
  const A = out.data;
  for (let i = 0; i < n; i++) {
    const o = i * m;
    let max = -Infinity;
    for (let j = 0; j < m; j++) {
      if (Z[o + j] > max) {
        max = Z[o + j];
      }
    }
    let sum = 0;
    for (let j = 0; j < m; j++) {
      const e = Math.exp(Z[o + j] - max);
      A[o + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < m; j++) {
      A[o + j] *= inv;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Matrix kernels
// ---------------------------------------------------------------------------------------

type Kernel = Pick<ActivationInfo, 'forward' | 'backward'>;

/** Generic kernels from scalar f and df (used where no faster form is worth writing). */
function scalarKernels(f: (x: number) => number, df: (x: number) => number): Kernel {
  return {
    forward(z, a) {
      const Z = z.data;
      const A = a.data;
      for (let i = 0; i < Z.length; i++) {
        A[i] = f(Z[i]);
      }
    },
    backward(z, _a, dA, dZ) {
      const Z = z.data;
      const G = dA.data;
      const D = dZ.data;
      for (let i = 0; i < Z.length; i++) {
        D[i] = G[i] * df(Z[i]);
      }
    }
  };
}

const identityKernels: Kernel = {
  forward(z, a) {
    if (a !== z) {
      a.data.set(z.data);
    }
  },
  backward(_z, _a, dA, dZ) {
    if (dZ !== dA) {
      dZ.data.set(dA.data);
    }
  }
};

const reluKernels: Kernel = {
  forward(z, a) {
    const Z = z.data;
    const A = a.data;
    for (let i = 0; i < Z.length; i++) {
      A[i] = Z[i] > 0 ? Z[i] : 0;
    }
  },
  backward(z, _a, dA, dZ) {
    const Z = z.data;
    const G = dA.data;
    const D = dZ.data;
    for (let i = 0; i < Z.length; i++) {
      D[i] = Z[i] > 0 ? G[i] : 0;
    }
  }
};

function leakyKernels(slope: number): Kernel {
  return {
    forward(z, a) {
      const Z = z.data;
      const A = a.data;
      for (let i = 0; i < Z.length; i++) {
        A[i] = Z[i] > 0 ? Z[i] : slope * Z[i];
      }
    },
    backward(z, _a, dA, dZ) {
      const Z = z.data;
      const G = dA.data;
      const D = dZ.data;
      for (let i = 0; i < Z.length; i++) {
        D[i] = Z[i] > 0 ? G[i] : slope * G[i];
      }
    }
  };
}

const sigmoidKernels: Kernel = {
  forward(z, a) {
    const Z = z.data;
    const A = a.data;
    for (let i = 0; i < Z.length; i++) {
      A[i] = sigmoid(Z[i]);
    }
  },
  // sigma'(z) = sigma(z) (1 - sigma(z)) = a (1 - a)
  backward(_z, a, dA, dZ) {
    const A = a.data;
    const G = dA.data;
    const D = dZ.data;
    for (let i = 0; i < A.length; i++) {
      D[i] = G[i] * A[i] * (1 - A[i]);
    }
  }
};

const tanhKernels: Kernel = {
  forward(z, a) {
    const Z = z.data;
    const A = a.data;
    for (let i = 0; i < Z.length; i++) {
      A[i] = tanh(Z[i]);
    }
  },
  // tanh'(z) = 1 - tanh(z)^2 = 1 - a^2
  backward(_z, a, dA, dZ) {
    const A = a.data;
    const G = dA.data;
    const D = dZ.data;
    for (let i = 0; i < A.length; i++) {
      D[i] = G[i] * (1 - A[i] * A[i]);
    }
  }
};

const softmaxKernels: Kernel = {
  forward(z, a) {
    softmaxRows(z, a);
  },
  // Jacobian-vector product of softmax: J = diag(a) - a a^T, so (J^T g)_i = a_i (g_i - a . g).
  backward(_z, a, dA, dZ) {
    const n = a.rows;
    const m = a.cols;
    const A = a.data;
    const G = dA.data;
    const D = dZ.data;
    for (let i = 0; i < n; i++) {
      const o = i * m;
      let dot = 0;
      for (let j = 0; j < m; j++) {
        dot += A[o + j] * G[o + j];
      }
      for (let j = 0; j < m; j++) {
        D[o + j] = A[o + j] * (G[o + j] - dot);
      }
    }
  }
};

// ---------------------------------------------------------------------------------------
// The catalogue
// ---------------------------------------------------------------------------------------

function build(params: ActivationParams = {}): Record<ActivationName, ActivationInfo> {
  const slope = params.leakySlope ?? DEFAULT_LEAKY_SLOPE;
  const alpha = params.eluAlpha ?? DEFAULT_ELU_ALPHA;

  const eluF = (x: number): number => (x > 0 ? x : alpha * Math.expm1(x));
  const eluDf = (x: number): number => (x > 0 ? 1 : alpha * Math.exp(x));
  // swish(x) = x sigma(x); swish'(x) = sigma(x) + x sigma(x)(1 - sigma(x))
  const swishF = (x: number): number => x * sigmoid(x);
  const swishDf = (x: number): number => {
    const s = sigmoid(x);
    return s * (1 + x * (1 - s));
  };
  // gelu(x) = x Phi(x) (exact erf form); gelu'(x) = Phi(x) + x phi(x)
  const geluF = (x: number): number => x * normalCdf(x);
  const geluDf = (x: number): number => normalCdf(x) + x * normalPdf(x);
  const sigmoidDf = (x: number): number => {
    const s = sigmoid(x);
    return s * (1 - s);
  };

  return {
    identity: {
      name: 'identity',
      label: 'Identity',
      f: x => x,
      df: () => 1,
      formula: String.raw`f(x) = x`,
      derivative: String.raw`f'(x) = 1`,
      description:
        'Passes its input through unchanged: a network of identity layers is one affine map.',
      saturates: false,
      elementwise: true,
      ...identityKernels
    },
    relu: {
      name: 'relu',
      label: 'ReLU',
      f: x => (x > 0 ? x : 0),
      // At the kink x = 0 we use 0, the convention of PyTorch.
      df: x => (x > 0 ? 1 : 0),
      formula: String.raw`f(x) = \max(0, x)`,
      derivative: String.raw`f'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}`,
      description:
        'Zero for negative inputs, the identity for positive ones: piecewise linear, cheap, can die.',
      saturates: false,
      elementwise: true,
      ...reluKernels
    },
    leaky_relu: {
      name: 'leaky_relu',
      label: 'Leaky ReLU',
      f: x => (x > 0 ? x : slope * x),
      df: x => (x > 0 ? 1 : slope),
      formula: String.raw`f(x) = \begin{cases} x & x > 0 \\ ${slope} x & x \le 0 \end{cases}`,
      derivative: String.raw`f'(x) = \begin{cases} 1 & x > 0 \\ ${slope} & x \le 0 \end{cases}`,
      description: `Like ReLU but with a small slope (${slope}) for negative inputs, so units never die completely.`,
      saturates: false,
      elementwise: true,
      ...leakyKernels(slope)
    },
    elu: {
      name: 'elu',
      label: 'ELU',
      f: eluF,
      df: eluDf,
      formula: String.raw`f(x) = \begin{cases} x & x > 0 \\ ${alpha}\,(e^{x} - 1) & x \le 0 \end{cases}`,
      derivative: String.raw`f'(x) = \begin{cases} 1 & x > 0 \\ ${alpha}\,e^{x} & x \le 0 \end{cases}`,
      description:
        'The identity for positive inputs, a smooth exponential curve down to -alpha for negative ones.',
      saturates: false,
      elementwise: true,
      ...scalarKernels(eluF, eluDf)
    },
    sigmoid: {
      name: 'sigmoid',
      label: 'Sigmoid',
      f: sigmoid,
      df: sigmoidDf,
      formula: String.raw`\sigma(x) = \frac{1}{1 + e^{-x}}`,
      derivative: String.raw`\sigma'(x) = \sigma(x)\,(1 - \sigma(x))`,
      description:
        'Squashes any number into (0, 1); flat tails make gradients vanish (at most 1/4).',
      saturates: true,
      elementwise: true,
      ...sigmoidKernels
    },
    tanh: {
      name: 'tanh',
      label: 'Tanh',
      f: tanh,
      df: x => {
        const t = tanh(x);
        return 1 - t * t;
      },
      formula: String.raw`\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}`,
      derivative: String.raw`\tanh'(x) = 1 - \tanh^2(x)`,
      description:
        'Squashes into (-1, 1), centred at zero; saturates for large |x| like the sigmoid.',
      saturates: true,
      elementwise: true,
      ...tanhKernels
    },
    softplus: {
      name: 'softplus',
      label: 'Softplus',
      f: softplus,
      df: sigmoid,
      formula: String.raw`f(x) = \log(1 + e^{x})`,
      derivative: String.raw`f'(x) = \sigma(x) = \frac{1}{1 + e^{-x}}`,
      description: 'A smooth ReLU: log(1 + e^x); its derivative is the sigmoid.',
      saturates: false,
      elementwise: true,
      ...scalarKernels(softplus, sigmoid)
    },
    swish: {
      name: 'swish',
      label: 'Swish / SiLU',
      f: swishF,
      df: swishDf,
      formula: String.raw`f(x) = x\,\sigma(x)`,
      derivative: String.raw`f'(x) = \sigma(x)\,\bigl(1 + x\,(1 - \sigma(x))\bigr)`,
      description:
        'x times its sigmoid (SiLU): smooth, slightly negative dip, close to ReLU for large |x|.',
      saturates: false,
      elementwise: true,
      ...scalarKernels(swishF, swishDf)
    },
    gelu: {
      name: 'gelu',
      label: 'GELU',
      f: geluF,
      df: geluDf,
      formula: String.raw`f(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \operatorname{erf}\frac{x}{\sqrt{2}}\right)`,
      derivative: String.raw`f'(x) = \Phi(x) + x\,\varphi(x), \quad \varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}`,
      description:
        "x weighted by the normal CDF (exact erf form, as PyTorch's default): a smooth ReLU used in transformers.",
      saturates: false,
      elementwise: true,
      ...scalarKernels(geluF, geluDf)
    },
    sin: {
      name: 'sin',
      label: 'Sine',
      f: Math.sin,
      df: Math.cos,
      formula: String.raw`f(x) = \sin(x)`,
      derivative: String.raw`f'(x) = \cos(x)`,
      description: 'Periodic and smooth: bends the input space in waves rather than folds.',
      saturates: false,
      elementwise: true,
      ...scalarKernels(Math.sin, Math.cos)
    },
    cos: {
      name: 'cos',
      label: 'Cosine',
      f: Math.cos,
      df: x => -Math.sin(x),
      formula: String.raw`f(x) = \cos(x)`,
      derivative: String.raw`f'(x) = -\sin(x)`,
      description:
        'Periodic and even: cos(-x) = cos(x), so a single unit can already fold the line.',
      saturates: false,
      elementwise: true,
      ...scalarKernels(Math.cos, x => -Math.sin(x))
    },
    step: {
      name: 'step',
      label: 'Step',
      f: x => (x >= 0 ? 1 : 0),
      // Zero almost everywhere (undefined at 0): gradient descent gets no signal through it.
      df: () => 0,
      formula: String.raw`f(x) = \begin{cases} 1 & x \ge 0 \\ 0 & x < 0 \end{cases}`,
      derivative: String.raw`f'(x) = 0 \quad (x \ne 0)`,
      description:
        "The perceptron's threshold: 0 or 1. Its derivative is zero, so backpropagation cannot train it.",
      saturates: true,
      elementwise: true,
      ...scalarKernels(
        x => (x >= 0 ? 1 : 0),
        () => 0
      )
    },
    softmax: {
      name: 'softmax',
      label: 'Softmax',
      // Scalar view: the two-class case softmax([x, 0])_0 = sigmoid(x).
      f: sigmoid,
      df: sigmoidDf,
      formula: String.raw`\operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}`,
      derivative: String.raw`\frac{\partial\,\operatorname{softmax}(z)_i}{\partial z_j} = s_i\,(\delta_{ij} - s_j)`,
      description:
        'Turns a row of scores into probabilities that sum to 1 (computed after subtracting the row max).',
      saturates: true,
      elementwise: false,
      ...softmaxKernels
    }
  };
}

/** The activations with their default constants (leaky slope 0.01, ELU alpha 1). */
export const ACTIVATIONS: Readonly<Record<ActivationName, ActivationInfo>> = build();

/**
 * One activation, with custom constants when given (leaky ReLU slope, ELU alpha).
 * Without parameters (or with the defaults) it returns the shared entry of ACTIVATIONS.
 */
export function getActivation(name: ActivationName, params: ActivationParams = {}): ActivationInfo {
  if (!(name in ACTIVATIONS)) {
    throw new Error(`Unknown activation "${name}"`);
  }
  const slope = params.leakySlope ?? DEFAULT_LEAKY_SLOPE;
  const alpha = params.eluAlpha ?? DEFAULT_ELU_ALPHA;
  if (
    (name === 'leaky_relu' && slope !== DEFAULT_LEAKY_SLOPE) ||
    (name === 'elu' && alpha !== DEFAULT_ELU_ALPHA)
  ) {
    return build(params)[name];
  }
  return ACTIVATIONS[name];
}
