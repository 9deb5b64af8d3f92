/**
 * The part of Plotly's API that NN Lab uses, for the pre-built cartesian bundle (which ships
 * without type declarations). Figures are plain data (see types.ts), so data and layout are
 * typed loosely here.
 */
declare module 'plotly.js-cartesian-dist-min' {
  /** What `toImage` draws: a figure already on the page, or a figure given as data. */
  export type ImageSource = HTMLElement | { data: object[]; layout?: object; config?: object };

  export interface ImageOptions {
    format: 'png' | 'svg' | 'jpeg' | 'webp';
    width?: number | null;
    height?: number | null;
    scale?: number;
  }

  export interface PlotlyStatic {
    /** Draw a new plot, replacing whatever `node` held. */
    newPlot(
      node: HTMLElement,
      data: object[],
      layout?: object,
      config?: object
    ): Promise<HTMLElement>;
    /** Update a plot in place with the least redrawing (creates it when missing). */
    react(
      node: HTMLElement,
      data: object[],
      layout?: object,
      config?: object
    ): Promise<HTMLElement>;
    /** Change trace attributes (`{ visible: [...] }`) of the traces at `indices`. */
    restyle(node: HTMLElement, update: object, indices?: number[]): Promise<HTMLElement>;
    /** Remove the plot and its event listeners from `node`. */
    purge(node: HTMLElement): void;
    /** Render to a data URL (PNG, JPEG, WebP) or an SVG string URL. */
    toImage(source: ImageSource, options: ImageOptions): Promise<string>;
    Plots: {
      /** Re-measure the container and redraw at its size. */
      resize(node: HTMLElement): Promise<void> | void;
    };
  }

  const Plotly: PlotlyStatic;
  export default Plotly;
}
