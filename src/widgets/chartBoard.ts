/**
 * The chart board: one chart container per view, and the rules for when each is drawn.
 *
 * Snapshots arrive from the session; the board keeps only the newest and draws them in the
 * next animation frame (at most one draw per frame), then tells the session it may send
 * more. Drawing is the costly part (Plotly rebuilds SVG on every update), so while training
 * runs the board keeps it to a fixed share of the main thread: each chart is drawn in its
 * own animation frame, the time the charts took is measured, and the acknowledgement is held
 * back for a rest proportional to it (see src/charts/pacing.ts). Charts whose inputs did not
 * change (src/charts/fingerprint.ts), or that are scrolled out of sight, are not drawn.
 *
 * Sizes: each chart is as wide as its cell of the board (a CSS grid) and as tall as its
 * figure asks (the figure's `layout.height`, from its rows of panels), so nothing is cut
 * off or drawn over what follows. Views with a panel per layer or per compared variant
 * span the whole row. The board watches its own width and redraws when it changes, so a
 * figure can wrap its panels onto more rows in a narrow output.
 *
 * Presentation scale (for a projector): each chart is laid out for its width divided by the
 * scale and then drawn that much larger (a CSS transform), so text, markers and lines grow
 * alike and every rule that makes a figure fit its width still holds. The board's grid asks
 * for wider columns in proportion, and each chart reserves the extra height it takes.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { DataSummary, ResolvedVariant, Snapshot, ViewName } from '../core/types';
import { buildFigure, VIEW_TITLES } from '../charts';
import { chartInputKey, READS_LIVE } from '../charts/fingerprint';
import { nextDrawDelay } from '../charts/pacing';
import { mark, measure, now } from '../core/marks';
import { drawFigure, plotsOf, purgeFigure } from '../charts/pieces';
import { loadPlotly, PlotlyLike } from '../charts/plotly';
import { readTheme } from '../charts/theme';
import type { ChartInput, ChartTheme, Figure } from '../charts/types';
import { createNetworkView, NetworkView } from './networkView';
import { nextTask, runInSlices } from './nextTask';

export interface ChartBoardOptions {
  /** The views to show, in order: one chart each. */
  views: readonly ViewName[];
  /** The resolved variants, in snapshot order. */
  variants: ResolvedVariant[];
  /** Sidebar sizing: smaller charts. */
  compact?: boolean;
  trans: TranslationBundle;
  /** Loads Plotly (default: the lazily loaded bundle). */
  loadPlotly?: () => Promise<PlotlyLike>;
  /** Builds a figure (default: the chart builders of src/charts). */
  buildFigure?: (view: ViewName, input: ChartInput) => Figure;
  /** Largest share of the main thread redrawing may take while training runs (default 0.2). */
  drawBudget?: number;
  /** True when the charts can be drawn: the board is attached and visible. */
  canDraw: () => boolean;
  /** The snapshots of message `id` have been drawn (and the pacing rest is over). */
  ack: (id: number) => void;
  /** A draw finished and nothing newer waits. */
  onSettled?: () => void;
  /** A chart could not be drawn. */
  onError: (title: string, detail: string) => void;
  /** The views on screen (or nearly) changed: those scrolled out of sight are left out. */
  onVisibleViews?: (views: ViewName[]) => void;
  /** Presentation scale (1: off), see `setScale`. */
  scale?: number;
  /** Set one weight or bias by hand (the network view's edits). */
  setParam?: (
    layer: number,
    from: number | 'bias',
    to: number,
    value: number,
    variant?: number
  ) => void;
}

export class ChartBoard {
  constructor(options: ChartBoardOptions) {
    this._options = options;
    this.node = document.createElement('div');
    this.node.className = 'jp-NNLab-charts';
    for (const view of options.views) {
      const node = document.createElement('div');
      node.className = 'jp-NNLab-chart';
      node.dataset.view = view;
      node.setAttribute('role', 'figure');
      node.setAttribute('aria-label', options.trans.__(VIEW_TITLES[view] ?? view));
      node.classList.toggle('jp-NNLab-mod-wide', spansRow(view, options.variants.length));
      this.node.appendChild(node);
      this._chartNodes.set(view, node);
      if (view === 'network') {
        // The network view is a diagram of its own (SVG and canvas), not a Plotly chart.
        this._networkView = createNetworkView(node, options.trans, options.compact, (...args) =>
          options.setParam?.(...args)
        );
      }
    }
    this._watchVisibility();
    this._watchWidth();
    this.setScale(options.scale ?? 1);
  }

