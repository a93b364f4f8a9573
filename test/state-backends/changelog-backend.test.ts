/**
 * The state changelog over both backends (src/runtime/state/changelog/): a random workload of every
 * state kind, flat and namespaced, and timers (added, deleted, fired), with checkpoints and materializations in between; every
 * checkpoint's handle restores (materialization + replay of the segments) to exactly the state the
 * backend had at that checkpoint, at the same range and split over other ranges (twice, so runs
 * taken over from a rescale are followed too). A checkpoint writes what changed, not the state; the
 * task deletes the files only its log needed once nothing refers to them.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deserialize } from "node:v8";
import { after, describe, test } from "node:test";
import { ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, ValueStateDescriptor } from "../../src/api/state/state-descriptors.js";
import type { ListState, MapState, ReducingState, ValueState } from "../../src/api/state/state.js";
import { keyGroupFor, keyGroupRange } from "../../src/graph/key-groups.js";
import { visitKeyGroup } from "../../src/runtime/state/key-group-format.js";
import type { KeyedStateBackend } from "../../src/runtime/state/keyed-state-backend.js";
import { KeyedStateRegistry } from "../../src/runtime/state/keyed-state-registry.js";
import { readStateKey } from "../../src/runtime/state/state-key-codec.js";
import type { StateKey } from "../../src/runtime/state/state-key.js";
import { TimerService } from "../../src/runtime/state/timers/timer-service.js";
import { ChangelogKeyedStateBackend } from "../../src/runtime/state/changelog/changelog-keyed-state-backend.js";
import { filesOf, type ChangelogStateHandle, type KeyGroupBlobs } from "../../src/runtime/state/changelog/changelog-handle.js";
import { loadChangelogFiles, replayChangelog } from "../../src/runtime/state/changelog/changelog-replay.js";
import { PolledTimer, type InternalTimerQueue } from "../../src/runtime/state/timers/internal-timer-queue.js";
import { BACKENDS, disposeBackends, type BackendKind, type Range } from "./support/backends.js";

const dirs: string[] = [];
after(async () => {
  await disposeBackends();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function jobDir(): string {
  const d = mkdtempSync(join(tmpdir(), "sluice-changelog-test-"));
  dirs.push(d);
  return d;
}

const SETTINGS = { materializeIntervalMs: 3_600_000, maxMaterializationFailures: 3 };
const MAX_PARALLELISM = 128;

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface States {
  value: ValueState<{ n: number; seen: string[] }>;
  list: ListState<number>;
  map: MapState<string, number>;
  max: ReducingState<number>;
  /** Window-like state: per key a Map from namespace to the value. */
  windowed: ListState<string>;
  scope: { namespace: string | number };
  /** Timers (namespace = the step's namespace), kept by the backend's timer queue. */
  timers: InternalTimerQueue<number>;
}

function statesOf(backend: KeyedStateBackend): States {
  const registry = new KeyedStateRegistry(backend, () => 0);
  const scope = { namespace: 0 as string | number };
  const windows = new KeyedStateRegistry(backend, () => 0, scope, "_window:");
  return {
    value: registry.getState(new ValueStateDescriptor<{ n: number; seen: string[] }>("value")),
    list: registry.getListState(new ListStateDescriptor<number>("list")),
    map: registry.getMapState(new MapStateDescriptor<string, number>("map")),
    max: registry.getReducingState(new ReducingStateDescriptor<number>("max", (a, b) => Math.max(a, b))),
    windowed: windows.getListState(new ListStateDescriptor<string>("contents")),
    scope,
    timers: backend.timerQueue<number>("event"),
  };
}

/** A random step: the key and the random numbers it uses. */
interface Step {
  key: number;
  op: number;
  namespace: number;
  coin: number;
  i: number;
}

function steps(seed: number, count: number, keys: number, first = 0): Step[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, n) => ({ key: Math.floor(next() * keys), op: Math.floor(next() * 10), namespace: Math.floor(next() * 3), coin: next(), i: first + n }));
}

