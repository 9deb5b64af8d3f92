import { snapshotOptionsFor } from '../snapshotOptions';

describe('snapshotOptionsFor', () => {
  it('asks only for the loss history when only the loss is drawn', () => {
    expect(snapshotOptionsFor(['loss', 'gradients'])).toEqual({});
  });

  it('asks for the grid at the requested resolution for the decision boundary', () => {
    expect(snapshotOptionsFor(['boundary'])).toEqual({ grid: true, separation: { input: true } });
    expect(snapshotOptionsFor(['boundary'], 25)).toEqual({
      grid: 25,
      separation: { input: true }
    });
  });

  it('asks for each costly part its view needs', () => {
    expect(snapshotOptionsFor(['hidden', 'activations', 'weights', 'collapse', 'neurons'])).toEqual(
      {
        grid: true,
        hidden: true,
        hiddenLayers: 'last',
        wideHiddenPoints: false,
        activations: true,
        weights: true,
        collapse: true,
        neurons: true,
        outputs: true,
        separation: { hidden: true }
      }
    );
  });

  it('sends the weights with the hidden view, for the separating line', () => {
    expect(snapshotOptionsFor(['hidden'])).toEqual({
      hidden: true,
      hiddenLayers: 'last',
      wideHiddenPoints: false,
      weights: true,
      separation: { hidden: true }
    });
  });

  it('asks for the separability verdict only with the boundary or hidden view', () => {
    expect(snapshotOptionsFor(['boundary', 'hidden']).separation).toEqual({
      input: true,
      hidden: true
    });
    expect(snapshotOptionsFor(['loss', 'weights', 'neurons']).separation).toBeUndefined();
  });

  it('sends the activation statistics with the functions view, so live switches show', () => {
    expect(snapshotOptionsFor(['functions'])).toEqual({ activations: true });
  });
});
