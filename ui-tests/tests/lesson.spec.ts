/**
 * The lesson notebook: the new-lesson command and its launcher card open a notebook whose
 * experiments are displayed at once, and running every cell in a real kernel gives no error.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import { EXPERIMENT } from '../support/nnlab';

/** The cells of the notebook in front. */
function cells(page: Page) {
  return page.locator('.jp-NotebookPanel:visible .jp-Notebook .jp-Cell');
}

/** Wait until the front notebook is the lesson. */
async function expectLesson(page: Page): Promise<void> {
  await expect(cells(page).first()).toContainText(
    'Why neural networks need non-linear activation functions',
    {
      timeout: 30_000
    }
  );
}

test.describe('NN Lab lesson', () => {
  test('the new-lesson command opens the lesson with its experiments showing', async ({ page }) => {
    await page.evaluate(() => (window as any).jupyterapp.commands.execute('nnlab:new-lesson'));
    await expectLesson(page);
    // One explanation and one experiment per demo (and a setup cell for the NumPy one).
    // The notebook lays its cells out over a few frames: wait for them rather than count once.
    await expect.poll(() => cells(page).count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(18);
    // Pre-rendered outputs: widgets appear before any kernel has run.
    await expect(
      page.locator('.jp-NotebookPanel:visible').locator(EXPERIMENT).first()
    ).toBeVisible();
  });

  test('the launcher card opens the lesson', async ({ page }) => {
    // Galata starts JupyterLab with a launcher open.
    const card = page
      .locator('.jp-Launcher:visible .jp-LauncherCard')
      .filter({ hasText: 'NN Lab Lesson' });
    await expect(card).toBeVisible();
    await card.click();
    await expectLesson(page);
  });

  test('every cell of the lesson runs without an error', async ({ page }) => {
    test.setTimeout(240_000);
    await page.evaluate(() => (window as any).jupyterapp.commands.execute('nnlab:new-lesson'));
    await expectLesson(page);
    await page.notebook.run();

    const panel = page.locator('.jp-NotebookPanel:visible');
    // Every code cell ran: no cell is left without an execution count.
    const prompts = panel.locator('.jp-CodeCell .jp-InputPrompt');
    const count = await prompts.count();
    expect(count).toBeGreaterThanOrEqual(9);
    for (let i = 0; i < count; i++) {
      await expect(prompts.nth(i)).toHaveText(/\[\d+\]/);
    }
    // No traceback or stderr output anywhere, and no experiment reports an error.
    await expect(panel.locator('[data-mime-type="application/vnd.jupyter.stderr"]')).toHaveCount(0);
    const experiments = panel.locator(EXPERIMENT);
    expect(await experiments.count()).toBeGreaterThanOrEqual(8);
    await expect(experiments.and(page.locator('[data-state="error"]'))).toHaveCount(0);
    // The NumPy cell printed its weights.
    await expect(panel.locator('.jp-OutputArea-output').filter({ hasText: 'W1 =' })).toHaveCount(1);
  });

  test('experiments that trained out of sight show their final state when scrolled to', async ({
    page
  }) => {
    test.setTimeout(180_000);
    await page.evaluate(() => (window as any).jupyterapp.commands.execute('nnlab:new-lesson'));
    await expectLesson(page);
    const panel = page.locator('.jp-NotebookPanel:visible');
    // The vanishing-gradients demo sits far down the lesson and plays on its own.
    const widget = panel.locator(EXPERIMENT).filter({ hasText: 'Vanishing gradients' }).first();
    await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
    const epochs = Number(await widget.getAttribute('data-epoch'));
    expect(epochs).toBeGreaterThan(1);
    // Every history chart (gradients, loss) is drawn up to the last epoch once it is on
    // screen, not left at an earlier epoch.
    const charts = widget.locator('.jp-NNLab-chart');
    await expect(charts).toHaveCount(2);
    for (let i = 0; i < 2; i++) {
      await expect
        .poll(
          () =>
            charts.nth(i).evaluate(chart => {
              // The notebook lays out cells as they come near: scroll again until it settles.
              chart.scrollIntoView({ block: 'center' });
              // The chart's plot, or its pieces' (a tall figure is drawn in pieces).
              const pieces = Array.from(chart.querySelectorAll('.jp-NNLab-chartPiece'));
              const plots = pieces.length > 0 ? pieces : [chart];
              // The last epoch each curve reaches: its last x, or its last index without x.
              const traces = plots.flatMap(plot => (plot as any).data ?? []) as {
                x?: ArrayLike<number>;
                y?: ArrayLike<number>;
              }[];
              const last = (t: { x?: ArrayLike<number>; y?: ArrayLike<number> }): number =>
                t.x && t.x.length
                  ? Number(t.x[t.x.length - 1])
                  : Math.max(0, (t.y?.length ?? 0) - 1);
              return Math.max(0, ...traces.map(last));
            }),
          { timeout: 20_000 }
        )
        .toBe(epochs);
    }
  });
});
