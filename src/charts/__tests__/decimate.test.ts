import { decimationIndices, pick } from '../decimate';

describe('decimationIndices', () => {
  it('keeps short series whole', () => {
    expect(decimationIndices([3, 1, 2], 10)).toEqual([0, 1, 2]);
    expect(decimationIndices([], 10)).toEqual([]);
  });

  it('keeps the first, the last, and the lowest and highest point of every bucket, in order', () => {
    // 1 + 4 buckets of 5 + 1 points.
    const values = [9, 5, 4, 8, 6, 7, 1, 2, 3, 0.5, 2.5, 10, 10, 10, 10, 10, 3, 2, 9, 1, 4, 6];
    const kept = decimationIndices(values, 4);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(values.length - 1);
    expect([...kept].sort((a, b) => a - b)).toEqual(kept);
    // Bucket 1..5 is [5, 4, 8, 6, 7]: min at 2, max at 3. Bucket 6..10 is [1, 2, 3, 0.5, 2.5]:
    // min at 9, max at 8.
    expect(kept).toEqual(expect.arrayContaining([2, 3, 9, 8]));
    // A flat bucket contributes one point.
    expect(kept.filter(i => i >= 11 && i <= 15)).toHaveLength(1);
  });

  it('draws the same envelope: every bucket keeps its extremes', () => {
    const values = Array.from({ length: 10000 }, (_, i) => Math.sin(i / 50) + (i === 4321 ? 5 : 0));
    const kept = decimationIndices(values, 200);
    expect(kept.length).toBeLessThanOrEqual(2 * 200 + 2);
    const y = pick(values, kept);
    expect(Math.max(...y)).toBe(Math.max(...values));
    expect(Math.min(...y)).toBe(Math.min(...values));
    expect(kept).toContain(4321);
  });

  it('keeps a non-finite point, so that a gap in the curve stays a gap', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i === 500 ? NaN : i));
    expect(decimationIndices(values, 50)).toContain(500);
  });
});
