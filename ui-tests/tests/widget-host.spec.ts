/**
 * The anywidget front-end under a minimal host: a plain page (no JupyterLab, no network)
 * that implements the anywidget contract, `render({ model, el })` with a model offering
 * get/set/save_changes/on/off and custom messages. It stands in for the front-ends that
 * cannot run here (VS Code, Colab): if the module trains and reports under this host, it
 * does under any host that keeps the contract.
 *
 * Like anywidget, the host imports the bundle from a Blob URL, so any relative import or
 * chunk the bundle tried to fetch would fail; every network request is refused.
 */
import { expect, Page, test } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

const BUNDLE = path.join(__dirname, '..', '..', 'jupyterlab_nnlab', 'static', 'widget.js');
const CSS = path.join(__dirname, '..', '..', 'jupyterlab_nnlab', 'static', 'widget.css');
const SHOTS = process.env.NNLAB_SHOTS;

const SPEC = {
  title: 'XOR under a plain host',
  data: { name: 'xor', n: 120 },
  network: { layers: [2, 4, 1], activation: 'relu' },
  training: { epochs: 300, seed: 1, rng: 'numpy', learningRate: 0.05 },
  views: ['boundary', 'loss'],
  autoplay: false
};

interface Sync {
  at: number;
  status?: { epoch: number; state: string; running: boolean; engine: string };
  history?: { epoch: number[]; trainLoss: number[] }[];
  weights?: { W: number[][]; b: number[] }[][];
}

/** A page with the host's model and a `mount(id)` that renders one display into #id. */
async function hostPage(page: Page, spec: unknown): Promise<void> {
  await page.route('**/*', route => route.abort());
  await page.setContent(
    '<!doctype html><html><body><div id="a"></div><div id="b"></div></body></html>'
  );
  await page.addStyleTag({ content: fs.readFileSync(CSS, 'utf-8') });
  await page.evaluate(
    async ({ source, spec }) => {
      const values: Record<string, unknown> = { spec };
      const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
      const w = window as any;
      w.syncs = [] as unknown[];
      w.model = {
        get: (name: string) => values[name],
        set: (name: string, value: unknown) => {
          values[name] = value;
        },
        save_changes: () => {
          w.syncs.push({
            at: performance.now(),
            status: values.status,
            history: values.history,
            weights: values.weights
          });
        },
        on: (event: string, cb: (...args: unknown[]) => void) => {
          if (!listeners.has(event)) {
            listeners.set(event, new Set());
          }
          listeners.get(event)!.add(cb);
        },
        off: (event: string, cb: (...args: unknown[]) => void) => listeners.get(event)?.delete(cb)
      };
      w.send = (message: unknown) => listeners.get('msg:custom')?.forEach(cb => cb(message, []));
      w.setSpec = (value: unknown) => {
        values.spec = value;
        listeners.get('change:spec')?.forEach(cb => cb());
      };
      const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      const module = await import(/* webpackIgnore: true */ url);
      const widget = module.default ?? module;
      w.cleanups = {} as Record<string, () => void>;
      w.mount = (id: string) => {
        w.cleanups[id] = widget.render({ model: w.model, el: document.getElementById(id) });
      };
    },
    { source: fs.readFileSync(BUNDLE, 'utf-8'), spec }
  );
}

async function lastSync(page: Page): Promise<Sync | undefined> {
  return page.evaluate(() => (window as any).syncs.at(-1));
}

