/**
 * Window state under numeric namespaces (docs/state-and-time.md, "Window namespaces"): session
 * windows with per-window state of the window function and allowed lateness, sessions with a count
 * trigger (trigger state), and sliding windows, checkpointed halfway through a random workload and
 * restored at another parallelism (a rescale: each new subtask takes the key groups of its range),
 * from the heap backend onto LMDB and back, fire exactly as one uninterrupted run does.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { Collector } from "../../src/api/functions.js";
import { ValueStateDescriptor } from "../../src/api/state/state-descriptors.js";
import { EventTimeSessionWindows, SlidingEventTimeWindows } from "../../src/api/windowing/time-window-assigners.js";
import { CountTrigger } from "../../src/api/windowing/triggers.js";
import type { ProcessWindowContext } from "../../src/api/windowing/window-functions.js";
import type { TimeWindow } from "../../src/api/windowing/windows.js";
import { keyGroupFor, keyGroupRange } from "../../src/graph/key-groups.js";
import type { KeyedStateBackend } from "../../src/runtime/state/keyed-state-backend.js";
import type { NamespacedValues } from "../../src/runtime/state/state-cell.js";
import type { HarnessOptions, OperatorTestHarness } from "../../src/testing/operator-test-harness.js";
import { harnessFor } from "./support/api-harness.js";
import { BACKENDS, disposeBackends, type BackendKind } from "../state-backends/support/backends.js";

after(disposeBackends);

const MAX_PARALLELISM = 128;

interface E {
  k: string;
  n: number;
}

type Step = { kind: "element"; e: E; ts: number } | { kind: "watermark"; ts: number };

/** A deterministic pseudo-random workload over 80 keys with out-of-order timestamps, and watermarks. */
function workload(): Step[] {
  let seed = 777;
  const rnd = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const steps: Step[] = [];
  let time = 0;
  for (let i = 0; i < 4000; i++) {
    time += rnd(3);
    steps.push({ kind: "element", e: { k: `key-${rnd(80)}`, n: i }, ts: Math.max(0, time - rnd(20)) });
    if (i % 50 === 49) steps.push({ kind: "watermark", ts: time - 25 });
  }
  steps.push({ kind: "watermark", ts: Number.POSITIVE_INFINITY });
  return steps;
}

/** Lists a window's elements with how often it has fired (per-window state). */
const firings = new ValueStateDescriptor<number>("firings", 0);
const sessionsListing = {
  process(k: string, ctx: ProcessWindowContext<TimeWindow>, els: readonly E[], out: Collector<unknown>): void {
    const fired = ctx.windowState().getState(firings);
    fired.update(fired.value()! + 1);
    out.collect([k, ctx.window().start, ctx.window().end, fired.value(), els.map((e) => e.n)]);
  },
  clear(ctx: ProcessWindowContext<TimeWindow>): void {
    ctx.windowState().getState(firings).clear();
  },
};

interface Subtask {
  parallelism: number;
  index: number;
  restored: boolean;
}
type Build = (backend: KeyedStateBackend, subtask: Subtask) => OperatorTestHarness;

/** Harness options for one subtask on `backend` (restored: the operator starts from restored state). */
const on = (backend: KeyedStateBackend, s: Subtask): HarnessOptions => ({
  keyedStateBackend: backend,
  maxParallelism: MAX_PARALLELISM,
  parallelism: s.parallelism,
  subtaskIndex: s.index,
  restoredOperatorState: s.restored ? {} : undefined,
});

const sessions: Build = (backend, s) =>
  harnessFor<E, unknown>((x) => x.keyBy((e) => e.k).window(EventTimeSessionWindows.withGap(15)).allowedLateness(10).process(sessionsListing), on(backend, s));

/** Long sessions that fire every third element: the count is trigger state, merged with the sessions. */
const countedSessions: Build = (backend, s) =>
  harnessFor<E, unknown>((x) => x.keyBy((e) => e.k).window(EventTimeSessionWindows.withGap(150)).trigger(CountTrigger.of(3)).process(sessionsListing), on(backend, s));

const sliding: Build = (backend, s) =>
  harnessFor<E, E>((x) => x.keyBy((e) => e.k).window(SlidingEventTimeWindows.of(40, 20)).reduce((a: E, b: E) => ({ k: a.k, n: a.n + b.n })), on(backend, s));

function feed(h: OperatorTestHarness, steps: readonly Step[], owns: (key: string) => boolean = () => true): void {
  for (const step of steps) {
    if (step.kind === "watermark") h.processWatermark(step.ts);
    else if (owns(step.e.k)) h.processElement(step.e, step.ts);
  }
}

const canonical = (records: unknown[]): string[] => records.map((r) => JSON.stringify(r)).sort();

/** Every namespace of the window contents is a number (no `${start}:${end}` strings). */
function assertNumericNamespaces(backend: KeyedStateBackend): number {
  let namespaces = 0;
  for (const group of backend.table<NamespacedValues<unknown>>("_window-contents").groups) {
    for (const perKey of group.values()) {
      // One namespace in a slot, several in a Map (state-cell.ts).
      for (const ns of perKey instanceof Map ? perKey.keys() : [perKey.ns]) {
        assert.equal(typeof ns, "number", `window namespace ${String(ns)}`);
        namespaces++;
      }
    }
  }
  return namespaces;
}

async function checkRescale(build: Build, from: BackendKind, to: BackendKind): Promise<void> {
  const steps = workload();
  const half = steps.findIndex((s, i) => i > steps.length / 2 && s.kind === "watermark");

  const whole = await build(from.create(), { parallelism: 1, index: 0, restored: false }).open();
  feed(whole, steps);
  const expected = whole.records();
  assert.ok(expected.length > 300, `the workload fires often (${expected.length})`);

  const firstBackend = from.create();
  const first = await build(firstBackend, { parallelism: 1, index: 0, restored: false }).open();
  feed(first, steps.slice(0, half));
  assert.ok(assertNumericNamespaces(firstBackend) > 20, "windows are open at the checkpoint");
  const snapshot = firstBackend.snapshot();
  const groups = await snapshot.materialize();

  const records = first.records();
  for (let index = 0; index < 2; index++) {
    const range = keyGroupRange(MAX_PARALLELISM, 2, index);
    const backend = to.create({ maxParallelism: MAX_PARALLELISM, ...range });
    backend.restore(groups);
    const h = await build(backend, { parallelism: 2, index, restored: true }).open();
    feed(h, steps.slice(half), (k) => {
      const g = keyGroupFor(k, MAX_PARALLELISM);
      return g >= range.start && g <= range.end;
    });
    records.push(...h.records());
    assertNumericNamespaces(backend);
  }
  assert.deepEqual(canonical(records), canonical(expected));
}

const [HEAP, LMDB] = BACKENDS as [BackendKind, BackendKind];

test("session windows (trigger state, window state, lateness): checkpoint on the heap backend, rescale to 2 onto LMDB", async () => {
  await checkRescale(sessions, HEAP, LMDB);
});

test("session windows: checkpoint on LMDB, rescale to 2 onto the heap backend", async () => {
  await checkRescale(sessions, LMDB, HEAP);
});

test("session windows with a count trigger (trigger state merged with the sessions): checkpoint and rescale across backends", async () => {
  await checkRescale(countedSessions, HEAP, LMDB);
  await checkRescale(countedSessions, LMDB, HEAP);
});

test("sliding windows: checkpoint and rescale across backends", async () => {
  await checkRescale(sliding, HEAP, LMDB);
  await checkRescale(sliding, LMDB, HEAP);
});
