/**
 * Seeded random numbers.
 *
 * Two generators share one small interface:
 *
 * - `'default'`: sfc32 (Chris Doty-Humphrey's "small fast chaotic" generator, 128 bits of
 *   state), seeded through splitmix32. Fast and of good statistical quality.
 * - `'numpy'`: NumPy's legacy global generator, so that `np.random.seed(s);
 *   np.random.randn(3, 4)` in a notebook cell and the widget draw the same numbers. It is the
 *   Mersenne Twister MT19937 seeded with `init_genrand`, with NumPy's 53-bit doubles and its
 *   polar Box-Muller Gaussian that caches the second value. Uniform draws (`rand`, `randint`,
 *   `shuffle`) are NumPy's bit for bit. The Gaussian needs a logarithm, which NumPy takes from
 *   the C library: here it is glibcLog.ts, a step-for-step replica of glibc 2.36's `log` as
 *   built for x86-64 CPUs with FMA, so the normal draws are NumPy's bit for bit too on such a
 *   machine (10^6 of 10^6 against NumPy 2.4 on glibc 2.36; scripts/numpy-normal/run.sh
 *   measures it). Another C library may round its log differently on a few inputs in 10^4.
 */

/** What the rest of the core needs from a random source. */
export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Uniform integer in {0, ..., n - 1}. */
  int(n: number): number;
}

export type { RngKind } from './types';
import type { RngKind } from './types';
import { glibcLog } from './glibcLog';

// ---------------------------------------------------------------------------------------
// Samplers shared by both generators
// ---------------------------------------------------------------------------------------

/** A raw stream of 32-bit words, the one thing the samplers below need from a generator. */
interface Uint32Source {
  /** An integer in [0, 2^32). */
  nextUint32(): number;
}

/**
 * A double in [0, 1) with 53 random bits from two words, as NumPy:
 * ((a >> 5) 2^26 + (b >> 6)) / 2^53.
 */
function double53(source: Uint32Source): number {
  const a = source.nextUint32() >>> 5;
  const b = source.nextUint32() >>> 6;
  return (a * 67108864 + b) / 9007199254740992;
}

/**
 * Uniform integer in [0, max] for max < 2^32 by masked rejection: keep the low bits up to
 * the highest set bit of max and draw again while the value exceeds max (NumPy's
 * `random_interval`). Unbiased, and fewer than two draws on average.
 */
function maskedInterval(source: Uint32Source, max: number): number {
  if (max <= 0) {
    return 0;
  }
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  mask >>>= 0;
  let value: number;
  do {
    value = (source.nextUint32() & mask) >>> 0;
  } while (value > max);
  return value;
}

/**
 * Standard normals by the polar Box-Muller method (NumPy's legacy Gaussian), which yields
 * two at a time: draw x1, x2 uniform in (-1, 1) until 0 < r2 = x1^2 + x2^2 < 1; with
 * f = sqrt(-2 ln(r2) / r2) return f x2 now and keep f x1 for the next call.
 */
class PolarGaussian {
  private hasCached = false;
  private cached = 0;

  /** `log` is the natural logarithm to use (NumPy's stream needs the C library's rounding). */
  constructor(private readonly log: (x: number) => number = Math.log) {}

  /** Forget the kept value, as reseeding must. */
  reset(): void {
    this.hasCached = false;
    this.cached = 0;
  }

  next(source: Uint32Source): number {
    if (this.hasCached) {
      this.hasCached = false;
      return this.cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * double53(source) - 1;
      x2 = 2 * double53(source) - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * this.log(r2)) / r2);
    this.cached = f * x1;
    this.hasCached = true;
    return f * x2;
  }
}

// ---------------------------------------------------------------------------------------
// Mersenne Twister MT19937 (Matsumoto and Nishimura, 1998)
// ---------------------------------------------------------------------------------------

