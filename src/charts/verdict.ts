/**
 * The separability verdict on a chart: one sentence stating whether a straight line
 * separates the classes, and that line when one does.
 *
 * The verdict comes from the snapshot (the core's exact test, run in the worker; see
 * core/separation.ts); nothing here judges separability, it only words and draws it. The
 * sentence is ours, never a user's string, so it needs no escaping.
 */
import type { ClassSeparation, SeparationVerdict } from '../core/separation';
import { clipLine } from './hidden';
import { panelLine } from './subplots';
import type { Panel } from './subplots';
import type { Annotation, ChartTheme, Trace } from './types';
import { wrapWords } from './format';

/** The name of the drawn separating line (legend entry, tests). */
export const SEPARATOR_NAME = 'a separating line';

/**
 * The verdict in words. Two classes: whether one line (one threshold in 1-D, one plane in
 * more dimensions) separates them. Several classes: whether one separates each class from
 * all the others. `space` names the dimension when it is not a plane: "in the 8-D hidden
 * space". Returns null when there is nothing to say.
 */
export function verdictText(
  verdict: SeparationVerdict | undefined,
  space = 'space'
): string | null {
  if (!verdict || verdict.classes.length === 0) {
    return null;
  }
  // Points that lie in a line or a plane of a wider space are judged there: a layer of
  // identity units keeps XOR's four corners in a plane, and no straight line in it separates.
  const flat = verdict.span !== undefined && verdict.span <= 2 && verdict.dim > 2;
  const d = flat ? (verdict.span as number) : verdict.dim;
  const what = d <= 1 ? 'single threshold' : d === 2 ? 'straight line' : 'plane';
  const where = flat
    ? ` (the ${verdict.dim} units only span a ${d <= 1 ? 'line' : 'plane'})`
    : d > 2
      ? ` in the ${d}-D ${space}`
      : '';
  const states = verdict.classes.map(c => c.separable);
  if (states.length === 1) {
    const state = states[0];
    if (state === null) {
      return `Undecided (too many points to test) whether a ${what} separates these classes${where}`;
    }
    return state
      ? `A ${what} separates these classes${where}`
      : `No ${what} separates these classes${where}`;
  }
  const list = (value: boolean | null) =>
    states.flatMap((s, k) => (s === value ? [String(k)] : [])).join(', ');
  if (states.every(s => s === true)) {
    return `A ${what} separates each class from the rest${where}`;
  }
  if (states.every(s => s === false)) {
    return `No ${what} separates any class from the rest${where}`;
  }
  const parts: string[] = [];
  const yes = list(true);
  const no = list(false);
  const unknown = list(null);
  if (yes) {
    parts.push(`A ${what} separates class ${yes} from the rest${where}`);
  }
  if (no) {
    parts.push(
      yes ? `none does for class ${no}` : `No ${what} separates class ${no} from the rest${where}`
    );
  }
  if (unknown) {
    parts.push(`undecided for class ${unknown}`);
  }
  return parts.join('; ');
}

/**
 * `text` broken into lines of at most `chars` characters at spaces (Plotly's `<br>`), so
 * that a sentence fits a narrow panel.
 */
export function wrapText(text: string, chars: number): string {
  return wrapWords(text, Math.max(12, Math.floor(chars))).join('<br>');
}

/**
 * The verdict as a note in the bottom-left corner inside a panel, on a box of the
 * background's colour so that it reads over the surface and the points. The corner is given
 * in data coordinates (`corner`, the lower ends of the panel's axis ranges), so the note
 * stays inside the plot also when an equal-aspect panel is narrower than its slot.
 * `note` is the sentence set by `verdictNote` (wrapped to the panel's width); `muted` greys
 * a verdict the exact test could not settle.
 */
export function verdictAnnotation(
  panel: Panel,
  corner: [number, number],
  note: VerdictNote,
  theme: ChartTheme,
  muted = false
): Annotation {
  return {
    text: note.lines,
    name: 'separability verdict',
    x: corner[0],
    y: corner[1],
    xref: panel.x,
    yref: panel.y,
    xanchor: 'left',
    yanchor: 'bottom',
    xshift: NOTE_SHIFT,
    yshift: NOTE_SHIFT,
    align: 'left',
    showarrow: false,
    ...noteBox(theme),
    font: { size: note.size, color: muted ? theme.textMuted : theme.text }
  };
}

/**
 * The box of a note inside a panel: the background's colour, nearly opaque so that it reads
 * over a surface and points while a point under it still shows.
 */
export function noteBox(theme: ChartTheme): Pick<Annotation, 'bgcolor' | 'opacity' | 'borderpad'> {
  return { bgcolor: theme.background, opacity: 0.92, borderpad: NOTE_PAD };
}

