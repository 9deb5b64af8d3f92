/**
 * The separability verdict on screen: the lesson's XOR experiment says, under its decision
 * surface and in its hidden view, whether a straight line separates the classes, and the
 * sentence overlaps no other text at any width, in either theme.
 *
 * The identity variant's hidden layer keeps XOR's four corners in a plane, and no straight
 * line separates them there; the ReLU variant's 16 units spread them out so that a plane
 * does. With NNLAB_SHOTS=<folder> every widget is also photographed at every width.
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

const WIDTHS = [320, 700, 1170, 1600];

/** The lesson's XOR experiment (src/demos/catalogue.ts), a moons and a three-class one. */
const EXPERIMENTS: Record<string, unknown>[] = [
  {
    title: 'XOR: identity vs ReLU',
    data: { name: 'xor', trainFraction: 1 },
    network: { layers: [2, 16, 1], activation: 'relu' },
    training: { learningRate: 0.05, batchSize: 0 },
    views: ['boundary', 'loss', 'hidden'],
    compare: [{ label: 'identity', network: { activation: 'identity' } }]
  },
  {
    title: 'Moons',
    data: { name: 'moons', n: 200 },
    network: { layers: [2, 2, 1], activation: 'tanh' },
    training: { epochs: 150, seed: 2 },
    views: ['boundary', 'hidden']
  },
  {
    title: 'Three classes',
    data: { name: 'gaussians', classes: 3, n: 150 },
    network: { layers: [2, 4, 3], activation: 'relu' },
    training: { epochs: 100, seed: 1 },
    views: ['boundary', 'hidden']
  }
];

function notebook(): string {
  return notebookWithOutputs(EXPERIMENTS, 'verdict');
}

interface VerdictText {
  view: string;
  text: string;
  /** Horizontal centre of the verdict and of every panel title in the same chart. */
  centre: number;
  titles: { text: string; left: number; right: number }[];
  /** Other text elements of the widget that the verdict overlaps. */
  overlaps: string[];
}

/** Every verdict sentence of widget `index`, with what it overlaps (runs in the page). */
function verdicts(page: Page, index: number): Promise<VerdictText[]> {
  return page.evaluate(index => {
    const widget = Array.from(
      document.querySelectorAll<HTMLElement>(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-NNLab-experiment'
      )
    )[index];
    const all = Array.from(widget.querySelectorAll('.main-svg text'))
      .filter(el => !el.closest('.hoverlayer') && (el.textContent ?? '').trim() !== '')
      .map(el => ({ el, r: el.getBoundingClientRect() }))
      .filter(t => t.r.width > 0.5 && t.r.height > 0.5);
    const found: VerdictText[] = [];
    // A wrapped sentence is one text element with a tspan per line.
    const words = (el: Element) => {
      const lines = Array.from(el.querySelectorAll('tspan.line'));
      return (lines.length ? lines.map(l => l.textContent ?? '').join(' ') : (el.textContent ?? ''))
        .replace(/\s+/g, ' ')
        .trim();
    };
    for (const t of all) {
      const text = words(t.el);
      if (!/separates/.test(text)) {
        continue;
      }
      const chart = t.el.closest<HTMLElement>('[data-view]');
      const overlaps: string[] = [];
      for (const u of all) {
        if (u.el === t.el) {
          continue;
        }
        const w = Math.min(t.r.right, u.r.right) - Math.max(t.r.left, u.r.left);
        const h = Math.min(t.r.bottom, u.r.bottom) - Math.max(t.r.top, u.r.top);
        if (w > 2 && h > 2) {
          overlaps.push((u.el.textContent ?? '').trim().slice(0, 40));
        }
      }
      const titles = Array.from(chart?.querySelectorAll('.main-svg text') ?? [])
        .filter(el => /hidden layer/.test(el.textContent ?? ''))
        .map(el => {
          const r = el.getBoundingClientRect();
          return { text: (el.textContent ?? '').trim(), left: r.left, right: r.right };
        });
      found.push({
        view: chart?.dataset.view ?? '',
        text,
        centre: (t.r.left + t.r.right) / 2,
        titles,
        overlaps
      });
    }
    return found;
  }, index);
}

test.use({ mockSettings: ALL_CELLS_LAID_OUT });

test.describe('The separability verdict', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`XOR's identity variant says no straight line separates, clear of other text (${theme})`, async ({
      page,
      tmpPath
    }) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width: 1280, height: 2600 });
      if (theme === 'dark') {
        await page.theme.setDarkTheme();
      }
      const name = 'verdict.ipynb';
      await page.contents.uploadContent(notebook(), 'text', `${tmpPath}/${name}`);
      await page.filebrowser.openDirectory(tmpPath);
      await page.notebook.openByPath(`${tmpPath}/${name}`);
      await page.notebook.activate(name);
      await trustCurrentNotebook(page);
      const shots = process.env.NNLAB_SHOTS;
      const problems: string[] = [];
      for (const width of WIDTHS) {
        await setOutputWidth(page, width);
        await settleCharts(page, 90_000);
        const xor = await verdicts(page, 0);
        // Under the surface: the data's verdict, once.
        const input = xor.filter(v => v.view === 'boundary');
        expect(input.map(v => v.text)).toEqual(['No straight line separates these classes']);
        // In the hidden view: the identity panel's "no", the ReLU panel's "yes".
        const hidden = xor.filter(v => v.view === 'hidden');
        const identity = hidden.find(v => v.text.startsWith('No straight line separates'));
        expect(identity?.text).toBe(
          'No straight line separates these classes (the 16 units only span a plane)'
        );
        const title = identity!.titles.find(t => t.text.startsWith('identity'))!;
        expect(identity!.centre).toBeGreaterThan(title.left - 150);
        const relu = hidden.find(v => v.text.startsWith('A plane separates'));
        expect(relu?.text).toBe('A plane separates these classes in the 16-D hidden space');
        for (let i = 0; i < EXPERIMENTS.length; i++) {
          for (const v of i === 0 ? xor : await verdicts(page, i)) {
            for (const o of v.overlaps) {
              problems.push(`${EXPERIMENTS[i].title} at ${width} px: "${v.text}" overlaps "${o}"`);
            }
          }
        }
        if (shots) {
          const widgets = page.locator('.jp-NotebookPanel:visible').locator(EXPERIMENT);
          for (let i = 0; i < EXPERIMENTS.length; i++) {
            await widgets
              .nth(i)
              .screenshot({ path: `${shots}/verdict-${theme}-${width}-${i}.png` });
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
