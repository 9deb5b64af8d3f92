/**
 * Text placed on a pair of pixel axes (PIXEL_AXIS in subplots.ts), gathered into one scatter
 * trace of text points: Plotly lays out and measures each annotation on its own, which for
 * the dozens of labels of a wall of small pictures took most of a draw; a text trace is drawn
 * in one pass.
 */
import type { Trace } from './types';

export class TextPoints {
  /** `size`: the font size of a point added without one. */
  constructor(private size: number) {}

  /**
   * A label at (x, y) pixels, placed by `position` (Plotly's textposition: 'top center',
   * 'middle left'...), in `size` and `color` (the trace's colour when not given).
   */
  add(x: number, y: number, text: string, position: string, size = this.size, color = ''): void {
    this.x.push(round(x));
    this.y.push(round(y));
    this.text.push(text);
    this.position.push(position);
    this.sizes.push(size);
    this.colors.push(color);
  }

  /** The labels as one trace, in `color` where a label has none of its own. */
  trace(color: string): Trace {
    return {
      type: 'scatter',
      mode: 'text',
      name: 'labels',
      x: this.x,
      y: this.y,
      text: this.text,
      textposition: this.position,
      textfont: {
        color: this.colors.some(c => c) ? this.colors.map(c => c || color) : color,
        size: this.sizes
      },
      // Labels sit outside the panels, in the gaps and margins.
      cliponaxis: false,
      showlegend: false,
      hoverinfo: 'skip'
    };
  }

  private x: number[] = [];
  private y: number[] = [];
  private text: string[] = [];
  private position: string[] = [];
  private sizes: number[] = [];
  private colors: string[] = [];
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
