/**
 * What the page's long tasks are made of: a Chrome trace (CDP `Tracing`) taken while a
 * benchmark runs, and every main-thread task over 50 ms split into what ran inside it.
 *
 * Each long task is named after the largest thing it ran (a chart draw measured by the chart
 * board, the receipt of a worker message, an animation frame, a timer, garbage collection),
 * and its time is split by trace event into self time (time in an event not covered by a
 * nested event), so that, for example, the structured clone of a worker message (which runs
 * before any script sees the message) shows as the self time of the message's dispatch.
 *
 * Used by bench/worst-case-ui.spec.ts and bench/lesson-open.spec.ts when NNLAB_BENCH_TRACE is
 * set (tracing slows the page a little, so the figures of a traced run are not compared with
 * those of an untraced one).
 */
import type { CDPSession, Page } from '@playwright/test';
import { writeFileSync } from 'fs';

const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8.execute',
  'v8',
  'blink'
].join(',');

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, any>;
  id?: string;
  id2?: { local?: string; global?: string };
}

/** Start tracing the page (events are collected until `stopTrace`). */
export async function startTrace(session: CDPSession): Promise<void> {
  await session.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: CATEGORIES.split(','), recordMode: 'recordAsMuchAsPossible' }
  } as any);
}

/** Stop tracing and return the events. */
export async function stopTrace(session: CDPSession): Promise<TraceEvent[]> {
  const done = new Promise<string>(resolve =>
    session.once('Tracing.tracingComplete', (event: any) => resolve(event.stream))
  );
  await session.send('Tracing.end');
  const stream = await done;
  const chunks: string[] = [];
  for (;;) {
    const { data, eof, base64Encoded } = (await session.send('IO.read', {
      handle: stream,
      size: 1 << 20
    })) as any;
    chunks.push(base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data);
    if (eof) {
      break;
    }
  }
  await session.send('IO.close', { handle: stream });
  const parsed = JSON.parse(chunks.join(''));
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** One long task, split by what ran inside it. */
export interface LongTaskParts {
  start: number;
  ms: number;
  /** What the task mostly was (see `kindOf`). */
  kind: string;
  /** Self time per event name (ms), largest first. */
  parts: Array<[string, number]>;
}

interface Node {
  event: TraceEvent;
  start: number;
  end: number;
  children: Node[];
}

/** The page's main thread: the renderer main thread with the most long tasks. */
function mainThreads(events: TraceEvent[]): Array<{ pid: number; tid: number }> {
  return events
    .filter(e => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map(e => ({ pid: e.pid, tid: e.tid }));
}

/** Complete events ('X', and 'B'/'E' pairs) of one thread as intervals. */
function intervals(events: TraceEvent[], pid: number, tid: number): Node[] {
  const out: Node[] = [];
  const open: TraceEvent[] = [];
  for (const e of events) {
    if (e.pid !== pid || e.tid !== tid) {
      continue;
    }
    if (e.ph === 'X' && typeof e.dur === 'number') {
      out.push({ event: e, start: e.ts, end: e.ts + e.dur, children: [] });
    } else if (e.ph === 'B') {
      open.push(e);
    } else if (e.ph === 'E') {
      const begin = open.pop();
      if (begin) {
        out.push({ event: begin, start: begin.ts, end: e.ts, children: [] });
      }
    }
  }
  return out;
}

/** Nest intervals (each inside the smallest one that contains it). */
function nest(nodes: Node[]): Node[] {
  nodes.sort((a, b) => a.start - b.start || b.end - a.end);
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const node of nodes) {
    while (stack.length && stack[stack.length - 1].end <= node.start) {
      stack.pop();
    }
    const parent = stack[stack.length - 1];
    if (parent && node.end <= parent.end + 1) {
      parent.children.push(node);
    } else {
      while (stack.length) {
        stack.pop();
      }
      roots.push(node);
    }
    stack.push(node);
  }
  return roots;
}

const TOP = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'RunMicrotasks']);

