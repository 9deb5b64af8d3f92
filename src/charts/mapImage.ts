/**
 * Maps as pictures: a grid of values coloured through a colour scale and written as a PNG
 * (a data URL) that a Plotly `image` trace shows as it is.
 *
 * Why: a Plotly heatmap converts, colours and paints every cell on every redraw, and the
 * neurons view has dozens of 100 x 100 maps: most of its draw went there. An image trace
 * with a ready picture costs Plotly almost nothing; the colouring is done here, once per
 * map, with a table of colours instead of a colour scale per cell.
 *
 * The PNG is palette-based (one byte per pixel, PALETTE_LEVELS colours of the scale plus one
 * transparent entry for missing values) and uncompressed (deflate's "stored" blocks): no
 * compression to pay for, and a small, exact encoder that runs in the page, in a Worker and
 * in Node alike (no canvas).
 */
import { parseColor } from './colors';
import type { Colorscale } from './types';

/** Colours sampled from a scale: value index 0 is the scale's low end, the last its top. */
export const PALETTE_LEVELS = 255;

/** The palette index of a missing (non-finite) value: transparent. */
export const MISSING = PALETTE_LEVELS;

/**
 * The scale's colours at PALETTE_LEVELS evenly spaced points from 0 to 1, as RGB bytes,
 * interpolated linearly in RGB between the scale's stops (as Plotly does).
 */
export function paletteOf(scale: Colorscale): Uint8Array {
  const stops = scale
    .map(([at, css]) => ({ at, rgb: parseColor(css) }))
    .filter((s): s is { at: number; rgb: NonNullable<ReturnType<typeof parseColor>> } =>
      Boolean(s.rgb)
    )
    .sort((a, b) => a.at - b.at);
  const out = new Uint8Array(PALETTE_LEVELS * 3);
  if (stops.length === 0) {
    return out;
  }
  for (let i = 0; i < PALETTE_LEVELS; i++) {
    const t = i / (PALETTE_LEVELS - 1);
    let k = 0;
    while (k < stops.length - 2 && stops[k + 1].at < t) {
      k++;
    }
    const a = stops[k];
    const b = stops[Math.min(k + 1, stops.length - 1)];
    const f = b.at > a.at ? Math.min(1, Math.max(0, (t - a.at) / (b.at - a.at))) : 0;
    out[3 * i] = Math.round(a.rgb.r + (b.rgb.r - a.rgb.r) * f);
    out[3 * i + 1] = Math.round(a.rgb.g + (b.rgb.g - a.rgb.g) * f);
    out[3 * i + 2] = Math.round(a.rgb.b + (b.rgb.b - a.rgb.b) * f);
  }
  return out;
}

/** The palette index of `value` on a scale from `min` to `max` (MISSING when not finite). */
export function levelOf(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? levelAt(value, min, levelFactor(min, max)) : MISSING;
}

/** Palette levels per unit of value on a scale from `min` to `max`. */
function levelFactor(min: number, max: number): number {
  return max > min ? (PALETTE_LEVELS - 1) / (max - min) : 0;
}

/** The palette index of a finite `value`, `factor` from `levelFactor`: rounded, clamped. */
function levelAt(value: number, min: number, factor: number): number {
  const t = (value - min) * factor;
  return t <= 0 ? 0 : t >= PALETTE_LEVELS - 1 ? PALETTE_LEVELS - 1 : (t + 0.5) | 0;
}

/**
 * An n x n row-major map as a PNG data URL, coloured by `palette` (from `paletteOf`) on the
 * scale from `min` to `max`. Image rows run from the top: `flip` puts the map's last row at
 * the top (a map whose rows go up in y, shown on a y axis that goes down).
 */
export function mapImage(
  values: ArrayLike<number>,
  n: number,
  palette: Uint8Array,
  min: number,
  max: number,
  flip = false
): string {
  const pixels = new Uint8Array(n * n);
  const factor = levelFactor(min, max);
  for (let r = 0; r < n; r++) {
    const from = (flip ? n - 1 - r : r) * n;
    const at = r * n;
    for (let c = 0; c < n; c++) {
      const v = values[from + c];
      // v - v is 0 for a finite number, NaN otherwise (the maps hold numbers only).
      pixels[at + c] = v - v === 0 ? levelAt(v, min, factor) : MISSING;
    }
  }
  return `data:image/png;base64,${base64(indexedPng(n, n, pixels, palette))}`;
}

/**
 * A matrix as a PNG data URL, one pixel per entry: `rows[r][c]` is the pixel in row r from
 * the top, column c, coloured by `palette` (from `paletteOf`) on the scale from `min` to
 * `max`. The picture is as wide as the longest row; shorter rows end in transparent pixels.
 */