const MT_N = 624;
const MT_M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** The 32-bit Mersenne Twister with the reference `init_genrand` seeding (as NumPy's `np.random.seed(int)`). */
export class MT19937 {
  private readonly mt = new Uint32Array(MT_N);
  private index = MT_N;

  constructor(seed = 5489) {
    this.seed(seed);
  }

  /** init_genrand: mt[0] = s, mt[i] = 1812433253 (mt[i-1] xor (mt[i-1] >> 30)) + i  (mod 2^32). */
  seed(seed: number): void {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < MT_N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = MT_N;
  }

  /** Regenerate the 624 words of state (the "twist"). */
  private twist(): void {
    const mt = this.mt;
    let kk = 0;
    let y: number;
    for (; kk < MT_N - MT_M; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + MT_M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < MT_N - 1; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + MT_M - MT_N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (mt[MT_N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[MT_N - 1] = mt[MT_M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.index = 0;
  }

  /** Next 32-bit output, tempered: an integer in [0, 2^32). */
  nextUint32(): number {
    if (this.index >= MT_N) {
      this.twist();
    }
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) with 53 random bits: ((a >> 5) 2^26 + (b >> 6)) / 2^53, as NumPy. */
  nextDouble(): number {
    return double53(this);
  }
}

// ---------------------------------------------------------------------------------------
// NumPy's legacy RandomState
// ---------------------------------------------------------------------------------------

/**
 * NumPy's legacy `np.random` stream: `seed(s)`, `rand(n)` (= `random_sample`), `randn(n)`
 * (legacy Gaussian), `randint(n)` and `shuffle(array)`.
 *
 * Seeds must be integers in [0, 2^32); others are reduced modulo 2^32 (NumPy refuses them).
 */
export class NumpyRandomState implements Rng {
  private readonly mt = new MT19937();
  private readonly gaussian = new PolarGaussian(glibcLog);

  constructor(seed = 0) {
    this.seed(seed);
  }

  /** `np.random.seed(s)` for an integer s: MT19937 init_genrand(s) and no cached Gaussian. */
  seed(seed: number): void {
    const s = Math.floor(seed);
    this.mt.seed(((s % 4294967296) + 4294967296) % 4294967296);
    this.gaussian.reset();
  }

  /** `np.random.random_sample()`: uniform in [0, 1). */
  uniform(): number {
    return this.mt.nextDouble();
  }

  /** `np.random.randn()`: NumPy's legacy polar Box-Muller over the twister's doubles. */
  normal(): number {
    return this.gaussian.next(this.mt);
  }

  /**
   * Uniform integer in [0, max] by masked rejection sampling on 32-bit outputs: NumPy's
   * `random_interval(max)`, used by `shuffle`, and (with max = n - 1) by legacy `randint(n)`.
   */
  interval(max: number): number {
    if (max > 0xffffffff) {
      throw new Error('NumpyRandomState.interval: ranges above 2^32 are not supported');
    }
    return maskedInterval(this.mt, max);
  }

  /** Uniform integer in {0, ..., n - 1}, as `np.random.randint(n)`. */
  int(n: number): number {
    if (!(n >= 1)) {
      throw new Error(`int(n) needs n >= 1, got ${n}`);
    }
    return this.interval(n - 1);
  }

  /** `np.random.rand(n)`. */
  rand(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = this.uniform();
    }
    return out;
  }

  /** `np.random.randn(n)`. */
  randn(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = this.normal();
    }
    return out;
  }

  /** `np.random.randint(n, size=count)`. */
  randint(n: number, count: number): Int32Array {
    const out = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      out[i] = this.int(n);
    }
    return out;
  }

  /** `np.random.shuffle(a)` for a 1-D array, in place. */
  shuffle<T extends { length: number; [i: number]: number }>(a: T): T {
    return shuffleInPlace(this, a);
  }
}

// ---------------------------------------------------------------------------------------
// sfc32, the default generator
// ---------------------------------------------------------------------------------------

/** splitmix32 step: a well-mixed 32-bit value from a counter, used to expand the seed. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) >>> 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** sfc32: 32-bit small fast chaotic generator, state a, b, c and a counter d. */
export class Sfc32 implements Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 1;
  private readonly gaussian = new PolarGaussian();

  constructor(seed = 0) {
    this.seed(seed);
  }

  /** Any finite number is a valid seed: its low and high 32-bit halves both feed splitmix32. */
  seed(seed: number): void {
    const s = Math.floor(Number.isFinite(seed) ? seed : 0);
    const low = s >>> 0;
    const high = Math.floor(s / 4294967296) >>> 0;
    const st = { s: (low ^ Math.imul(high, 0x27d4eb2d)) >>> 0 };
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = 1;
    this.gaussian.reset();
    // Discard the first outputs, whose state is still close to the seed.
    for (let i = 0; i < 12; i++) {
      this.nextUint32();
    }
  }

  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1) with 53 random bits (same construction as MT19937.nextDouble). */
  uniform(): number {
    return double53(this);
  }

  /** Standard normal by the polar Box-Muller method, caching the second value. */
  normal(): number {
    return this.gaussian.next(this);
  }

  /** Uniform integer in {0, ..., n - 1}, unbiased (masked rejection). */
  int(n: number): number {
    if (!(n >= 1)) {
      throw new Error(`int(n) needs n >= 1, got ${n}`);
    }
    if (n > 0x100000000) {
      return Math.floor(this.uniform() * n);
    }
    return maskedInterval(this, n - 1);
  }
}

/** A seeded generator of the given kind. */
export function createRng(seed: number, kind: RngKind = 'default'): Rng {
  return kind === 'numpy' ? new NumpyRandomState(seed) : new Sfc32(seed);
}

/**
 * Fisher-Yates shuffle in place, in NumPy's order: for i = n-1 down to 1 swap a[i] with
 * a[j], j = rng.int(i + 1). With a NumpyRandomState this equals `np.random.shuffle(a)`.
 */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(
  rng: Rng,
  a: T
): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** A random permutation of 0..n-1 (as `np.random.permutation(n)` with the numpy generator). */
export function permutation(rng: Rng, n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    p[i] = i;
  }
  return shuffleInPlace(rng, p);
}