  /** The presentation scale asked for (1: off). */
  get scale(): number {
    return this._scale;
  }

  /** The scale the charts are drawn at: the one asked for, reduced where the board is narrow. */
  get appliedScale(): number {
    return this._applied;
  }

  /**
   * Draw the charts `scale` times larger (1: normal size). Where the board is too narrow for
   * charts laid out at its width divided by `scale`, a smaller scale is used (see
   * `effectiveScale`).
   */
  setScale(scale: number): void {
    this._scale = Number.isFinite(scale) && scale >= 1 ? scale : 1;
    this._applyScale();
  }

  /** The container of the charts. */
  readonly node: HTMLElement;

  /** Each view's chart node. */
  get chartNodes(): ReadonlyMap<ViewName, HTMLElement> {
    return this._chartNodes;
  }

  /** Plotly, once loaded. */
  get plotly(): PlotlyLike | null {
    return this._plotly;
  }

  /** True once any chart has been drawn. */
  get drawn(): boolean {
    return this._drawn;
  }

  /** The data set of the session (null before the first snapshots). */
  get data(): DataSummary | null {
    return this._data;
  }

  /** The newest snapshots received, drawn or not. */
  get latest(): Snapshot[] | null {
    return this._pending?.snapshots ?? this._shown;
  }

  /** True while training runs: draws are paced and cheaper. */
  get running(): boolean {
    return this._running;
  }
  set running(value: boolean) {
    this._running = value;
  }

  /** The chart theme in use (read from the CSS variables on first use). */
  theme(at: HTMLElement): ChartTheme {
    this._theme ??= readTheme(at);
    return this._theme;
  }

  /** New data (first snapshots, or after a reset): every chart must be drawn anew. */
  setData(data: DataSummary): void {
    this._data = data;
    this._drawnKeys.clear();
  }

  /** Draw the snapshots of message `id` (replacing any not drawn yet) in the next frame. */
  show(id: number, snapshots: Snapshot[]): void {
    this._pending = { id, snapshots };
    this.requestFrame();
  }

  /** Draw the newest snapshots in the next animation frame (at most one per frame). */
  requestFrame(): void {
    if (this._frame !== null || this._disposed) {
      return;
    }
    this._frame = requestFrame(() => {
      this._frame = null;
      void this._drawPending();
    });
  }

  /** Send the held acknowledgement now, if there is one. */
  sendAck(): void {
    this._cancelAck();
    const id = this._ackId;
    if (id !== null) {
      this._ackId = null;
      this._options.ack(id);
    }
  }

  /** The theme changed: read it again and redraw every chart in the new colours. */
  themeChanged(): void {
    // The theme is read once and kept (reading CSS variables forces a style recalculation);
    // a new theme invalidates it and every chart drawn in the old colours.
    this._theme = null;
    this._drawnKeys.clear();
    // Redraw after the theme's stylesheet has applied, so the CSS variables are the new ones.
    this.redrawShown();
  }

  /** Let every drawn chart take the size of its container again. */
  resize(): void {
    const plotly = this._plotly;
    if (plotly && this._drawn) {
      for (const node of this._chartNodes.values()) {
        for (const plot of plotsOf(node)) {
          void Promise.resolve(plotly.Plots.resize(plot)).catch(() => undefined);
        }
      }
    }
  }

  /** Bring the charts up to date with the snapshots last drawn (theme change, scrolled in). */
  redrawShown(): void {
    const shown = this._shown;
    if (!shown || this._disposed) {
      return;
    }
    requestFrame(() => {
      if (this._disposed || this._pending) {
        // A draw is coming; it brings every chart up to date.
        return;
      }
      if (this._drawing) {
        // A draw is under way, but it may have passed a chart that has just come into
        // sight (or changed size): draw again once it is over.
        this._redrawAfter = true;
        return;
      }
      this._drawing = true;
      void this._draw(shown).then(() => {
        this._drawing = false;
        this._afterDraw();
      });
    });
  }

  /** Plotly, loaded on first use by the options' loader. */
  loadPlotly(): Promise<PlotlyLike> {
    if (!this._plotlyLoading) {
      const load = this._options.loadPlotly ?? loadPlotly;
      this._plotlyLoading = load().then(plotly => (this._plotly = plotly));
      // A failed load may succeed later (e.g. the network came back).
      this._plotlyLoading.catch(() => (this._plotlyLoading = null));
    }
    return this._plotlyLoading;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._networkView?.dispose();
    this._cancelAck();
    this._visibility?.disconnect();
    this._sizes?.disconnect();
    if (this._frame !== null) {
      cancelFrame(this._frame);
      this._frame = null;
    }
    const plotly = this._plotly;
    if (plotly) {
      for (const node of this._chartNodes.values()) {
        purgeFigure(plotly, node);
      }
    }
  }

