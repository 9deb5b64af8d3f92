/**
 * The shapes that flow out of src/charts: a Plotly figure as plain data, and the input every
 * figure builder takes.
 *
 * Only the few Plotly attributes the builders use are named here. We do not depend on
 * Plotly's own type packages: a figure is plain data (objects, arrays, strings, numbers, and
 * typed arrays where Plotly takes arrays of numbers), so the widget can pass it to
 * `Plotly.react` without any Plotly types in scope.
 */
import type {
  ActivationName,
  DataSummary,
  ResolvedVariant,
  Snapshot,
  ViewName
} from '../core/types';

/** A Plotly colourscale: stops from 0 to 1, each with a CSS colour. */
export type Colorscale = [number, string][];

/** One Plotly trace. Named fields are the ones the builders set; anything else is allowed. */
export interface Trace {
  type: 'scatter' | 'heatmap' | 'bar' | 'image';
  name?: string;
  x?: ArrayLike<number | string | null>;
  y?: ArrayLike<number | string | null>;
  z?: ArrayLike<ArrayLike<number | null>>;
  mode?: string;
  xaxis?: string;
  yaxis?: string;
  showlegend?: boolean;
  legendgroup?: string;
  line?: Record<string, unknown>;
  marker?: Record<string, unknown>;
  hovertemplate?: string;
  coloraxis?: string;
  [key: string]: unknown;
}

/** A Plotly layout: axes (`xaxis`, `xaxis2`, ...), annotations, colour axes and so on. */
export interface Layout {
  annotations?: Annotation[];
  shapes?: Record<string, unknown>[];
  [key: string]: unknown;
}

/** A text label placed on the figure (panel titles, explanations, statistics). */
export interface Annotation {
  text: string;
  x: number;
  y: number;
  xref: string;
  yref: string;
  showarrow: boolean;
  [key: string]: unknown;
}

/** What `Plotly.react(node, figure.data, figure.layout, config)` takes. */
export interface Figure {
  data: Trace[];
  layout: Layout;
  /**
   * Where the figure may be cut into pieces drawn one by one (src/charts/split.ts): lines
   * between rows of panels that cross no text or picture, as paper y. Not for Plotly.
   */
  cuts?: number[];
  /** A piece that holds the figure's legend alone (src/charts/split.ts). Not for Plotly. */
  legendOnly?: boolean;
}

/** Colours and fonts of the charts, read from JupyterLab's CSS variables (see theme.ts). */
export interface ChartTheme {
  /** True under a dark JupyterLab theme. */
  dark: boolean;
  /** Figure background (`paper_bgcolor`). */
  background: string;
  /** Plotting-area background (`plot_bgcolor`). */
  plotBackground: string;
  /** Main text colour. */
  text: string;
  /** Secondary text: axis titles, notes. */
  textMuted: string;
  /** Grid lines. */
  grid: string;
  /** Axis and zero lines. */
  axisLine: string;
  fontFamily: string;
  /** Base font size in pixels. */
  fontSize: number;
  /** JupyterLab's brand colour, for single highlighted series. */
  accent: string;
  error: string;
  warn: string;
  success: string;
  /** One colour per class, colour-blind friendly, readable on light and dark backgrounds. */
  classColors: string[];
  /** One colour per series (compared variant, layer, function). */
  seriesColors: string[];
  /** Class 0 -> neutral -> class 1, neutral at 0.5: probabilities and signed weights. */
  diverging: Colorscale;
  /** Low -> high for unsigned quantities (regression outputs, unit activations). */
  sequential: Colorscale;
}

/** Scalar activation functions, as `ACTIVATIONS` in src/core/activations.ts provides them. */
export type ActivationLookup = Partial<
  Record<ActivationName, { f(x: number): number; df(x: number): number }>
>;

/** Everything a figure builder needs. */
export interface ChartInput {
  /** One snapshot per compared variant, in variant order. */
  snapshots: Snapshot[];
  /** The data set the session trains on. */
  data: DataSummary;
  theme: ChartTheme;
  /** Small multiples: tighter margins, smaller fonts, no legends or long notes. */
  compact?: boolean;
  /**
   * Width of the chart's container in pixels, when known. Figures with one panel per
   * compared variant wrap them onto more rows when the width cannot hold them side by side.
   */
  width?: number;
  /**
   * The resolved variants, in the same order as `snapshots`. Optional: it tells the builders
   * the output activation (for the separating line in the hidden view) and the activations
   * in use (for the functions view) when the snapshots do not carry them.
   */
  variants?: ResolvedVariant[];
  /** Hidden layer for the 'hidden' view, as in `Snapshot.hidden[k].layer`; default: the last. */
  hiddenLayer?: number;
  /** Scalar activations for the 'functions' view; default: `ACTIVATIONS` from src/core. */
  functions?: ActivationLookup;
  /**
   * True while training runs and the figure is one of many redrawn each second: builders
   * may then choose cheaper rendering (e.g. heatmaps without per-pixel smoothing). The
   * resting network is drawn with `live` unset, in full quality.
   */
  live?: boolean;
  /**
   * Where a builder may leave the costly, independent parts of a figure (the points
   * pictures) as pieces of work, to be run before the figure is drawn: the chart board runs
   * them a few to a task, so that a build does not become one long task. Unset, the builder
   * does everything itself.
   */
  later?: Later;
}

/** Takes a piece of work that must run before the figure built with it is drawn. */
export type Later = (work: () => void) => void;

/** A pure function from the latest snapshots to one figure. */
export type FigureBuilder = (input: ChartInput) => Figure;

export type { ViewName };
