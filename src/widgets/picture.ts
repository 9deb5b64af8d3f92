/**
 * The picture an experiment writes back into its notebook output, so that a notebook viewed
 * where NN Lab is not installed (GitHub, nbviewer, an HTML export) still shows its charts.
 *
 * A picture is taken a moment after training comes to rest (so a quick pause and play costs
 * nothing), and is handed on only when it differs from the last one.
 */
import type { PlotlyLike } from '../charts/plotly';

/** Wait after training pauses before taking a picture, so a quick pause/play costs nothing. */
export const PICTURE_DELAY_MS = 600;

export interface PictureCaptureOptions {
  /** Receives the PNG, base64 without a `data:` prefix. */
  onPicture: (png: string) => void;
  /** Plotly, once loaded (null before). */
  plotly: () => PlotlyLike | null;
  /** The chart nodes to picture. */
  nodes: () => HTMLElement[];
  /**
   * True when a picture may be taken now: charts drawn, something changed since the last
   * picture, training at rest. Called when the delay is over.
   */
  ready: () => boolean;
  /** Milliseconds between the request and the picture (default PICTURE_DELAY_MS). */
  delayMs?: number;
}

export class PictureCapture {
  constructor(options: PictureCaptureOptions) {
    this._options = options;
  }

  /** Take a picture once the delay is over (a later request restarts the wait). */
  schedule(): void {
    if (this._disposed) {
      return;
    }
    if (this._timer !== null) {
      clearTimeout(this._timer);
    }
    this._timer = setTimeout(() => {
      this._timer = null;
      void this.take();
    }, this._options.delayMs ?? PICTURE_DELAY_MS);
  }

  /** Take the picture now, if one may be taken. */
  async take(): Promise<void> {
    const plotly = this._options.plotly();
    const node = this._options.nodes()[0];
    if (!plotly || !node || this._disposed || !this._options.ready()) {
      return;
    }
    try {
      const url = await plotly.toImage(node, {
        format: 'png',
        width: node.clientWidth || 600,
        height: node.clientHeight || 400
      });
      const png = url.replace(/^data:image\/png;base64,/, '');
      if (png && png !== this._picture && !this._disposed) {
        this._picture = png;
        this._options.onPicture(png);
      }
    } catch (reason) {
      // A missing picture only matters outside JupyterLab: note it and carry on.
      console.warn('NN Lab: could not render a PNG of the chart', reason);
    }
  }

  dispose(): void {
    this._disposed = true;
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  private _options: PictureCaptureOptions;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _picture = '';
  private _disposed = false;
}
