/**
 * The picture an experiment writes back into its notebook output, so that a notebook viewed
 * where NN Lab is not installed (GitHub, nbviewer, an HTML export) still shows its charts.
 *
 * The picture is the widget's final state: every chart, built afresh from the newest
 * snapshots (not copied from the screen, so charts scrolled out of sight or a widget that
 * trained in a hidden tab are pictured as they are now), drawn in the light theme, laid out
 * as on screen and composed into one PNG under the experiment's title.
 *
 * When: a moment after training comes to rest (so a quick pause and play costs nothing),
 * and only when something trained in this view. Opening a notebook must not modify it, so
 * an output that already holds a picture keeps it unless the user trained the network here
 * (pressed play, step, reset or changed a setting); a fresh output gets its picture when
 * its first run ends.
 */
import type { DataSummary, Snapshot, ViewName } from '../core/types';
import { chartInputKey } from '../charts/fingerprint';
import { measure, now } from '../core/marks';
import { drawStacked, figureImages } from '../charts/pieces';
import type { PlotlyLike } from '../charts/plotly';
import { lightTheme } from '../charts/theme';
import type { ChartInput, Figure } from '../charts/types';
import { nextTask, runInSlices } from './nextTask';

/** Wait after training pauses before taking a picture, so a quick pause/play costs nothing. */
export const PICTURE_DELAY_MS = 600;

/** Width of the picture when the charts have no size on screen (a hidden widget). */
const DEFAULT_WIDTH = 800;

/** Height of the title band at the top of the picture. */
const TITLE_HEIGHT = 32;

/** One chart's images (one per piece, top first) and where it goes in the picture (CSS pixels). */
export interface PicturePart {
  images: { png: string; height: number }[];
  x: number;
  y: number;
  width: number;
  /** The images' heights together. */
  height: number;
}

/** Composes the parts into one PNG (base64, no prefix). */
export type Composer = (
  parts: PicturePart[],
  size: { width: number; height: number; title: string; background: string }
) => Promise<string>;

export interface PictureCaptureOptions {
  /** Receives the PNG, base64 without a `data:` prefix. */
  onPicture: (png: string) => void;
  /** Plotly, loaded on demand. */
  loadPlotly: () => Promise<PlotlyLike>;
  /** The views, in order, each with its chart node on screen (for its place and width). */
  charts: () => ReadonlyMap<ViewName, HTMLElement>;
  /** The newest snapshots and their data set (null before the first). */
  latest: () => { snapshots: Snapshot[]; data: DataSummary } | null;
  /** The rest of each chart's input (variants, compact). */
  input: () => Omit<ChartInput, 'snapshots' | 'data' | 'theme' | 'width'>;
  /** Builds a view's figure. */
  buildFigure: (view: ViewName, input: ChartInput) => Figure;
  /** True when a picture may be taken now (training at rest, the policy above). */
  ready: () => boolean;
  /** The experiment's title, written above the charts. */
  title: string;
  /** Milliseconds between the request and the picture (default PICTURE_DELAY_MS). */
  delayMs?: number;
  /** Composes the chart images (default: a canvas). */
  compose?: Composer;
  /** Waits for a task of its own (default `nextTask`); each chart's image is drawn in its own. */
  nextTask?: () => Promise<void>;
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

