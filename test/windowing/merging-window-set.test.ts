/**
 * The merging window set, changed in place per element (sessions: an incremental merge of the
 * sorted windows; other merging assigners: their mergeWindows() over the key's windows), against
 * a reference that rebuilds the set from scratch for every element the way Flink's
 * MergingWindowSet.addWindow does: TimeWindow.mergeWindows over every window of the key plus the
 * new one. On random sequences of windows and retirements both must return the same window, make
 * the same merge calls (result, merged windows in order, state window, merged state windows) and
 * end with the same window → state window mapping; every window that enters the set gets a
 * namespace no window had before, and contents stay under the namespace of their state window.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { EventTimeSessionWindows } from "../../src/api/windowing/time-window-assigners.js";
import { MergingWindowAssigner } from "../../src/api/windowing/window-assigner.js";
import { EventTimeTrigger } from "../../src/api/windowing/triggers.js";
import type { Trigger } from "../../src/api/windowing/trigger.js";
import { TimeWindow } from "../../src/api/windowing/windows.js";
import { HeapKeyedStateBackend } from "../../src/runtime/state/heap-keyed-state-backend.js";
import { KeyWindowSet, MergingWindowSet, type WindowEntry } from "../../src/runtime/operators/windowing/merging-window-set.js";

/** Sessions merged by the general path: mergeWindows() over all windows (mergesAsSessions() is false). */
class GeneralSessions extends MergingWindowAssigner<unknown, TimeWindow> {
  assignWindows(): TimeWindow[] {
    throw new Error("not used");
  }
  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return EventTimeTrigger.create();
  }
  isEventTime(): boolean {
    return true;
  }
  mergeWindows(windows: readonly TimeWindow[], merge: (members: TimeWindow[], result: TimeWindow) => void): void {
    TimeWindow.mergeWindows(windows, merge);
  }
}

type W = [number, number];
const w = (x: TimeWindow): W => [x.start, x.end];
const key = (x: TimeWindow): string => `${x.start}:${x.end}`;

interface MergeCall {
  result: W;
  merged: W[];
  stateWindow: W;
  mergedStateWindows: W[];
}

/** Flink's MergingWindowSet, rebuilt from the mapping for every new window. */
class RebuildReference {
  /** window → state window, by value. */
  mapping = new Map<string, { window: TimeWindow; state: TimeWindow }>();

  addWindow(newWindow: TimeWindow, calls: MergeCall[]): TimeWindow {
    const groups: { members: TimeWindow[]; result: TimeWindow }[] = [];
    TimeWindow.mergeWindows([...[...this.mapping.values()].map((m) => m.window), newWindow], (members, result) => groups.push({ members, result }));
    let resultWindow = newWindow;
    let mergedNewWindow = false;
    for (const { members, result } of groups) {
      const merged = members.filter((m) => m !== newWindow);
      if (merged.length !== members.length) {
        mergedNewWindow = true;
        resultWindow = result;
      }
      const stateWindow = this.mapping.get(key(merged[0]!))!.state;
      const mergedStateWindows: TimeWindow[] = [];
      for (const m of merged) {
        const entry = this.mapping.get(key(m));
        if (entry) {
          this.mapping.delete(key(m));
          mergedStateWindows.push(entry.state);
        }
      }
      this.mapping.set(key(result), { window: result, state: stateWindow });
      const others = mergedStateWindows.filter((s) => key(s) !== key(stateWindow));
      if (!(merged.length === 1 && key(merged[0]!) === key(result))) {
        calls.push({ result: w(result), merged: merged.map(w), stateWindow: w(stateWindow), mergedStateWindows: others.map(w) });
      }
    }
    if (groups.length === 0 || (key(resultWindow) === key(newWindow) && !mergedNewWindow)) {
      this.mapping.set(key(newWindow), { window: resultWindow, state: resultWindow });
    }
    return resultWindow;
  }

  retire(window: TimeWindow): void {
    assert.ok(this.mapping.delete(key(window)));
  }
}

function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
}

