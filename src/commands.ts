/**
 * The NN Lab commands and where they appear: the command palette, the launcher and the
 * notebook's context menu. Labels are chosen so that none shadows another in the palette:
 * typing "Open NN Lab" finds the panel first.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import type { ICommandPalette } from '@jupyterlab/apputils';
import type { ILauncher } from '@jupyterlab/launcher';
import type * as nbformat from '@jupyterlab/nbformat';
import type { INotebookTracker } from '@jupyterlab/notebook';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Widget } from '@lumino/widgets';
import { DEMOS, findDemo } from './demos/catalogue';
import { experimentCell } from './demos/cells';
import { demoCells, LESSON_TITLE, lessonNotebook } from './demos/lesson';
import { nnlabIcon } from './icons';
import { freeNotebookPath, insertBelowActive } from './insertion';
import { COMMAND_CATEGORY, CommandIDs } from './tokens';
import type { PanelModel } from './widgets/panelModel';

/** File name of a new lesson notebook, before a number is added to make it unique. */
export const LESSON_FILE_STEM = 'why-activation-functions';

export interface CommandsOptions {
  app: JupyterFrontEnd;
  trans: TranslationBundle;
  /** The side panel (opened by the open-panel command). */
  panel: Widget;
  /** The playground's controls (insert and open-in-main-area use them). */
  model: PanelModel;
  notebooks: INotebookTracker | null;
  palette: ICommandPalette | null;
  launcher: ILauncher | null;
  /** Builds the full-width playground for the main area. */
  openPlayground: () => Widget;
}

export function addCommands(options: CommandsOptions): void {
  const { app, trans, panel, model, notebooks, palette, launcher } = options;
  const { commands } = app;

  /**
   * Insert cells below the active cell of the current notebook, selected and scrolled into
   * view. Without a notebook there is nowhere to insert: say so instead of failing silently.
   */
  const insertCells = (cells: nbformat.ICell[], what: string): boolean => {
    const current = notebooks?.currentWidget ?? null;
    if (!current || !current.content.model) {
      Notification.warning(
        trans.__('Open a notebook first: %1 is inserted below its active cell.', what),
        { autoClose: 5000 }
      );
      return false;
    }
    insertBelowActive(current.content, cells);
    app.shell.activateById(current.id);
    return true;
  };

  commands.addCommand(CommandIDs.openPanel, {
    label: trans.__('Open NN Lab'),
    caption: trans.__('Show the NN Lab panel: playground and demo gallery'),
    icon: nnlabIcon,
    execute: () => {
      if (!panel.isAttached && !panel.parent) {
        app.shell.add(panel, 'main');
      }
      app.shell.activateById(panel.id);
    }
  });

  commands.addCommand(CommandIDs.newLesson, {
    label: args =>
      args.isLauncher ? trans.__('NN Lab Lesson') : trans.__('New NN Lab Lesson Notebook'),
    caption: trans.__('Create a notebook with the lesson: %1', LESSON_TITLE),
    icon: nnlabIcon,
    execute: async args => {
      const cwd = typeof args.cwd === 'string' ? args.cwd : '';
      const contents = app.serviceManager.contents;
      const path = await freeNotebookPath(cwd, LESSON_FILE_STEM, async p => {
        try {
          await contents.get(p, { content: false });
          return true;
        } catch {
          return false;
        }
      });
      await contents.save(path, { type: 'notebook', format: 'json', content: lessonNotebook() });
      const opened = await commands.execute('docmanager:open', { path, factory: 'Notebook' });
      // NN Lab wrote this notebook itself a moment ago: trust it, so that its experiments
      // play on their own as the lesson intends (untrusted outputs wait for a click).
      const context = (opened as { context?: { ready: Promise<void>; model: unknown } })?.context;
      if (context) {
        await context.ready;
        const cells = (context.model as { cells?: Iterable<{ trusted: boolean }> }).cells;
        for (const cell of cells ?? []) {
          cell.trusted = true;
        }
      }
      return opened;
    }
  });

  commands.addCommand(CommandIDs.insertDemo, {
    label: args => {
      const demo = findDemo(String(args.id ?? ''));
      return demo ? trans.__('Insert NN Lab Demo: %1', demo.title) : trans.__('Insert NN Lab Demo');
    },
    caption: args => findDemo(String(args.id ?? ''))?.summary ?? '',
    icon: nnlabIcon,
    describedBy: {
      args: {
        type: 'object',
        properties: { id: { type: 'string', enum: DEMOS.map(d => d.id) } },
        required: ['id']
      }
    },
    execute: args => {
      const demo = findDemo(String(args.id ?? ''));
      if (!demo) {
        Notification.error(trans.__('There is no NN Lab demo "%1".', String(args.id)));
        return false;
      }
      return insertCells(demoCells(demo, false), trans.__('the demo'));
    }
  });

  commands.addCommand(CommandIDs.insertAllDemos, {
    label: trans.__('Insert All NN Lab Demos'),
    caption: trans.__('Insert every demo of the lesson below the active cell'),
    icon: nnlabIcon,
    execute: () =>
      insertCells(
        DEMOS.flatMap(demo => demoCells(demo, false)),
        trans.__('the lesson')
      )
  });

  commands.addCommand(CommandIDs.insertExperiment, {
    label: trans.__('Insert NN Lab Experiment into Notebook'),
    caption: trans.__('Insert the playground experiment as a Python cell below the active cell'),
    icon: nnlabIcon,
    execute: async () => {
      // The validator (Ajv and the schema) loads on first use, not at JupyterLab's start-up.
      const { validateSpec } = await import('./core/spec');
      const code = model.toPython(validateSpec);
      return insertCells([experimentCell(code, { ...model.toSpec() })], trans.__('the experiment'));
    }
  });

  commands.addCommand(CommandIDs.openInMainArea, {
    label: trans.__('Show NN Lab Playground Full Width'),
    caption: trans.__('The playground with the network in the centre, in a main-area tab'),
    icon: nnlabIcon,
    execute: () => {
      const widget = options.openPlayground();
      app.shell.add(widget, 'main');
      app.shell.activateById(widget.id);
      return widget;
    }
  });

  // The palette lists every command; each demo has its own entry. The panel ranks first.
  if (palette) {
    const category = COMMAND_CATEGORY;
    palette.addItem({ command: CommandIDs.openPanel, category, rank: 0 });
    palette.addItem({ command: CommandIDs.newLesson, category, rank: 1 });
    palette.addItem({ command: CommandIDs.insertExperiment, category, rank: 2 });
    palette.addItem({ command: CommandIDs.openInMainArea, category, rank: 3 });
    palette.addItem({ command: CommandIDs.insertAllDemos, category, rank: 4 });
    for (const demo of DEMOS) {
      palette.addItem({ command: CommandIDs.insertDemo, category, rank: 5, args: { id: demo.id } });
    }
  }

  // Not under "Notebook": that section draws kernel logos, and the lesson card has its own icon.
  launcher?.add({
    command: CommandIDs.newLesson,
    category: 'Other',
    rank: 0,
    args: { isLauncher: true }
  });

  // Right-click in a notebook: insert the playground experiment or open the panel.
  app.contextMenu.addItem({
    command: CommandIDs.insertExperiment,
    selector: '.jp-Notebook',
    rank: 60
  });
  app.contextMenu.addItem({ command: CommandIDs.openPanel, selector: '.jp-Notebook', rank: 61 });
}