/** Applies a step: updates in place, overwrites, clears and deletes. */
function apply(backend: KeyedStateBackend, s: States, { key, op, namespace, coin, i }: Step): void {
  backend.setCurrentKey(key);
  s.scope.namespace = namespace;
  if (op === 0) s.value.clear();
  else if (op < 3) {
    const v = s.value.value();
    if (v) {
      v.n += i;
      v.seen.push(`s${i}`);
      s.value.update(v);
    } else s.value.update({ n: i, seen: [] });
  } else if (op === 3) s.list.add(i);
  else if (op === 4) s.list.update(coin < 0.3 ? [] : [i, i + 1]);
  else if (op === 5) s.map.put(`m${i % 7}`, i);
  else if (op === 6) s.map.remove(`m${i % 7}`);
  else if (op === 7) s.max.add(i % 97);
  else if (op === 8) s.windowed.add(`w${i}`);
  else s.windowed.clear();
  // Timers change with state: added, and deleted (some of them not there).
  if (coin < 0.3) s.timers.add((i * 7) % 500, namespace, namespace);
  else if (coin > 0.8) s.timers.remove((i * 3) % 500, namespace);
}

/** Fires the timers up to `upTo` (firing changes the timers of keys other than the current one). */
function fire(s: States, upTo: number): number {
  const t = new PolledTimer<number>();
  let n = 0;
  while (s.timers.size > 0 && s.timers.peekTimestamp() <= upTo && s.timers.poll(t)) n++;
  return n;
}

/**
 * Every entry of a backend, by table, key group and key, read from a full snapshot. Timers are
 * compared by (key, namespace, timestamp): registration numbers are each queue's own.
 */
