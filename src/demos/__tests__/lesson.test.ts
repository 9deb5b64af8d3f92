/**
 * The lesson notebook: well-formed nbformat 4.5, every demo with its widget pre-rendered, and
 * the committed examples/why-activation-functions.ipynb generated from the current sources.
 *
 * To regenerate the file: `node scripts/make-lesson.js` (runs this test with NNLAB_WRITE_LESSON=1).
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEMOS } from '../catalogue';
import { EXPERIMENT_MIME_TYPE } from '../cells';
import { demoCells, lessonNotebook, lessonText } from '../lesson';

const LESSON_PATH = path.join(__dirname, '../../../examples/why-activation-functions.ipynb');

describe('lesson notebook', () => {
  const nb = lessonNotebook();

  it('is nbformat 4.5 with a Python kernel', () => {
    expect(nb.nbformat).toBe(4);
    expect(nb.nbformat_minor).toBe(5);
    expect((nb.metadata.kernelspec as any).name).toBe('python3');
  });

  it('opens with a title and ends with a summary', () => {
    expect(nb.cells[0].cell_type).toBe('markdown');
    expect(String(nb.cells[0].source)).toMatch(/^# /);
    expect(String(nb.cells[nb.cells.length - 1].source)).toMatch(/^## Summary/);
  });

  it('has unique, valid cell ids', () => {
    const ids = nb.cells.map(c => c.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
    }
  });

  it('contains every demo once, its experiment displayed before the kernel runs', () => {
    const labCells = nb.cells.filter(
      c => c.cell_type === 'code' && (c.outputs as any[]).length > 0
    );
    expect(labCells.length).toBe(DEMOS.length);
    DEMOS.forEach((demo, i) => {
      const outputs = labCells[i].outputs as any[];
      expect(labCells[i].source).toBe(demo.code);
      expect(outputs[0].data[EXPERIMENT_MIME_TYPE]).toEqual(demo.spec);
    });
  });

  it('puts a setup cell before the experiment only when the demo has one', () => {
    for (const demo of DEMOS) {
      const cells = demoCells(demo);
      expect(cells.length).toBe(demo.setup ? 3 : 2);
      expect(cells[0].cell_type).toBe('markdown');
      if (demo.setup) {
        expect(cells[1].source).toBe(demo.setup);
        expect(cells[1].outputs).toEqual([]);
      }
    }
  });

  it('leaves ids out when asked (cells inserted into an existing notebook get fresh ones)', () => {
    expect(demoCells(DEMOS[0], false).every(c => c.id === undefined)).toBe(true);
  });

  it('is committed up to date in examples/ (apart from its pictures)', () => {
    const text = lessonText();
    if (process.env.NNLAB_WRITE_LESSON) {
      // Pictures of experiments whose spec did not change stay (scripts/lesson-pictures.js
      // makes them); the rest of the file is written from the sources.
      const fresh = JSON.parse(text);
      copyPictures(JSON.parse(fs.readFileSync(LESSON_PATH, 'utf-8')), fresh);
      fs.writeFileSync(LESSON_PATH, JSON.stringify(fresh, null, 1) + '\n');
    }
    const committed = JSON.parse(fs.readFileSync(LESSON_PATH, 'utf-8'));
    expect(withoutPictures(committed)).toEqual(JSON.parse(text));
  });

  it('carries a picture of every experiment, so it reads where NN Lab cannot run', () => {
    const committed = JSON.parse(fs.readFileSync(LESSON_PATH, 'utf-8'));
    const outputs = committed.cells.flatMap((c: any) => c.outputs ?? []);
    const experiments = outputs.filter((o: any) => o.data?.[EXPERIMENT_MIME_TYPE]);
    expect(experiments.length).toBe(DEMOS.length);
    for (const output of experiments) {
      const png = Buffer.from(String(output.data['image/png'] ?? ''), 'base64');
      // A PNG signature and more than a blank image's worth of bytes.
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(10_000);
    }
  });
});

/** A copy of notebook `nb` without the pictures written back into its outputs. */
function withoutPictures(nb: any): any {
  const copy = JSON.parse(JSON.stringify(nb));
  for (const cell of copy.cells) {
    for (const output of cell.outputs ?? []) {
      if (output.data) {
        delete output.data['image/png'];
      }
    }
  }
  return copy;
}

/** Copy the pictures of `from` into the outputs of `to` whose cell id and spec agree. */
function copyPictures(from: any, to: any): void {
  const cells = new Map<string, any>(from.cells.map((c: any) => [c.id, c]));
  for (const cell of to.cells) {
    const old = cells.get(cell.id);
    (cell.outputs ?? []).forEach((output: any, j: number) => {
      const before = old?.outputs?.[j]?.data;
      const same =
        JSON.stringify(before?.[EXPERIMENT_MIME_TYPE]) ===
        JSON.stringify(output.data?.[EXPERIMENT_MIME_TYPE]);
      if (before?.['image/png'] && same) {
        output.data['image/png'] = before['image/png'];
      }
    });
  }
}
