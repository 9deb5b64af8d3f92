/**
 * A cell that mentions NN Lab starts loading the experiment view when it is scheduled to run;
 * other cells load nothing.
 */
import { NotebookActions } from '@jupyterlab/notebook';
import { announcesExperiment, onScheduled, prefetchOnExecution } from '../prefetch';

jest.mock('@jupyterlab/notebook', () => ({
  NotebookActions: { executionScheduled: { connect: jest.fn() } }
}));

const cell = (source: string, type = 'code') => ({
  model: { type, sharedModel: { getSource: () => source } }
});

describe('loading the experiment view while the kernel runs', () => {
  it('recognises the cells that show or prepare an experiment', () => {
    expect(announcesExperiment('from jupyterlab_nnlab import Lab\nLab(data="xor")')).toBe(true);
    expect(announcesExperiment('%%nnlab\n{"data": {"name": "xor"}}')).toBe(true);
    expect(announcesExperiment('%load_ext jupyterlab_nnlab')).toBe(true);
    expect(announcesExperiment('import numpy as np\nnp.zeros(3)')).toBe(false);
  });

  it('prefetches for such a code cell only', () => {
    const prefetch = jest.fn();
    onScheduled(cell('import jupyterlab_nnlab'), prefetch);
    expect(prefetch).toHaveBeenCalledTimes(1);
    onScheduled(cell('print(1)'), prefetch);
    onScheduled(cell('jupyterlab_nnlab in a markdown cell', 'markdown'), prefetch);
    expect(prefetch).toHaveBeenCalledTimes(1);
  });

  it('listens to every notebook cell scheduled to run', () => {
    prefetchOnExecution();
    expect(NotebookActions.executionScheduled.connect).toHaveBeenCalledTimes(1);
  });
});