/** The font size of a note inside a panel: a little smaller than the chart's text. */
export function noteFontSize(theme: ChartTheme, compact = false): number {
  return Math.max(9, theme.fontSize - (compact ? 2 : 1));
}

/** A verdict sentence set for a note in a panel's corner (`verdictNote`). */
export interface VerdictNote {
  /** Font size in pixels. */
  size: number;
  /** The sentence wrapped with `<br>`. */
  lines: string;
  /** Pixels its box takes above the panel's bottom edge. */
  height: number;
}

/** The note's padding inside its box, and its shift off the panel's corner, in pixels. */
const NOTE_PAD = 3;
const NOTE_SHIFT = 4;

/**
 * The verdict note of `verdictAnnotation`: its font size, its text wrapped to fit a panel
 * `panelPx` wide (60 characters a line when the width is not known), and the height its box
 * takes above the panel's bottom edge in pixels (the lines at Plotly's 1.3 em, the padding
 * and the shift off the corner).
 */
export function verdictNote(
  text: string,
  theme: ChartTheme,
  options: { compact?: boolean; panelPx?: number } = {}
): VerdictNote {
  const size = noteFontSize(theme, options.compact);
  const chars = options.panelPx ? (options.panelPx - 12) / (size * 0.55) : 60;
  const lines = wrapText(text, chars);
  const height = Math.ceil(lines.split('<br>').length * size * 1.3) + 2 * NOTE_PAD + NOTE_SHIFT;
  return { size, lines, height };
}

/**
 * The verdict as a caption under the panels of a figure (below the x-axis titles, which
 * take `below` px under the plotting area), from the plotting area's left edge (`left` px
 * into the figure), wrapped to end inside the figure's `width`. Returns the
 * annotation and the height it needs in pixels.
 */
export function verdictCaption(
  text: string,
  theme: ChartTheme,
  options: { compact?: boolean; width?: number; below: number; left: number }
): { annotation: Annotation; height: number } {
  const size = Math.max(9, theme.fontSize - (options.compact ? 1 : 0));
  // It starts at the plotting area's left edge and must end inside the figure.
  const room = (options.width ?? 0) - options.left - 12;
  const chars = options.width && options.width > 0 ? room / (size * 0.62) : 80;
  const wrapped = wrapText(text, chars);
  const lines = wrapped.split('<br>').length;
  // A gap under the x-axis title, which Plotly may set a little below the margin's edge.
  const gap = 12;
  const height = Math.ceil(lines * size * 1.3) + 8 + gap;
  return {
    annotation: {
      text: wrapped,
      name: 'separability verdict',
      x: 0,
      y: 0,
      xref: 'paper',
      yref: 'paper',
      xanchor: 'left',
      yanchor: 'top',
      yshift: -(options.below + gap),
      align: 'left',
      showarrow: false,
      font: { size, color: theme.text }
    },
    height
  };
}

/**
 * The separating line w . x + b = 0 of a two-class verdict inside the box, as a dashed line
 * trace, or null when there is none (not separable, not 2-D, or the line misses the box).
 */
export function separatorLine(
  separation: ClassSeparation | undefined,
  box: [[number, number], [number, number]],
  panel: Panel,
  theme: ChartTheme,
  showlegend: boolean
): Trace | null {
  if (!separation || separation.separable !== true || !separation.w || separation.w.length !== 2) {
    return null;
  }
  const [a, c] = separation.w;
  if (!(Math.abs(a) > 0 || Math.abs(c) > 0)) {
    return null; // one class only: no line to draw
  }
  const segment = clipLine(a, c, -(separation.b ?? 0), box);
  if (!segment) {
    return null;
  }
  return separatingTrace(
    [segment[0][0], segment[1][0]],
    [segment[0][1], segment[1][1]],
    panel,
    theme,
    showlegend
  );
}

/** The separating line (or threshold) from (x[0], y[0]) to (x[1], y[1]) in a panel. */
export function separatingTrace(
  x: [number, number],
  y: [number, number],
  panel: Panel,
  theme: ChartTheme,
  showlegend: boolean
): Trace {
  const line = { color: theme.textMuted, width: 1.5, dash: 'dot' };
  return panelLine(panel, x, y, { name: SEPARATOR_NAME, line }, showlegend);
}

/**
 * True when the hyperplanes w1 . x + b1 = 0 and w2 . x + b2 = 0 are the same one with the
 * same side up (then drawing both would draw one line twice).
 */
export function sameHyperplane(w1: number[], b1: number, w2: number[], b2: number): boolean {
  const u = [...w1, b1];
  const v = [...w2, b2];
  let uv = 0;
  let uu = 0;
  let vv = 0;
  for (let k = 0; k < u.length; k++) {
    uv += u[k] * v[k];
    uu += u[k] * u[k];
    vv += v[k] * v[k];
  }
  return uu > 0 && vv > 0 && uv / Math.sqrt(uu * vv) > 1 - 1e-6;
}