test.describe('anywidget front-end under a minimal host', () => {
  test('loads from one module, trains in its worker and reports back, throttled', async ({
    page
  }) => {
    const errors: string[] = [];
    page.on('pageerror', e => errors.push(e.message));
    await page.setViewportSize({ width: 900, height: 900 });
    await hostPage(page, SPEC);
    await page.evaluate(() => (window as any).mount('a'));
    const view = page.locator('#a .jp-NNLab-experiment');
    await expect(view).toBeVisible();
    await expect(view).toHaveAttribute('data-state', 'paused');
    // The resting network at epoch 0 is reported at once, weights included.
    await expect.poll(async () => (await lastSync(page))?.status?.epoch).toBe(0);

    await page.evaluate(() => (window as any).send({ type: 'play' }));
    await expect(view).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(view.locator('.main-svg').first()).toBeVisible();
    expect(await view.getAttribute('data-engine')).toBe('worker');

    const last = (await lastSync(page))!;
    expect(last.status).toMatchObject({
      epoch: 300,
      state: 'done',
      running: false,
      engine: 'worker'
    });
    expect(last.history![0].epoch.at(-1)).toBe(300);
    // The weights in (inputs, outputs) layout: 2x4 and 4, 4x1 and 1.
    expect(last.weights![0].map(l => [l.W.length, l.W[0].length, l.b.length])).toEqual([
      [2, 4, 4],
      [4, 1, 1]
    ]);
    // The loss the view shows is the loss Python gets.
    const readout = await view.locator('.jp-NNLab-readout').innerText();
    const shown = Number(/loss per point: train\s*([0-9.e-]+)/i.exec(readout)?.[1]);
    expect(Math.abs(shown - last.history![0].trainLoss.at(-1)!)).toBeLessThan(
      Math.max(1e-3, Math.abs(shown) * 0.01)
    );

    // Throttled: a few messages a second while training ran.
    const syncs: Sync[] = await page.evaluate(() => (window as any).syncs);
    const running = syncs.filter(s => s.status?.running);
    if (running.length > 2) {
      const seconds = (running.at(-1)!.at - running[0].at) / 1000;
      expect(running.length / Math.max(seconds, 1)).toBeLessThanOrEqual(4);
    }
    if (SHOTS) {
      await page.screenshot({ path: path.join(SHOTS, 'host-900.png'), fullPage: true });
      await page.setViewportSize({ width: 420, height: 900 });
      await page.waitForTimeout(800);
      await page.screenshot({ path: path.join(SHOTS, 'host-420.png'), fullPage: true });
    }
    expect(errors).toEqual([]);
  });

  test('Python commands drive it; a second display trains too and takes over reporting', async ({
    page
  }) => {
    await hostPage(page, { ...SPEC, training: { ...SPEC.training, epochs: 5000 } });
    await page.evaluate(() => (window as any).mount('a'));
    await page.evaluate(() => (window as any).mount('b'));
    const a = page.locator('#a .jp-NNLab-experiment');
    const b = page.locator('#b .jp-NNLab-experiment');
    await expect(a).toBeVisible();
    await expect(b).toBeVisible();

    await page.evaluate(() => (window as any).send({ type: 'play' }));
    await expect(a).toHaveAttribute('data-state', 'running');
    await expect(b).toHaveAttribute('data-state', 'running');
    await page.evaluate(() => (window as any).send({ type: 'pause' }));
    await expect(a).toHaveAttribute('data-state', 'paused');
    await expect(b).toHaveAttribute('data-state', 'paused');
    await expect.poll(async () => (await lastSync(page))?.status?.running).toBe(false);

    const paused = Number(await a.getAttribute('data-epoch'));
    await page.evaluate(() => (window as any).send({ type: 'step', epochs: 3 }));
    await expect(a).toHaveAttribute('data-epoch', String(paused + 3));
    await page.evaluate(() => (window as any).send({ type: 'setLearningRate', value: 0.2 }));
    await expect(a.locator('input[inputmode="decimal"]').first()).toHaveValue('0.2');
    await page.evaluate(() =>
      (window as any).send({ type: 'setActivation', name: 'identity', layer: 'all' })
    );
    await expect(a.locator('.jp-NNLab-activation select')).toHaveValue('identity');

    // The first display goes away: the second reports from now on.
    await page.evaluate(() => (window as any).cleanups.a());
    await expect(a).toHaveCount(0);
    await page.evaluate(() => (window as any).send({ type: 'reset' }));
    await expect(b).toHaveAttribute('data-epoch', '0');
    await expect.poll(async () => (await lastSync(page))?.status?.epoch).toBe(0);
    await page.evaluate(() => (window as any).send({ type: 'step', epochs: 7 }));
    await expect.poll(async () => (await lastSync(page))?.status?.epoch).toBe(7);

    // A new spec from Python: a new experiment in the same place.
    await page.evaluate(
      spec => (window as any).setSpec({ ...spec, title: 'Moons now', data: { name: 'moons' } }),
      SPEC
    );
    await expect(page.locator('#b .jp-NNLab-title')).toHaveText('Moons now');
    await expect(page.locator('#b .jp-NNLab-experiment')).toHaveCount(1);
    await expect(page.locator('#b .jp-NNLab-experiment')).toHaveAttribute('data-epoch', '0');
  });

  test('outside JupyterLab it brings its own colours, dark on a dark page', async ({ page }) => {
    await page.setViewportSize({ width: 700, height: 800 });
    await hostPage(page, SPEC);
    await page.evaluate(() => {
      document.body.classList.add('vscode-dark');
      document.body.style.background = '#1e1e1e';
    });
    await page.evaluate(() => (window as any).mount('a'));
    const root = page.locator('#a .jp-NNLab-anywidget');
    await expect(root).toHaveClass(/jp-NNLab-standalone-dark/);
    await page.evaluate(() => (window as any).send({ type: 'step', epochs: 50 }));
    const view = page.locator('#a .jp-NNLab-experiment');
    await expect(view).toHaveAttribute('data-epoch', '50');
    await expect(view.locator('.main-svg').first()).toBeVisible();
    // Text light on dark, and the charts drawn on the dark background.
    const colours = await root.evaluate(node => {
      const style = getComputedStyle(node);
      const plot = node.querySelector('.main-svg') as SVGElement | null;
      return { text: style.color, background: style.backgroundColor, plot: plot?.style.background };
    });
    const brightness = (rgb: string) => {
      const [r, g, b] = (rgb.match(/[\d.]+/g) ?? ['0', '0', '0']).map(Number);
      return (r + g + b) / 3;
    };
    expect(brightness(colours.background)).toBeLessThan(80);
    expect(brightness(colours.text)).toBeGreaterThan(170);
    expect(brightness(colours.plot ?? '')).toBeLessThan(80);
    if (SHOTS) {
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(SHOTS, 'host-dark.png'), fullPage: true });
    }
  });
});
