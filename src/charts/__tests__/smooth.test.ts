import { windowSize, windowStats, MAX_WINDOW, MIN_WINDOW } from '../smooth';

describe('moving window', () => {
  it('takes a tenth of the run, even, between the bounds and never more than the run', () => {
    expect(windowSize(3)).toBe(3);
    expect(windowSize(60)).toBe(MIN_WINDOW);
    expect(windowSize(400)).toBe(40);
    expect(windowSize(20000)).toBe(MAX_WINDOW);
  });

  it('gives the mean, min and max of a centred window, cut at the ends, skipping non-finite values', () => {
    const values = [1, 2, NaN, 4, 5];
    // Window 3: entries i-1..i+1.
    expect(windowStats(values, 3)).toEqual({
      mean: [1.5, 1.5, 3, 4.5, 4.5],
      min: [1, 1, 2, 4, 4],
      max: [2, 2, 4, 5, 5]
    });
    // Window 2: entries i-1..i; only at the indices asked for.
    expect(windowStats(values, 2, [0, 3])).toEqual({ mean: [1, 4], min: [1, 4], max: [1, 4] });
    expect(windowStats([NaN], 4)).toEqual({ mean: [null], min: [null], max: [null] });
  });

  it('agrees with a plain loop over every window', () => {
    const values = Array.from({ length: 97 }, (_, i) => Math.sin(i * 1.7) + (i % 5));
    const w = 10;
    const stats = windowStats(values, w);
    for (let i = 0; i < values.length; i++) {
      const slice = values.slice(Math.max(0, i - 5), Math.min(values.length, i + 5));
      expect(stats.mean[i]).toBeCloseTo(slice.reduce((a, b) => a + b, 0) / slice.length, 12);
      expect(stats.min[i]).toBe(Math.min(...slice));
      expect(stats.max[i]).toBe(Math.max(...slice));
    }
  });
});
