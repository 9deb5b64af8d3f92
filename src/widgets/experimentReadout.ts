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

/** One line per variant: "label: loss 0.1234, accuracy 75%". */
export function readoutLines(snapshots: Snapshot[], trans: TranslationBundle): string[] {
  return snapshots.map(snapshot => {
    const parts: string[] = [];
    const loss = last(snapshot.history.trainLoss);
    if (loss !== undefined) {
      parts.push(trans.__('loss %1', formatLoss(loss)));
    }
    if (snapshot.task === 'classification') {
      const accuracy = last(snapshot.history.trainAccuracy);
      if (accuracy !== undefined) {
        parts.push(trans.__('accuracy %1%', Math.round(accuracy * 100)));
      }
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
