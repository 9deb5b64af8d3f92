/**
 * The NN Lab side panel in a real JupyterLab: it opens from its icon, its command and its
 * keyboard shortcut; the playground trains; demos go into notebooks with their widget already
 * showing and run in the kernel; settings apply at once; the panel's state survives a reload.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import { control, experimentIn, waitForEpochAbove } from '../support/nnlab';

const PANEL = '#nnlab-panel';
const TAB = '.jp-SideBar .lm-TabBar-tab[data-id="nnlab-panel"]';

/** Run a JupyterLab command in the page. */
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

/** Set one NN Lab setting through the settings registry, as the Settings Editor does. */
async function setSetting(page: Page, key: string, value: unknown): Promise<void> {
  await page.evaluate(
    async ({ key, value }) => {
      const registry = await (window as any).galata.getPlugin(
        '@jupyterlab/apputils-extension:settings'
      );
      await registry.set('jupyterlab-nnlab:plugin', key, value);
    },
    { key, value }
  );
}

test.describe('NN Lab panel', () => {
  test('opens from its sidebar icon', async ({ page }) => {
    const tab = page.locator(TAB);
    await expect(tab).toBeVisible();
    await expect(tab).toHaveAttribute('title', /NN Lab/);
    await tab.click();
    await expect(page.locator(PANEL)).toBeVisible();
    await expect(page.locator(`${PANEL} select[name="dataset"]`)).toBeVisible();
  });

  test('opens by command and by its keyboard shortcut', async ({ page }) => {
    await execute(page, 'nnlab:open-panel');
    await expect(page.locator(PANEL)).toBeVisible();

    // Close the sidebar again, then use the shortcut.
    await page.locator(TAB).click();
    await expect(page.locator(PANEL)).toBeHidden();
    await page.locator('#jp-main-dock-panel').click();
    await page.keyboard.press('Alt+Shift+N');
    await expect(page.locator(PANEL)).toBeVisible();
  });

  test('the playground trains when played', async ({ page }) => {
    await execute(page, 'nnlab:open-panel');
    const widget = experimentIn(page.locator(PANEL));
    await expect(widget).toBeVisible();
    await expect(widget).toHaveAttribute('data-state', 'paused');
    await control(widget, /play/i).click();
    await waitForEpochAbove(widget, 0);
  });

  test('changing a control rebuilds the experiment', async ({ page }) => {
    await execute(page, 'nnlab:open-panel');
    await page.locator(`${PANEL} select[name="dataset"]`).selectOption('circle');
    await page.locator(`${PANEL} .jp-NNLab-panel-add-layer`).click();
    await expect(page.locator(`${PANEL} .jp-NNLab-panel-layer`)).toHaveCount(2);
    const widget = experimentIn(page.locator(PANEL));
    await expect(widget).toBeVisible();
    await control(widget, /play/i).click();
    await waitForEpochAbove(widget, 0);
  });

  test('opens the playground full width in the main area', async ({ page }) => {
    await execute(page, 'nnlab:open-panel');
    await page.locator(`${PANEL} select[name="dataset"]`).selectOption('gaussians');
    await page.locator(`${PANEL} .jp-NNLab-panel-open-main`).click();
    const tab = page.locator('.jp-MainAreaWidget:visible');
    await expect(page.locator('#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current')).toContainText(
      'NN Lab playground'
    );
    // The same controls: the data set chosen in the side panel.
    await expect(tab.locator('select[name="dataset"]')).toHaveValue('gaussians');
    const widget = experimentIn(tab);
    await expect(widget).toBeVisible();
    // Full size, not the sidebar's compact layout; it trains when played.
    await expect(widget).not.toHaveClass(/jp-NNLab-mod-compact/);
    await control(widget, /play/i).click();
    await waitForEpochAbove(widget, 0);
  });

  test('says what to do when there is no notebook to insert into', async ({ page }) => {
    await execute(page, 'nnlab:insert-experiment');
    await expect(
      page.locator('.Toastify__toast').filter({ hasText: /open a notebook first/i })
    ).toBeVisible();
  });

  test('inserts a demo below the active cell, shown at once, and it runs in the kernel', async ({
    page
  }) => {
    await page.notebook.createNew('demo.ipynb');
    await execute(page, 'nnlab:open-panel');
    await page.locator(`${PANEL} li[data-demo="xor-linear-vs-relu"] button`).click();

    const cells = page.locator('.jp-NotebookPanel:visible .jp-Notebook .jp-Cell');
    // The empty first cell, then the demo's explanation and its code.
    await expect(cells).toHaveCount(3);
    await expect(cells.nth(1)).toHaveClass(/jp-MarkdownCell/);
    const output = cells.nth(2).locator('.jp-OutputArea');
    // The widget is there before the kernel has run anything.
    await expect(experimentIn(output)).toBeVisible();

    await page.notebook.runCell(2);
    const widget = experimentIn(output);
    await expect(widget).toBeVisible();
    await waitForEpochAbove(widget, 0);
    await expect(
      page.locator('.jp-NotebookPanel:visible [data-mime-type="application/vnd.jupyter.stderr"]')
    ).toHaveCount(0);
  });

  test('inserts the playground experiment as Lab(...) code', async ({ page }) => {
    await page.notebook.createNew('playground.ipynb');
    await execute(page, 'nnlab:open-panel');
    await page.locator(`${PANEL} select[name="dataset"]`).selectOption('moons');
    await page.locator(`${PANEL} .jp-NNLab-panel-insert`).click();
    const cell = page.locator('.jp-NotebookPanel:visible .jp-Notebook .jp-Cell').nth(1);
    await expect(cell.locator('.jp-InputArea')).toContainText('from jupyterlab_nnlab import Lab');
    await expect(cell.locator('.jp-InputArea')).toContainText('data="moons"');
    await expect(experimentIn(cell.locator('.jp-OutputArea'))).toBeVisible();
  });

  test('the notebook context menu and the palette offer the NN Lab commands', async ({ page }) => {
    await page.notebook.createNew('menu.ipynb');
    await page.locator('.jp-NotebookPanel:visible .jp-Cell').first().click({ button: 'right' });
    const menu = page.locator('.lm-Menu');
    await expect(menu.getByText('Insert NN Lab Experiment into Notebook')).toBeVisible();
    await menu.getByText('Open NN Lab', { exact: true }).click();
    await expect(page.locator(PANEL)).toBeVisible();

    await page.keyboard.press('Control+Shift+C');
    await page.locator('.lm-CommandPalette-input').fill('NN Lab Demo');
    await expect(
      page.locator('.lm-CommandPalette-item').filter({ hasText: 'Insert NN Lab Demo:' })
    ).toHaveCount(9);
  });

  test('a setting change applies without a reload', async ({ page }) => {
    await execute(page, 'nnlab:open-panel');
    await setSetting(page, 'maxUnits', 5);
    const more = page.locator(`${PANEL} .jp-NNLab-panel-layer .jp-NNLab-panel-more-units`).first();
    for (let i = 0; i < 4; i++) {
      await more.click();
    }
    await expect(page.locator(`${PANEL} .jp-NNLab-panel-units`).first()).toHaveText('5');

    await setSetting(page, 'defaultSeed', 42);
    await expect(page.locator(`${PANEL} input[name="seed"]`)).toHaveValue('42');
  });

  test("keeps the panel's state across a reload", async ({ page }) => {
    // JupyterLab writes the workspace (where the state database lives) a moment after the
    // last change: note when each write has gone through.
    const saved: number[] = [];
    page.on('requestfinished', request => {
      if (request.method() === 'PUT' && /\/api\/workspaces\//.test(request.url())) {
        saved.push(Date.now());
      }
    });
    await execute(page, 'nnlab:open-panel');
    await page.locator(`${PANEL} select[name="dataset"]`).selectOption('spiral');
    await page.locator(`${PANEL} .jp-NNLab-panel-add-layer`).click();
    await page.locator(`${PANEL} button[data-section="demos"]`).click();
    await expect(page.locator(`${PANEL} .jp-NNLab-panel-gallery`)).toBeHidden();
    // A write that begins after the last change holds it.
    const changed = Date.now();
    await expect.poll(() => saved.some(time => time > changed), { timeout: 15_000 }).toBe(true);

    await page.reload();
    if (!(await page.locator(PANEL).isVisible())) {
      await execute(page, 'nnlab:open-panel');
    }
    await expect(page.locator(`${PANEL} select[name="dataset"]`)).toHaveValue('spiral');
    await expect(page.locator(`${PANEL} .jp-NNLab-panel-layer`)).toHaveCount(2);
    await expect(page.locator(`${PANEL} .jp-NNLab-panel-gallery`)).toBeHidden();
  });
});
