/**
 * The NN Lab JupyterLab plugin, as wiring: the side panel with its playground and demo
 * gallery (src/widgets/panel.ts), its saved state and settings (src/panelState.ts), the
 * commands with their palette, launcher and menu entries (src/commands.ts), and cell insertion
 * (src/insertion.ts).
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
import { ICommandPalette, IThemeManager, MainAreaWidget } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { addCommands } from './commands';
import { DEMOS } from './demos/catalogue';
import { nnlabIcon } from './icons';
import { PanelStateKeeper } from './panelState';
import { prefetchOnExecution, prefetchOnOpen } from './prefetch';
import { nnlabSettings } from './settings';
import { PANEL_ID, PLUGIN_ID, STATE_KEY, TRANSLATION_DOMAIN } from './tokens';
import { NNLabPanel } from './widgets/panel';
import { defaultControls, PanelModel } from './widgets/panelModel';

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
    const settings = nnlabSettings.current;

    /** Options shared by every experiment view the plugin creates. */
    const viewOptions = () => {
      const current = nnlabSettings.current;
      return {
        snapshotRate: current.snapshotRate,
        gridResolution: current.gridResolution,
        presentation: current.presentation,
        presentationScale: current.presentationScale,
        translator: translator ?? undefined,
        themeChanged: themes?.themeChanged
      };
    };

    // One model of the playground, shared by the side panel and the full-width playground.
    const model = new PanelModel({
      controls: {
        ...defaultControls(settings.defaultSeed, settings.defaultRng),
        views: settings.defaultViews
      },
      caps: settings
    });
    const panel = new NNLabPanel({
      model,
      commands: app.commands,
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

    // Load the experiment view while the kernel runs a cell that will show one, and already
    // when a notebook that uses NN Lab is opened (while its kernel starts).
    prefetchOnExecution();
    if (notebooks) {
      prefetchOnOpen(notebooks);
    }

    new PanelStateKeeper({
      panel,
      model,
      settings: nnlabSettings,
      state,
      key: STATE_KEY,
      restored: app.restored,
      loadSettings: settingRegistry ? () => settingRegistry.load(PLUGIN_ID) : null
    });

    addCommands({
      app,
      trans,
      panel,
      model,
      notebooks,
      palette,
      launcher,
      openPlayground: () => {
        const content = new NNLabPanel({
          model,
          commands: app.commands,
          demos: [],
          translator: translator ?? undefined,
          viewOptions,
          wide: true
        });
        const widget = new MainAreaWidget({ content });
        widget.addClass('jp-NNLab-playground-tab');
        widget.id = `nnlab-playground-${Private.nextId()}`;
        widget.title.label = trans.__('NN Lab playground');
        widget.title.icon = nnlabIcon;
        widget.title.closable = true;
        return widget;
      }
    });
  }
};

namespace Private {
  /** Numbers the main-area playgrounds. */
  let counter = 0;

  /** A fresh number for each main-area playground's widget id. */
  export function nextId(): number {
    return ++counter;
  }
}

export default [panelPlugin];
