import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';

export const MIME_TYPE = 'application/vnd.nnlab.experiment.v1+json';

class R extends Widget implements IRenderMime.IRenderer {
  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.node.textContent = JSON.stringify(model.data[MIME_TYPE]);
  }
}

const extension: IRenderMime.IExtension = {
  id: 'jupyterlab-nnlab:mime',
  rendererFactory: { safe: true, mimeTypes: [MIME_TYPE], createRenderer: () => new R() },
  rank: 0,
  dataType: 'json'
};
export default extension;
