/**
 * User text made safe for Plotly.
 *
 * Plotly reads a small HTML dialect in every text it draws (legend names, annotations,
 * titles, hover text): `<a href>` becomes a working link, `<span style>` styles the text,
 * `<br>` breaks lines, and `%{...}` in a hover template is filled in with data. A label
 * from a spec is data, and an untrusted notebook's spec must not put links or styles on the
 * screen, so every user string is escaped once, where it enters the chart input: the
 * builders can then put it anywhere.
 */
import type { ChartInput } from './types';

/**
 * `text` as Plotly shows it literally: `&`, `<` and `>` become the entities Plotly decodes
 * back to those characters, and `%{` gets an invisible joiner so no template reads it.
 */
export function plotlyText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/%\{/g, '%\u200b{');
}

/**
 * The chart input with every string that came from the spec (variant labels; error
 * messages, which quote spec values) escaped for Plotly. The input itself is not changed.
 */
export function safeChartInput(input: ChartInput): ChartInput {
  return {
    ...input,
    snapshots: input.snapshots.map(snapshot => ({
      ...snapshot,
      label: plotlyText(snapshot.label ?? ''),
      ...(snapshot.error
        ? { error: { ...snapshot.error, message: plotlyText(snapshot.error.message) } }
        : {})
    })),
    ...(input.variants
      ? { variants: input.variants.map(v => ({ ...v, label: plotlyText(v.label) })) }
      : {})
  };
}
