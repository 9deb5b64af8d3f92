/**
 * Test doubles for the experiment view: a Plotly that records what it is asked to draw and
 * a session driven by hand.
 */
import { Signal } from '@lumino/signaling';
import type { PlotlyLike } from '../../charts/plotly';
import type { EngineEvent } from '../../engine/protocol';
import type { SessionLike } from '../experiment';

export interface FakePlotly extends PlotlyLike {
  reacted: { node: HTMLElement; data: object[]; layout?: object }[];
  purged: HTMLElement[];
  images: number;
}

/** A Plotly whose `toImage` returns `image()` as a PNG data URL. */
export function fakePlotly(image: () => string = () => 'AAAA'): FakePlotly {
  const plotly = {
    reacted: [] as FakePlotly['reacted'],
    purged: [] as HTMLElement[],
    images: 0,
    async newPlot(node: HTMLElement) {
      return node;
    },
    async react(node: HTMLElement, data: object[], layout?: object) {
      plotly.reacted.push({ node, data, layout });
      return node;
    },
    purge(node: HTMLElement) {
      plotly.purged.push(node);
    },
    async toImage() {
      plotly.images++;
      return `data:image/png;base64,${image()}`;
    },
    Plots: { resize: () => undefined }
  };
  return plotly as unknown as FakePlotly;
}

/** A session whose commands are recorded and whose events the test emits. */
export class FakeSession implements SessionLike {
  readonly calls: unknown[][] = [];
  disposed = false;
  private _events = new Signal<this, EngineEvent>(this);

  get events() {
    return this._events;
  }
  play() {
    this.calls.push(['play']);
  }
  pause() {
    this.calls.push(['pause']);
  }
  step(epochs?: number) {
    this.calls.push(['step', epochs]);
  }
  reset() {
    this.calls.push(['reset']);
  }
  setActivation(...args: unknown[]) {
    this.calls.push(['setActivation', ...args]);
  }
  setLearningRate(lr: number) {
    this.calls.push(['setLearningRate', lr]);
  }
  setSpeed(speed: unknown) {
    this.calls.push(['setSpeed', speed]);
  }
  ack(id: number) {
    this.calls.push(['ack', id]);
  }
  setViews(views: string[]) {
    this.calls.push(['setViews', views]);
  }
  dispose() {
    this.disposed = true;
  }
  emit(event: EngineEvent) {
    this._events.emit(event);
  }
  names(): string[] {
    return this.calls.map(call => String(call[0]));
  }
}

/** Resolve after the next animation frame and the promises it starts. */
export async function nextFrame(): Promise<void> {
  await new Promise(resolve => requestAnimationFrame(() => resolve(undefined)));
  for (let i = 0; i < 5; i++) {
    await Promise.resolve();
  }
}

export { waitFor } from '../../core/__tests__/support';
