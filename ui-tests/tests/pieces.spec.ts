/**
 * Tall charts in pieces: nine compared variants make figures of several rows of panels (and
 * give the loss chart a panel of its own for the accuracy), which the board draws as one
 * Plotly plot per piece (src/charts/split.ts), each in a task of its own. The pieces must read as one chart: stacked without gaps, the panels of every
 * piece lined up, no text cut at a piece's edge, and the mode bar's camera saving the whole
 * chart as one picture.
 */
import { expect, test } from '@jupyterlab/galata';
import { copyFileSync, readFileSync } from 'node:fs';
import {
  button,
  chartsAtRest,
  epochOf,
  experimentIn,
  notebookWithExperiment,
  notebookWithOutputs,
  setOutputWidth,
  settleCharts,
  trainAt,
  trustCurrentNotebook,
  waitForEpochAbove
} from '../support/nnlab';

const ACTIVATIONS = [
  'tanh',
  'sigmoid',
  'elu',
  'gelu',
  'swish',
  'softplus',
  'leaky_relu',
  'identity'
];

const SPEC = {
  title: 'Nine activations on XOR',
  data: { name: 'xor' },
  network: { layers: [2, 6, 6, 1], activation: 'relu' },
  training: { epochs: 40, seed: 5 },
  views: ['loss', 'boundary', 'gradients', 'weights'],
  compare: ACTIVATIONS.map(activation => ({ network: { activation } }))
};

/** What the page reports about one chart drawn in pieces. */
interface PieceGeometry {
  view: string;
  height: number;
  pieces: { top: number; bottom: number }[];
  /** Left and right edges of the plotting area of each piece's first panel. */
  plotEdges: [number, number][];
  /** Text elements that cross the edge of their piece. */
  cut: string[];
}

