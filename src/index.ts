/**
 * The NN Lab JupyterLab plugins: the side panel with its playground and demo gallery, the
 * commands (palette, launcher, context menu, keyboard shortcut) and the settings.
 *
 * Only the application itself is required. Every other service is optional, so the same
 * plugin loads in JupyterLab and in Jupyter Notebook 7, where some pages have no left area,
 * no launcher or no notebook tracker: each feature is added only when its service exists.
 */
import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, IThemeManager, MainAreaWidget, Notification } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import type * as nbformat from '@jupyterlab/nbformat';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { validateSpec } from './core/spec';
import { DEMOS, findDemo } from './demos/catalogue';
import { experimentCell } from './demos/cells';
import { demoCells, LESSON_TITLE, lessonNotebook } from './demos/lesson';
import { nnlabIcon } from './icons';
import { nnlabSettings, NNLabSettings } from './settings';
import {
  COMMAND_CATEGORY,
  CommandIDs,
  PANEL_ID,
  PLUGIN_ID,
  STATE_KEY,
  TRANSLATION_DOMAIN
} from './tokens';
import { ExperimentView } from './widgets/experiment';
import { NNLabPanel, PanelState } from './widgets/panel';
import { defaultControls, PanelControls, PanelModel } from './widgets/panelModel';

