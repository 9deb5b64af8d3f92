import { inflateSync } from 'zlib';
import {
  base64,
  crc32,
  indexedPng,
  runsZlib,
  levelOf,
  mapImage,
  MISSING,
  PALETTE_LEVELS,
  paletteOf
} from '../mapImage';
import { decodePng } from './png';

describe('map images', () => {
  const scale: [number, string][] = [
    [0, '#000000'],
    [0.5, '#ff0000'],
    [1, '#ffffff']
  ];

  it('computes the CRC-32 that PNG uses', () => {
    // The IEND chunk's CRC, found in every PNG file.
    expect(crc32(new Uint8Array([73, 69, 78, 68]))).toBe(0xae426082);
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('writes base64 as Node does, with padding, with and without the platform encoder', () => {
    const platform = globalThis.btoa;
    expect(typeof platform).toBe('function');
    try {
      for (const withPlatform of [true, false]) {
        (globalThis as { btoa?: unknown }).btoa = withPlatform ? platform : undefined;
        for (const n of [0, 1, 2, 3, 4, 5, 6000, 8192, 8193, 10001, 30000]) {
          const bytes = new Uint8Array(n).map((_, i) => (i * 37 + 11) & 255);
          expect(base64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
        }
      }
    } finally {
      globalThis.btoa = platform;
    }
  });

  it('samples the colour scale linearly between its stops', () => {
    const p = paletteOf(scale);
    expect(p.length).toBe(PALETTE_LEVELS * 3);
    expect([...p.subarray(0, 3)]).toEqual([0, 0, 0]);
    expect([...p.subarray(3 * 127, 3 * 127 + 3)]).toEqual([255, 0, 0]);
    expect([...p.subarray(3 * 254, 3 * 255)]).toEqual([255, 255, 255]);
    // A quarter of the way: half way from black to red.
    const q = Math.round(0.25 * 254);
    expect(p[3 * q]).toBeCloseTo((255 * q) / 127, -1);
    expect(p[3 * q + 1]).toBe(0);
  });

  it('places values on the scale from min to max, missing ones transparent', () => {
    expect(levelOf(2, 2, 4)).toBe(0);
    expect(levelOf(4, 2, 4)).toBe(PALETTE_LEVELS - 1);
    expect(levelOf(3, 2, 4)).toBe(127);
    expect(levelOf(-10, 2, 4)).toBe(0);
    expect(levelOf(10, 2, 4)).toBe(PALETTE_LEVELS - 1);
    expect(levelOf(NaN, 2, 4)).toBe(MISSING);
    expect(levelOf(3, 3, 3)).toBe(0);
    expect(levelOf(Infinity, 2, 4)).toBe(MISSING);
    expect(levelOf(-Infinity, 2, 4)).toBe(MISSING);
    expect(levelOf(null as unknown as number, 2, 4)).toBe(MISSING);
    // Rounded to the nearest level: as Math.round of the exact quotient, except (by a last
    // bit) right at a half level.
    const top = PALETTE_LEVELS - 1;
    for (const [min, max] of [
      [2, 4],
      [1.70242, 2.499437],
      [-3.1, 7.3]
    ]) {
      for (let i = 0; i <= 2000; i++) {
        const v = min + ((max - min) * i) / 2000;
        const exact = ((v - min) / (max - min)) * top;
        const level = levelOf(v, min, max);
        if (Math.abs((exact % 1) - 0.5) > 1e-9) {
          expect(level).toBe(Math.round(exact));
        } else {
          expect([Math.floor(exact), Math.ceil(exact)]).toContain(level);
        }
      }
    }
  });

  it('writes a PNG that an independent inflater reads back pixel for pixel', () => {
    // Bigger than one stored block (65535 bytes), so the block splitting is exercised.
    const w = 300;
    const h = 260;
    const pixels = new Uint8Array(w * h).map((_, i) => (i * 7) % PALETTE_LEVELS);
    const png = indexedPng(w, h, pixels, paletteOf(scale));
    const decoded = decodePng(`data:image/png;base64,${base64(png)}`);
    expect([decoded.width, decoded.height]).toEqual([w, h]);
    expect(decoded.pixels.flat()).toEqual([...pixels]);
    expect(decoded.alpha[MISSING]).toBe(0);
    expect(decoded.alpha.slice(0, PALETTE_LEVELS).every(a => a === 255)).toBe(true);
  });

  it('compresses runs into a stream an independent inflater reads back byte for byte', () => {
    // Runs of every length around deflate's length codes (3 to 258 and beyond), single bytes,
    // literals from both halves of the fixed code (below and from 144) and a random tail.
    const parts: number[] = [];
    for (let length = 1; length <= 600; length += length < 20 ? 1 : 37) {
      parts.push(...new Array<number>(length).fill((length * 31) % 256));
    }
    let seed = 7;
    for (let i = 0; i < 5000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      parts.push(i % 3 === 0 ? 255 : seed % 256);
    }
    const data = new Uint8Array(parts);
    expect([...inflateSync(runsZlib(data))]).toEqual([...data]);
    expect([...inflateSync(runsZlib(new Uint8Array(0)))]).toEqual([]);
    // Mostly one value: a hundredfold smaller than the stored stream.
    const sparse = new Uint8Array(200_000).fill(MISSING);
    sparse[12_345] = 3;
    expect(runsZlib(sparse).length).toBeLessThan(sparse.length / 100);
    expect([...inflateSync(runsZlib(sparse))]).toEqual([...sparse]);
  });

  it('writes a run-compressed PNG with its own alpha per palette entry', () => {
    const w = 40;
    const h = 30;
    const pixels = new Uint8Array(w * h).fill(MISSING);
    pixels.fill(2, 100, 160);
    const alpha = new Uint8Array(PALETTE_LEVELS).fill(255);
    alpha[2] = 128;
    const png = indexedPng(w, h, pixels, paletteOf(scale), { alpha, runs: true });
    const decoded = decodePng(`data:image/png;base64,${base64(png)}`);
    expect(decoded.pixels.flat()).toEqual([...pixels]);
    expect(decoded.alpha[2]).toBe(128);
    expect(decoded.alpha[MISSING]).toBe(0);
  });

  it('draws a map with its first row at the bottom when flipped', () => {
    // Row-major 2 x 2: row 0 (lowest x2) = [0, 1], row 1 = [2, NaN].
    const url = mapImage([0, 1, 2, NaN], 2, paletteOf(scale), 0, 2, true);
    const { pixels, palette } = decodePng(url);
    expect(pixels).toEqual([
      [PALETTE_LEVELS - 1, MISSING],
      [0, 127]
    ]);
    expect(palette[0]).toEqual([0, 0, 0]);
    expect(palette[PALETTE_LEVELS - 1]).toEqual([255, 255, 255]);
    const unflipped = decodePng(mapImage([0, 1, 2, NaN], 2, paletteOf(scale), 0, 2));
    expect(unflipped.pixels).toEqual([
      [0, 127],
      [PALETTE_LEVELS - 1, MISSING]
    ]);
  });
});
