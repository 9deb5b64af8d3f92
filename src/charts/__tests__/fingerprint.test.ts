import { chartInputKey } from '../fingerprint';
import { snapshot } from './fixtures';
import type { Snapshot } from '../../core/types';

function trained(epoch: number, values: number[]): Snapshot {
  return snapshot({
    epoch,
    history: {
      epoch: [0, epoch],
      trainLoss: [0.7, 0.7 / (1 + epoch)],
      testLoss: [],
      trainAccuracy: [0.5, 0.75],
      testAccuracy: [],
      gradNorms: [[1], [0.5]]
    },
    grid: { n: 2, x: [0, 1], y: [0, 1], values }
  });
}

describe('chartInputKey', () => {
  it('is the same for equal snapshots that are different objects', () => {
    const a = trained(10, [0.1, 0.9, 0.9, 0.1]);
    const b = JSON.parse(JSON.stringify(a)) as Snapshot;
    for (const view of ['loss', 'boundary', 'hidden'] as const) {
      expect(chartInputKey(view, [b])).toBe(chartInputKey(view, [a]));
    }
  });

  it('changes the boundary key with the grid, not with the epoch or history', () => {
    const a = trained(10, [0.1, 0.9, 0.9, 0.1]);
    const later = trained(20, [0.1, 0.9, 0.9, 0.1]);
    const moved = trained(10, [0.1, 0.9, 0.8, 0.1]);
    expect(chartInputKey('boundary', [later])).toBe(chartInputKey('boundary', [a]));
    expect(chartInputKey('boundary', [moved])).not.toBe(chartInputKey('boundary', [a]));
  });

  it('changes the loss key with the history, not with the grid', () => {
    const a = trained(10, [0.1, 0.9, 0.9, 0.1]);
    const later = trained(20, [0.1, 0.9, 0.9, 0.1]);
    const moved = trained(10, [0.1, 0.9, 0.8, 0.1]);
    expect(chartInputKey('loss', [later])).not.toBe(chartInputKey('loss', [a]));
    expect(chartInputKey('loss', [moved])).toBe(chartInputKey('loss', [a]));
  });

  it('tells apart the number of variants, labels and how values split into arrays', () => {
    const a = trained(10, [0.1, 0.9, 0.9, 0.1]);
    expect(chartInputKey('boundary', [a, a])).not.toBe(chartInputKey('boundary', [a]));
    expect(chartInputKey('boundary', [{ ...a, label: 'tanh' }])).not.toBe(
      chartInputKey('boundary', [a])
    );
    const split = (first: number[], second: number[]) =>
      chartInputKey('weights', [{ ...a, weights: { W: [[first], [second]], b: [] } }]);
    expect(split([1, 2], [3])).not.toBe(split([1], [2, 3]));
  });
});
