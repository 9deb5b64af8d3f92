/**
 * One level curve of a grid of values, by marching squares: the boundary view's line where
 * P(class 1) = 0.5, drawn as a plain line instead of a Plotly contour trace (which contours
 * the whole grid again on every redraw).
 *
 * The grid is row-major with y as the row, as the boundary view's: values[iy * n + ix] is
 * the value at (xs[ix], ys[iy]). A corner is above the level when its value is greater than
 * the level. Where the curve crosses a cell's edge (one corner above, the other not), the
 * crossing is placed by linear interpolation along that edge. A cell with two corners above
 * across a diagonal (a saddle) is split by the mean of its four corners: when the mean is
 * above the level the two corners above are joined through the cell's middle, otherwise
 * the two below are. A cell with a corner that is not a finite number has no curve.
 *
 * The crossings are chained into polylines, each in one direction: the curve is returned
 * as x and y arrays with `null` between two pieces (Plotly breaks a line there), and a
 * closed loop ends on its first point.
 */

export interface Isoline {
  x: (number | null)[];
  y: (number | null)[];
}

/** Corner bits of a cell: bottom left, bottom right, top right, top left. */
const BL = 1;
const BR = 2;
const TR = 4;
const TL = 8;

/**
 * Scratch links between crossings, kept between calls (the boundary view asks for one curve
 * per panel at every redraw): entry 2e and 2e + 1 are the crossings joined to the crossing on
 * edge e, or -1. Every entry is -1 again when a call returns.
 */
let links = new Int32Array(0).fill(-1);

/** Scratch: where each grid point lies against the level (see below). */
let state = new Uint8Array(0);

/** The curve where `values` (an n x n grid over xs by ys) equals `level`. */
export function isoline(
  values: ArrayLike<number>,
  n: number,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  level: number
): Isoline {
  const out: Isoline = { x: [], y: [] };
  if (!Number.isInteger(n) || n < 2 || values.length < n * n || xs.length < n || ys.length < n) {
    return out;
  }
  // Edges: horizontal ones (ix, iy)-(ix + 1, iy) first, then vertical (ix, iy)-(ix, iy + 1).
  const horizontal = n * (n - 1);
  const edges = 2 * horizontal;
  if (links.length < 2 * edges) {
    links = new Int32Array(2 * edges).fill(-1);
  }
  const touched: number[] = [];
  const link = (from: number, to: number) => {
    if (links[2 * from] < 0) {
      links[2 * from] = to;
      touched.push(from);
    } else {
      links[2 * from + 1] = to;
    }
  };
  const join = (a: number, b: number) => {
    link(a, b);
    link(b, a);
  };
  try {
    // Each point once: 1 above the level, 0 not, 16 not a finite number.
    if (state.length < n * n) {
      state = new Uint8Array(n * n);
    }
    for (let i = 0; i < n * n; i++) {
      const v = values[i];
      state[i] = !Number.isFinite(v) ? 16 : v > level ? 1 : 0;
    }

    for (let iy = 0; iy < n - 1; iy++) {
      for (let ix = 0; ix < n - 1; ix++) {
        const i = iy * n + ix;
        const corners =
          state[i] | (state[i + 1] << 1) | (state[i + n + 1] << 2) | (state[i + n] << 3);
        if (corners === 0 || corners >= 15) {
          continue;
        }
        const bottom = iy * (n - 1) + ix;
        const top = bottom + (n - 1);
        const left = horizontal + i;
        const right = left + 1;
        if (corners === (BL | TR) || corners === (BR | TL)) {
          // A saddle: cut off the two corners that the middle does not join.
          const middle = (values[i] + values[i + 1] + values[i + n + 1] + values[i + n]) / 4;
          const middleAbove = middle > level;
          const cutBottomLeftAndTopRight = (corners === (BL | TR)) !== middleAbove;
          if (cutBottomLeftAndTopRight) {
            join(left, bottom);
            join(right, top);
          } else {
            join(bottom, right);
            join(top, left);
          }
          continue;
        }
        // Exactly two edges are crossed: those whose two corners differ.
        const onBottom = ((corners & BL) === 0) !== ((corners & BR) === 0);
        const onRight = ((corners & BR) === 0) !== ((corners & TR) === 0);
        const onTop = ((corners & TR) === 0) !== ((corners & TL) === 0);
        if (onBottom) {
          join(bottom, onRight ? right : onTop ? top : left);
        } else if (onRight) {
          join(right, onTop ? top : left);
        } else {
          join(top, left);
        }
      }
    }

    // Where the curve crosses edge e.
    const put = (e: number) => {
      let a: number;
      let b: number;
      if (e < horizontal) {
        const iy = Math.floor(e / (n - 1));
        const ix = e - iy * (n - 1);
        a = iy * n + ix;
        b = a + 1;
      } else {
        a = e - horizontal;
        b = a + n;
      }
      const t = (level - values[a]) / (values[b] - values[a]);
      const ax = xs[a % n];
      const ay = ys[Math.floor(a / n)];
      const bx = xs[b % n];
      const by = ys[Math.floor(b / n)];
      const x = ax + t * (bx - ax);
      const y = ay + t * (by - ay);
      // Where the curve passes through a grid point, two crossings meet there: one point.
      const last = out.x.length - 1;
      if (last < 0 || out.x[last] !== x || out.y[last] !== y) {
        out.x.push(x);
        out.y.push(y);
      }
    };
    const seen = new Set<number>();
    const walk = (start: number) => {
      if (out.x.length > 0) {
        out.x.push(null);
        out.y.push(null);
      }
      let previous = -1;
      let e = start;
      for (;;) {
        put(e);
        seen.add(e);
        // The neighbour not just come from (two segments never join the same two crossings).
        const next = links[2 * e] !== previous ? links[2 * e] : links[2 * e + 1];
        if (next < 0) {
          return;
        }
        if (next === start) {
          put(start);
          return;
        }
        if (seen.has(next)) {
          return;
        }
        previous = e;
        e = next;
      }
    };
    // Open pieces first, from an end (a crossing with one neighbour), then closed loops.
    for (const e of touched) {
      if (!seen.has(e) && links[2 * e + 1] < 0) {
        walk(e);
      }
    }
    for (const e of touched) {
      if (!seen.has(e)) {
        walk(e);
      }
    }
  } finally {
    // The scratch is clean again for the next call, whatever happened.
    for (const e of touched) {
      links[2 * e] = -1;
      links[2 * e + 1] = -1;
    }
  }
  return out;
}
