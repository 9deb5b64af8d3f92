import { collapseFigure, collapseText, NO_COLLAPSE_TEXT } from '../collapse';
import { wrapWords } from '../format';
import { arr, input, snapshot, xorData } from './fixtures';

/** x K + c for K = [[2], [-1]], c = [0.5] on the XOR inputs, and a network off by rounding. */
const K = [[2], [-1]];
const cVec = [0.5];
const affine = xorData().x.map(([a, b]) => a * K[0][0] + b * K[1][0] + cVec[0]);
const network = affine.map((v, i) => v + (i % 2 === 0 ? 1e-15 : -1e-15));

describe('collapse figure', () => {
  const snap = snapshot({ collapse: { K, c: cVec, maxDiff: 1e-15, network, affine } });
  const fig = collapseFigure(input([snap], xorData()));

  it('plots the network against x K + c', () => {
    const points = fig.data.find(t => t.mode === 'markers')!;
    expect(arr(points.x)).toEqual(affine);
    expect(arr(points.y)).toEqual(network);
  });

  it('draws the diagonal y = x across the plotted range', () => {
    const diagonal = fig.data.find(t => t.name === 'y = x')!;
    expect(arr(diagonal.x)).toEqual(arr(diagonal.y));
    const [lo, hi] = arr(diagonal.x);
    for (const v of [...affine, ...network]) {
      expect(v).toBeGreaterThanOrEqual(lo);
      expect(v).toBeLessThanOrEqual(hi);
    }
  });

  it('prints K, c and the largest difference', () => {
    const text = (fig.layout.annotations ?? []).map(a => a.text).join('\n');
    expect(text).toContain('[2]');
    expect(text).toContain('[-1]');
    expect(text).toContain('c = [0.5]');
    expect(text).toContain('1e-15');
  });

  it('says it shows the pre-activation when the output squashes', () => {
    expect(collapseText(K, cVec, 0, true)).toMatch(/z = x K \+ c/);
    expect(collapseText(K, cVec, 0, false)).not.toMatch(/f\(z\)/);
  });

  it('explains why a non-linear network has nothing to collapse', () => {
    const none = collapseFigure(input([snapshot()], xorData()));
    expect(none.data).toHaveLength(0);
    expect(none.layout.annotations![0].text).toBe(NO_COLLAPSE_TEXT);
  });

  it('names a non-linear variant under the plot instead of giving it an empty panel', () => {
    const mixed = collapseFigure(
      input([snapshot({ label: 'relu' }), { ...snap, label: 'identity' }], xorData(), {
        width: 320
      })
    );
    expect(mixed.layout.xaxis2).toBeUndefined();
    expect(mixed.data.find(t => t.mode === 'markers')!.xaxis).toBe('x');
    const texts = (mixed.layout.annotations ?? []).map(a => a.text.replace(/<br>/g, ' '));
    expect(texts).toContain(
      'relu: a non-linear activation is in use, so its layers do not collapse into one affine map.'
    );
    // Wrapped to the width: no line longer than a 320 px chart holds.
    const footer = (mixed.layout.annotations ?? []).find(a => a.text.startsWith('relu:'))!;
    expect(footer.text.split('<br>').every(line => line.length * 11 * 0.6 <= 320)).toBe(true);
  });

  it('puts the note beside the plot when the panel is wide, below it when narrow', () => {
    const note = (width: number) => {
      const fig = collapseFigure(input([snap], xorData(), { width }));
      const a = (fig.layout.annotations ?? []).find(n => n.text.startsWith('K = '))!;
      const x = fig.layout.xaxis as { domain: number[] };
      const y = fig.layout.yaxis as { domain: number[] };
      return { a, x: x.domain, y: y.domain };
    };
    const wide = note(1600);
    // Right of the plot's box, at its top.
    expect(wide.a.x).toBeGreaterThan(wide.x[1]);
    expect(wide.a.yanchor).toBe('top');
    const narrow = note(320);
    // Under the plot's box: its top is below the plot's bottom.
    expect(narrow.a.y).toBeLessThan(narrow.y[0]);
    expect(narrow.a.yanchor).toBe('bottom');
  });

  it('breaks text into lines at spaces', () => {
    expect(wrapWords('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapWords('unbreakable', 4)).toEqual(['unbreakable']);
  });
});