  /** Take the picture now, if one may be taken and the charts changed since the last. */
  async take(): Promise<void> {
    const latest = this._options.latest();
    if (!latest || latest.snapshots.length === 0 || this._disposed || !this._options.ready()) {
      return;
    }
    const charts = [...this._options.charts()];
    const key = charts.map(([view]) => chartInputKey(view, latest.snapshots)).join('/');
    if (key === this._key) {
      return;
    }
    const started = now();
    const yieldTask = this._options.nextTask ?? nextTask;
    try {
      const plotly = await this._options.loadPlotly();
      const theme = lightTheme();
      const places = layoutParts(charts.map(([, node]) => node));
      const parts: PicturePart[] = [];
      for (let i = 0; i < charts.length; i++) {
        // One chart per task: building a figure and Plotly's drawing of its image take up
        // to a few tens of milliseconds each at the caps, all charts together far more.
        await yieldTask();
        if (this._disposed) {
          return;
        }
        const [view] = charts[i];
        const place = places.parts[i];
        const chartStarted = now();
        const later: (() => void)[] = [];
        const figure = this._options.buildFigure(view, {
          ...this._options.input(),
          snapshots: latest.snapshots,
          data: latest.data,
          theme,
          width: place.width,
          live: false,
          later: piece => later.push(piece)
        });
        // The figure's build, what it left for later (points pictures) and its first image
        // in tasks of their own, and a tall figure's pieces each in one.
        await yieldTask();
        if (this._disposed) {
          return;
        }
        await runInSlices(later, { between: yieldTask, wanted: () => !this._disposed });
        if (this._disposed) {
          return;
        }
        const images = (
          await figureImages(plotly, figure, place.width, {
            between: yieldTask,
            wanted: () => !this._disposed,
            node: charts[i][1]
          })
        ).map(image => ({ png: stripPrefix(image.png), height: image.height }));
        const height = images.reduce((sum, image) => sum + image.height, 0);
        parts.push({ images, x: place.x, y: place.y, width: place.width, height });
        // Each chart's image, and the whole picture below: for benchmarks, to find the long
        // tasks a picture causes.
        measure(`nnlab:picture:${view}`, chartStarted);
      }
      await yieldTask();
      if (this._disposed) {
        return;
      }
      // Rows as tall as their tallest chart: the heights on screen may be from an older draw.
      const stacked = restack(parts);
      const compose = this._options.compose ?? composeOnCanvas;
      const png = await compose(stacked.parts, {
        width: places.width,
        height: stacked.height,
        title: this._options.title,
        background: theme.background
      });
      this._key = key;
      if (png && png !== this._picture && !this._disposed) {
        this._picture = png;
        this._options.onPicture(png);
      }
    } catch (reason) {
      // A missing picture only matters outside JupyterLab: note it and carry on.
      console.warn('NN Lab: could not render a PNG of the charts', reason);
    } finally {
      measure('nnlab:picture', started);
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
  private _key = '';
  private _disposed = false;
}

/**
 * Where each chart goes: its place relative to the first chart's container as on screen,
 * or, when the charts have no size (a hidden widget), one under the other.
 */
export function layoutParts(nodes: HTMLElement[]): {
  width: number;
  parts: { x: number; y: number; width: number }[];
} {
  const rects = nodes.map(node => node.getBoundingClientRect());
  const shown = rects.length > 0 && rects.every(r => r.width > 0);
  if (!shown) {
    return {
      width: DEFAULT_WIDTH,
      parts: nodes.map((_, i) => ({ x: 0, y: i, width: DEFAULT_WIDTH }))
    };
  }
  const left = Math.min(...rects.map(r => r.left));
  const top = Math.min(...rects.map(r => r.top));
  const right = Math.max(...rects.map(r => r.right));
  return {
    width: Math.round(right - left),
    parts: rects.map(r => ({
      x: Math.round(r.left - left),
      y: Math.round(r.top - top),
      width: Math.max(1, Math.round(r.width))
    }))
  };
}

/**
 * Rows of parts (those sharing a `y`, in order) placed one under the other below the title
 * band, each row as tall as its tallest part.
 */
export function restack(parts: PicturePart[]): { parts: PicturePart[]; height: number } {
  const rows = [...new Set(parts.map(p => p.y))].sort((a, b) => a - b);
  const offsets = new Map<number, number>();
  let y = TITLE_HEIGHT;
  for (const row of rows) {
    offsets.set(row, y);
    y += Math.max(...parts.filter(p => p.y === row).map(p => p.height)) + 8;
  }
  return { parts: parts.map(p => ({ ...p, y: offsets.get(p.y) ?? 0 })), height: y };
}

function stripPrefix(url: string): string {
  return url.replace(/^data:image\/png;base64,/, '');
}

/** The default composer: draws the title and every part on a canvas. */
export const composeOnCanvas: Composer = async (parts, size) => {
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) {
    throw new Error('no 2D canvas to compose the picture on');
  }
  context.fillStyle = size.background;
  context.fillRect(0, 0, size.width, size.height);
  context.fillStyle = '#212121';
  context.font = '600 16px system-ui, -apple-system, "Segoe UI", helvetica, arial, sans-serif';
  context.textBaseline = 'middle';
  context.fillText(size.title, 8, TITLE_HEIGHT / 2, size.width - 16);
  for (const part of parts) {
    const images = part.images.map(({ png, height }) => ({
      src: `data:image/png;base64,${png}`,
      height
    }));
    await drawStacked(context, images, part);
  }
  return canvasPng(canvas);
};

/**
 * The canvas as a base64 PNG. `toBlob` encodes off the main thread (a tall picture of every
 * chart takes `toDataURL` a long task); `toDataURL` where there is no `toBlob`.
 */
async function canvasPng(canvas: HTMLCanvasElement): Promise<string> {
  if (typeof canvas.toBlob !== 'function' || typeof FileReader === 'undefined') {
    return stripPrefix(canvas.toDataURL('image/png'));
  }
  const blob = await new Promise<Blob | null>(resolve => canvas.toBlob(resolve, 'image/png'));
  if (!blob) {
    return stripPrefix(canvas.toDataURL('image/png'));
  }
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error('could not read the picture'));
    reader.readAsDataURL(blob);
  });
  return stripPrefix(url);
}
