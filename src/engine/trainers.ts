/**
 * Building the trainers of an experiment: one per compared variant.
 *
 * The variants share the first one's data set and initial weights, so that the only
 * difference between two curves is what the spec changes (typically the activation): the
 * comparison is then fair, and resetting gives the same runs again.
 */
import { toSummary } from '../core/datasets';
import { Trainer } from '../core/trainer';
import type { ResolvedVariant } from '../core/types';
import type { TrainerSet } from './runner';

export function createTrainers(variants: ResolvedVariant[]): TrainerSet {
  if (variants.length === 0) {
    throw new Error('the experiment has no network to train');
  }
  const first = new Trainer(variants[0], { variantIndex: 0 });
  const shared = first.getInitialParams();
  // The others are built later, one at a time, by the runner (see TrainerSet.pending).
  const pending = variants
    .slice(1)
    .map(
      (variant, i) => () =>
        new Trainer(variant, { dataset: first.dataset, params: shared, variantIndex: i + 1 })
    );
  return {
    trainers: [first],
    pending,
    data: toSummary(first.dataset),
    totalEpochs: Math.max(...variants.map(variant => variant.training.epochs))
  };
}