/** A label for an event: its name, with what it is about for a few kinds. */
function label(e: TraceEvent): string {
  const data = e.args?.data ?? {};
  if (e.name === 'EventDispatch' && data.type) {
    return `EventDispatch(${data.type})`;
  }
  if (e.name === 'FunctionCall') {
    const file = String(data.url ?? '')
      .split('/')
      .pop()
      ?.split('?')[0];
    return `FunctionCall(${data.functionName || '?'} ${file || ''})`.replace(' )', ')');
  }
  if (e.name === 'Receive mojo message') {
    const tag = e.args?.chrome_mojo_event_info?.mojo_interface_tag;
    return tag ? `Receive mojo message (${tag})` : e.name;
  }
  return e.name;
}

/** What kind of work an event's self time is. */
export function categoryOf(name: string): string {
  if (name === 'SerializedScriptValueFactory::deserialize' || /deserializ/i.test(name)) {
    return 'message deserialisation (structured clone)';
  }
  if (/^V8\.GC|GC_|BlinkGC|MinorGC|MajorGC|garbage|CppGC/i.test(name)) {
    return 'garbage collection';
  }
  if (
    /recalcStyle|updateStyle|UpdateLayoutTree|Layout|rebuildLayoutTree|HitTest|Paint|Compositor|PrePaint|Svg|Style|Lifecycle/i.test(
      name
    )
  ) {
    return 'style, layout and paint';
  }
  if (/playwright|DevToolsSession/i.test(name)) {
    // The benchmark's own DevTools calls (heap samples, polling the page) run on the page.
    return 'the benchmark itself (Playwright, DevTools protocol)';
  }
  if (/mojo|ResponseBody|Resource::|ImageResource|SimpleWatcher|Navigation|Loader/i.test(name)) {
    return 'loading (network, images)';
  }
  if (/^(RunTask|ThreadControllerImpl::RunTask|ThreadPool|Scheduler)/.test(name)) {
    return 'task overhead';
  }
  return 'script (JavaScript and its compilation)';
}

/** Self time per label of a node and everything below it. */
function selfTimes(node: Node, into: Map<string, number>): void {
  let covered = 0;
  for (const child of node.children) {
    covered += child.end - child.start;
    selfTimes(child, into);
  }
  const self = Math.max(0, node.end - node.start - covered);
  const name = label(node.event);
  into.set(name, (into.get(name) ?? 0) + self / 1000);
}

/** What a long task mostly was: a measured chart draw, else its largest kind of work. */
function kindOf(node: Node, userMeasures: TraceEvent[], parts: Map<string, number>): string {
  const inside = userMeasures.filter(m => m.ts >= node.start && m.ts < node.end);
  // One task of a chart's draw (its build, or one piece) starts inside it.
  const draws = inside.filter(m => m.name.startsWith('nnlab:drawtask:'));
  if (draws.length) {
    return `chart draw (${[...new Set(draws.map(d => d.name.slice(15)))].join(', ')})`;
  }
  if (inside.some(m => m.name === 'nnlab:unpack')) {
    return 'snapshot message received and unpacked';
  }
  const byCategory = new Map<string, number>();
  for (const [name, ms] of parts) {
    const category = categoryOf(name);
    byCategory.set(category, (byCategory.get(category) ?? 0) + ms);
  }
  const largest = [...byCategory.entries()].sort((a, b) => b[1] - a[1])[0];
  return largest ? `mostly ${largest[0]}` : 'other';
}

/** The page's long tasks (over `threshold` ms) in the trace, each split into parts. */
export function longTasksOf(events: TraceEvent[], threshold = 50): LongTaskParts[] {
  let best: LongTaskParts[] = [];
  // User-timing measures have async begin/end pairs ('b'/'e'): their start is enough here.
  const userMeasures = events.filter(
    e => e.cat.includes('blink.user_timing') && e.name.startsWith('nnlab:') && e.ph === 'b'
  );
  for (const { pid, tid } of mainThreads(events)) {
    const roots = nest(intervals(events, pid, tid));
    const tasks: LongTaskParts[] = [];
    for (const root of roots) {
      const ms = (root.end - root.start) / 1000;
      if (!TOP.has(root.event.name) || ms <= threshold) {
        continue;
      }
      const parts = new Map<string, number>();
      selfTimes(root, parts);
      tasks.push({
        start: root.start / 1000,
        ms,
        kind: kindOf(root, userMeasures, parts),
        parts: [...parts.entries()].filter(([, v]) => v >= 1).sort((a, b) => b[1] - a[1])
      });
    }
    if (tasks.length > best.length) {
      best = tasks;
    }
  }
  return best;
}

