/**
 * The MIME renderer for NN Lab experiments in notebook outputs.
 *
 * A kernel displays an experiment spec as JSON under `application/vnd.nnlab.experiment.v1+json`
 * (the Python `Lab(...)` helper does so); this renderer turns it into a live experiment view.
 * The spec is data, not code, so the renderer is safe in untrusted notebooks. Like
 * JupyterLab's Vega renderer it writes a PNG of its main chart back into the output, so a
 * notebook viewed where NN Lab is not installed (GitHub, nbviewer, an export) still shows
 * a picture.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { PanelLayout, Widget } from '@lumino/widgets';
import { BoundsSchema, boundsErrors } from './core/bounds';
import schemaJson from '../schema/experiment.schema.json';
import { nnlabSettings } from './settings';
import { ExperimentView } from './widgets/experiment';

/** The MIME type of an experiment spec. */
export const MIME_TYPE = 'application/vnd.nnlab.experiment.v1+json';

/** The MIME type of the picture written back into the output. */
const PNG_TYPE = 'image/png';

/** Renders one experiment output. */
export class ExperimentRenderer extends Widget implements IRenderMime.IRenderer {
  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this._mimeType = options.mimeType;
    this._translator = options.translator;
    this.addClass('jp-NNLab-renderer');
    this.layout = new PanelLayout();
    nnlabSettings.changed.connect(this._onSettingsChanged, this);
  }

  /** The experiment view shown (null before the first render). */
  get view(): ExperimentView | null {
    return this._view;
  }

  /**
   * Show the experiment of `model`.
   *
   * Writing the PNG back changes the model, and JupyterLab then calls this method again
   * with the same spec: the running view is kept in that case, so the picture never
   * restarts training. Any other change of the spec starts a new view.
   */
  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this._model = model;
    const spec = model.data[this._mimeType];
    // Trust is part of the key: trusting the notebook rebuilds a waiting view so it plays.
    const specKey = Private.specKey(spec);
    const key = specKey === null ? null : `${model.trusted}:${specKey}`;
    if (this._view && !this._view.isDisposed && key !== null && key === this._key) {
      return;
    }
    this._key = key;
    this._view?.dispose();
    this._showView(spec);
  }

  /**
   * Build the view of `spec` with the user's settings: the chart update rate always, the
   * grid resolution where the spec does not set its own `grid`.
   */
  private _showView(spec: unknown): void {
    const { snapshotRate, gridResolution } = Private.viewSettings(spec);
    this._settingsKey = `${snapshotRate}/${gridResolution ?? ''}`;
    // An invalid spec is shown as a list of field errors inside the view itself.
    const view = new ExperimentView({
      spec,
      // An untrusted notebook's experiment shows, but trains only when asked to.
      untrusted: !this._model?.trusted,
      translator: this._translator,
      snapshotRate,
      gridResolution,
      onPicture: png => this._savePicture(png)
    });
    (this.layout as PanelLayout).addWidget(view);
    this._view = view;
  }

  /** A settings change that affects this output rebuilds its view (training starts again). */
  private _onSettingsChanged(): void {
    if (!this._model || !this._view || this.isDisposed) {
      return;
    }
    const spec = this._model.data[this._mimeType];
    const { snapshotRate, gridResolution } = Private.viewSettings(spec);
    if (`${snapshotRate}/${gridResolution ?? ''}` === this._settingsKey) {
      return;
    }
    this._view.dispose();
    this._showView(spec);
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    nnlabSettings.changed.disconnect(this._onSettingsChanged, this);
    this._view?.dispose();
    this._view = null;
    this._model = null;
    super.dispose();
  }

  /** Store the chart's PNG in the output (next to the spec), if it changed. */
  private _savePicture(png: string): void {
    const model = this._model;
    if (!model || model.data[PNG_TYPE] === png) {
      return;
    }
    model.setData({ data: { ...model.data, [PNG_TYPE]: png } });
  }

  private _mimeType: string;
  private _translator: IRenderMime.IRendererOptions['translator'];
  private _model: IRenderMime.IMimeModel | null = null;
  private _view: ExperimentView | null = null;
  private _key: string | null = null;
  private _settingsKey = '';
}

/** Creates renderers for the experiment MIME type. */
export const rendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [MIME_TYPE],
  createRenderer: options => new ExperimentRenderer(options)
};

/** The MIME extension JupyterLab loads from `jupyterlab.mimeExtension` in package.json. */
const extension: IRenderMime.IExtension = {
  id: 'jupyterlab-nnlab:experiment-renderer',
  description: 'Renders NN Lab experiment specs as live training widgets.',
  rendererFactory,
  // Rank 0: preferred over the PNG this renderer writes back, and over text/plain.
  rank: 0,
  dataType: 'json'
};

export default extension;

namespace Private {
  /**
   * The spec as text, to notice when the same spec is rendered again; null for a spec too
   * large or deep to be valid, which is never serialised (it is shown as errors and rebuilt
   * on every render, which costs no training).
   */
  export function specKey(spec: unknown): string | null {
    if (boundsErrors(spec ?? null, schemaJson as unknown as BoundsSchema).length > 0) {
      return null;
    }
    return JSON.stringify(spec ?? null);
  }

  /**
   * The settings an output's view takes: the chart update rate always, the grid
   * resolution only where the spec does not set its own `grid`.
   */
  export function viewSettings(spec: unknown): { snapshotRate: number; gridResolution?: number } {
    const settings = nnlabSettings.current;
    const specGrid = spec !== null && typeof spec === 'object' && 'grid' in spec;
    return {
      snapshotRate: settings.snapshotRate,
      gridResolution: specGrid ? undefined : settings.gridResolution
    };
  }
}
