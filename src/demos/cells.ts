/**
 * Notebook cells as nbformat 4 JSON: the one place that decides what an inserted NN Lab cell
 * looks like.
 *
 * An experiment cell carries its output already: the MIME bundle the Python helper would
 * display. The widget therefore appears the moment the cell is inserted or the notebook is
 * opened, before any kernel has run, and a reader of the notebook on a static viewer still
 * sees what the cell is about (the text/plain part).
 */
import type * as nbformat from '@jupyterlab/nbformat';

/** The MIME type of an experiment spec (the same string as the renderer's in src/mime.ts). */
export const EXPERIMENT_MIME_TYPE = 'application/vnd.nnlab.experiment.v1+json';

/** A JSON object as nbformat stores it. */
export type SpecJSON = { [key: string]: unknown };

/** Text shown where the widget cannot be: a one-line summary of the experiment. */
export function plainSummary(spec: SpecJSON): string {
  const title = typeof spec.title === 'string' ? spec.title : 'NN Lab experiment';
  const data = spec.data as { name?: unknown } | undefined;
  const network = spec.network as { layers?: unknown } | undefined;
  const parts: string[] = [];
  if (data && typeof data.name === 'string') {
    parts.push(`data=${data.name}`);
  }
  if (network && Array.isArray(network.layers)) {
    parts.push(`layers=${network.layers.join('-')}`);
  }
  return parts.length ? `<${title}: ${parts.join(', ')}>` : `<${title}>`;
}

/** The display output the Python helper produces for a spec. */
export function experimentOutput(spec: SpecJSON): nbformat.IDisplayData {
  return {
    output_type: 'display_data',
    data: {
      [EXPERIMENT_MIME_TYPE]: JSON.parse(JSON.stringify(spec)),
      'text/plain': plainSummary(spec)
    },
    metadata: {}
  };
}

/** A markdown cell. `id` is optional (nbformat 4.5 cell ids). */
export function markdownCell(source: string, id?: string): nbformat.IMarkdownCell {
  const cell: nbformat.IMarkdownCell = { cell_type: 'markdown', metadata: {}, source };
  if (id) {
    cell.id = id;
  }
  return cell;
}

/** A code cell that has not run yet, with no output. */
export function codeCell(source: string, id?: string): nbformat.ICodeCell {
  const cell: nbformat.ICodeCell = {
    cell_type: 'code',
    execution_count: null,
    metadata: {},
    outputs: [],
    source
  };
  if (id) {
    cell.id = id;
  }
  return cell;
}

/**
 * A code cell whose output is already the experiment widget: `source` reproduces it when the
 * kernel runs, `spec` is what that run would display.
 */
export function experimentCell(source: string, spec: SpecJSON, id?: string): nbformat.ICodeCell {
  const cell = codeCell(source, id);
  cell.outputs = [experimentOutput(spec)];
  return cell;
}
