import { chartInputKey, NETWORK_FIELDS, NETWORK_FIELDS_READ, READS_LIVE } from '../fingerprint';
import { buildFigure } from '../index';
import { input, snapshot } from './fixtures';
import { toSummary } from '../../core/datasets';
import { Trainer } from '../../core/trainer';
import { makeVariant } from '../../core/__tests__/variantFixture';
import type { Snapshot, ViewName } from '../../core/types';

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

describe('NETWORK_FIELDS_READ', () => {
  // Real snapshots with every part: a ReLU network and an identity one (which collapses).
  const trainers = [
    new Trainer(makeVariant({ network: { activation: 'relu', activations: ['relu'] }, grid: 8 })),
    new Trainer(
      makeVariant({
        network: {
          layers: [2, 3, 3, 1],
          activation: 'identity',
          activations: ['identity', 'identity']
        },
        grid: 8,
        label: 'identity'
      }),
      { variantIndex: 1 }
    )
  ];
  for (const t of trainers) {
    t.runEpochs(5);
  }
  const every = {
    grid: true,
    hidden: true,
    activations: true,
    weights: true,
    collapse: true,
    neurons: true,
    outputs: true,
    values: true,
    separation: { input: true, hidden: true }
  };
  const snapshots = trainers.map(t => t.snapshot(every));
  const data = toSummary(trainers[0].dataset);
  const figure = (view: ViewName, snaps: Snapshot[]) =>
    JSON.stringify(buildFigure(view, input(snaps, data, { width: 700 })));
  const networkFields = [...NETWORK_FIELDS];

  it('starts from snapshots that hold every network field', () => {
    for (const field of networkFields.filter(f => f !== 'collapse')) {
      expect(snapshots[0]).toHaveProperty(field);
    }
    expect(snapshots[1]).toHaveProperty('collapse');
  });

  it.each(Object.keys(NETWORK_FIELDS_READ) as ViewName[])(
    'says whether the %s view draws differently while training runs',
    view => {
      const drawn = (live: boolean) =>
        JSON.stringify(buildFigure(view, input(snapshots, data, { width: 700, live })));
      expect(drawn(true) !== drawn(false)).toBe(READS_LIVE.has(view));
    }
  );

  it('keys the functions view on the activations in use, not on their statistics', () => {
    const changed = (activation?: string) =>
      snapshots.map(s => ({
        ...s,
        activations: s.activations?.map(stats => ({
          ...stats,
          deadFraction: stats.deadFraction + 0.5,
          ...(activation ? { activation } : {})
        }))
      })) as Snapshot[];
    expect(figure('functions', changed())).toBe(figure('functions', snapshots));
    expect(chartInputKey('functions', changed())).toBe(chartInputKey('functions', snapshots));
    expect(chartInputKey('activations', changed())).not.toBe(
      chartInputKey('activations', snapshots)
    );
    expect(figure('functions', changed('tanh'))).not.toBe(figure('functions', snapshots));
    expect(chartInputKey('functions', changed('tanh'))).not.toBe(
      chartInputKey('functions', snapshots)
    );
  });

  const views = (Object.keys(NETWORK_FIELDS_READ) as ViewName[]).filter(
    view => view !== 'loss' && view !== 'gradients'
  );
  it.each(views)('lists every network field the %s view reads', view => {
    const drawn = figure(view, snapshots);
    for (const field of networkFields.filter(f => !NETWORK_FIELDS_READ[view].includes(f))) {
      const without = snapshots.map(s => {
        const copy = { ...s } as Record<string, unknown>;
        delete copy[field];
        return copy as unknown as Snapshot;
      });
      // The view draws the same without a field it is said not to read, and its key agrees.
      expect({ field, same: figure(view, without) === drawn }).toEqual({ field, same: true });
      expect(chartInputKey(view, without)).toBe(chartInputKey(view, snapshots));
    }
    // Each field it reads changes its key.
    for (const field of NETWORK_FIELDS_READ[view]) {
      const without = snapshots.map(s => {
        const copy = { ...s } as Record<string, unknown>;
        delete copy[field];
        return copy as unknown as Snapshot;
      });
      expect({ field, key: chartInputKey(view, without) }).not.toEqual({
        field,
        key: chartInputKey(view, snapshots)
      });
    }
  });
});