  /**
   * Note which charts are on screen (or nearly): the others are not drawn while they are out
   * of sight, and are drawn (or brought up to date) as they scroll in. A chart far down a
   * notebook costs nothing until the reader gets near it.
   */
  private _watchVisibility(): void {
    if (typeof IntersectionObserver === 'undefined') {
      return;
    }
    // None is known to be in sight until the observer's first report, which covers every
    // chart and comes with the next frame.
    for (const view of this._chartNodes.keys()) {
      this._offscreen.add(view);
    }
    this._visibility = new IntersectionObserver(
      entries => {
        let uncovered = false;
        for (const entry of entries) {
          const view = (entry.target as HTMLElement).dataset.view as ViewName;
          if (entry.isIntersecting) {
            // Not `uncovered ||= ...`: that would skip the deletion for the later entries.
            if (this._offscreen.delete(view)) {
              uncovered = true;
            }
          } else {
            this._offscreen.add(view);
          }
        }
        if (uncovered) {
          this.redrawShown();
        }
        this._reportVisible();
      },
      // Within 200 px of the screen: rootMargin widens the page's viewport, scrollMargin the
      // scroll boxes between it and the chart (the notebook's), which would clip it exactly.
      { rootMargin: '200px', scrollMargin: '200px' } as IntersectionObserverInit
    );
    for (const node of this._chartNodes.values()) {
      this._visibility.observe(node);
    }
  }

  /** Tell the owner which views are on screen, when that changed. */
  private _reportVisible(): void {
    const visible = [...this._chartNodes.keys()].filter(view => !this._offscreen.has(view));
    const key = visible.join(',');
    if (key !== this._visibleKey) {
      this._visibleKey = key;
      this._options.onVisibleViews?.(visible);
    }
  }

  /**
   * Redraw when the board's width changes: figures may lay their panels out anew, and the
   * presentation scale may change with it. Each chart's height is watched too, so that a
   * scaled chart keeps room for the height it takes.
   */
  private _watchWidth(): void {
    if (typeof ResizeObserver === 'undefined') {
      return;
    }
    this._sizes = new ResizeObserver(entries => {
      for (const entry of entries) {
        if (entry.target !== this.node) {
          this._reserveScaledHeight(entry.target as HTMLElement);
        }
      }
      const width = Math.round(this.node.clientWidth);
      if (width !== this._width) {
        const first = this._width === 0;
        this._width = width;
        const scaled = this._applyScale(false);
        if (!first || scaled) {
          this.redrawShown();
        }
      }
    });
    this._sizes.observe(this.node);
    for (const node of this._chartNodes.values()) {
      this._sizes.observe(node);
    }
  }

  /**
   * Put the presentation scale for the board's width into effect: the grid's columns and the
   * charts' transform read it from a CSS variable. Returns true when it changed; then the
   * charts are redrawn for their new width unless `redraw` is false.
   */
  private _applyScale(redraw = true): boolean {
    const applied = effectiveScale(this._scale, this.node.clientWidth);
    if (applied === this._applied) {
      return false;
    }
    this._applied = applied;
    this.node.classList.toggle('jp-NNLab-mod-presentation', applied > 1);
    if (applied > 1) {
      this.node.style.setProperty('--jp-nnlab-scale', String(applied));
    } else {
      this.node.style.removeProperty('--jp-nnlab-scale');
    }
    for (const node of this._chartNodes.values()) {
      this._reserveScaledHeight(node);
    }
    if (redraw) {
      this._drawnKeys.clear();
      this.redrawShown();
    }
    // Plotly measures its container again (its width changed with the scale).
    this.resize();
    return true;
  }

  /** A scaled chart is drawn taller than its box: keep that much room below it. */
  private _reserveScaledHeight(node: HTMLElement): void {
    const extra = this._applied > 1 ? Math.ceil(node.offsetHeight * (this._applied - 1)) : 0;
    if (extra > 0) {
      node.style.marginBottom = `${extra}px`;
    } else {
      node.style.removeProperty('margin-bottom');
    }
  }

