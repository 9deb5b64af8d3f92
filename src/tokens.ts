/**
 * Identifiers shared by the NN Lab plugins and the side panel: plugin and widget ids, the
 * command ids (one namespace, as JupyterLab's own extensions do) and the translation domain.
 */

/** The panel plugin (its settings live in schema/settings/plugin.json). */
export const PLUGIN_ID = 'jupyterlab-nnlab:plugin';

/** Node id of the side panel: the layout restorer and `activateById` find it by this. */
export const PANEL_ID = 'nnlab-panel';

/** Key of the panel's saved state in the state database. */
export const STATE_KEY = 'jupyterlab-nnlab:panel';

/** Translation domain of every user-facing string. */
export const TRANSLATION_DOMAIN = 'jupyterlab_nnlab';

/** Palette category of the commands. */
export const COMMAND_CATEGORY = 'NN Lab';

export namespace CommandIDs {
  /** Show (and focus) the side panel. */
  export const openPanel = 'nnlab:open-panel';
  /** Create a notebook holding the whole lesson and open it. */
  export const newLesson = 'nnlab:new-lesson';
  /** Insert one demo below the active cell; args: { id: string }. */
  export const insertDemo = 'nnlab:insert-demo';
  /** Insert every demo below the active cell. */
  export const insertAllDemos = 'nnlab:insert-all-demos';
  /** Insert the panel's current experiment below the active cell. */
  export const insertExperiment = 'nnlab:insert-experiment';
  /** Open the panel's current experiment full size in the main area. */
  export const openInMainArea = 'nnlab:open-in-main-area';
}
