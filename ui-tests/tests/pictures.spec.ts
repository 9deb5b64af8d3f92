/**
 * The picture written back into a notebook: the shipped lesson opens and closes without
 * being modified (its saved pictures stay), and a freshly run experiment stores a picture of
 * its charts when training ends.
 */
import * as fs from 'fs';
import * as path from 'path';
import { expect, test } from '@jupyterlab/galata';
import {
  ALL_CELLS_LAID_OUT,
  experimentIn,
  runInNewNotebook,
  trustCurrentNotebook,
  waitForState,
  XOR_CELL
} from '../support/nnlab';

const LESSON = path.join(__dirname, '..', '..', 'examples', 'why-activation-functions.ipynb');

// Every cell rendered, so that every experiment of the lesson trains.
test.use({ mockSettings: ALL_CELLS_LAID_OUT });

test.describe('NN Lab pictures', () => {
  test('opening the lesson and letting it train writes nothing into it', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(150_000);
    const name = 'lesson.ipynb';
    const file = fs.readFileSync(LESSON, 'utf-8');
    await page.contents.uploadContent(file, 'text', `${tmpPath}/${name}`);
    await page.filebrowser.openDirectory(tmpPath);
    await page.notebook.openByPath(`${tmpPath}/${name}`);
    await page.notebook.activate(name);
    // Saved outputs open untrusted; trusted, the experiments train as their specs say.
    await trustCurrentNotebook(page);
    const widgets = page.locator('.jp-NotebookPanel:visible .jp-NNLab-experiment');
    await expect(widgets.first()).toBeVisible({ timeout: 30_000 });
    // The experiments that play by themselves train to their end...
    const count = await widgets.count();
    expect(count).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < count; i++) {
      await expect(widgets.nth(i)).not.toHaveAttribute('data-state', 'running', {
        timeout: 90_000
      });
    }
    // ...and, past the picture delay, every output is still the one in the file: the saved
    // pictures stay. (JupyterLab itself flags an untrusted notebook as changed on open, as
    // it does without NN Lab, so the outputs are compared rather than the dirty flag.)
    await page.waitForTimeout(2000);
    const changed = await page.evaluate(text => {
      const model = (window as any).jupyterapp.shell.currentWidget.content.model.toJSON();
      const saved = JSON.parse(text);
      return model.cells
        .map((cell: any, i: number) => ({ i, now: cell.outputs, then: saved.cells[i].outputs }))
        .filter((c: any) => JSON.stringify(c.now ?? []) !== JSON.stringify(c.then ?? []))
        .map((c: any) => c.i);
    }, file);
    expect(changed).toEqual([]);
  });

  test('a freshly run experiment stores a picture of its charts when training ends', async ({
    page
  }) => {
    const output = await runInNewNotebook(page, XOR_CELL);
    const widget = experimentIn(output);
    await waitForState(widget, 'done', 90_000);
    const png = await page
      .waitForFunction(
        () => {
          const cell = (window as any).jupyterapp.shell.currentWidget.content.model.cells.get(0);
          return cell.outputs.length > 0 ? cell.outputs.get(0).data['image/png'] : undefined;
        },
        undefined,
        { timeout: 10_000 }
      )
      .then(handle => handle.jsonValue() as Promise<string>);
    const bytes = Buffer.from(png, 'base64');
    if (process.env.NNLAB_SHOTS) {
      fs.writeFileSync(`${process.env.NNLAB_SHOTS}/pictures-xor.png`, bytes);
    }
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    // Wider than tall or not, a picture of several charts is large: more than a blank image.
    expect(bytes.length).toBeGreaterThan(10_000);
  });
});
