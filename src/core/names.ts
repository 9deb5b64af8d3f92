/**
 * The names a spec may use for data sets and input features, with nothing else.
 *
 * The side panel's menus need only these lists. Keeping them apart from the generators
 * (datasets.ts, features.ts, with the random source and the matrix code behind them) keeps
 * that code out of what JupyterLab loads at start-up: it comes with the experiment view.
 */
import type { DatasetName } from './types';

/** Every data set name, in menu order. */
export const DATASET_NAMES: readonly DatasetName[] = [
  'xor',
  'and',
  'or',
  'nand',
  'xor_blobs',
  'circle',
  'gaussians',
  'spiral',
  'moons',
  'sine',
  'custom'
];

/** The features a spec may list in `data.features`, in the order of the schema's enum. */
export const FEATURE_NAMES = ['x1', 'x2', 'x1*x2', 'x1^2', 'x2^2', 'sin(x1)', 'sin(x2)'] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/** True when `feature` reads the second input (so it needs a 2-D data set). */
export function usesSecondInput(feature: FeatureName): boolean {
  return feature.includes('x2');
}
