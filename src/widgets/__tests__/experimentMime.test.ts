/** @jest-environment jsdom */
import './jsdomSetup';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import extension, { ExperimentRenderer, MIME_TYPE } from '../../mime';
import { nnlabSettings } from '../../settings';
import * as experimentModule from '../experiment';
import { fakePlotly, waitFor } from './experimentFakes';

// jsdom has no canvas: a 2D context and images that load at once stand in for the browser's,
// and the composed picture reads "COMPOSED" whatever was drawn.
(HTMLCanvasElement.prototype as unknown as { getContext: () => object }).getContext = () => ({
  fillRect: () => undefined,
  fillText: () => undefined,
  drawImage: () => undefined
});
HTMLCanvasElement.prototype.toDataURL = () => 'data:image/png;base64,Q09NUE9TRUQ=';
// The picture is encoded with toBlob (off the main thread in a browser).
HTMLCanvasElement.prototype.toBlob = function (callback: BlobCallback) {
  setTimeout(() => callback(new Blob(['COMPOSED'], { type: 'image/png' })));
};
class InstantImage {
  onload: (() => void) | null = null;
  set src(_: string) {
    setTimeout(() => this.onload?.());
  }
}
(globalThis as unknown as { Image: unknown }).Image = InstantImage;

// The renderer builds its views with the default Plotly loader: replace it by the fake.
const plotly = fakePlotly(() => 'UE5HREFUQQ==');
jest.mock('../../charts/plotly', () => {
  const actual = jest.requireActual('../../charts/plotly');
  return { ...actual, loadPlotly: async () => plotly };
});

const SPEC = {
  data: { name: 'xor' },
  network: { layers: [2, 2, 1], activation: 'relu' },
  training: { epochs: 5 },
  views: ['loss'],
  autoplay: false
};

/** A mime model like the output area's: setData stores the data and re-renders. */
function model(data: Record<string, unknown>, onSet?: (m: IRenderMime.IMimeModel) => void) {
  const m = {
    trusted: false,
    data,
    metadata: {},
    setData(options: IRenderMime.IMimeModel.ISetDataOptions) {
      m.data = (options.data ?? m.data) as Record<string, unknown>;
      onSet?.(m as unknown as IRenderMime.IMimeModel);
    }
  };
  return m as unknown as IRenderMime.IMimeModel & { data: Record<string, unknown> };
}

function renderer(): ExperimentRenderer {
  return extension.rendererFactory.createRenderer({
    mimeType: MIME_TYPE,
    sanitizer: {} as IRenderMime.ISanitizer,
    resolver: null,
    linkHandler: null,
    latexTypesetter: null
  }) as ExperimentRenderer;
}

