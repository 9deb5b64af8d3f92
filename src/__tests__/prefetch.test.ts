/** @jest-environment jsdom */
/**
 * A cell that mentions NN Lab starts loading the experiment view when it is scheduled to run,
 * and a notebook that uses NN Lab when it is opened; other cells and notebooks load nothing.
 */
import '../widgets/__tests__/jsdomSetup';
import { NotebookActions } from '@jupyterlab/notebook';
import { Signal } from '@lumino/signaling';
import { MIME_TYPE } from '../mime';
import {
  announcesExperiment,
  EXPERIMENT_MIME_TYPE,
  notebookUsesNNLab,
  onScheduled,
  prefetchOnExecution,
  prefetchOnOpen
} from '../prefetch';

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

/** A notebook cell model: code cells may hold outputs (each a MIME bundle). */
const nbCell = (source: string, type = 'code', outputs: object[] = []) => ({
  type,
  sharedModel: { getSource: () => source },
  outputs: { length: outputs.length, get: (index: number) => ({ data: outputs[index] }) }
});

/** An opened notebook panel with its model, loaded when `ready` resolves. */
class FakePanel {
  constructor(public cells: ReturnType<typeof nbCell>[]) {}
  isDisposed = false;
  disposed = new Signal<FakePanel, void>(this);
  contentChanged = new Signal<FakePanel, void>(this);
  context = {
    ready: Promise.resolve(),
    model: {
      cells: { [Symbol.iterator]: () => this.cells[Symbol.iterator]() },
      contentChanged: this.contentChanged
    }
  };
  dispose(): void {
    this.isDisposed = true;
    this.disposed.emit();
  }
}

/** A notebook tracker holding `open` panels at first. */
class FakeTracker {
  constructor(public open: FakePanel[] = []) {}
  widgetAdded = new Signal<FakeTracker, FakePanel>(this);
  forEach(callback: (panel: FakePanel) => void): void {
    this.open.forEach(callback);
  }
  add(panel: FakePanel): void {
    this.open.push(panel);
    this.widgetAdded.emit(panel);
  }
}

/** Let the panels' `ready` promises settle. */
const settle = () => new Promise(resolve => setTimeout(resolve, 0));

describe('loading the experiment view when a notebook that uses NN Lab is opened', () => {
  const plainNotebook = () =>
    new FakePanel([
      nbCell('# Linear regression', 'markdown'),
      nbCell('import numpy as np\nnp.linalg.lstsq', 'code', [{ 'text/plain': 'array' }])
    ]);
  const lessonNotebook = () =>
    new FakePanel([
      nbCell('# Why activations', 'markdown'),
      nbCell('from jupyterlab_nnlab import Lab\nLab(data="xor")')
    ]);
  /** A saved notebook that was run: only the output says NN Lab (the source hides it). */
  const savedOutputNotebook = () =>
    new FakePanel([nbCell('show()', 'code', [{ [EXPERIMENT_MIME_TYPE]: {}, 'text/plain': '' }])]);

  /** Start watching `tracker`; idle tasks run only when `idle()` is called. */
  const watch = (tracker: FakeTracker) => {
    const prefetch = jest.fn();
    const tasks: (() => void)[] = [];
    const stop = prefetchOnOpen(tracker, {
      prefetch,
      schedule: task => tasks.push(task),
      changeDelay: 10
    });
    const idle = () => tasks.splice(0).forEach(task => task());
    return { prefetch, idle, stop };
  };

  it('knows a notebook that uses NN Lab by a code cell or a saved experiment output', () => {
    expect(notebookUsesNNLab(lessonNotebook().cells)).toBe(true);
    expect(notebookUsesNNLab(savedOutputNotebook().cells)).toBe(true);
    expect(notebookUsesNNLab(savedOutputNotebook().cells, false)).toBe(false);
    expect(notebookUsesNNLab(plainNotebook().cells)).toBe(false);
    // A markdown cell that talks about the package does not show an experiment.
    expect(notebookUsesNNLab([nbCell('see jupyterlab_nnlab', 'markdown')])).toBe(false);
  });

  it('uses the MIME type the renderer renders', () => {
    expect(EXPERIMENT_MIME_TYPE).toBe(MIME_TYPE);
  });

  it('loads nothing for notebooks without NN Lab, even as they change', async () => {
    const plain = plainNotebook();
    const tracker = new FakeTracker([plain]);
    const { prefetch, idle } = watch(tracker);
    tracker.add(plainNotebook());
    await settle();
    idle();
    plain.cells.push(nbCell('print("still no experiment")'));
    plain.contentChanged.emit();
    await new Promise(resolve => setTimeout(resolve, 30));
    idle();
    expect(prefetch).not.toHaveBeenCalled();
  });

  it('loads in idle time, once, when notebooks that use NN Lab are opened', async () => {
    const tracker = new FakeTracker([plainNotebook()]);
    const { prefetch, idle } = watch(tracker);
    tracker.add(lessonNotebook());
    await settle();
    // Nothing during the opening itself: only once the page is idle.
    expect(prefetch).not.toHaveBeenCalled();
    idle();
    expect(prefetch).toHaveBeenCalledTimes(1);
    // Once per page: a second lesson and a saved output load nothing more.
    tracker.add(lessonNotebook());
    tracker.add(savedOutputNotebook());
    await settle();
    idle();
    expect(prefetch).toHaveBeenCalledTimes(1);
  });

  it('checks notebooks already open when it starts, saved outputs included', async () => {
    const { prefetch, idle } = watch(new FakeTracker([savedOutputNotebook()]));
    await settle();
    idle();
    expect(prefetch).toHaveBeenCalledTimes(1);
  });

  it('loads when an open notebook comes to use NN Lab, once typing pauses', async () => {
    const notebook = plainNotebook();
    const { prefetch, idle } = watch(new FakeTracker([notebook]));
    await settle();
    idle();
    notebook.cells.push(nbCell('%load_ext jupyterlab_nnlab'));
    notebook.contentChanged.emit();
    notebook.contentChanged.emit();
    idle();
    expect(prefetch).not.toHaveBeenCalled();
    await new Promise(resolve => setTimeout(resolve, 30));
    idle();
    expect(prefetch).toHaveBeenCalledTimes(1);
  });

  it('stops listening to closed notebooks and when stopped', async () => {
    const notebook = plainNotebook();
    const tracker = new FakeTracker([notebook]);
    const { prefetch, idle, stop } = watch(tracker);
    await settle();
    idle();
    notebook.dispose();
    notebook.cells.push(nbCell('import jupyterlab_nnlab'));
    notebook.contentChanged.emit();
    await new Promise(resolve => setTimeout(resolve, 30));
    idle();
    stop();
    tracker.add(lessonNotebook());
    await settle();
    idle();
    expect(prefetch).not.toHaveBeenCalled();
  });
});
