/**
 * Dense matrices of float64 numbers, stored row-major in one Float64Array.
 *
 * Entry (i, j) of an r x c matrix lives at `data[i * c + j]`. The whole core is built on
 * this one type because a flat typed array is what the JavaScript engine compiles into
 * tight loops: no boxing, no nested arrays, no allocation while training.
 *
 * The product functions write into an `out` matrix that the caller owns (out-parameter
 * style) so that a training step can reuse the same buffers again and again.
 */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  /**
   * Wrap (or allocate) the storage of an r x c matrix.
   * When `data` is given it is used as is (not copied) and must hold exactly r * c numbers.
   */
  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new Error(`Matrix: invalid shape ${rows} x ${cols}`);
    }
    if (data && data.length !== rows * cols) {
      throw new Error(`Matrix: ${rows} x ${cols} needs ${rows * cols} numbers, got ${data.length}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  /** The r x c matrix of zeros. */
  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  /** Build a matrix from nested rows, e.g. `Matrix.from([[1, 2], [3, 4]])`. All rows must have the same length. */
  static from(rows: ArrayLike<ArrayLike<number>>): Matrix {
    const r = rows.length;
    const c = r > 0 ? rows[0].length : 0;
    const m = new Matrix(r, c);
    for (let i = 0; i < r; i++) {
      const row = rows[i];
      if (row.length !== c) {
        throw new Error(`Matrix.from: row ${i} has ${row.length} entries, expected ${c}`);
      }
      for (let j = 0; j < c; j++) {
        m.data[i * c + j] = row[j];
      }
    }
    return m;
  }

  /** A column vector (n x 1) from a list of numbers. */
  static column(values: ArrayLike<number>): Matrix {
    return new Matrix(values.length, 1, Float64Array.from(values as ArrayLike<number>));
  }

  /** Nested plain arrays (for JSON, snapshots and tests). */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) {
      out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    }
    return out;
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }

  set(i: number, j: number, v: number): void {
    this.data[i * this.cols + j] = v;
  }

  /** Row i as a view (no copy). */
  row(i: number): Float64Array {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  /** Rows start .. end - 1 as a matrix that shares this one's data (no copy). */
  rowsView(start: number, end: number): Matrix {
    return new Matrix(
      end - start,
      this.cols,
      this.data.subarray(start * this.cols, end * this.cols)
    );
  }

  /** An independent copy. */
  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  /** Set every entry to `v`. */
  fill(v: number): this {
    this.data.fill(v);
    return this;
  }

  /** The transpose, as a new matrix. */
  transpose(): Matrix {
    const t = new Matrix(this.cols, this.rows);
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < this.cols; j++) {
        t.data[j * this.rows + i] = this.data[i * this.cols + j];
      }
    }
    return t;
  }

  /** Select rows by index into `out` (mini-batches): out[k] = this[indices[k]]. */
  gatherRows(indices: ArrayLike<number>, out: Matrix, start = 0): Matrix {
    const c = this.cols;
    if (out.cols !== c) {
      throw new Error(`gatherRows: out has ${out.cols} columns, expected ${c}`);
    }
    for (let k = 0; k < out.rows; k++) {
      const src = indices[start + k] * c;
      const dst = k * c;
      for (let j = 0; j < c; j++) {
        out.data[dst + j] = this.data[src + j];
      }
    }
    return out;
  }
}

/**
 * Matrix product C = A B (A: n x k, B: k x m, C: n x m), written into `out`.
 * Each entry is one dot product c_ij = sum_p a_ip b_pj accumulated in a local variable: for the
 * small layers of this lab (k, m <= a few dozen) that beats updating C in memory.
 * `out` must not share storage with `a` or `b`.
 */
export function matmul(a: Matrix, b: Matrix, out: Matrix): Matrix {
  const n = a.rows;
  const k = a.cols;
  const m = b.cols;
  if (b.rows !== k || out.rows !== n || out.cols !== m) {
    throw new Error(`matmul: (${n} x ${k}) (${b.rows} x ${m}) -> (${out.rows} x ${out.cols})`);
  }
  const A = a.data;
  const B = b.data;
  const C = out.data;
  for (let i = 0; i < n; i++) {
    const ai = i * k;
    const aEnd = ai + k;
    const ci = i * m;
    for (let j = 0; j < m; j++) {
      let s = 0;
      // walk row i of A (index ap) and column j of B (index bp, one row of B further each step)
      let bp = j;
      for (let ap = ai; ap < aEnd; ap++) {
        s += A[ap] * B[bp];
        bp += m;
      }
      C[ci + j] = s;
    }
  }
  return out;
}

/**
 * The affine map of a dense layer, Z = A W + b (A: n x k, W: k x m, bias b: m entries added to
 * every row, Z: n x m), written into `out`. The same sums as matmul followed by addRowVector,
 * in the same order (product first, then the bias, as PyTorch's addmm), but in one pass: the
 * bias is added while the dot product is still in a register.
 * `out` must not share storage with `a` or `w`.
 */
export function affine(a: Matrix, w: Matrix, bias: Float64Array, out: Matrix): Matrix {
  const n = a.rows;
  const k = a.cols;
  const m = w.cols;
  if (w.rows !== k || out.rows !== n || out.cols !== m || bias.length !== m) {
    throw new Error(
      `affine: (${n} x ${k}) (${w.rows} x ${m}) + bias of ${bias.length} -> (${out.rows} x ${out.cols})`
    );
  }
  const A = a.data;
  const W = w.data;
  const Z = out.data;
  const m4 = m & ~3; // m rounded down to a multiple of 4
  // Indices are walked by increments (ap along row i of A, wp down a column of W) rather than
  // recomputed as p * m + j: that alone makes the tiny products of the lab ~1.5x faster.
  for (let i = 0; i < n; i++) {
    const ai = i * k;
    const aEnd = ai + k;
    const zi = i * m;
    let j = 0;
    // Four outputs z_ij..z_i(j+3) at a time: four independent sums keep the floating-point
    // adder busy instead of waiting on one chain of additions (about twice as fast).
    for (; j < m4; j += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let wp = j;
      for (let ap = ai; ap < aEnd; ap++) {
        const aip = A[ap];
        s0 += aip * W[wp];
        s1 += aip * W[wp + 1];
        s2 += aip * W[wp + 2];
        s3 += aip * W[wp + 3];
        wp += m;
      }
      Z[zi + j] = s0 + bias[j];
      Z[zi + j + 1] = s1 + bias[j + 1];
      Z[zi + j + 2] = s2 + bias[j + 2];
      Z[zi + j + 3] = s3 + bias[j + 3];
    }
    for (; j < m; j++) {
      // z_ij = (sum_p a_ip w_pj) + b_j
      let s = 0;
      let wp = j;
      for (let ap = ai; ap < aEnd; ap++) {
        s += A[ap] * W[wp];
        wp += m;
      }
      Z[zi + j] = s + bias[j];
    }
  }
  return out;
}

/**
 * C = A^T B (A: k x n, B: k x m, C: n x m), written into `out`, without forming A^T.
 * Backpropagation uses it for the weight gradient dW = A_prev^T dZ: c_ij = sum_p a_pi b_pj,
 * a sum over the batch, accumulated in a local variable (p in increasing order).
 *
 * With `accumulate`, each sum starts from the entry already in `out` instead of 0, and so
 * continues it: A^T B over the rows of a batch taken in consecutive blocks, each block's
 * call accumulating into the same `out`, performs exactly the additions of one call over the
 * whole batch, in the same order (one running sum per entry, rows in increasing order), and
 * gives the same numbers bit for bit.
 */
export function matmulTransA(a: Matrix, b: Matrix, out: Matrix, accumulate = false): Matrix {
  const k = a.rows;
  const n = a.cols;
  const m = b.cols;
  if (b.rows !== k || out.rows !== n || out.cols !== m) {
    throw new Error(
      `matmulTransA: (${k} x ${n})^T (${b.rows} x ${m}) -> (${out.rows} x ${out.cols})`
    );
  }
  const A = a.data;
  const B = b.data;
  const C = out.data;
  const m4 = m & ~3; // m rounded down to a multiple of 4
  for (let i = 0; i < n; i++) {
    const ci = i * m;
    let j = 0;
    // Four independent sums at a time, indices walked by increments, as in `affine`:
    // ap goes down column i of A, bp down columns j..j+3 of B.
    for (; j < m4; j += 4) {
      let s0 = accumulate ? C[ci + j] : 0;
      let s1 = accumulate ? C[ci + j + 1] : 0;
      let s2 = accumulate ? C[ci + j + 2] : 0;
      let s3 = accumulate ? C[ci + j + 3] : 0;
      let ap = i;
      let bp = j;
      for (let p = 0; p < k; p++) {
        const api = A[ap];
        s0 += api * B[bp];
        s1 += api * B[bp + 1];
        s2 += api * B[bp + 2];
        s3 += api * B[bp + 3];
        ap += n;
        bp += m;
      }
      C[ci + j] = s0;
      C[ci + j + 1] = s1;
      C[ci + j + 2] = s2;
      C[ci + j + 3] = s3;
    }
    for (; j < m; j++) {
      // c_ij = sum_p a_pi b_pj
      let s = accumulate ? C[ci + j] : 0;
      let ap = i;
      let bp = j;
      for (let p = 0; p < k; p++) {
        s += A[ap] * B[bp];
        ap += n;
        bp += m;
      }
      C[ci + j] = s;
    }
  }
  return out;
}

/**
 * C = A B^T (A: n x k, B: m x k, C: n x m), written into `out`, without forming B^T.
 * Backpropagation uses it to pass the error back a layer: dA_prev = dZ W^T.
 */
export function matmulTransB(a: Matrix, b: Matrix, out: Matrix): Matrix {
  const n = a.rows;
  const k = a.cols;
  const m = b.rows;
  if (b.cols !== k || out.rows !== n || out.cols !== m) {
    throw new Error(
      `matmulTransB: (${n} x ${k}) (${m} x ${b.cols})^T -> (${out.rows} x ${out.cols})`
    );
  }
  const A = a.data;
  const B = b.data;
  const C = out.data;
  const m4 = m & ~3; // m rounded down to a multiple of 4
  for (let i = 0; i < n; i++) {
    const ai = i * k;
    const aEnd = ai + k;
    const ci = i * m;
    let j = 0;
    // Four independent sums at a time (rows j..j+3 of B), indices walked by increments, as in
    // `affine`: ap along row i of A, bp along row j of B (the other rows at +k, +2k, +3k).
    for (; j < m4; j += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let bp = j * k;
      for (let ap = ai; ap < aEnd; ap++) {
        const aip = A[ap];
        s0 += aip * B[bp];
        s1 += aip * B[bp + k];
        s2 += aip * B[bp + 2 * k];
        s3 += aip * B[bp + 3 * k];
        bp++;
      }
      C[ci + j] = s0;
      C[ci + j + 1] = s1;
      C[ci + j + 2] = s2;
      C[ci + j + 3] = s3;
    }
    for (; j < m; j++) {
      // c_ij = sum_p a_ip b_jp
      let s = 0;
      let bp = j * k;
      for (let ap = ai; ap < aEnd; ap++) {
        s += A[ap] * B[bp];
        bp++;
      }
      C[ci + j] = s;
    }
  }
  return out;
}

/** Add the row vector `bias` (length m) to every row of the n x m matrix `out`, in place. */
export function addRowVector(out: Matrix, bias: Float64Array): Matrix {
  const n = out.rows;
  const m = out.cols;
  if (bias.length !== m) {
    throw new Error(`addRowVector: bias has ${bias.length} entries, expected ${m}`);
  }
  const C = out.data;
  for (let i = 0; i < n; i++) {
    const ci = i * m;
    for (let j = 0; j < m; j++) {
      C[ci + j] += bias[j];
    }
  }
  return out;
}

/**
 * Column sums of the n x m matrix `a` into `out` (length m): the bias gradient db = 1^T dZ.
 * With `accumulate`, each sum continues from the entry already in `out` (see matmulTransA).
 */
export function sumRows(a: Matrix, out: Float64Array, accumulate = false): Float64Array {
  const n = a.rows;
  const m = a.cols;
  if (out.length !== m) {
    throw new Error(`sumRows: out has ${out.length} entries, expected ${m}`);
  }
  const A = a.data;
  // Column by column with the sum in a local (rows in increasing order): no fill(0) call,
  // which costs more than the sums themselves for the few entries of a bias.
  for (let j = 0; j < m; j++) {
    let s = accumulate ? out[j] : 0;
    for (let i = 0; i < n; i++) {
      s += A[i * m + j];
    }
    out[j] = s;
  }
  return out;
}
