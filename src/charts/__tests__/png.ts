/** Reading back the PNGs of src/charts/mapImage.ts in the tests. */
import { inflateSync } from 'zlib';
import { crc32 } from '../mapImage';

/** A decoded palette PNG: size, per-pixel palette indices (rows from the top), palette, alpha. */
export interface DecodedPng {
  width: number;
  height: number;
  pixels: number[][];
  palette: number[][];
  alpha: number[];
}

/**
 * Decodes a PNG written by `indexedPng` with Node's zlib (an independent inflater), checking
 * the signature and every chunk's CRC on the way.
 */
export function decodePng(url: string): DecodedPng {
  const bytes = Buffer.from(url.replace(/^data:image\/png;base64,/, ''), 'base64');
  expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  let at = 8;
  const chunks: Record<string, Buffer> = {};
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    const crc = bytes.readUInt32BE(at + 8 + length);
    expect(crc32(new Uint8Array(bytes.subarray(at + 4, at + 8 + length)))).toBe(crc);
    chunks[type] = data;
    at += 12 + length;
  }
  const width = chunks.IHDR.readUInt32BE(0);
  const height = chunks.IHDR.readUInt32BE(4);
  expect([...chunks.IHDR.subarray(8)]).toEqual([8, 3, 0, 0, 0]);
  const raw = inflateSync(chunks.IDAT);
  expect(raw.length).toBe(height * (width + 1));
  const pixels: number[][] = [];
  for (let r = 0; r < height; r++) {
    expect(raw[r * (width + 1)]).toBe(0);
    pixels.push([...raw.subarray(r * (width + 1) + 1, (r + 1) * (width + 1))]);
  }
  const palette: number[][] = [];
  for (let i = 0; i < chunks.PLTE.length / 3; i++) {
    palette.push([...chunks.PLTE.subarray(3 * i, 3 * i + 3)]);
  }
  return { width, height, pixels, palette, alpha: [...chunks.tRNS] };
}
