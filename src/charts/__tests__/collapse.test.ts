import { collapseFigure, collapseText, NO_COLLAPSE_TEXT } from '../collapse';
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

  it('keeps a panel with the explanation for a non-linear variant beside a linear one', () => {
    const mixed = collapseFigure(
      input([snapshot({ label: 'relu' }), { ...snap, label: 'identity' }], xorData())
    );
    expect(mixed.layout.xaxis).toMatchObject({ visible: false });
    expect(mixed.data.find(t => t.mode === 'markers')!.xaxis).toBe('x2');
    expect((mixed.layout.annotations ?? []).some(a => a.text === NO_COLLAPSE_TEXT)).toBe(true);
  });
});
