/**
 * glibcLog: glibc 2.36's log (x86-64, FMA build) step for step. Expected values come from the
 * C library on such a machine (Python's math.log, or the fixture written by
 * scripts/numpy-normal/generate.py --fixture); scripts/numpy-normal/run.sh checks 2.2 * 10^6
 * inputs.
 */
import fixture from './fixtures/numpy_randn.json';
import { correctlyRoundedLog } from '../exactLog';
import { fma, glibcLog } from '../glibcLog';

describe('fma', () => {
  it('rounds the exact a b + c once', () => {
    const u = 2 ** -52;
    // (1 + u)(1 - u) - 1 = -u^2 exactly; a separate product and sum give 0.
    expect(fma(1 + u, 1 - u, -1)).toBe(-(u * u));
    expect((1 + u) * (1 - u) - 1).toBe(0);
    expect(fma(3, 5, 7)).toBe(22);
    expect(fma(0.1, 10, -1)).toBe(5.551115123125783e-17);
    expect(fma(-2, 0.5, 1)).toBe(0);
  });

  it('does not round twice', () => {
    // a b = 2^-53 + 2^-106 - 2^-158: 1 + a b lies just above the midpoint between 1 and
    // 1 + 2^-52. Rounding a b first lands on 2^-53 and then on the tie, which goes to 1.
    const a = 1 + 2 ** -52;
    const b = 2 ** -53 * (1 - 2 ** -53);
    expect(a * b + 1).toBe(1);
    expect(fma(a, b, 1)).toBe(1 + 2 ** -52);
    expect(fma(-a, b, -1)).toBe(-(1 + 2 ** -52));
    // The same below the midpoint rounds down.
    expect(fma(1 - 2 ** -53, 2 ** -53, 1)).toBe(1);
  });
});

describe('glibcLog', () => {
  it('handles the special values', () => {
    expect(glibcLog(1)).toBe(0);
    expect(Object.is(glibcLog(1), 0)).toBe(true);
    expect(glibcLog(0)).toBe(-Infinity);
    expect(glibcLog(-0)).toBe(-Infinity);
    expect(glibcLog(Infinity)).toBe(Infinity);
    expect(glibcLog(-1)).toBeNaN();
    expect(glibcLog(-Infinity)).toBeNaN();
    expect(glibcLog(NaN)).toBeNaN();
    expect(glibcLog(2)).toBe(Math.LN2);
    expect(glibcLog(Math.E)).toBe(1);
  });

  it('returns the C library values at the edges of its ranges', () => {
    const cases: [number, number][] = [
      [5e-324, -744.4400719213812],
      [1e-310, -713.8013788281542],
      [2.2250738585072014e-308, -708.3964185322641],
      [1.7976931348623157e308, 709.782712893384],
      [0.9375, -0.06453852113757118],
      [0.9374999999999999, -0.06453852113757129],
      [1.064697265625, 0.06269050112342274],
      [1.0646972656249998, 0.06269050112342253],
      [1 + 2 ** -52, 2.2204460492503128e-16],
      [1 - 2 ** -53, -1.1102230246251565e-16]
    ];
    for (const [x, expected] of cases) {
      expect([x, glibcLog(x)]).toEqual([x, expected]);
    }
  });

  it('rounds as glibc where glibc is not correctly rounded', () => {
    // From the table path and from the near-1 path; the correctly rounded log differs.
    const cases: [number, number][] = [
      [0.8865338749105443, -0.12043594222890412],
      [0.6796403883456412, -0.3861914613657058],
      [0.2623256286078858, -1.3381686896467964],
      [0.9536714889236944, -0.047436018069375474],
      [0.970310943239864, -0.030138698812004136],
      [0.9936957567328384, -0.006324198923164322]
    ];
    for (const [x, expected] of cases) {
      expect([x, glibcLog(x)]).toEqual([x, expected]);
      expect(correctlyRoundedLog(x)).not.toBe(expected);
    }
  });

  it('agrees with the C library where Math.log does not', () => {
    const cases = fixture.log as [number, number][];
    expect(cases.length).toBeGreaterThanOrEqual(500);
    const differ = cases.filter(([x, expected]) => !Object.is(glibcLog(x), expected));
    expect(differ).toEqual([]);
  });
});