export function matrixImage(
  rows: ArrayLike<ArrayLike<number>>,
  palette: Uint8Array,
  min: number,
  max: number
): string {
  const height = Math.max(1, rows.length);
  let width = 1;
  for (let r = 0; r < rows.length; r++) {
    width = Math.max(width, rows[r].length);
  }
  const pixels = new Uint8Array(width * height).fill(MISSING);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++) {
      pixels[r * width + c] = levelOf(row[c], min, max);
    }
  }
  return `data:image/png;base64,${base64(indexedPng(width, height, pixels, palette))}`;
}

/**
 * A palette PNG (8 bits per pixel) of `width` x `height` pixels, row-major from the top, with
 * every palette entry opaque except index MISSING (transparent), or as opaque as `alpha`
 * says. `runs` compresses runs of one value (a picture of scattered points is mostly empty);
 * otherwise the pixels are stored as they are.
 */
export function indexedPng(
  width: number,
  height: number,
  pixels: Uint8Array,
  palette: Uint8Array,
  options: { alpha?: Uint8Array; runs?: boolean } = {}
): Uint8Array {
  const entries = PALETTE_LEVELS + 1;
  const plte = new Uint8Array(entries * 3);
  plte.set(palette.subarray(0, PALETTE_LEVELS * 3));
  const trns = new Uint8Array(entries).fill(255);
  if (options.alpha) {
    trns.set(options.alpha.subarray(0, PALETTE_LEVELS));
  }
  trns[MISSING] = 0;
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  // Bit depth 8, colour type 3 (palette), deflate, adaptive filters, no interlace.
  header.set([8, 3, 0, 0, 0], 8);
  // Each row: filter byte 0 (none), then its pixels.
  const raw = new Uint8Array(height * (width + 1));
  for (let r = 0; r < height; r++) {
    raw.set(pixels.subarray(r * width, (r + 1) * width), r * (width + 1) + 1);
  }
  const chunks = [
    chunk('IHDR', header),
    chunk('PLTE', plte),
    chunk('tRNS', trns),
    chunk('IDAT', options.runs ? runsZlib(raw) : storedZlib(raw)),
    chunk('IEND', new Uint8Array(0))
  ];
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  const out = new Uint8Array(signature.length + chunks.reduce((s, c) => s + c.length, 0));
  out.set(signature);
  let at = signature.length;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A PNG chunk: length, type, data, CRC-32 of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) {
    out[4 + i] = type.charCodeAt(i);
  }
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A zlib stream holding `data` in deflate "stored" (uncompressed) blocks of at most 65535 bytes. */
function storedZlib(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 65535));
  const out = new Uint8Array(2 + blocks * 5 + data.length + 4);
  // CMF/FLG: deflate with a 32K window, no dictionary, check bits making it a multiple of 31.
  out[0] = 0x78;
  out[1] = 0x01;
  let at = 2;
  for (let b = 0; b < blocks; b++) {
    const start = b * 65535;
    const len = Math.min(65535, data.length - start);
    out[at] = b === blocks - 1 ? 1 : 0;
    out[at + 1] = len & 255;
    out[at + 2] = len >>> 8;
    out[at + 3] = ~len & 255;
    out[at + 4] = (~len >>> 8) & 255;
    out.set(data.subarray(start, start + len), at + 5);
    at += 5 + len;
  }
  new DataView(out.buffer).setUint32(at, adler32(data));
  return out;
}

/**
 * A zlib stream holding `data` compressed by its runs only: one deflate block with the fixed
 * Huffman codes, each byte a literal unless it repeats the one before it three or more times,
 * then a copy of the previous byte (distance 1) for the length of the run. Cheap to write,
 * and a picture that is mostly one value shrinks a hundredfold.
 */
export function runsZlib(data: Uint8Array): Uint8Array {
  const bits = new BitWriter(2 + Math.ceil(data.length * 1.2) + 16);
  bits.byte(0x78);
  bits.byte(0x01);
  // BFINAL 1, BTYPE 01 (fixed Huffman codes).
  bits.write(1, 1);
  bits.write(1, 2);
  let i = 0;
  while (i < data.length) {
    let run = 0;
    if (i > 0) {
      const previous = data[i - 1];
      while (run < 258 && i + run < data.length && data[i + run] === previous) {
        run++;
      }
    }
    if (run >= 3) {
      writeLength(bits, run);
      // Distance code 0 (a distance of 1): five zero bits, no extra bits.
      bits.write(0, 5);
      i += run;
    } else {
      writeLiteral(bits, data[i]);
      i++;
    }
  }
  writeLiteral(bits, 256);
  bits.align();
  const out = bits.bytes();
  const end = new Uint8Array(out.length + 4);
  end.set(out);
  new DataView(end.buffer).setUint32(out.length, adler32(data));
  return end;
}

