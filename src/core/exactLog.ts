/**
 * The natural logarithm rounded correctly to the nearest double.
 *
 * Why: a reference for the logarithm that the NumPy-compatible Gaussian uses (glibcLog.ts).
 * JavaScript's `Math.log` is only accurate to about one unit in the last place; glibc's `log`
 * to about 0.52, so it differs from the correctly rounded value on a few inputs in 10^4
 * (scripts/numpy-normal/ counts them). Computing log with about 100 bits of precision and
 * rounding once gives the correctly rounded value.
 *
 * How: x = 2^e m with m in [sqrt(1/2), sqrt(2)), and
 *
 *   ln x = e ln 2 + ln m,   ln m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...),  s = (m - 1) / (m + 1),
 *
 * with |s| <= 0.172, so 23 terms of the series reach 2^-110. Every step runs in double-double
 * arithmetic (a value is an unevaluated sum hi + lo of two doubles, about 106 bits), built from
 * the exact error-free transformations of Knuth (two-sum) and Dekker (two-product by
 * splitting), which need no fused multiply-add. The final hi + lo is the correctly rounded
 * double unless the exact logarithm lies within about 2^-100 relative of a rounding
 * midpoint; no double is known to come that close for log.
 *
 * It is some 30 times slower than Math.log, which does not matter where it is used: the
 * initial weights, a few thousand draws at most.
 */

// ---------------------------------------------------------------------------------------
// Double-double arithmetic: a value is the pair (hi, lo) with |lo| <= ulp(hi) / 2.
// ---------------------------------------------------------------------------------------

/** A double-double: the unevaluated sum hi + lo. */
export interface DD {
  hi: number;
  lo: number;
}

/** Knuth's two-sum: s = fl(a + b) and the exact error a + b - s, for any a, b. */
export function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return { hi: s, lo: a - (s - bb) + (b - bb) };
}

/** Dekker's fast two-sum, valid when |a| >= |b| (or a = 0). */
function fastTwoSum(a: number, b: number): DD {
  const s = a + b;
  return { hi: s, lo: b - (s - a) };
}

/** Veltkamp's split factor 2^27 + 1: a = hi + lo with hi, lo of 26 significant bits at most. */
const SPLITTER = 134217729;

/** Dekker's two-product: p = fl(a b) and the exact error a b - p (no fused multiply-add). */
export function twoProduct(a: number, b: number): DD {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return { hi: p, lo: ah * bh - p + ah * bl + al * bh + al * bl };
}

/** (a + b) in double-double. */
function add(a: DD, b: DD): DD {
  const s = twoSum(a.hi, b.hi);
  const t = twoSum(a.lo, b.lo);
  const u = fastTwoSum(s.hi, s.lo + t.hi);
  return fastTwoSum(u.hi, u.lo + t.lo);
}

/** (a b) in double-double. */
function mul(a: DD, b: DD): DD {
  const p = twoProduct(a.hi, b.hi);
  return fastTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

/** (a / b) in double-double: three quotient digits, each correcting the remainder. */
function div(a: DD, b: DD): DD {
  const q1 = a.hi / b.hi;
  let r = add(a, negate(mul({ hi: q1, lo: 0 }, b)));
  const q2 = r.hi / b.hi;
  r = add(r, negate(mul({ hi: q2, lo: 0 }, b)));
  const q3 = r.hi / b.hi;
  const q = fastTwoSum(q1, q2);
  return add(q, { hi: q3, lo: 0 });
}

function negate(a: DD): DD {
  return { hi: -a.hi, lo: -a.lo };
}

// ---------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------

/** ln 2 = LN2_HI + LN2_LO to about 2^-110 (the double nearest ln 2, then the rest). */
const LN2: DD = { hi: 0.6931471805599453, lo: 2.3190468138462996e-17 };

/** Number of terms of the atanh series after the first: s^(2K+2) / (2K+3) < 2^-110. */
const TERMS = 23;

/** 1 / (2k + 1) in double-double, for k = 0 .. TERMS. */
const RECIPROCAL_ODD: DD[] = Array.from({ length: TERMS + 1 }, (_, k) =>
  div({ hi: 1, lo: 0 }, { hi: 2 * k + 1, lo: 0 })
);

const TWO_POW_54 = 18014398509481984;

// Reading the exponent and significand of a double.
const bits = new DataView(new ArrayBuffer(8));

// ---------------------------------------------------------------------------------------
// The logarithm
// ---------------------------------------------------------------------------------------

/**
 * ln x rounded to the nearest double (ties to even), for every double x: NaN for x < 0 or
 * NaN, -Infinity for 0, Infinity for Infinity.
 */
export function correctlyRoundedLog(x: number): number {
  if (!(x > 0) || x === Infinity) {
    return x === 0 ? -Infinity : x === Infinity ? Infinity : NaN;
  }
  if (x === 1) {
    return 0;
  }
  // x = 2^e * m, m in [1, 2): the exponent field, with subnormals scaled up first.
  let e = 0;
  let v = x;
  if (v < 2.2250738585072014e-308) {
    v *= TWO_POW_54;
    e = -54;
  }
  bits.setFloat64(0, v);
  const high = bits.getUint32(0);
  e += ((high >>> 20) & 0x7ff) - 1023;
  bits.setUint32(0, (high & 0x000fffff) | 0x3ff00000);
  let m = bits.getFloat64(0);
  // Centre the range on 1: m in [sqrt(1/2), sqrt(2)), so |s| <= 0.1716.
  if (m > Math.SQRT2) {
    m /= 2; // exact
    e += 1;
  }
  // s = (m - 1) / (m + 1); m - 1 is exact (Sterbenz), m + 1 is kept exactly as a pair.
  const s = div({ hi: m - 1, lo: 0 }, twoSum(m, 1));
  const t = mul(s, s);
  // atanh(s) / s = sum_k t^k / (2k + 1), by Horner's rule from the smallest term.
  let series = RECIPROCAL_ODD[TERMS];
  for (let k = TERMS - 1; k >= 0; k--) {
    series = add(mul(series, t), RECIPROCAL_ODD[k]);
  }
  const lnM = mul(s, series);
  lnM.hi *= 2; // exact
  lnM.lo *= 2;
  // e ln 2: the product with LN2_HI exactly, the one with LN2_LO to double precision.
  const eLn2 = twoProduct(e, LN2.hi);
  eLn2.lo += e * LN2.lo;
  const sum = add(fastTwoSum(eLn2.hi, eLn2.lo), lnM);
  return sum.hi + sum.lo;
}
