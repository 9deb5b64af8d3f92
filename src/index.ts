import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-nnlab:plugin',
  description: 'NN Lab',
  autoStart: true,
  activate: (app: JupyterFrontEnd) => {
    console.log('NN Lab activated');
  }
};

export default plugin;
