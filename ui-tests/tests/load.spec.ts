/**
 * JupyterLab starts with NN Lab installed, and nothing goes wrong on the way.
 */
import { expect, test } from '@jupyterlab/galata';
import { EXTENSION_NAME, recordErrors } from '../support/nnlab';

test.describe('JupyterLab with NN Lab', () => {
  // Load the page ourselves, so that errors raised during start-up are recorded.
  test.use({ autoGoto: false });

  test('loads the extension without browser errors', async ({ page }) => {
    const errors = recordErrors(page);
    await page.goto();

    // The server lists the prebuilt extension in the page configuration...
    const federated = await page.evaluate(() => {
      const node = document.getElementById('jupyter-config-data');
      const config = JSON.parse(node?.textContent ?? '{}');
      return (config.federated_extensions ?? []).map(
        (extension: { name: string }) => extension.name
      );
    });
    expect(federated).toContain(EXTENSION_NAME);

    // ...and the application has registered and started its plugins.
    const plugins = await page.evaluate((name: string) => {
      const app = (window as any).jupyterapp;
      return (app.listPlugins() as string[]).filter(id => id.startsWith(`${name}:`));
    }, EXTENSION_NAME);
    expect(plugins).toContain(`${EXTENSION_NAME}:plugin`);
    expect(plugins.length).toBeGreaterThanOrEqual(2);

    const activated = await page.evaluate(
      (id: string) => (window as any).jupyterapp.isPluginActivated(id),
      `${EXTENSION_NAME}:plugin`
    );
    expect(activated).toBe(true);

    expect(errors.messages).toEqual([]);
  });
});
