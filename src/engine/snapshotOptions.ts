/**
 * Which parts of a snapshot the charts of an experiment need.
 *
 * The costly parts of a snapshot (the decision surface over a grid, every hidden layer's
 * view of the data, statistics) are computed only for views that draw them, so an
 * experiment showing just the loss curve costs almost nothing per snapshot.
 */
import type { SnapshotOptions } from '../core/snapshot';
import type { ViewName } from '../core/types';

export function snapshotOptionsFor(
  views: readonly ViewName[],
  gridResolution?: number
): SnapshotOptions {
  const has = (view: ViewName) => views.includes(view);
  const options: SnapshotOptions = {};
  if (has('boundary') || has('collapse')) {
    options.grid = gridResolution && gridResolution > 0 ? gridResolution : true;
  }
  if (has('boundary')) {
    // Under the surface: whether a straight line separates the classes in the input plane.
    options.separation = { input: true };
  }
  if (has('neurons')) {
    // Every hidden unit's map, and the output units' maps below them.
    options.neurons = true;
    options.outputs = true;
    options.grid ??= gridResolution && gridResolution > 0 ? gridResolution : true;
  }
  if (has('network')) {
    // Every unit's map, the output units' maps and the weights on the links.
    options.neurons = true;
    options.outputs = true;
    options.weights = true;
    options.grid ??= gridResolution && gridResolution > 0 ? gridResolution : true;
  }
  if (has('hidden')) {
    options.hidden = true;
    // The hidden view draws the last hidden layer (its figure's default).
    options.hiddenLayers = 'last';
    // ... and a layer wider than three units by its projection only.
    options.wideHiddenPoints = false;
    // The hidden view draws the output layer's separating line from the weights.
    options.weights = true;
    // ... and says whether any straight line separates the classes in that space.
    options.separation = { ...options.separation, hidden: true };
  }
  if (has('activations') || has('functions')) {
    // The functions view follows activations switched at run time through these stats.
    options.activations = true;
  }
  if (has('weights')) {
    options.weights = true;
  }
  if (has('collapse')) {
    options.collapse = true;
  }
  if (has('values')) {
    options.values = true;
  }
  return options;
}