/**
 * The fixed Huffman code of every literal byte and of 256 (end of block) to 287, bits
 * reversed (deflate sends a code highest bit first, the writer packs bits lowest first), and
 * its length in bits.
 */
const FIXED_CODES = (() => {
  const codes = new Uint16Array(288);
  const lengths = new Uint8Array(288);
  for (let value = 0; value < 288; value++) {
    const [code, length] =
      value < 144
        ? [0x30 + value, 8]
        : value < 256
          ? [0x190 + value - 144, 9]
          : value < 280
            ? [value - 256, 7]
            : [0xc0 + value - 280, 8];
    let reversed = 0;
    for (let k = 0; k < length; k++) {
      reversed |= ((code >>> k) & 1) << (length - 1 - k);
    }
    codes[value] = reversed;
    lengths[value] = length;
  }
  return { codes, lengths };
})();

/** The fixed Huffman code of a literal byte or of 256 (end of block) to 287. */
function writeLiteral(bits: BitWriter, value: number): void {
  bits.write(FIXED_CODES.codes[value], FIXED_CODES.lengths[value]);
}

/** Deflate's length codes 257 to 285: the first length of each and its extra bits. */
const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258
];
const LENGTH_EXTRA = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
];

/** A copy length from 3 to 258: its length code, then its extra bits. */
function writeLength(bits: BitWriter, length: number): void {
  let k = LENGTH_BASE.length - 1;
  while (LENGTH_BASE[k] > length) {
    k--;
  }
  writeLiteral(bits, 257 + k);
  if (LENGTH_EXTRA[k] > 0) {
    bits.write(length - LENGTH_BASE[k], LENGTH_EXTRA[k]);
  }
}

/** Bits packed from the least significant end of each byte, as deflate wants them. */
class BitWriter {
  constructor(capacity: number) {
    this._out = new Uint8Array(capacity);
  }

  /** `count` (at most 16) bits of `value`, lowest first. */
  write(value: number, count: number): void {
    this._current |= (value & ((1 << count) - 1)) << this._used;
    this._used += count;
    while (this._used >= 8) {
      this._push(this._current & 255);
      this._current >>>= 8;
      this._used -= 8;
    }
  }

  byte(value: number): void {
    this.align();
    this._push(value);
  }

  /** Pad with zero bits to the end of the byte. */
  align(): void {
    if (this._used > 0) {
      this._push(this._current & 255);
      this._current = 0;
      this._used = 0;
    }
  }

  bytes(): Uint8Array {
    return this._out.subarray(0, this._length);
  }

  private _push(value: number): void {
    if (this._length === this._out.length) {
      const bigger = new Uint8Array(this._out.length * 2 + 16);
      bigger.set(this._out);
      this._out = bigger;
    }
    this._out[this._length++] = value;
  }

  private _out: Uint8Array;
  private _length = 0;
  /** Bits written but not yet pushed, lowest first (fewer than 8 between calls). */
  private _current = 0;
  private _used = 0;
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (the polynomial PNG uses, 0xEDB88320 reflected). */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    crc = crcTable[(crc ^ data[i]) & 255] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Adler-32, the checksum at the end of a zlib stream. */
function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  // The sums are reduced every 5552 bytes, the most that cannot overflow 2^32 in between.
  for (let start = 0; start < data.length; start += 5552) {
    const end = Math.min(data.length, start + 5552);
    for (let i = start; i < end; i++) {
      a += data[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding. */
export function base64(bytes: Uint8Array): string {
  // The platform's encoder where there is one (pages, workers, Node): a dozen times faster
  // than the loop below, which stays for any other.
  if (typeof btoa === 'function') {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 8192) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
    }
    return btoa(binary);
  }
  const parts: string[] = [];
  let chunkText = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const triple = (a << 16) | (b << 8) | c;
    chunkText +=
      BASE64[(triple >> 18) & 63] +
      BASE64[(triple >> 12) & 63] +
      (i + 1 < bytes.length ? BASE64[(triple >> 6) & 63] : '=') +
      (i + 2 < bytes.length ? BASE64[triple & 63] : '=');
    if (chunkText.length >= 8192) {
      parts.push(chunkText);
      chunkText = '';
    }
  }
  parts.push(chunkText);
  return parts.join('');
}