function compareOnRandomSequences(assigner: MergingWindowAssigner<unknown, TimeWindow>, incremental: boolean): void {
  assert.equal(assigner.mergesAsSessions(), incremental);
  let merges = 0;
  let multiMerges = 0;
  for (let seed = 1; seed <= 150; seed++) {
    const rnd = rng(seed);
    const backend = new HeapKeyedStateBackend(128, 0, 127);
    const set = new MergingWindowSet<TimeWindow>(assigner, backend.table<KeyWindowSet<TimeWindow>>("_merging-windows"), backend);
    backend.setCurrentKey(`key-${seed}`);
    const reference = new RebuildReference();
    /** Namespace ids handed out so far: each entering window gets a new one. */
    const seen = new Set<number>();
    /** The contents namespace of each state window (by value) while it holds contents. */
    const stateIds = new Map<string, number>();
    const span = 50 + rnd(400);
    for (let step = 0; step < 300; step++) {
      set.load();
      if (rnd(10) === 0 && set.entries().length > 0) {
        const entries = set.entries();
        const victim = entries[rnd(entries.length)]!;
        reference.retire(victim.window);
        stateIds.delete(key(victim.state));
        set.retire(victim);
        continue;
      }
      const start = rnd(span);
      const gap = 1 + rnd(rnd(4) === 0 ? 60 : 12);
      const window = new TimeWindow(start, start + gap);
      const expectedCalls: MergeCall[] = [];
      const expected = reference.addWindow(window, expectedCalls);
      const calls: MergeCall[] = [];
      const entry = set.addWindow(window, (result: WindowEntry<TimeWindow>, merged, mergedStateIds) => {
        calls.push({
          result: w(result.window),
          merged: merged.map((m) => w(m.window)),
          stateWindow: w(result.state),
          mergedStateWindows: merged.filter((m) => m.stateId !== result.stateId).map((m) => w(m.state)),
        });
        assert.ok(!seen.has(result.id), "a merge result gets a namespace of its own");
        seen.add(result.id);
        assert.equal(result.stateId, merged[0]!.stateId, "the contents stay in the first merged window's state namespace");
        assert.deepEqual(
          [...mergedStateIds],
          merged.filter((m) => m.stateId !== result.stateId).map((m) => m.stateId),
          "the other state namespaces are merged into it",
        );
        for (const m of merged) if (m.stateId !== result.stateId) stateIds.delete(key(m.state));
      });
      assert.deepEqual(w(entry.window), w(expected), `seed ${seed} step ${step}: the window the element goes to`);
      assert.deepEqual(calls, expectedCalls, `seed ${seed} step ${step}: the merges`);
      merges += calls.length;
      multiMerges += calls.filter((c) => c.merged.length > 1).length;
      if (!stateIds.has(key(entry.state))) {
        if (calls.length === 0 && entry.window === window) {
          assert.ok(!seen.has(entry.id), "a new window gets a namespace of its own");
          seen.add(entry.id);
          assert.equal(entry.stateId, entry.id);
        }
        stateIds.set(key(entry.state), entry.stateId);
      }
      assert.equal(entry.stateId, stateIds.get(key(entry.state)), "a state window keeps its contents namespace");
      const actual = new Map(set.entries().map((e) => [key(e.window), key(e.state)]));
      const wanted = new Map([...reference.mapping.values()].map((m) => [key(m.window), key(m.state)]));
      assert.deepEqual(actual, wanted, `seed ${seed} step ${step}: the window → state window mapping`);
      assert.equal(new Set(set.entries().map((e) => e.id)).size, set.entries().length, "namespaces are unique within the key");
    }
  }
  assert.ok(merges > 5000, `the sequences merge often (${merges})`);
  assert.ok(multiMerges > 300, `and bridge several windows at once (${multiMerges})`);
}

test("session windows: the incremental merge gives what rebuilding the set from scratch gives, on random sequences", () => {
  compareOnRandomSequences(EventTimeSessionWindows.withGap(10), true);
});

test("other merging assigners: the general path (mergeWindows over the key's windows) gives the same", () => {
  compareOnRandomSequences(new GeneralSessions(), false);
});

test("the set is kept in the backend per key, changed in place, and dropped when its last window retires", () => {
  const backend = new HeapKeyedStateBackend(128, 0, 127);
  const table = backend.table<KeyWindowSet<TimeWindow>>("_merging-windows");
  const set = new MergingWindowSet<TimeWindow>(EventTimeSessionWindows.withGap(10), table, backend);
  backend.setCurrentKey("a");
  set.load();
  const first = set.addWindow(new TimeWindow(0, 10), () => {});
  const stored = backend.currentGroup(table).get(backend.currentStateKey)!;
  assert.ok(stored instanceof KeyWindowSet);
  set.addWindow(new TimeWindow(5, 15), () => {});
  assert.equal(backend.currentGroup(table).get(backend.currentStateKey), stored, "the same object, changed in place");
  assert.deepEqual(stored.entries.map((e) => [e.window.start, e.window.end, e.stateId]), [[0, 15, first.id]]);
  set.load();
  set.retire(set.entries()[0]!);
  assert.equal(backend.currentGroup(table).has(backend.currentStateKey), false);
});

test("a set read back as plain objects (a snapshot, an LMDB read) gets its classes back and ids continue above the restored ones", () => {
  const backend = new HeapKeyedStateBackend(128, 0, 127);
  const table = backend.table<KeyWindowSet<TimeWindow>>("_merging-windows");
  backend.setCurrentKey("a");
  const plain = { entries: [{ window: { start: 0, end: 10 }, id: 41, state: { start: 0, end: 10 }, stateId: 40 }] };
  backend.currentGroup(table).set(backend.currentStateKey, plain as unknown as KeyWindowSet<TimeWindow>);
  const set = new MergingWindowSet<TimeWindow>(EventTimeSessionWindows.withGap(10), table, backend);
  set.restoreIds();
  set.load();
  assert.ok(set.entries()[0]!.window instanceof TimeWindow);
  const entry = set.addWindow(new TimeWindow(30, 40), () => {});
  assert.equal(entry.id, 42);
  assert.ok(backend.currentGroup(table).get(backend.currentStateKey) instanceof KeyWindowSet);
});

test("session-window state in the earlier format ([window, state window] pairs) fails with an error that says what to do", () => {
  const backend = new HeapKeyedStateBackend(128, 0, 127);
  const table = backend.table<KeyWindowSet<TimeWindow>>("_merging-windows");
  backend.setCurrentKey("a");
  const pairs = [[{ start: 0, end: 10 }, { start: 0, end: 10 }]];
  backend.currentGroup(table).set(backend.currentStateKey, pairs as unknown as KeyWindowSet<TimeWindow>);
  const set = new MergingWindowSet<TimeWindow>(EventTimeSessionWindows.withGap(10), table, backend);
  const expected = /earlier Sluice version .*start the job without that checkpoint or savepoint/;
  assert.throws(() => set.restoreIds(), expected);
  assert.throws(() => set.load(), expected);
});
