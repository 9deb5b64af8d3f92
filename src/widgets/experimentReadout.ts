/**
 * The text of the live readout: epoch, loss and accuracy of every variant.
 *
 * Kept apart from the widget so the wording and the number formats can be tested alone.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Snapshot } from '../core/types';

/** Last finite entry of a history series, or undefined. */
function last(values: number[]): number | undefined {
  for (let i = values.length - 1; i >= 0; i--) {
    if (Number.isFinite(values[i])) {
      return values[i];
    }
  }
  return undefined;
}

/** Loss with 4 significant digits (small losses in exponent form). */
export function formatLoss(loss: number): string {
  if (loss !== 0 && Math.abs(loss) < 1e-3) {
    return loss.toExponential(2);
  }
  return loss.toPrecision(4);
}

/**
 * One line per variant, saying what each number is, losses per point as in the history and
 * the loss chart (l2 divided by the number of points): "loss per point: train 0.1234, test
 * 0.2; accuracy: train 75%, test 70%". With regularisation the objective comes first,
 * "objective per point 0.312 (data loss 0.0951 + penalty 0.217), test loss 0.2; ...".
 * Test entries only where a test set exists, accuracy only for classification.
 */
export function readoutLines(snapshots: Snapshot[], trans: TranslationBundle): string[] {
  return snapshots.map(snapshot => {
    const h = snapshot.history;
    const groups: string[] = [];
    const loss = last(h.trainLoss);
    const penalty = last(h.penalty ?? []);
    const testLoss = last(h.testLoss);
    if (loss !== undefined && penalty !== undefined && penalty > 0) {
      const objective = trans.__(
        'objective per point %1 (data loss %2 + penalty %3)',
        formatLoss(loss + penalty),
        formatLoss(loss),
        formatLoss(penalty)
      );
      groups.push(
        testLoss === undefined
          ? objective
          : trans.__('%1, test loss %2', objective, formatLoss(testLoss))
      );
    } else if (loss !== undefined) {
      groups.push(
        testLoss === undefined
          ? trans.__('loss per point: train %1', formatLoss(loss))
          : trans.__('loss per point: train %1, test %2', formatLoss(loss), formatLoss(testLoss))
      );
    }
    const trainAccuracy = last(h.trainAccuracy);
    const testAccuracy = last(h.testAccuracy);
    if (snapshot.task === 'classification' && trainAccuracy !== undefined) {
      const train = Math.round(trainAccuracy * 100);
      groups.push(
        testAccuracy === undefined
          ? trans.__('accuracy: train %1%', train)
          : trans.__('accuracy: train %1%, test %2%', train, Math.round(testAccuracy * 100))
      );
    }
    const text = groups.join('; ');
    return snapshots.length > 1 ? `${snapshot.label}: ${text}` : text;
  });
}

/** "Epoch 120 / 500". */
export function epochText(snapshot: Snapshot | undefined, trans: TranslationBundle): string {
  if (!snapshot) {
    return trans.__('Epoch 0');
  }
  return trans.__('Epoch %1 / %2', snapshot.epoch, snapshot.totalEpochs);
}