async function dump(backend: KeyedStateBackend): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  const put = (table: string, kg: number, k: StateKey, v: unknown): void => {
    if (table.startsWith("_timer-lmdb:")) out.set(`${table}|${kg}|${(k as string).slice(0, 16)}${(k as string).slice(29)}`, v);
    else if (table.startsWith("_timer-heap:")) {
      const packed = v as unknown[];
      const timers = Array.from({ length: packed.length / 4 }, (_, i) => JSON.stringify([packed[4 * i], packed[4 * i + 2], packed[4 * i + 3]]));
      out.set(`${table}|${kg}|${String(k)}`, timers.sort());
    } else out.set(`${table}|${kg}|${String(k)}`, v);
  };
  for (const [kg, bytes] of await backend.snapshot().materialize()) {
    visitKeyGroup(bytes, {
      object: (table, k, v) => put(table, kg, k, v),
      serialized: (table, k, v) => put(table, kg, readStateKey(k), deserialize(v)),
    });
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The entries of `all` in key groups [start, end]. */
function within(all: Map<string, unknown>, start: number, end: number): Map<string, unknown> {
  return new Map([...all].filter(([k]) => {
    const kg = Number(k.split("|")[1]);
    return kg >= start && kg <= end;
  }));
}

function rangesOf(parallelism: number): Range[] {
  return Array.from({ length: parallelism }, (_, i) => {
    const r = keyGroupRange(MAX_PARALLELISM, parallelism, i);
    return { maxParallelism: MAX_PARALLELISM, start: r.start, end: r.end };
  });
}

async function restored(kind: BackendKind, range: Range, dir: string, handles: ChangelogStateHandle[]): Promise<ChangelogKeyedStateBackend> {
  const files = new Map<string, KeyGroupBlobs>();
  await loadChangelogFiles(dir, handles, range.start, range.end, files);
  const backend = new ChangelogKeyedStateBackend(kind.create(range), SETTINGS, `test-${range.start}`);
  backend.restoreChangelog(dir, handles, files);
  return backend;
}

/** Takes a checkpoint and waits until its files are written; returns its handle. */
async function checkpoint(backend: ChangelogKeyedStateBackend, id: number, dir: string): Promise<{ handle: ChangelogStateHandle; checkpointedBytes: number; stateBytes: number }> {
  const c = await backend.checkpoint(id, dir).persist();
  return { handle: c.handle, checkpointedBytes: c.checkpointedBytes, stateBytes: c.files.reduce((n, f) => n + f.bytes, 0) };
}

for (const kind of BACKENDS) {
  describe(`state changelog over the ${kind.type} backend`, () => {
    test("every checkpoint restores to the state at that checkpoint: materialization plus the replayed segments", async () => {
      const dir = jobDir();
      const backend = new ChangelogKeyedStateBackend(kind.create(), SETTINGS, "t");
      const s = statesOf(backend);
      const taken: Array<{ handle: ChangelogStateHandle; expected: Map<string, unknown> }> = [];
      let fired = 0;
      for (let id = 1; id <= 12; id++) {
        for (const st of steps(id, 400, 300, id * 1000)) apply(backend, s, st);
        // Materializations start between checkpoints, and run across the checkpoint after.
        const materializing = id % 4 === 0 ? backend.materialize() : undefined;
        for (const st of steps(100 + id, 50, 300, id * 1000 + 500)) apply(backend, s, st);
        fired += fire(s, id * 30);
        const { handle } = await checkpoint(backend, id, dir);
        taken.push({ handle, expected: await dump(backend) });
        backend.notifyCheckpointComplete(id);
        await materializing;
      }
      assert.ok(taken.some((t) => t.handle.runs.some((r) => r.materialization)), "some checkpoints refer to a materialization");
      assert.ok(fired > 100 && s.timers.size > 20, `timers fired (${fired}) and pending (${s.timers.size})`);
      assert.ok([...taken.at(-1)!.expected.keys()].some((k) => k.startsWith("_timer-")), "the timers are in the state compared");
      // With nothing to build on, the first checkpoint is a materialization (no segment holds the state twice).
      assert.deepEqual(filesOf(taken[0]!.handle).map((f) => f.file.includes("-materialization-")), [true], "the first checkpoint is a materialization");
      for (const [n, { handle, expected }] of taken.entries()) {
        const copy = await restored(kind, { maxParallelism: MAX_PARALLELISM, start: 0, end: 127 }, dir, [handle]);
        assert.deepEqual(await dump(copy), expected, `checkpoint ${n + 1}`);
      }
    });

    test("restores at other parallelisms, twice in a row, give every subtask exactly its key groups of the state", async () => {
      const dir = jobDir();
      const reference = kind.create();
      const refStates = statesOf(reference);
      const backend = new ChangelogKeyedStateBackend(kind.create(), SETTINGS, "one");
      const s = statesOf(backend);
      const both = (list: Step[]): void => {
        for (const st of list) {
          apply(backend, s, st);
          apply(reference, refStates, st);
        }
      };
      both(steps(1, 800, 200));
      await checkpoint(backend, 1, dir);
      await backend.materialize();
      both(steps(2, 300, 200, 1000));
      const { handle } = await checkpoint(backend, 2, dir);

      // Parallelism 1 → 3: each new subtask takes over the old run, cut to its range, and goes on.
      const three = await Promise.all(rangesOf(3).map((r) => restored(kind, r, dir, [handle])));
      const expected = await dump(reference);
      for (const b of three) assert.deepEqual(await dump(b), within(expected, b.keyGroupStart, b.keyGroupEnd));
      // Each step goes to the subtask that owns its key; the reference sees them all.
      const threeStates = three.map(statesOf);
      for (const st of steps(3, 600, 200, 2000)) {
        apply(reference, refStates, st);
        const kg = keyGroupFor(st.key, MAX_PARALLELISM);
        const owner = three.findIndex((b) => kg >= b.keyGroupStart && kg <= b.keyGroupEnd);
        apply(three[owner]!, threeStates[owner]!, st);
      }
      const handles3 = await Promise.all(three.map((b, n) => checkpoint(b, 3 + n, dir).then((c) => c.handle)));

      // Parallelism 3 → 2: runs of two generations, from several old subtasks.
      const expectedAfter = await dump(reference);
      for (const r of rangesOf(2)) {
        const b = await restored(kind, r, dir, handles3.filter((_, n) => three[n]!.keyGroupEnd >= r.start && three[n]!.keyGroupStart <= r.end));
        assert.deepEqual(await dump(b), within(expectedAfter, r.start, r.end), `range ${r.start}-${r.end}`);
      }
    });

    test("timers go through the changelog: registered, fired and deleted timers restore as they were at the checkpoint", async () => {
      const dir = jobDir();
      const backend = new ChangelogKeyedStateBackend(kind.create(), SETTINGS, "timers");
      const fired: string[] = [];
      const timers = new TimerService<string>(backend, "event", (t) => fired.push(`${String(t.key)}@${t.timestamp}`), (n) => n);
      const pending = (t: TimerService<string>): string[] => [...t.timers()].map((x) => `${String(x.key)}:${x.namespace}@${x.timestamp}`).sort();
      for (let k = 0; k < 60; k++) {
        backend.setCurrentKey(k);
        for (let w = 0; w < (k % 4) + 1; w++) timers.register(`w${w}`, 100 * (w + 1) + k);
      }
      await checkpoint(backend, 1, dir);
      timers.advance(150);
      for (let k = 0; k < 60; k += 5) {
        backend.setCurrentKey(k);
        timers.delete("w3", 400 + k);
        timers.register("late", 1000 + k);
      }
      const { handle } = await checkpoint(backend, 2, dir);
      const expected = pending(timers);
      assert.ok(fired.length > 0 && expected.length > 0);
      const copy = await restored(kind, { maxParallelism: MAX_PARALLELISM, start: 0, end: 127 }, dir, [handle]);
      const again = new TimerService<string>(copy, "event", () => {}, (n) => n);
      again.restore();
      assert.deepEqual(pending(again), expected);
    });

    test("switching the changelog off and on: a changelog checkpoint replays into a plain backend, a full snapshot restores into a changelog backend whose first checkpoint materializes it", async () => {
      const dir = jobDir();
      const backend = new ChangelogKeyedStateBackend(kind.create(), SETTINGS, "switch");
      const s = statesOf(backend);
      for (const st of steps(7, 500, 150)) apply(backend, s, st);
      await checkpoint(backend, 1, dir);
      await backend.materialize();
      for (const st of steps(8, 300, 150, 1000)) apply(backend, s, st);
      const { handle } = await checkpoint(backend, 2, dir);
      const expected = await dump(backend);

      // Off: the segments are replayed into the plain backend.
      const plain = kind.create();
      const files = new Map<string, KeyGroupBlobs>();
      await loadChangelogFiles(dir, [handle], 0, 127, files);
      replayChangelog(plain, handle, files);
      assert.deepEqual(await dump(plain), expected);

      // On again, from the plain backend's full snapshot: the first checkpoint is a materialization of it all.
      const full = await plain.snapshot().materialize();
      const again = new ChangelogKeyedStateBackend(kind.create(), SETTINGS, "again");
      again.restore(full);
      const otherDir = jobDir();
      const first = await checkpoint(again, 1, otherDir);
      assert.deepEqual(filesOf(first.handle).map((f) => f.file.includes("-materialization-")), [true]);
      const copy = await restored(kind, { maxParallelism: MAX_PARALLELISM, start: 0, end: 127 }, otherDir, [first.handle]);
      assert.deepEqual(await dump(copy), expected);
    });

    test("a checkpoint writes the changes since the last one, not the state; after a materialization the old segments are no longer referred to", async () => {
      const dir = jobDir();
      const backend = new ChangelogKeyedStateBackend(kind.create(), SETTINGS, "size");
      const s = statesOf(backend);
      for (let k = 0; k < 5000; k++) {
        backend.setCurrentKey(k);
        s.value.update({ n: k, seen: ["x".repeat(40)] });
      }
      const first = await checkpoint(backend, 1, dir);
      backend.notifyCheckpointComplete(1);
      await backend.materialize();
      for (let k = 0; k < 50; k++) {
        backend.setCurrentKey(k);
        s.value.update({ n: -k, seen: [] });
      }
      const second = await checkpoint(backend, 2, dir);
      backend.notifyCheckpointComplete(2);
      assert.ok(first.checkpointedBytes > 100_000, `first checkpoint wrote ${first.checkpointedBytes} bytes`);
      // The second checkpoint wrote the 50 changed entries; its materialization came before it.
      const materialization = second.handle.runs[0]!.materialization!;
      const segmentBytes = second.checkpointedBytes - materialization.bytes;
      assert.ok(segmentBytes > 0 && segmentBytes < first.checkpointedBytes * 0.05, `segment of 50 changes: ${segmentBytes} bytes, full state ${first.checkpointedBytes}`);
      assert.deepEqual(
        filesOf(second.handle).map((f) => f.file).filter((f) => f.includes("-log-")).length,
        1,
        "only the segment after the materialization is referred to",
      );
      // A third checkpoint with 5 changes writes only those: the materialization is not written again.
      for (let k = 0; k < 5; k++) {
        backend.setCurrentKey(k);
        s.value.update({ n: k, seen: [] });
      }
      const third = await checkpoint(backend, 3, dir);
      assert.ok(third.checkpointedBytes > 0 && third.checkpointedBytes < 1000, `third checkpoint wrote ${third.checkpointedBytes} bytes`);
      assert.ok(third.stateBytes > first.checkpointedBytes * 0.5, `the state it refers to: ${third.stateBytes} bytes`);
    });

    test("files only the task's log needed are deleted once no undecided checkpoint refers to them; files of completed checkpoints are left to the JobMaster", async () => {
      const dir = jobDir();
      const backend = new ChangelogKeyedStateBackend(kind.create(), SETTINGS, "files");
      const s = statesOf(backend);
      for (const st of steps(1, 200, 100)) apply(backend, s, st);
      const completed = await checkpoint(backend, 1, dir);
      backend.notifyCheckpointComplete(1);
      for (const st of steps(2, 200, 100, 1000)) apply(backend, s, st);
      const aborted = await checkpoint(backend, 2, dir);
      await backend.materialize();
      for (const st of steps(3, 200, 100, 2000)) apply(backend, s, st);
      const latest = await checkpoint(backend, 3, dir);
      const onlyIn2 = filesOf(aborted.handle).map((f) => f.file).filter((f) => !filesOf(completed.handle).some((c) => c.file === f));
      assert.equal(onlyIn2.length, 1, "checkpoint 2 wrote one segment");
      // Checkpoint 2 is still undecided: its segment stays although the log dropped it.
      assert.ok(existsSync(join(dir, onlyIn2[0]!)));
      backend.notifyCheckpointAborted(2);
      await waitUntil(() => !existsSync(join(dir, onlyIn2[0]!)), "the aborted checkpoint's segment to be deleted");
      const onDisk = readdirSync(join(dir, "shared")).map((f) => `shared/${f}`).sort();
      const expected = [...new Set([...filesOf(completed.handle), ...filesOf(latest.handle)].map((f) => f.file))].sort();
      assert.deepEqual(onDisk, expected, "the completed checkpoint's files (the JobMaster's to delete) and the latest's");
      // On dispose, files of no completed checkpoint that no undecided checkpoint refers to go too.
      backend.notifyCheckpointAborted(3);
      await backend.dispose();
      const left = readdirSync(join(dir, "shared")).map((f) => `shared/${f}`).sort();
      assert.deepEqual(left, filesOf(completed.handle).map((f) => f.file).sort());
    });
  });
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
