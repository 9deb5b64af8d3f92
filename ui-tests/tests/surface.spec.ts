/**
 * The decision surface at rest: a picture the browser smooths (src/charts/boundary.ts), whose
 * hover still reads the value under the pointer. Hovered at points across the panel, the
 * label gives P(class 1) at the grid cell under the pointer, the cell that the label's own
 * coordinates name, in the grid the chart was built from.
 *
 * With NNLAB_SHOTS=<folder>, a screenshot of the hovered chart in each theme.
 */
import { expect, test } from '@jupyterlab/galata';
import {
  EXPERIMENT,
  notebookWithExperiment,
  settleCharts,
  trustCurrentNotebook,
  waitForState
} from '../support/nnlab';

const SPEC = {
  title: 'XOR surface',
  data: { name: 'xor', trainFraction: 1 },
  network: { layers: [2, 8, 1], activation: 'tanh' },
  training: { learningRate: 0.1, batchSize: 0, epochs: 150 },
  views: ['boundary']
};

/** The picture trace of the surface: where it starts, its step and the values it shows. */
interface Surface {
  x0: number;
  dx: number;
  y0: number;
  dy: number;
  values: number[][];
}

for (const theme of ['light', 'dark'] as const) {
  test(`the resting surface is a picture whose hover reads the cell under the pointer (${theme})`, async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(120_000);
    if (theme === 'dark') {
      await page.theme.setDarkTheme();
    }
    const name = `surface-${theme}.ipynb`;
    await page.contents.uploadContent(notebookWithExperiment(SPEC), 'text', `${tmpPath}/${name}`);
    await page.filebrowser.openDirectory(tmpPath);
    await page.notebook.openByPath(`${tmpPath}/${name}`);
    await page.notebook.activate(name);
    await trustCurrentNotebook(page);
    const widget = page.locator('.jp-NotebookPanel:visible').locator(EXPERIMENT).first();
    await waitForState(widget, 'done', 60_000);
    await settleCharts(page);
    const chart = widget.locator('.jp-NNLab-chart[data-view="boundary"]');

    const surface = await chart.evaluate((node): Surface | null => {
      type Plot = HTMLElement & { data?: Array<Record<string, any>> };
      const plots = [node, ...Array.from(node.querySelectorAll('.jp-NNLab-chartPiece'))];
      for (const plot of plots as Plot[]) {
        const picture = plot.data?.find(t => t.type === 'image');
        if (picture) {
          const { x0, dx, y0, dy, customdata } = picture;
          return { x0, dx, y0, dy, values: customdata };
        }
      }
      return null;
    });
    // At rest the surface is a picture, not a Plotly heatmap.
    expect(surface).not.toBeNull();
    const { x0, dx, y0, dy, values } = surface!;

    const area = chart.locator('.nsewdrag[data-subplot="xy"]').first();
    const box = (await area.boundingBox())!;
    expect(box.width).toBeGreaterThan(50);
    const seen = new Set<string>();
    const label = chart.locator('.hoverlayer .hovertext').first();
    let previous = '';
    for (const [fx, fy] of [
      [0.2, 0.2],
      [0.8, 0.2],
      [0.5, 0.5],
      [0.2, 0.8],
      [0.8, 0.8]
    ]) {
      await page.mouse.move(box.x + fx * box.width, box.y + fy * box.height);
      // The label for this point: the one of the point before may still show for a moment.
      await expect
        .poll(async () => ((await label.count()) > 0 ? await label.textContent() : previous))
        .not.toBe(previous);
      const text = (await label.textContent()) ?? '';
      previous = text;
      const match = /P\(class 1\)\s*([-\d.e]+)\s*\(([-\d.]+),\s*([-\d.]+)\)/.exec(text);
      expect(match, `hover label "${text}"`).not.toBeNull();
      const [shown, x, y] = match!.slice(1).map(Number);
      const ix = Math.round((x - x0) / dx);
      const iy = Math.round((y - y0) / dy);
      // The label's value is the grid's at the cell its coordinates name (to its 3 digits).
      expect(Number(values[iy][ix].toPrecision(3))).toBe(shown);
      // That cell is on the pointer's side of the panel's middle (x2 goes up the screen).
      const middle = [x0 + (dx * (values[0].length - 1)) / 2, y0 + (dy * (values.length - 1)) / 2];
      if (fx !== 0.5) {
        expect(x < middle[0]).toBe(fx < 0.5);
      }
      if (fy !== 0.5) {
        expect(y > middle[1]).toBe(fy < 0.5);
      }
      seen.add(String(shown));
      const shots = process.env.NNLAB_SHOTS;
      if (shots && fx === 0.8 && fy === 0.2) {
        await chart.screenshot({ path: `${shots}/surface-hover-${theme}.png` });
      }
    }
    // A trained XOR network's surface differs across the plane.
    expect(seen.size).toBeGreaterThan(1);
  });
}
