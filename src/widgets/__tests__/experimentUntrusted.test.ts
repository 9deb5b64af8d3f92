/** @jest-environment jsdom */
/**
 * Untrusted notebooks: the experiment shows, but trains only after a press of play, whatever
 * the spec's autoplay says. Trusted outputs start on their own as before.
 */
import './jsdomSetup';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import extension, { ExperimentRenderer, MIME_TYPE } from '../../mime';
import { ExperimentView } from '../experiment';
import { FakeSession, fakePlotly } from './experimentFakes';

const plotly = fakePlotly(() => 'UE5HREFUQQ==');
jest.mock('../../charts/plotly', () => {
  const actual = jest.requireActual('../../charts/plotly');
  return { ...actual, loadPlotly: async () => plotly };
});

const SPEC = {
  data: { name: 'xor' },
  network: { layers: [2, 2, 1], activation: 'relu' },
  training: { epochs: 5 },
  views: ['loss'],
  autoplay: true
};

const widgets: Widget[] = [];
afterEach(() => {
  for (const w of widgets.splice(0)) {
    w.dispose();
  }
});

function view(untrusted: boolean): { view: ExperimentView; session: FakeSession } {
  const session = new FakeSession();
  const v = new ExperimentView({
    spec: SPEC,
    untrusted,
    createSession: () => session,
    loadPlotly: async () => plotly,
    buildFigure: () => ({ data: [], layout: {} })
  });
  Widget.attach(v, document.body);
  widgets.push(v);
  return { view: v, session };
}

function playButton(v: ExperimentView): HTMLButtonElement {
  const found = Array.from(v.node.querySelectorAll('button')).find(b =>
    /play/i.test(`${b.textContent} ${b.title} ${b.getAttribute('aria-label')}`)
  );
  if (!found) {
    throw new Error('no play button');
  }
  return found;
}

describe('an untrusted experiment', () => {
  it('does not play on its own and says why', () => {
    const { view: v, session } = view(true);
    expect(session.calls.filter(c => c[0] === 'play')).toHaveLength(0);
    const note = v.node.querySelector('.jp-NNLab-untrusted');
    expect(note?.textContent).toMatch(/not trusted.*press play/);
  });

  it('plays when asked, and the note goes away', () => {
    const { view: v, session } = view(true);
    playButton(v).click();
    expect(session.calls.filter(c => c[0] === 'play')).toHaveLength(1);
    expect(v.node.querySelector('.jp-NNLab-untrusted')).toBeNull();
  });

  it('a trusted one starts on its own, without the note', () => {
    const { view: v, session } = view(false);
    expect(session.calls.filter(c => c[0] === 'play')).toHaveLength(1);
    expect(v.node.querySelector('.jp-NNLab-untrusted')).toBeNull();
  });
});

describe('the renderer passes the output trust on', () => {
  async function render(trusted: boolean): Promise<ExperimentRenderer> {
    const r = extension.rendererFactory.createRenderer({
      mimeType: MIME_TYPE,
      sanitizer: {} as IRenderMime.ISanitizer,
      resolver: null,
      linkHandler: null,
      latexTypesetter: null
    }) as ExperimentRenderer;
    Widget.attach(r, document.body);
    widgets.push(r);
    const model = {
      trusted,
      data: { [MIME_TYPE]: SPEC },
      metadata: {},
      setData: () => undefined
    } as unknown as IRenderMime.IMimeModel;
    // The view's code is imported on the first render: wait for it.
    await r.renderModel(model);
    return r;
  }

  it('untrusted: the view waits', async () => {
    const r = await render(false);
    expect(r.view?.node.querySelector('.jp-NNLab-untrusted')).not.toBeNull();
    expect(r.view?.state).toBe('paused');
  });

  it('trusted: no note', async () => {
    const r = await render(true);
    expect(r.view?.node.querySelector('.jp-NNLab-untrusted')).toBeNull();
  });
});