test.describe('Charts in pieces', () => {
  for (const dark of [false, true]) {
    test(`a tall chart drawn in pieces reads as one (${dark ? 'dark' : 'light'} theme)`, async ({
      page,
      tmpPath
    }) => {
      test.setTimeout(180_000);
      await page.setViewportSize({ width: 1280, height: 2400 });
      if (dark) {
        await page.theme.setDarkTheme();
      }
      const name = 'pieces.ipynb';
      await page.contents.uploadContent(
        notebookWithOutputs([SPEC], 'pieces'),
        'text',
        `${tmpPath}/${name}`
      );
      await page.notebook.openByPath(`${tmpPath}/${name}`);
      await page.notebook.activate(name);
      await trustCurrentNotebook(page);
      for (const width of [560, 1170]) {
        await setOutputWidth(page, width);
        await settleCharts(page);
        const charts = await page.evaluate(() =>
          Array.from(
            document.querySelectorAll<HTMLElement>(
              '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-NNLab-chart'
            )
          ).map(chart => {
            const box = chart.getBoundingClientRect();
            const pieces = Array.from(chart.querySelectorAll<HTMLElement>('.jp-NNLab-chartPiece'));
            const cut: string[] = [];
            for (const piece of pieces) {
              const edge = piece.getBoundingClientRect();
              for (const text of Array.from(piece.querySelectorAll('.main-svg text'))) {
                const r = text.getBoundingClientRect();
                if (r.height > 0 && (r.top < edge.top - 0.5 || r.bottom > edge.bottom + 0.5)) {
                  cut.push(`"${text.textContent}" at ${Math.round(r.top - box.top)} px`);
                }
              }
            }
            return {
              view: chart.dataset.view ?? '',
              height: box.height,
              pieces: pieces.map(p => {
                const r = p.getBoundingClientRect();
                return { top: r.top - box.top, bottom: r.bottom - box.top };
              }),
              plotEdges: pieces.map(p => {
                const bg = p.querySelector('.draglayer .nsewdrag')?.getBoundingClientRect();
                return [bg?.left ?? 0, bg?.right ?? 0] as [number, number];
              }),
              cut
            } as PieceGeometry;
          })
        );
        for (const chart of charts) {
          const where = `${chart.view} at ${width} px`;
          // Nine variants: more rows than one piece holds, at both widths.
          expect(chart.pieces.length, where).toBeGreaterThan(1);
          // One under the other, without gaps, filling the chart.
          expect(chart.pieces[0].top, where).toBeCloseTo(0, 0);
          chart.pieces
            .slice(1)
            .forEach((p, i) => expect(p.top, where).toBeCloseTo(chart.pieces[i].bottom, 0));
          expect(chart.pieces[chart.pieces.length - 1].bottom, where).toBeCloseTo(chart.height, 0);
          // The first panels of all pieces share their left and right edges.
          for (const [left, right] of chart.plotEdges) {
            expect(left, where).toBeCloseTo(chart.plotEdges[0][0], 0);
            expect(right, where).toBeCloseTo(chart.plotEdges[0][1], 0);
          }
          expect(chart.cut, where).toEqual([]);
        }
        const shots = process.env.NNLAB_SHOTS;
        if (shots) {
          // Each chart on its own, in a viewport tall enough to show it whole.
          const viewport = page.viewportSize()!;
          for (const chart of charts) {
            const node = page.locator(
              `.jp-NotebookPanel:visible .jp-NNLab-chart[data-view="${chart.view}"]`
            );
            await page.setViewportSize({
              width: viewport.width,
              height: Math.max(viewport.height, Math.ceil(chart.height) + 300)
            });
            await node.scrollIntoViewIfNeeded();
            await page.waitForTimeout(500);
            await node.screenshot({
              path: `${shots}/pieces-${chart.view}-${dark ? 'dark' : 'light'}-${width}.png`
            });
          }
          await page.setViewportSize(viewport);
        }
      }

      // The camera of a piece saves the whole chart: every piece, at twice its size.
      const boundary = page.locator(
        '.jp-NotebookPanel:visible .jp-NNLab-chart[data-view="boundary"]'
      );
      await boundary.scrollIntoViewIfNeeded();
      const piece = boundary.locator('.jp-NNLab-chartPiece').nth(1);
      await piece.hover();
      const download = page.waitForEvent('download');
      await piece.locator('.modebar-btn[data-title="Download the chart as a PNG"]').click();
      const file = await (await download).path();
      if (process.env.NNLAB_SHOTS) {
        copyFileSync(
          file,
          `${process.env.NNLAB_SHOTS}/pieces-download-${dark ? 'dark' : 'light'}.png`
        );
      }
      const size = await page.evaluate(async png => {
        const image = new Image();
        image.src = `data:image/png;base64,${png}`;
        await image.decode();
        return [image.naturalWidth, image.naturalHeight];
      }, readFileSync(file).toString('base64'));
      const box = (await boundary.boundingBox())!;
      expect(size[0]).toBeCloseTo(2 * box.width, -1);
      expect(size[1]).toBeCloseTo(2 * box.height, -1);

      // The legend (in the first piece) hides and shows a layer's curves in every piece.
      const gradients = page.locator(
        '.jp-NotebookPanel:visible .jp-NNLab-chart[data-view="gradients"]'
      );
      await gradients.scrollIntoViewIfNeeded();
      await chartsAtRest(page);
      const hiddenPerPiece = () =>
        gradients.evaluate(chart =>
          Array.from(chart.querySelectorAll('.jp-NNLab-chartPiece')).map(
            piece =>
              ((piece as any).data as { name: string; visible?: unknown }[]).filter(
                t => t.name === 'layer 1' && t.visible === 'legendonly'
              ).length
          )
        );
      const entry = gradients
        .locator('.jp-NNLab-chartPiece')
        .first()
        .locator('.legend .traces')
        .filter({ hasText: 'layer 1' })
        .locator('.legendtoggle');
      const perPiece = (await hiddenPerPiece()).length;
      expect(perPiece).toBeGreaterThan(1);
      await entry.click();
      // Every variant's "layer 1" curve, in every piece (the panels of a row per piece).
      await expect.poll(async () => (await hiddenPerPiece()).every(n => n > 0)).toBe(true);
      await page.waitForTimeout(500);
      await entry.click();
      await expect.poll(async () => (await hiddenPerPiece()).every(n => n === 0)).toBe(true);

      // A double click on a class shows it alone: the other class's points go, in every
      // piece, and the surfaces and 0.5 lines (no legend entries) stay.
      await boundary.scrollIntoViewIfNeeded();
      // Brought up to date as it comes back in sight: a redraw between the two clicks of a
      // double click would take the second click's legend entry away.
      await chartsAtRest(page);
      const shownPerPiece = () =>
        boundary.evaluate(chart =>
          Array.from(chart.querySelectorAll('.jp-NNLab-chartPiece')).map(piece => {
            const data = (piece as any).data as { name: string; type: string; visible?: unknown }[];
            const shown = (t: { visible?: unknown }) =>
              t.visible === undefined || t.visible === true;
            return {
              others: data.filter(t => t.name.startsWith('class 1') && shown(t)).length,
              surfaces: data.filter(t => (t.type === 'image' || t.type === 'heatmap') && !shown(t))
                .length,
              lines: data.filter(t => t.name === 'P = 0.5' && shown(t)).length
            };
          })
        );
      const class0 = boundary
        .locator('.jp-NNLab-chartPiece')
        .first()
        .locator('.legend .traces')
        .filter({ hasText: /^class 0$/ })
        .locator('.legendtoggle');
      await class0.dblclick();
      await expect.poll(async () => (await shownPerPiece()).every(p => p.others === 0)).toBe(true);
      await settleCharts(page);
      const alone = await shownPerPiece();
      expect(alone.every(p => p.surfaces === 0 && p.lines > 0)).toBe(true);
      if (process.env.NNLAB_SHOTS) {
        await boundary.screenshot({
          path: `${process.env.NNLAB_SHOTS}/pieces-boundary-class0-${dark ? 'dark' : 'light'}.png`
        });
      }
      await boundary.scrollIntoViewIfNeeded();
      await chartsAtRest(page);
      await class0.dblclick();
      await expect.poll(async () => (await shownPerPiece()).every(p => p.others > 0)).toBe(true);
    });
  }

  test('a long legend is a piece of its own, drawn once while the curves move', async ({
    page,
    tmpPath
  }) => {
    const name = 'legend-piece.ipynb';
    const spec = { ...SPEC, views: ['loss'], training: { epochs: 5000, seed: 5 } };
    await page.contents.uploadContent(notebookWithExperiment(spec), 'text', `${tmpPath}/${name}`);
    await page.notebook.openByPath(`${tmpPath}/${name}`);
    await page.notebook.activate(name);
    await trustCurrentNotebook(page);
    const widget = experimentIn(page.locator('.jp-NotebookPanel:visible .jp-Cell').first());
    const loss = widget.locator('.jp-NNLab-chart[data-view="loss"]');
    const pieces = loss.locator('.jp-NNLab-chartPiece');
    await expect(pieces.first().locator('.legend')).toBeVisible({ timeout: 120_000 });
    // The legend piece holds the legend alone (nine variants and the key to the line styles,
    // train loss and train accuracy); the panels under it have none.
    await expect(pieces.first().locator('.legend .traces')).toHaveCount(11);
    expect(await pieces.count()).toBeGreaterThan(2);
    for (let i = 1; i < (await pieces.count()); i++) {
      await expect(pieces.nth(i).locator('.legend')).toHaveCount(0);
    }
    // Past the first epochs (the curves of a single epoch are drawn as markers, and so are
    // their legend symbols).
    await trainAt(widget, 30);
    await waitForEpochAbove(widget, 5);
    // What Plotly changes in each piece from here on (Plotly.react calls its "after plot"
    // handlers even when it found nothing to draw: the DOM tells the draws apart).
    await loss.evaluate(chart => {
      const all = Array.from(chart.querySelectorAll('.jp-NNLab-chartPiece'));
      (window as any).__nnlabPieceChanges = all.map(() => 0);
      all.forEach((piece, i) =>
        new MutationObserver(records => {
          (window as any).__nnlabPieceChanges[i] += records.length;
        }).observe(piece, { subtree: true, attributes: true, childList: true, characterData: true })
      );
    });
    const changes = async () =>
      (await page.evaluate(() => (window as any).__nnlabPieceChanges)) as number[];
    const epoch = await epochOf(widget);
    // The loss panel is drawn again and again, the legend not once.
    await expect.poll(async () => (await changes())[1], { timeout: 60_000 }).toBeGreaterThan(100);
    await waitForEpochAbove(widget, epoch + 30);
    await button(widget, 'Pause').click();
    expect((await changes())[0]).toBe(0);

    // A click on an entry hides that variant's curves in every piece, and shows it greyed.
    const hidden = () =>
      loss.evaluate(chart =>
        Array.from(chart.querySelectorAll('.jp-NNLab-chartPiece'))
          .slice(1)
          .map(
            piece =>
              ((piece as any).data as { name: string; visible?: unknown }[]).filter(
                t => t.name.startsWith('tanh') && t.visible === 'legendonly'
              ).length
          )
      );
    const entry = pieces
      .first()
      .locator('.legend .traces')
      .filter({ hasText: /^tanh$/ })
      .locator('.legendtoggle');
    await entry.click();
    await expect.poll(async () => (await hidden()).every(n => n > 0)).toBe(true);
    await expect(
      pieces
        .first()
        .locator('.legend .traces')
        .filter({ hasText: /^tanh$/ })
    ).toHaveCSS('opacity', '0.5');
  });
});
