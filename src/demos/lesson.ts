/**
 * The lesson notebook "Why neural networks need non-linear activation functions": an
 * introduction followed by every demo of the gallery, each with its widget already displayed.
 *
 * The same cells are used when a single demo is inserted into a notebook, so the gallery and
 * the lesson can never disagree. scripts/make-lesson.js writes the result to
 * examples/why-activation-functions.ipynb; a test checks that the committed file is current.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { codeCell, experimentCell, markdownCell } from './cells';
import { Demo, DEMOS } from './catalogue';

/** The cells of one demo: its explanation, its setup code if any, and the experiment. */
export function demoCells(demo: Demo, withIds = true): nbformat.ICell[] {
  const id = (part: string): string | undefined => (withIds ? `${demo.id}-${part}` : undefined);
  const cells: nbformat.ICell[] = [markdownCell(demo.markdown, id('text'))];
  if (demo.setup) {
    cells.push(codeCell(demo.setup, id('setup')));
  }
  cells.push(experimentCell(demo.code, demo.spec, id('lab')));
  return cells;
}

export const LESSON_TITLE = 'Why neural networks need non-linear activation functions';

const INTRODUCTION = `# ${LESSON_TITLE}

A neural network is layers of units; each unit takes a weighted sum of its inputs and passes it
through an **activation function**. This notebook asks what that function is for, and answers with
experiments you can watch and change.

The short answer: without a non-linear activation, any number of layers computes one affine
map $x K + c$, which can only draw straight lines. A non-linearity lets each layer bend and fold
the space, so that problems like XOR become solvable.

**How to use it.** Every experiment below is already displayed: it trains in your browser, with no
GPU and no deep-learning library. Press play, pause, step or reset, change the activation or the
learning rate and watch what happens. Running a cell (Shift+Enter) re-creates the widget from its
Python code, so you can edit the arguments of \`Lab(...)\` too. The NN Lab panel in the left
sidebar has a playground and inserts these demos into any notebook.`;

const CONCLUSION = `## Summary

* Identity activations collapse any stack of layers into one affine map $x K + c$.
* XOR needs a non-linearity: the hidden layer maps the four points to a space where a straight line
  separates them.
* Saturating functions (sigmoid, tanh) have tiny slopes in their tails, and deep stacks of them
  pass back vanishing gradients; ReLU keeps a slope of 1 where it is active.
* Softmax turns the output layer into class probabilities; cross-entropy scores them.
* A few ReLU units already bend a line into a curve.

Try it yourself: open the NN Lab panel, pick a data set, and find the smallest network that learns it.`;

/** The notebook metadata JupyterLab expects: a Python 3 kernel. */
const METADATA: nbformat.INotebookMetadata = {
  kernelspec: { name: 'python3', display_name: 'Python 3 (ipykernel)', language: 'python' },
  language_info: { name: 'python' }
};

/** The whole lesson as nbformat 4 JSON. */
export function lessonNotebook(demos: readonly Demo[] = DEMOS): nbformat.INotebookContent {
  const cells: nbformat.ICell[] = [markdownCell(INTRODUCTION, 'introduction')];
  for (const demo of demos) {
    cells.push(...demoCells(demo));
  }
  cells.push(markdownCell(CONCLUSION, 'summary'));
  return { cells, metadata: METADATA, nbformat: 4, nbformat_minor: 5 };
}

/** The lesson as the text of an .ipynb file (one-space indentation, like Jupyter writes). */
export function lessonText(): string {
  return JSON.stringify(lessonNotebook(), null, 1) + '\n';
}
