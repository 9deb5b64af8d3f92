import { DRAW_BUDGET, nextDrawDelay } from '../pacing';

/** Share of the thread used by a draw of `draw` ms followed by a rest of `rest` ms. */
const duty = (draw: number, rest: number) => draw / (draw + rest);

describe('nextDrawDelay', () => {
  it('rests four times the draw at the default budget of a fifth', () => {
    expect(DRAW_BUDGET).toBe(0.2);
    expect(nextDrawDelay(40)).toBeCloseTo(160);
    expect(nextDrawDelay(100)).toBeCloseTo(400);
  });

  it('keeps drawing to the given share of the main thread, whatever the draw costs', () => {
    for (const budget of [0.1, 0.2, 0.3, 0.5]) {
      for (const draw of [5, 30, 120]) {
        const rest = nextDrawDelay(draw, { budget, maxDelayMs: Infinity });
        expect(duty(draw, rest)).toBeCloseTo(budget, 10);
      }
    }
  });

  it('grows with the cost of the draw, so slow machines redraw less often', () => {
    expect(nextDrawDelay(80)).toBeGreaterThan(nextDrawDelay(20));
  });

  it('does not rest after a free draw, nor with the whole thread as budget', () => {
    expect(nextDrawDelay(0)).toBe(0);
    expect(nextDrawDelay(50, { budget: 1 })).toBe(0);
  });

  it('never rests longer than the cap, so that the charts do not freeze', () => {
    expect(nextDrawDelay(2000)).toBe(1500);
    expect(nextDrawDelay(400, { maxDelayMs: 500 })).toBe(500);
  });

  it('treats a bad measurement as no cost and a bad budget as the whole thread', () => {
    expect(nextDrawDelay(NaN)).toBe(0);
    expect(nextDrawDelay(-5)).toBe(0);
    expect(nextDrawDelay(30, { budget: NaN })).toBe(0);
    // A budget of zero would mean "never draw": it is raised to 1 %.
    expect(nextDrawDelay(1, { budget: 0, maxDelayMs: Infinity })).toBeCloseTo(99);
  });
});