  private async _drawPending(): Promise<void> {
    const pending = this._pending;
    if (!pending || this._drawing) {
      return;
    }
    if (!this._options.canDraw()) {
      // Drawing into a hidden node gives Plotly no size; wait until shown. Meanwhile the
      // session may send its newest state about once a second, so that the final state
      // is at hand (for the picture, and to draw at once when shown).
      if (this._ackTimer === null) {
        this._ackId = pending.id;
        this._ackTimer = setTimeout(() => {
          this._ackTimer = null;
          this.sendAck();
        }, HIDDEN_ACK_MS);
      }
      return;
    }
    this._pending = null;
    this._drawing = true;
    let drawMs = 0;
    try {
      drawMs = await this._draw(pending.snapshots);
    } finally {
      this._drawing = false;
      this._ackAfter(pending.id, drawMs);
    }
    this._afterDraw();
  }

  /**
   * A draw has ended: take the snapshots that came meanwhile, or draw again the charts a
   * draw may have passed (`_redrawAfter`), or tell the owner the board is at rest.
   */
  private _afterDraw(): void {
    const again = this._redrawAfter;
    this._redrawAfter = false;
    if (this._pending) {
      this.requestFrame();
    } else if (again) {
      this.redrawShown();
    } else {
      this._options.onSettled?.();
    }
  }

  /**
   * Acknowledge snapshot message `id`. While training runs, first rest in proportion to
   * the `drawMs` the charts took, so that drawing keeps to its share of the main thread
   * (the session sends nothing new until then, and then sends its newest state).
   */
  private _ackAfter(id: number, drawMs: number): void {
    this._cancelAck();
    this._ackId = id;
    const budget = this._options.drawBudget;
    const delay = this._running ? nextDrawDelay(drawMs, { budget }) : 0;
    if (delay <= 0) {
      this.sendAck();
      return;
    }
    this._ackTimer = setTimeout(() => {
      this._ackTimer = null;
      this.sendAck();
    }, delay);
  }

  private _cancelAck(): void {
    if (this._ackTimer !== null) {
      clearTimeout(this._ackTimer);
      this._ackTimer = null;
    }
  }

  /**
   * Build and draw the views from `snapshots`: only those whose inputs changed since they
   * were last drawn and that are on screen, one per animation frame. Returns the
   * milliseconds spent drawing (not waiting). Chart errors are shown, never thrown.
   */
  private async _draw(snapshots: Snapshot[]): Promise<number> {
    const data = this._data;
    if (!data || snapshots.length === 0) {
      return 0;
    }
    this._shown = snapshots;
    let spent = 0;
    try {
      const plotly = await this.loadPlotly();
      if (this._disposed) {
        return 0;
      }
      const firstDraw = !this._drawn;
      if (firstDraw) {
        mark('plotly-ready');
      }
      const live = this._running;
      const base: ChartInput = {
        snapshots,
        data,
        theme: this.theme(this.node),
        compact: this._options.compact,
        variants: this._options.variants,
        live
      };
      const build = this._options.buildFigure ?? buildFigure;
      let first = true;
      for (const [view, node] of this._chartNodes) {
        if (this._disposed) {
          return spent;
        }
        // Whole pixels of width in steps of 8, so that a scroll bar coming and going does not
        // rebuild every figure.
        const clientWidth = node.clientWidth;
        const width = Math.round(clientWidth / 8) * 8 || undefined;
        // Training starting or stopping redraws only the views that draw differently then.
        const key = `${chartInputKey(view, snapshots)}:${READS_LIVE.has(view) && live}:${width}`;
        if (this._drawnKeys.get(view) === key || this._offscreen.has(view)) {
          continue;
        }
        if (!first) {
          // One chart per frame: several short tasks instead of one long one.
          await nextAnimationFrame();
          if (this._disposed) {
            return spent;
          }
        }
        first = false;
        if (firstDraw && !this._drawn) {
          mark('first-draw-start');
        }
        const began = now();
        let start = began;
        let work = 0;
        if (view === 'network' && this._networkView) {
          this._networkView.update({ ...base, width });
        } else {
          const later: (() => void)[] = [];
          const figure = build(view, { ...base, width, later: piece => later.push(piece) });
          // Building a big figure and drawing it are two tasks, not one long one.
          const built = now();
          measure(`nnlab:drawtask:${view}`, start, built);
          work += built - start;
          await nextTask();
          if (this._disposed) {
            return spent + work;
          }
          // What the build left for later (points pictures), a few pieces to a task.
          work += await runInSlices(later, {
            wanted: () => !this._disposed,
            onTask: (from, to) => measure(`nnlab:drawtask:${view}`, from, to)
          });
          if (this._disposed) {
            return spent + work;
          }
          const height = figure.layout.height;
          if (typeof height === 'number' && height > 0) {
            node.style.height = `${Math.ceil(height)}px`;
          }
          // A tall figure comes in pieces, each drawn in a task of its own.
          work += await drawFigure(plotly, node, figure, {
            width: clientWidth,
            between: nextTask,
            wanted: () => !this._disposed,
            onTask: (from, to) => measure(`nnlab:drawtask:${view}`, from, to)
          });
          if (this._disposed) {
            return spent + work;
          }
          start = now();
        }
        this._reserveScaledHeight(node);
        work += now() - start;
        spent += work;
        // From the build to the last piece, with the work in it (the waits between tasks left
        // out), so that benchmarks can tell what each chart cost; each task of it is an
        // "nnlab:drawtask:<view>" measure, to tell which chart a long task came from.
        measure(`nnlab:draw:${view}`, began, now(), { work });
        this._drawnKeys.set(view, key);
        if (!this._drawn) {
          mark('first-draw-end');
        }
        this._drawn = true;
      }
    } catch (reason) {
      this._options.onError(this._options.trans.__('Cannot draw the charts'), messageOf(reason));
    }
    return spent;
  }

