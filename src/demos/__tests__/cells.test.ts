/**
 * The cells NN Lab inserts: an experiment cell carries its widget as a ready output, so it
 * shows before any kernel runs, and plain cells start empty.
 */
import {
  codeCell,
  EXPERIMENT_MIME_TYPE,
  experimentCell,
  markdownCell,
  plainSummary
} from '../cells';

describe('notebook cells', () => {
  const spec = { title: 'XOR', data: { name: 'xor' }, network: { layers: [2, 4, 1] } };

  it('puts the spec under the NN Lab MIME type in a display output', () => {
    const cell = experimentCell('Lab(data="xor")', spec);
    expect(cell.cell_type).toBe('code');
    expect(cell.source).toBe('Lab(data="xor")');
    expect(cell.execution_count).toBeNull();
    expect(cell.outputs).toHaveLength(1);
    const output = cell.outputs[0] as any;
    expect(output.output_type).toBe('display_data');
    expect(output.data[EXPERIMENT_MIME_TYPE]).toEqual(spec);
    expect(output.data['text/plain']).toBe('<XOR: data=xor, layers=2-4-1>');
  });

  it('copies the spec, so later edits of the caller do not leak into the notebook', () => {
    const mine = JSON.parse(JSON.stringify(spec));
    const cell = experimentCell('x', mine);
    mine.network.layers.push(9);
    expect((cell.outputs[0] as any).data[EXPERIMENT_MIME_TYPE].network.layers).toEqual([2, 4, 1]);
  });

  it('adds an id only when given one', () => {
    expect('id' in experimentCell('x', spec)).toBe(false);
    expect(experimentCell('x', spec, 'demo-lab').id).toBe('demo-lab');
    expect(codeCell('print(1)', 'c').outputs).toEqual([]);
    expect(markdownCell('# Hi').cell_type).toBe('markdown');
  });

  it('summarises a spec without a title', () => {
    expect(plainSummary({})).toBe('<NN Lab experiment>');
  });
});
