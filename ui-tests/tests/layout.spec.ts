/**
 * Charts that fit: every view, at output widths from a sidebar's to a wide screen's and in
 * both themes, stays inside its output area, with no two pieces of text on top of each other.
 *
 * One notebook holds saved outputs covering every view (single networks, compared variants,
 * deep networks with a panel per layer, functions only). The widgets train in the page from
 * the saved specs, so no kernel is needed. For each width the viewport is resized until the
 * output area has that width, the charts are given time to redraw, and their geometry is
 * measured in the page.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import {
  ALL_CELLS_LAID_OUT,
  EXPERIMENT,
  notebookWithOutputs,
  setOutputWidth,
  settleCharts,
  trustCurrentNotebook
} from '../support/nnlab';

/** Output widths to check, in CSS pixels: a sidebar, a half screen, a laptop, a wide screen. */
const WIDTHS = [320, 700, 1170, 1600];

/** Experiments covering every view; short runs so that they settle quickly. */
const EXPERIMENTS: Record<string, unknown>[] = [
  {
    title: 'XOR: ReLU against identity',
    data: { name: 'xor' },
    network: { layers: [2, 4, 1], activation: 'relu' },
    training: { epochs: 200, seed: 1 },
    views: ['boundary', 'hidden', 'loss'],
    compare: [{ network: { activation: 'identity' } }]
  },
  {
    title: 'Moons, one panel per layer',
    data: { name: 'moons', n: 120 },
    network: { layers: [2, 6, 4, 1], activation: 'tanh' },
    training: { epochs: 60, seed: 2 },
    views: ['activations', 'gradients', 'weights', 'neurons']
  },
  {
    title: 'Stacked linear layers collapse',
    data: { name: 'xor' },
    network: { layers: [2, 4, 3, 1], activation: 'identity', output: 'identity' },
    training: { loss: 'mse', epochs: 60, seed: 3 },
    views: ['collapse', 'loss'],
    compare: [{ network: { activation: 'relu' } }]
  },
  {
    // Data twice as wide as high: flat rows of surface panels under a two-row legend.
    title: 'Moons: ReLU against identity',
    data: { name: 'moons', n: 200 },
    network: { layers: [2, 8, 1], activation: 'relu' },
    training: { epochs: 40, seed: 4 },
    views: ['boundary'],
    compare: [{ network: { activation: 'identity' } }]
  },
  {
    title: 'Activation functions',
    data: { name: 'xor' },
    network: { layers: [2, 2, 1], activation: 'sigmoid' },
    views: ['functions'],
    autoplay: false
  }
];

/** A notebook with one saved experiment output per entry of `EXPERIMENTS`. */
function layoutNotebook(): string {
  return notebookWithOutputs(EXPERIMENTS, 'layout');
}

/** What the page reports about one output's geometry. */
interface Geometry {
  title: string;
  outputWidth: number;
  /** Plot elements whose box leaves the output area. */
  outside: string[];
  /** Pairs of text elements whose boxes overlap. */
  overlaps: string[];
  /** The widget is taller or wider than its output area. */
  spills: string[];
}

/** Measure every experiment of the notebook in front (runs in the page). */
function measure(page: Page, selector: string): Promise<Geometry[]> {
  return page.evaluate(selector => {
    const SLACK = 1;
    const describe = (el: Element): string => {
      const text = (el.textContent ?? '').trim().slice(0, 40);
      const cls = el.getAttribute('class') ?? el.tagName;
      const chart = (el.closest('[data-view]') as HTMLElement | null)?.dataset.view ?? '';
      return `${chart}:${cls}${text ? ` "${text}"` : ''}`;
    };
    const visible = (r: DOMRect) => r.width > 0.5 && r.height > 0.5;
    const results: Geometry[] = [];
    for (const widget of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const area = widget.closest('.jp-OutputArea-output') ?? widget.parentElement!;
      const box = area.getBoundingClientRect();
      const inside = (r: DOMRect) =>
        r.left >= box.left - SLACK &&
        r.right <= box.right + SLACK &&
        r.top >= box.top - SLACK &&
        r.bottom <= box.bottom + SLACK;
      const outside: string[] = [];
      const plotParts = widget.querySelectorAll(
        '.main-svg text, .main-svg .legend, .main-svg .colorbar, .main-svg image, .main-svg .point, .main-svg .bg'
      );
      for (const el of Array.from(plotParts)) {
        if (el.closest('.hoverlayer')) {
          continue;
        }
        const r = el.getBoundingClientRect();
        if (visible(r) && !inside(r)) {
          outside.push(
            `${describe(el)} [${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.right)},${Math.round(r.bottom)}]`
          );
        }
      }
      // Text: titles, annotations, legend entries, axis titles, tick labels. Overlap means
      // more than a sliver in both directions (glyph boxes of neighbours may touch).
      const texts = Array.from(widget.querySelectorAll('.main-svg text'))
        .filter(el => !el.closest('.hoverlayer') && (el.textContent ?? '').trim() !== '')
        .map(el => ({ el, r: el.getBoundingClientRect() }))
        .filter(t => visible(t.r));
      const overlaps: string[] = [];
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          const a = texts[i].r;
          const b = texts[j].r;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 2 && h > 2) {
            overlaps.push(`${describe(texts[i].el)} / ${describe(texts[j].el)}`);
          }
        }
      }
      const spills: string[] = [];
      const wr = widget.getBoundingClientRect();
      if (!inside(wr)) {
        spills.push(
          `widget ${Math.round(wr.width)}x${Math.round(wr.height)} in ${Math.round(box.width)}x${Math.round(box.height)}`
        );
      }
      for (const chart of Array.from(widget.querySelectorAll<HTMLElement>('.jp-NNLab-chart'))) {
        // Screen boxes on both sides: at presentation scale a chart is drawn scaled. A tall
        // chart is drawn in pieces, each a plot (and a first .main-svg) of its own.
        const room = chart.getBoundingClientRect();
        const pieces = Array.from(chart.querySelectorAll('.jp-NNLab-chartPiece'));
        for (const plot of pieces.length > 0 ? pieces : [chart]) {
          const svg = plot.querySelector('.main-svg')?.getBoundingClientRect();
          if (svg && (svg.top < room.top - SLACK || svg.bottom > room.bottom + SLACK)) {
            spills.push(
              `${chart.dataset.view} draws ${Math.round(svg.top - room.top)}..${Math.round(svg.bottom - room.top)} px in ${Math.round(room.height)}`
            );
          }
        }
      }
      results.push({
        title: widget.querySelector('.jp-NNLab-title')?.textContent ?? '',
        outputWidth: Math.round(box.width),
        outside,
        overlaps,
        spills
      });
    }
    return results;
  }, selector);
}

