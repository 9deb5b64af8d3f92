/**
 * One convention for the number of classes: 2 or more for classification, 0 for a
 * regression (it has no classes). The spec's description of the data, the data set the
 * trainer builds and the snapshot the charts read all say the same.
 */
import { describeData, resolveVariants } from '../spec';
import { Trainer } from '../trainer';
import { validSpec } from './support';

const x = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1]
];

const CASES: [string, unknown, number][] = [
  ['sine', { name: 'sine' }, 0],
  ['custom targets with fractions', { name: 'custom', x, y: [0.5, 1, 2, 3.25] }, 0],
  [
    'custom target rows',
    {
      name: 'custom',
      x,
      y: [
        [0.5, 1],
        [1, 2],
        [2, 3],
        [3, 4]
      ]
    },
    0
  ],
  ['xor', { name: 'xor' }, 2],
  ['spiral with 3 classes', { name: 'spiral', classes: 3, n: 60 }, 3],
  ['custom class indices', { name: 'custom', x, y: [0, 1, 2, 1] }, 3]
];

describe('nClasses', () => {
  it.each(CASES)('of %s is the same in the spec, the data set and the snapshot', (_, data, k) => {
    const spec = validSpec({ data, training: { epochs: 1 } });
    expect(describeData(spec.data).nClasses).toBe(k);
    const trainer = new Trainer(resolveVariants(spec)[0]);
    const snapshot = trainer.snapshot();
    expect(snapshot.nClasses).toBe(k);
    expect(snapshot.task).toBe(k === 0 ? 'regression' : 'classification');
  });

  it('is 0 for custom inputs without targets (a forward pass only)', () => {
    const spec = validSpec({ data: { name: 'custom', x }, training: { epochs: 0 } });
    expect(describeData(spec.data).nClasses).toBe(0);
    expect(new Trainer(resolveVariants(spec)[0]).snapshot().nClasses).toBe(0);
  });
});
