/**
 * The readout says what each number is: train or test, data loss or objective.
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import { resolveVariants } from '../../core/spec';
import { validSpec } from '../../core/__tests__/support';
import { Trainer } from '../../core/trainer';
import { readoutLines } from '../experimentReadout';

const trans = {
  __: (text: string, ...args: unknown[]) =>
    args.reduce<string>((s, a, i) => s.replace(`%${i + 1}`, String(a)), text)
} as unknown as TranslationBundle;

function trained(spec: object, epochs = 20) {
  const trainer = new Trainer(resolveVariants(validSpec(spec))[0]);
  trainer.runEpochs(epochs);
  return trainer.snapshot();
}

describe('readout', () => {
  it('labels train accuracy and shows no test entries without a test set', () => {
    const [line] = readoutLines([trained({ data: { name: 'xor' } })], trans);
    expect(line).toMatch(/^loss per point: train [\d.e-]+; accuracy: train \d+%$/);
  });

  it('shows test loss and accuracy where a split exists', () => {
    const [line] = readoutLines([trained({ data: { name: 'moons', n: 50 } }, 2)], trans);
    expect(line).toMatch(
      /^loss per point: train [\d.e-]+, test [\d.e-]+; accuracy: train \d+%, test \d+%$/
    );
  });

  it('shows the objective with its penalty when regularisation is on', () => {
    const snapshot = trained({
      data: { name: 'gaussians' },
      training: { regularization: 'l2', regularizationRate: 0.05 }
    });
    const h = snapshot.history;
    const loss = h.trainLoss[h.trainLoss.length - 1];
    const penalty = h.penalty![h.penalty!.length - 1];
    expect(penalty).toBeGreaterThan(0);
    const [line] = readoutLines([snapshot], trans);
    expect(
      line.startsWith(`objective per point ${(loss + penalty).toPrecision(4)} (data loss `)
    ).toBe(true);
    expect(line).toContain(`+ penalty ${penalty.toPrecision(4)}), test loss `);
    expect(line).toMatch(/; accuracy: train \d+%, test \d+%$/);
  });
});