/** Lines summing up the long tasks by kind, then the longest ones in detail. */
export function describeLongTasks(tasks: LongTaskParts[], detail = 8): string[] {
  const byKind = new Map<string, { count: number; total: number; longest: number }>();
  for (const task of tasks) {
    const entry = byKind.get(task.kind) ?? { count: 0, total: 0, longest: 0 };
    entry.count++;
    entry.total += task.ms;
    entry.longest = Math.max(entry.longest, task.ms);
    byKind.set(task.kind, entry);
  }
  const lines = [`long tasks (> 50 ms) in the trace: ${tasks.length}, by kind:`];
  for (const [kind, e] of [...byKind.entries()].sort((a, b) => b[1].total - a[1].total)) {
    lines.push(
      `  ${kind}: ${e.count}, longest ${e.longest.toFixed(0)} ms, in all ${e.total.toFixed(0)} ms`
    );
  }
  const byCategory = new Map<string, number>();
  for (const task of tasks) {
    for (const [name, ms] of task.parts) {
      const category = categoryOf(name);
      byCategory.set(category, (byCategory.get(category) ?? 0) + ms);
    }
  }
  lines.push('their time by kind of work (self time, all long tasks):');
  for (const [category, ms] of [...byCategory.entries()].sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${category}: ${ms.toFixed(0)} ms`);
  }
  const longest = [...tasks].sort((a, b) => b.ms - a.ms).slice(0, detail);
  lines.push(`the ${longest.length} longest, split by self time (ms):`);
  for (const task of longest) {
    const parts = task.parts
      .slice(0, 6)
      .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
      .join(', ');
    lines.push(`  ${task.ms.toFixed(0)} ms ${task.kind}: ${parts}`);
  }
  return lines;
}

/** Save the trace for Chrome's performance panel, when a path is given. */
export function saveTrace(events: TraceEvent[], path: string): void {
  writeFileSync(path, JSON.stringify({ traceEvents: events }));
}

/**
 * With NNLAB_BENCH_TRACE set, a Chrome trace of the page until the returned function is called,
 * and the long tasks in it split into what ran inside them; NNLAB_BENCH_TRACE=<file>.json also
 * saves the trace for Chrome's performance panel. Returns the function that ends it.
 */
export async function traceLongTasks(page: Page): Promise<() => Promise<string[]>> {
  const wanted = process.env.NNLAB_BENCH_TRACE;
  if (!wanted) {
    return async () => [];
  }
  const session = await page.context().newCDPSession(page.context().pages()[0]);
  await startTrace(session);
  return async () => {
    const events = await stopTrace(session);
    await session.detach();
    if (wanted.endsWith('.json')) {
      saveTrace(events, wanted);
    }
    return describeLongTasks(longTasksOf(events));
  };
}

/**
 * With NNLAB_BENCH_PROFILE=<file>.cpuprofile, a JavaScript CPU profile of the page until the
 * returned function is called (open it in Chrome's performance panel): which functions the
 * long tasks spend their time in. Returns the function that ends it and writes the file.
 */
export async function profilePage(page: Page): Promise<() => Promise<void>> {
  const path = process.env.NNLAB_BENCH_PROFILE;
  if (!path) {
    return async () => undefined;
  }
  const session = await page.context().newCDPSession(page.context().pages()[0]);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return async () => {
    const { profile } = await session.send('Profiler.stop');
    writeFileSync(path, JSON.stringify(profile));
    await session.detach();
  };
}

/**
 * The same lines from a trace saved earlier:
 *   npx tsc bench/longTaskTrace.ts --outDir /tmp/trace && node /tmp/trace/longTaskTrace.js t.json
 */
declare const require: any;
declare const module: any;
if (typeof require !== 'undefined' && require.main === module) {
  const { readFileSync } = require('fs');
  const parsed = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  console.log(describeLongTasks(longTasksOf(events), 12).join('\n'));
}