/** The side panel, the commands and the settings of NN Lab. */
const panelPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'NN Lab: a neural-network playground, a demo gallery and the activation-functions lesson.',
  autoStart: true,
  optional: [
    ILayoutRestorer,
    ILabShell,
    ILauncher,
    ICommandPalette,
    ISettingRegistry,
    IStateDB,
    ITranslator,
    INotebookTracker,
    IThemeManager
  ],
  activate: (
    app: JupyterFrontEnd,
    restorer: ILayoutRestorer | null,
    labShell: ILabShell | null,
    launcher: ILauncher | null,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null,
    state: IStateDB | null,
    translator: ITranslator | null,
    notebooks: INotebookTracker | null,
    themes: IThemeManager | null
  ): void => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const { commands } = app;
    const settings = nnlabSettings.current;

    /** Options shared by every experiment view the plugin creates. */
    const viewOptions = () => {
      const current = nnlabSettings.current;
      return {
        snapshotRate: current.snapshotRate,
        gridResolution: current.gridResolution,
        translator: translator ?? undefined,
        themeChanged: themes?.themeChanged
      };
    };

    const model = new PanelModel({
      controls: {
        ...defaultControls(settings.defaultSeed, settings.defaultRng),
        views: settings.defaultViews
      },
      caps: settings
    });
    const panel = new NNLabPanel({
      model,
      commands,
      demos: DEMOS,
      translator: translator ?? undefined,
      viewOptions
    });
    panel.id = PANEL_ID;
    panel.title.icon = nnlabIcon;
    panel.title.caption = trans.__('NN Lab');

    // JupyterLab has a left area; Notebook 7's pages may not, and the panel then opens in
    // the main area when asked for (see the open-panel command).
    (labShell ?? app.shell).add(panel, 'left', { rank: 600, type: 'NN Lab' });
    restorer?.add(panel, PANEL_ID);

    // Saved state: the playground's controls and which sections are open.
    let restoring = true;
    let restoredControls = false;
    if (state) {
      void app.restored
        .then(() => state.fetch(STATE_KEY))
        .then(saved => {
          if (saved && typeof saved === 'object') {
            panel.state = saved as unknown as Partial<PanelState>;
            restoredControls = true;
          }
        })
        .catch(reason => console.warn('NN Lab: cannot restore the panel state', reason))
        .then(() => {
          restoring = false;
        });
      panel.stateChanged.connect(() => {
        if (!restoring) {
          void state.save(STATE_KEY, panel.state as unknown as ReadonlyPartialJSONObject);
        }
      });
    }

    // Settings: write them to the shared store; the panel and new views follow at once.
    // A changed default (seed, generator, charts) is applied to the playground too, so that
    // the user sees the effect of the new value at once; but the first values loaded never
    // overwrite a playground restored from the last session.
    let previous = nnlabSettings.current;
    let initialLoad = false;
    nnlabSettings.changed.connect((_, current: NNLabSettings) => {
      model.caps = current;
      const keepRestored = initialLoad && restoredControls;
      const defaults: Partial<PanelControls> = {};
      if (current.defaultSeed !== previous.defaultSeed) {
        defaults.seed = current.defaultSeed;
      }
      if (current.defaultRng !== previous.defaultRng) {
        defaults.rng = current.defaultRng;
      }
      if (current.defaultViews.join() !== previous.defaultViews.join()) {
        defaults.views = current.defaultViews;
      }
      // Chart rate and grid are options of the view, not of the spec: rebuild it for them.
      const viewChanged =
        current.snapshotRate !== previous.snapshotRate ||
        current.gridResolution !== previous.gridResolution;
      previous = current;
      if (!keepRestored) {
        model.update(defaults);
      }
      if (viewChanged) {
        panel.refresh();
      }
    });
    if (settingRegistry) {
      void settingRegistry
        .load(PLUGIN_ID)
        .then(loaded => {
          const apply = () => nnlabSettings.update(loaded.composite as Partial<NNLabSettings>);
          initialLoad = true;
          apply();
          initialLoad = false;
          loaded.changed.connect(apply);
        })
        .catch(reason => console.warn('NN Lab: cannot load the settings', reason));
    }

    /**
     * Insert cells below the active cell of the current notebook, then select the last one.
     * Without a notebook there is nowhere to insert: say so instead of failing silently.
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
      const notebook = current.content;
      const index = Math.max(0, notebook.activeCellIndex + 1);
      const fresh = cells.map(cell => {
        // Let the notebook give the cells its own ids (and never duplicate one).
        const { id: _ignored, ...rest } = cell as nbformat.ICell & { id?: string };
        return rest as nbformat.ICell;
      });
      notebook.model!.sharedModel.insertCells(index, fresh);
      notebook.activeCellIndex = index + cells.length - 1;
      app.shell.activateById(current.id);
      return true;
    };

    commands.addCommand(CommandIDs.openPanel, {
      label: trans.__('Open the NN Lab Panel'),
      caption: trans.__('Show the NN Lab playground and demo gallery'),
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
        const created = await commands.execute('docmanager:new-untitled', {
          path: cwd,
          type: 'notebook'
        });
        await app.serviceManager.contents.save(created.path, {
          type: 'notebook',
          format: 'json',
          content: lessonNotebook()
        });
        const opened = await commands.execute('docmanager:open', {
          path: created.path,
          factory: 'Notebook'
        });
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
        return demo
          ? trans.__('Insert NN Lab Demo: %1', demo.title)
          : trans.__('Insert NN Lab Demo');
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
      execute: () => {
        const code = model.toPython(validateSpec);
        return insertCells(
          [experimentCell(code, { ...model.toSpec() })],
          trans.__('the experiment')
        );
      }
    });

    commands.addCommand(CommandIDs.openInMainArea, {
      label: trans.__('Open NN Lab Experiment in Main Area'),
      caption: trans.__('Show the playground experiment full size'),
      icon: nnlabIcon,
      execute: () => {
        const content = new ExperimentView({ ...viewOptions(), spec: model.toSpec() });
        const widget = new MainAreaWidget({ content });
        widget.id = `nnlab-experiment-${Private.nextId()}`;
        widget.title.label = trans.__('NN Lab: %1', model.controls.dataset);
        widget.title.icon = nnlabIcon;
        widget.title.closable = true;
        app.shell.add(widget, 'main');
        app.shell.activateById(widget.id);
        return widget;
      }
    });

    // The palette lists every command; each demo has its own entry.
    if (palette) {
      const category = COMMAND_CATEGORY;
      palette.addItem({ command: CommandIDs.openPanel, category });
      palette.addItem({ command: CommandIDs.newLesson, category });
      palette.addItem({ command: CommandIDs.insertExperiment, category });
      palette.addItem({ command: CommandIDs.openInMainArea, category });
      palette.addItem({ command: CommandIDs.insertAllDemos, category });
      for (const demo of DEMOS) {
        palette.addItem({ command: CommandIDs.insertDemo, category, args: { id: demo.id } });
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
};

namespace Private {
  /** Numbers the main-area experiment widgets. */
  let counter = 0;

  /** A fresh number for each main-area experiment's widget id. */
  export function nextId(): number {
    return ++counter;
  }
}

export default [panelPlugin];