test.use({ mockSettings: ALL_CELLS_LAID_OUT });

test.describe('NN Lab charts fit their output', () => {
  for (const [theme, presentation] of [
    ['light', false],
    ['dark', false],
    ['light', true],
    ['dark', true]
  ] as const) {
    const mode = presentation ? ', presentation scale' : '';
    test(`every view fits at every width (${theme} theme${mode})`, async ({ page, tmpPath }) => {
      test.setTimeout(180_000);
      // Tall enough for the tallest widget, so that element screenshots show it whole.
      await page.setViewportSize({ width: 1280, height: presentation ? 4000 : 2600 });
      if (theme === 'dark') {
        await page.theme.setDarkTheme();
      }
      const name = 'layout.ipynb';
      await page.contents.uploadContent(layoutNotebook(), 'text', `${tmpPath}/${name}`);
      await page.filebrowser.openDirectory(tmpPath);
      await page.notebook.openByPath(`${tmpPath}/${name}`);
      await page.notebook.activate(name);
      // Saved outputs open untrusted; trusted, the experiments train as their specs say.
      await trustCurrentNotebook(page);
      if (presentation) {
        // Each experiment's own button: presentation scale is switched per widget.
        const buttons = page.locator('.jp-NotebookPanel:visible .jp-NNLab-presentation');
        await expect(buttons).toHaveCount(EXPERIMENTS.length);
        for (let i = 0; i < EXPERIMENTS.length; i++) {
          await buttons.nth(i).click();
          await expect(buttons.nth(i)).toHaveAttribute('aria-pressed', 'true');
        }
      }
      const shots = process.env.NNLAB_SHOTS;
      const tag = `${theme}${presentation ? '-presentation' : ''}`;
      // Every problem at every width, so that one run shows them all.
      const problems: string[] = [];
      for (const width of WIDTHS) {
        await setOutputWidth(page, width);
        await settleCharts(page);
        const geometry = await measure(
          page,
          '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-NNLab-experiment'
        );
        expect(geometry).toHaveLength(EXPERIMENTS.length);
        // The neurons view ends with the output layer's map.
        await expect(
          page.locator('.jp-NotebookPanel:visible .jp-NNLab-chart[data-view="neurons"]')
        ).toContainText('output layer (1 unit)');
        if (presentation) {
          // The title, controls and readout grow with the charts where there is room (at the
          // default scale of 1.5 from 600 px), and keep their size in a narrow output.
          const zooms = await page.$$eval(
            '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-NNLab-experiment > .jp-NNLab-readout',
            nodes => nodes.map(node => getComputedStyle(node).zoom)
          );
          expect(zooms).toEqual(EXPERIMENTS.map(() => (width >= 600 ? '1.5' : '1')));
        }
        for (const g of geometry) {
          const where = `${g.title} at ${width} px`;
          if (Math.abs(g.outputWidth - width) > 2) {
            problems.push(`${where}: output is ${g.outputWidth} px wide`);
          }
          for (const p of [...g.spills, ...g.outside]) {
            problems.push(`${where}: outside: ${p}`);
          }
          for (const p of g.overlaps) {
            problems.push(`${where}: overlap: ${p}`);
          }
        }
        if (width === 700) {
          // Committed pictures of key views: a compare (boundary, hidden, loss) and a deep
          // network's per-layer views. Training is seeded, so the pixels are the same on every
          // run; the tolerance absorbs anti-aliasing differences.
          const widgets = page.locator('.jp-NotebookPanel:visible').locator(EXPERIMENT);
          const baselines = presentation
            ? theme === 'light'
              ? [0]
              : []
            : theme === 'light'
              ? [0, 1]
              : [0];
          for (const i of baselines) {
            await expect(widgets.nth(i)).toHaveScreenshot(`view-${i}-${tag}-${width}.png`, {
              maxDiffPixelRatio: 0.02
            });
          }
        }
        if (shots) {
          const widgets = page.locator('.jp-NotebookPanel:visible').locator(EXPERIMENT);
          for (let i = 0; i < EXPERIMENTS.length; i++) {
            await widgets.nth(i).screenshot({ path: `${shots}/layout-${tag}-${width}-${i}.png` });
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
