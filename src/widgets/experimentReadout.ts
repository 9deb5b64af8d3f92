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
 * One line per variant, saying what each number is: "train loss per point 0.1234, train
 * accuracy 75%, test loss per point 0.2, test accuracy 70%"; with regularisation the
 * objective comes first, "objective per point 0.312 (data loss 0.0951 + penalty 0.217)".
 * Losses are per point, as in the history and the loss chart (l2 divided by the number of
 * points). Test entries only where a test set exists, accuracy only for classification.
 */
export function readoutLines(snapshots: Snapshot[], trans: TranslationBundle): string[] {
  return snapshots.map(snapshot => {
    const h = snapshot.history;
    const parts: string[] = [];
    const loss = last(h.trainLoss);
    const penalty = last(h.penalty ?? []);
    if (loss !== undefined && penalty !== undefined && penalty > 0) {
      parts.push(
        trans.__(
          'objective per point %1 (data loss %2 + penalty %3)',
          formatLoss(loss + penalty),
          formatLoss(loss),
          formatLoss(penalty)
        )
      );
    } else if (loss !== undefined) {
      parts.push(trans.__('train loss per point %1', formatLoss(loss)));
    }
    const classification = snapshot.task === 'classification';
    const trainAccuracy = last(h.trainAccuracy);
    if (classification && trainAccuracy !== undefined) {
      parts.push(trans.__('train accuracy %1%', Math.round(trainAccuracy * 100)));
    }
    const testLoss = last(h.testLoss);
    if (testLoss !== undefined) {
      parts.push(trans.__('test loss per point %1', formatLoss(testLoss)));
    }
    const testAccuracy = last(h.testAccuracy);
    if (classification && testAccuracy !== undefined) {
      parts.push(trans.__('test accuracy %1%', Math.round(testAccuracy * 100)));
    }
    const text = parts.join(', ');
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