describe('experiment MIME renderer', () => {
  it('is a safe, rank 0 JSON renderer for the NN Lab MIME type', () => {
    expect(extension.rendererFactory.safe).toBe(true);
    expect(extension.rendererFactory.mimeTypes).toEqual([MIME_TYPE]);
    expect(extension.rank).toBe(0);
    expect(extension.dataType).toBe('json');
  });

  it('renders a view, writes its PNG back once and keeps the view on the re-render', async () => {
    const r = renderer();
    Widget.attach(r, document.body);
    let renders = 0;
    const m = model({ [MIME_TYPE]: SPEC }, async updated => {
      renders++;
      await r.renderModel(updated);
    });
    await r.renderModel(m);
    const view = r.view!;
    expect(view.node.dataset.state).toBe('paused');
    // The untrained network is drawn and rests: opening alone writes nothing back.
    await waitFor(() => view.node.querySelector('[data-view="loss"]') !== null);
    await new Promise(resolve => setTimeout(resolve, 1000));
    expect(m.data['image/png']).toBeUndefined();
    expect(renders).toBe(0);
    // Trained to the end: the picture of the charts is stored.
    view.play();
    await waitFor(() => m.data['image/png'] !== undefined, 10_000);
    expect(m.data['image/png']).toBe('Q09NUE9TRUQ=');
    expect(m.data[MIME_TYPE]).toBe(SPEC);
    expect(renders).toBe(1);
    expect(r.view).toBe(view);
    expect(view.isDisposed).toBe(false);

    // A different spec replaces the view.
    await r.renderModel(model({ [MIME_TYPE]: { ...SPEC, title: 'Other' } }));
    expect(view.isDisposed).toBe(true);
    expect(r.view?.spec?.title).toBe('Other');

    const last = r.view!;
    r.dispose();
    expect(last.isDisposed).toBe(true);
  });

  it('shows the errors of an invalid spec in place instead of throwing', async () => {
    const r = renderer();
    await expect(
      r.renderModel(
        model({ [MIME_TYPE]: { data: { name: 'xor' }, training: { learningRate: -1 } } })
      )
    ).resolves.toBeUndefined();
    expect(r.node.querySelector('[role="alert"]')?.textContent).toMatch(/learningRate/);
    r.dispose();
  });

  it('rebuilds its view when a setting that affects it changes, and only then', async () => {
    const r = renderer();
    await r.renderModel(model({ [MIME_TYPE]: SPEC }));
    const first = r.view!;
    // The spec sets no grid, so the grid resolution setting applies to it.
    nnlabSettings.update({ gridResolution: 17 });
    expect(first.isDisposed).toBe(true);
    const second = r.view!;
    expect(second.isDisposed).toBe(false);
    // A setting the renderer does not use leaves the view alone.
    nnlabSettings.update({ maxUnits: 9 });
    expect(r.view).toBe(second);
    r.dispose();
    // A disposed renderer no longer listens.
    nnlabSettings.update({ snapshotRate: 4 });
    expect(second.isDisposed).toBe(true);
    expect(r.view).toBeNull();
  });

  it('starts views at the presentation setting and switches them, without a rebuild, when it changes', async () => {
    nnlabSettings.update({ presentation: true, presentationScale: 2 });
    const r = renderer();
    await r.renderModel(model({ [MIME_TYPE]: SPEC }));
    const view = r.view!;
    expect(view.presentation).toBe(true);
    // The view's own button switches it for this view only.
    (view.node.querySelector('.jp-NNLab-presentation') as HTMLButtonElement).click();
    expect(view.presentation).toBe(false);
    // A change of the setting reaches the running view; training is not restarted.
    nnlabSettings.update({ presentation: false });
    nnlabSettings.update({ presentation: true });
    expect(r.view).toBe(view);
    expect(view.isDisposed).toBe(false);
    expect(view.presentation).toBe(true);
    r.dispose();
    nnlabSettings.update({ presentation: false, presentationScale: 1.5 });
  });

  it('shows only the newest spec when renders overlap while the view loads', async () => {
    const r = renderer();
    Widget.attach(r, document.body);
    await Promise.all([
      r.renderModel(model({ [MIME_TYPE]: SPEC })),
      r.renderModel(model({ [MIME_TYPE]: { ...SPEC, title: 'Newer' } }))
    ]);
    expect(r.view?.spec?.title).toBe('Newer');
    expect(r.node.querySelectorAll('.jp-NNLab-experiment').length).toBe(1);
    r.dispose();
  });

  it('builds one view when the same spec is rendered twice while the view loads', async () => {
    const Original = experimentModule.ExperimentView;
    const built = jest
      .spyOn(experimentModule, 'ExperimentView')
      .mockImplementation(options => new Original(options));
    try {
      const r = renderer();
      Widget.attach(r, document.body);
      await Promise.all([
        r.renderModel(model({ [MIME_TYPE]: SPEC })),
        r.renderModel(model({ [MIME_TYPE]: SPEC }))
      ]);
      expect(built).toHaveBeenCalledTimes(1);
      expect(r.view?.isDisposed).toBe(false);
      expect(r.node.querySelectorAll('.jp-NNLab-experiment').length).toBe(1);
      r.dispose();
    } finally {
      built.mockRestore();
    }
  });
});
