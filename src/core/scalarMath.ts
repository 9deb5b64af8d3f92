/**
 * The scalar functions behind the activations: tanh, sigmoid, softplus, erf and the normal
 * distribution. tanh and sigmoid are computed from a table of e^x written out here (faster
 * than a call into the runtime's Math.tanh / Math.exp, to within a few ulp); erf is what
 * GELU needs. Kept apart from activations.ts so that the catalogue reads first.
 */
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