  private _options: ChartBoardOptions;
  private _networkView: NetworkView | null = null;
  private _disposed = false;
  private _chartNodes = new Map<ViewName, HTMLElement>();
  private _running = false;
  private _data: DataSummary | null = null;
  private _pending: { id: number; snapshots: Snapshot[] } | null = null;
  private _shown: Snapshot[] | null = null;
  private _frame: number | null = null;
  private _drawing = false;
  /** A redraw was asked for while a draw was under way. */
  private _redrawAfter = false;
  private _drawn = false;
  private _theme: ChartTheme | null = null;
  private _plotly: PlotlyLike | null = null;
  private _plotlyLoading: Promise<PlotlyLike> | null = null;
  /** Per view, the fingerprint of the inputs it was last drawn from. */
  private _drawnKeys = new Map<ViewName, string>();
  /** Views whose chart is out of sight, or not yet reported in sight. */
  private _offscreen = new Set<ViewName>();
  /** The views last reported on screen, joined (null before the first report). */
  private _visibleKey: string | null = null;
  private _visibility: IntersectionObserver | null = null;
  private _sizes: ResizeObserver | null = null;
  private _width = 0;
  /** Presentation scale asked for, and the one in effect at the board's width. */
  private _scale = 1;
  private _applied = 1;
  /** The acknowledgement held back while the page rests after a draw. */
  private _ackId: number | null = null;
  private _ackTimer: ReturnType<typeof setTimeout> | null = null;
}

/** Narrowest width a chart is laid out for at presentation scale. */
export const MIN_SCALED_WIDTH = 400;

/**
 * The presentation scale used at a board `width` px wide: `scale`, but no more than lays
 * a full-width chart out at MIN_SCALED_WIDTH (so a narrow output keeps readable charts
 * rather than crowding larger text), and never below 1. Two decimals.
 */
export function effectiveScale(scale: number, width: number): number {
  const fit = width > 0 ? width / MIN_SCALED_WIDTH : scale;
  return Math.round(Math.max(1, Math.min(scale, fit)) * 100) / 100;
}

/** While the board is hidden, the slowest pace at which the session may send snapshots. */
const HIDDEN_ACK_MS = 1000;

/** Views with one panel per layer: they always take the whole row. */
const LAYER_VIEWS: ReadonlySet<ViewName> = new Set<ViewName>(['weights', 'activations', 'neurons']);

/** Views that draw each compared variant in a panel of its own. */
const VARIANT_VIEWS: ReadonlySet<ViewName> = new Set<ViewName>([
  'boundary',
  'hidden',
  'collapse',
  'gradients'
]);

/**
 * True when `view`'s chart takes a whole row of the board: it has a panel per layer, or a
 * panel per variant and there are several variants. Other charts share a row when it is wide.
 */
export function spansRow(view: ViewName, variants: number): boolean {
  return LAYER_VIEWS.has(view) || (variants > 1 && VARIANT_VIEWS.has(view));
}

export function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

/** requestAnimationFrame where there is one (browsers, jsdom), else a 16 ms timer. */
function requestFrame(fn: () => void): number {
  if (typeof requestAnimationFrame === 'function') {
    return requestAnimationFrame(fn);
  }
  return setTimeout(fn, 16) as unknown as number;
}

/** Resolves at the next animation frame. */
function nextAnimationFrame(): Promise<void> {
  return new Promise(resolve => requestFrame(() => resolve()));
}

function cancelFrame(handle: number): void {
  if (typeof cancelAnimationFrame === 'function') {
    cancelAnimationFrame(handle);
  } else {
    clearTimeout(handle);
  }
}
