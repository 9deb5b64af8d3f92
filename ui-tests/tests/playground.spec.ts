/**
 * The playground as a new user meets it: one set of controls (a change in the experiment's
 * own bar is what "Insert" writes), a task switch that resets output and loss, the inserted
 * cell selected and in view, palette labels that find the panel, the lesson saved under its
 * name, and the full-width playground in the main area.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import { experimentIn, selectField } from '../support/nnlab';

const PANEL = '#nnlab-panel';
const SHOTS = process.env.NNLAB_SHOTS;

async function execute(
  page: Page,
  id: string,
  args: Record<string, unknown> = {}
): Promise<unknown> {
  return page.evaluate(({ id, args }) => (window as any).jupyterapp.commands.execute(id, args), {
    id,
    args
  });
}

/**
 * True when `upper` starts above `lower`, both measured now; false while either is not laid
 * out (the panel rebuilds its experiment a moment after a change). For `expect.poll`.
 */
async function isAbove(upper: Locator, lower: Locator): Promise<boolean> {
  const [a, b] = await Promise.all([upper.boundingBox(), lower.boundingBox()]);
  return a !== null && b !== null && a.y < b.y;
}

test.describe('Playground', () => {
  test('a change in the experiment bar is what Insert writes; the cell is selected and in view', async ({
    page
  }) => {
    await page.notebook.createNew('header.ipynb');
    // Twenty cells below the first, so that the inserted cell needs scrolling to.
    await page.evaluate(() => {
      const notebook = (window as any).jupyterapp.shell.currentWidget.content;
      notebook.model.sharedModel.insertCells(
        1,
        Array.from({ length: 20 }, (_, k) => ({ cell_type: 'code', source: `x${k} = ${k}` }))
      );
      // The last cell active, but the notebook scrolled back to the top.
      notebook.activeCellIndex = 20;
      notebook.mode = 'command';
      void notebook.scrollToItem(0, 'start');
    });
    await expect(page.locator('.jp-NotebookPanel:visible .jp-Cell').first()).toBeInViewport();
    await execute(page, 'nnlab:open-panel');
    const widget = experimentIn(page.locator(PANEL));
    await expect(widget).toBeVisible();
    await selectField(widget, /activation/i).selectOption('tanh');
    const lr = widget.getByRole('textbox', { name: /learning rate/i });
    await lr.fill('0.1');
    await lr.press('Enter');
    // The form follows the bar.
    await expect(page.locator(`${PANEL} select[name="learning-rate"]`)).toHaveValue('0.1');
    await expect(page.locator(`${PANEL} .jp-NNLab-panel-layer select`).first()).toHaveValue('tanh');

    await page.locator(`${PANEL} .jp-NNLab-panel-insert`).click();
    const cell = page.locator('.jp-NotebookPanel:visible .jp-Notebook .jp-Cell').nth(21);
    await expect(cell.locator('.jp-InputArea')).toContainText('activation="tanh"');
    await expect(cell.locator('.jp-InputArea')).toContainText('learning_rate=0.1');
    await expect(cell).toHaveClass(/jp-mod-selected/);
    await expect(cell).toHaveClass(/jp-mod-active/);
    await expect(cell).toBeInViewport();
  });

  test('the leaky ReLU slope and ELU alpha show with their activation and go into the code', async ({
    page
  }) => {
    if (SHOTS) {
      test.setTimeout(300_000);
    }
    await page.notebook.createNew('slope.ipynb');
    await execute(page, 'nnlab:open-panel');
    const slope = page.locator(`${PANEL} input[name="leaky-slope"]`);
    const alpha = page.locator(`${PANEL} input[name="elu-alpha"]`);
    await expect(slope).toBeHidden();
    await expect(alpha).toBeHidden();
    const activation = page.locator(`${PANEL} .jp-NNLab-panel-layer select`).first();
    await activation.selectOption('leaky_relu');
    await expect(slope).toBeVisible();
    await expect(alpha).toBeHidden();
    await slope.fill('0.2');
    await slope.press('Enter');
    if (SHOTS) {
      await page.waitForTimeout(1500);
      await page.locator(PANEL).screenshot({ path: `${SHOTS}/panel-slope-light.png` });
    }
    await page.locator(`${PANEL} .jp-NNLab-panel-insert`).click();
    const cell = page.locator('.jp-NotebookPanel:visible .jp-Notebook .jp-Cell').nth(1);
    await expect(cell.locator('.jp-InputArea')).toContainText('activation="leaky_relu"');
    await expect(cell.locator('.jp-InputArea')).toContainText('leaky_slope=0.2');
    await expect(experimentIn(cell.locator('.jp-OutputArea'))).toBeVisible();

    await activation.selectOption('elu');
    await expect(slope).toBeHidden();
    await expect(alpha).toBeVisible();
    await alpha.fill('2.5');
    await alpha.press('Enter');
    await page.locator(`${PANEL} .jp-NNLab-panel-insert`).click();
    const next = page.locator('.jp-NotebookPanel:visible .jp-Notebook .jp-Cell').nth(2);
    await expect(next.locator('.jp-InputArea')).toContainText('elu_alpha=2.5');
    await expect(next.locator('.jp-InputArea')).not.toContainText('leaky_slope');
    if (SHOTS) {
      const top = () =>
        page.locator(PANEL).evaluate(node => {
          for (const element of [node, ...Array.from(node.querySelectorAll('*'))]) {
            element.scrollTop = 0;
          }
        });
      const theme = async (name: string) => {
        await page.evaluate(
          theme => (window as any).jupyterapp.commands.execute('apputils:change-theme', { theme }),
          name
        );
        await page.waitForTimeout(4000);
      };
      await theme('JupyterLab Dark');
      await top();
      await page.locator(PANEL).screenshot({ path: `${SHOTS}/panel-alpha-dark.png` });
      await activation.selectOption('leaky_relu');
      await page.waitForTimeout(1500);
      await top();
      await page.locator(PANEL).screenshot({ path: `${SHOTS}/panel-slope-dark.png` });
      // The loss chart: per point, so the train and test curves compare.
      const widget = experimentIn(page.locator(PANEL));
      await widget.getByRole('button', { name: 'Play', exact: true }).first().click();
      await page.waitForTimeout(5000);
      const loss = widget.locator('.jp-NNLab-chart[data-view="loss"]');
      await loss.scrollIntoViewIfNeeded();
      await loss.screenshot({ path: `${SHOTS}/panel-loss-dark.png` });
      await theme('JupyterLab Light');
      await loss.scrollIntoViewIfNeeded();
      await loss.screenshot({ path: `${SHOTS}/panel-loss-light.png` });
      await page.setViewportSize({ width: 1600, height: 900 });
      await page.locator(`${PANEL} .jp-NNLab-panel-open-main`).click();
      await page.waitForTimeout(4000);
      await page.screenshot({ path: `${SHOTS}/main-slope-light.png` });
      await theme('JupyterLab Dark');
      await page.screenshot({ path: `${SHOTS}/main-slope-dark.png` });
      // The notebook's experiment draws the loss chart with its axis title.
      await page.notebook.activate('slope.ipynb');
      const inserted = experimentIn(cell.locator('.jp-OutputArea'));
      await inserted.getByRole('button', { name: 'Play', exact: true }).first().click();
      await page.waitForTimeout(6000);
      const chart = inserted.locator('.jp-NNLab-chart[data-view="loss"]');
      await chart.scrollIntoViewIfNeeded();
      await chart.screenshot({ path: `${SHOTS}/cell-loss-dark.png` });
      await theme('JupyterLab Light');
      await page.setViewportSize({ width: 900, height: 900 });
      await page.waitForTimeout(2000);
      await chart.scrollIntoViewIfNeeded();
      await chart.screenshot({ path: `${SHOTS}/cell-loss-light-narrow.png` });
    }
  });

  test('switching the task resets output and loss; no empty controls', async ({ page }) => {
    await execute(page, 'nnlab:open-panel');
    const dataset = page.locator(`${PANEL} select[name="dataset"]`);
    await dataset.selectOption('sine');
    await expect(page.locator(`${PANEL} select[name="output"]`)).toHaveValue('identity');
    await expect(page.locator(`${PANEL} select[name="loss"]`)).toHaveValue('mse');
    await dataset.selectOption('circle');
    await expect(page.locator(`${PANEL} select[name="output"]`)).toHaveValue('sigmoid');
    await expect(page.locator(`${PANEL} select[name="loss"]`)).toHaveValue('bce');
    // Every visible select of the panel shows a value.
    await page.locator(`${PANEL} .jp-NNLab-panel-add-layer`).click();
    const values = await page
      .locator(`${PANEL} select:visible`)
      .evaluateAll(nodes => nodes.map(n => (n as HTMLSelectElement).value));
    expect(values.length).toBeGreaterThan(5);
    expect(values.filter(v => v === '')).toEqual([]);
    // The data set comes before the charts (measured once the experiment, rebuilt 300 ms
    // after the change, is in place again).
    await expect.poll(() => isAbove(dataset, experimentIn(page.locator(PANEL)))).toBe(true);
    if (SHOTS) {
      await page.locator(PANEL).screenshot({ path: `${SHOTS}/sidebar.png` });
    }
  });

  test('"Open NN Lab" in the palette opens the panel', async ({ page }) => {
    await page.keyboard.press('Control+Shift+C');
    await page.locator('.lm-CommandPalette-input').fill('Open NN Lab');
    const first = page.locator('.lm-CommandPalette-item').first();
    await expect(first).toContainText('Open NN Lab');
    await expect(first).not.toContainText('Main Area');
    await page.keyboard.press('Enter');
    await expect(page.locator(PANEL)).toBeVisible();
  });

  test('a new lesson is saved under the lesson name', async ({ page }) => {
    const current = page.locator('#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current');
    const name = /^why-activation-functions(?:-(\d+))?\.ipynb$/;
    await execute(page, 'nnlab:new-lesson');
    await expect(current).toContainText('why-activation-functions');
    const first = (await current.innerText()).trim();
    expect(first).toMatch(name);
    // A second lesson never overwrites the first: the next free number.
    await execute(page, 'nnlab:new-lesson');
    await expect(current).not.toContainText(first);
    const second = (await current.innerText()).trim();
    expect(second).toMatch(name);
    const number = (file: string) => Number(name.exec(file)![1] ?? 0);
    expect(number(second)).toBeGreaterThan(number(first));
  });

  test('the full-width playground: form left, network centre, output and loss right', async ({
    page
  }) => {
    await page.setViewportSize({ width: 1600, height: 900 });
    await execute(page, 'nnlab:open-panel');
    await page.locator(`${PANEL} .jp-NNLab-panel-open-main`).click();
    const main = page.locator('.jp-MainAreaWidget:visible .jp-NNLab-panel.jp-NNLab-mod-wide');
    await expect(main).toBeVisible();
    const widget = experimentIn(main);
    const network = widget.locator('.jp-NNLab-chart[data-view="network"]');
    const boundary = widget.locator('.jp-NNLab-chart[data-view="boundary"]');
    await expect(network.locator('.jp-NNLab-unit').first()).toBeVisible({ timeout: 60_000 });
    await expect(widget.locator('.main-svg').first()).toBeVisible({ timeout: 60_000 });
    const form = await main.locator('select[name="dataset"]').boundingBox();
    const net = await network.boundingBox();
    const out = await boundary.boundingBox();
    expect(form!.x).toBeLessThan(net!.x);
    expect(net!.x).toBeLessThan(out!.x);
    // One model: a change in the main area shows in the side panel too.
    await main.locator('select[name="dataset"]').selectOption('circle');
    await expect(page.locator(`${PANEL} select[name="dataset"]`)).toHaveValue('circle');
    await widget.getByRole('button', { name: 'Play', exact: true }).first().click();
    if (SHOTS) {
      await page.waitForTimeout(3000);
      await page.screenshot({ path: `${SHOTS}/main-wide.png` });
    }
    // A narrow main area stacks the form above the experiment. Both measured in each poll:
    // the data set changed above, and the experiment is rebuilt a moment after a change.
    await page.setViewportSize({ width: 900, height: 800 });
    await expect.poll(() => isAbove(main.locator('select[name="dataset"]'), network)).toBe(true);
    if (SHOTS) {
      await page.waitForTimeout(1000);
      await page.screenshot({ path: `${SHOTS}/main-narrow.png`, fullPage: true });
      await page.setViewportSize({ width: 1600, height: 900 });
      await page.evaluate(() =>
        (window as any).jupyterapp.commands.execute('apputils:change-theme', {
          theme: 'JupyterLab Dark'
        })
      );
      await page.waitForTimeout(4000);
      await page.screenshot({ path: `${SHOTS}/main-dark.png` });
    }
  });
});
