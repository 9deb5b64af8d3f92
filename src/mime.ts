/**
 * The MIME renderer for NN Lab experiments in notebook outputs.
 *
 * A kernel displays an experiment spec as JSON under `application/vnd.nnlab.experiment.v1+json`
 * (the Python `Lab(...)` helper does so); this renderer turns it into a live experiment view.
 * The spec is data, not code, so the renderer is safe in untrusted notebooks. Like
 * JupyterLab's Vega renderer it writes a PNG of its charts back into the output when
 * training ends or pauses, so a notebook viewed where NN Lab is not installed (GitHub,
 * nbviewer, an export) still shows a picture.
 *
 * JupyterLab loads this module at start-up, with or without an experiment on the page, so it
 * stays small: the experiment view (charts, engine, spec validation) is imported on the first
 * render, as the Vega renderer imports Vega.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { PanelLayout, Widget } from '@lumino/widgets';
import { mark } from './core/marks';
import { nnlabSettings } from './settings';
import type { ExperimentView } from './widgets/experiment';

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
    const render = ++this._renders;
    mark('render');
    let loaded: Awaited<ReturnType<typeof Private.loadView>>;
    try {
      loaded = await Private.loadView();
    } catch (reason) {
      // Say so in the output rather than leaving it blank (e.g. the server went away).
      if (!this._view) {
        this.node.textContent = `NN Lab could not load its experiment view: ${String(reason)}`;
      }
      return;
    }
    mark('view-loaded');
    // A newer render may have come while the view's code loaded; the newest one wins.
    if (this.isDisposed || render !== this._renders) {
      return;
    }
    // Trust is part of the key: trusting the notebook rebuilds a waiting view so it plays.
    const specKey = loaded.key.specKey(spec);
    const key = specKey === null ? null : `${model.trusted}:${specKey}`;
    if (this._view && !this._view.isDisposed && key !== null && key === this._viewKey) {
      return;
    }
    // Read from the module at each render (not copied once), so the class is the module's own.
    const { ExperimentView } = loaded.experiment;
    this._View = ExperimentView;
    this._view?.dispose();
    this._viewKey = key;
    this._showView(ExperimentView, spec);
  }

  /**
   * Build the view of `spec` with the user's settings: the chart update rate always, the
   * grid resolution where the spec does not set its own `grid`.
   */
  private _showView(View: typeof ExperimentView, spec: unknown): void {
    const { snapshotRate, gridResolution } = Private.viewSettings(spec);
    this._settingsKey = `${snapshotRate}/${gridResolution ?? ''}`;
    const { presentation, presentationScale } = nnlabSettings.current;
    // An invalid spec is shown as a list of field errors inside the view itself.
    const view = new View({
      spec,
      // An untrusted notebook's experiment shows, but trains only when asked to.
      untrusted: !this._model?.trusted,
      translator: this._translator,
      snapshotRate,
      gridResolution,
      presentation,
      presentationScale,
      onPicture: png => this._savePicture(png),
      // A saved notebook's picture stays until the user trains the network here.
      hasPicture: this._model?.data[PNG_TYPE] !== undefined
    });
    (this.layout as PanelLayout).addWidget(view);
    this._view = view;
  }

  /**
   * A settings change that affects training rebuilds this output's view (training starts
   * again); a change of the presentation settings only redraws it at the new scale.
   */
  private _onSettingsChanged(): void {
    if (!this._model || !this._view || this.isDisposed) {
      return;
    }
    const { presentation, presentationScale } = nnlabSettings.current;
    const shown = `${presentation}/${presentationScale}`;
    if (shown !== this._presentationKey) {
      this._presentationKey = shown;
      this._view.setPresentation(presentation, presentationScale);
    }
    const spec = this._model.data[this._mimeType];
    const { snapshotRate, gridResolution } = Private.viewSettings(spec);
    if (`${snapshotRate}/${gridResolution ?? ''}` === this._settingsKey) {
      return;
    }
    this._view.dispose();
    this._showView(this._View!, spec);
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
  /** The view's class, once its module has loaded. */
  private _View: typeof ExperimentView | null = null;
  /** Counts renders, so that only the newest one builds a view. */
  private _renders = 0;
  /** The key of the spec the current view shows (null: never reused). */
  private _viewKey: string | null = null;
  private _settingsKey = '';
  /** The presentation settings last applied (a change switches every view). */
  private _presentationKey = `${nnlabSettings.current.presentation}/${nnlabSettings.current.presentationScale}`;
}

/**
 * Start loading what the first render needs (the view's code, Plotly, a training worker)
 * and run the spec validator once: called when a cell that will show an experiment starts
 * running, so that this happens while the kernel works.
 */
export function prefetchView(): void {
  mark('prefetch');
  void Private.loadView()
    .then(() => import('./core/spec'))
    // A small valid spec: checking it parses and warms the validator's code now, while the
    // main thread waits for the kernel, rather than when the output has arrived.
    .then(spec => void spec.validateSpec({ data: { name: 'xor' } }))
    .catch(() => undefined);
  // Plotly's one-time set-up too, once it has loaded, unless an experiment is already on
  // the page: its first chart will pay the set-up, and a warm-up would only delay it.
  void import('./charts/plotly')
    .then(plotly =>
      plotly.warmUpPlotly(() => document.querySelector('.jp-NNLab-renderer') !== null)
    )
    .then(drew => drew && mark('plotly-warmed'))
    .catch(() => undefined);
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
  /** What the first render imports: the experiment view and the spec key. */
  interface ViewModules {
    experiment: typeof import('./widgets/experiment');
    key: typeof import('./specKey');
  }

  /** The experiment view's modules, imported once, on the first render. */
  let view: Promise<ViewModules> | null = null;

  /** Import the experiment view (a separate chunk, fetched once). */
  export function loadView(): Promise<ViewModules> {
    if (!view) {
      view = Promise.all([import('./widgets/experiment'), import('./specKey')]).then(
        ([experiment, key]) => ({ experiment, key })
      );
      // The view draws with Plotly once the first snapshot arrives: fetch it meanwhile,
      // rather than after the worker has started and trained.
      void import('./charts/plotly')
        .then(plotly => plotly.loadPlotly())
        .then(() => mark('plotly-loaded'))
        .catch(() => undefined);
      // Likewise start a training worker while the view's code loads: the view's session
      // takes it instead of starting one of its own.
      void import('./engine/workerPool').then(pool => pool.prewarmWorker()).catch(() => undefined);
      // A failed fetch (e.g. the server went away) may be retried by the next render.
      view.catch(() => {
        view = null;
      });
    }
    return view;
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
