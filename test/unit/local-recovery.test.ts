/**
 * The pieces of task-local recovery (docs/checkpoints.md, "Task-local recovery"): one conformance suite
 * for both TaskLocalStateStore implementations, the local-first read of a restore, and the slot
 * assignment that sends each slice back to its previous TaskManager.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { FileTaskLocalStateStore } from "../../src/runtime/checkpoint/local/file-task-local-state-store.js";
import { MemoryTaskLocalStateStore } from "../../src/runtime/checkpoint/local/memory-task-local-state-store.js";
import type { TaskLocalStateStore } from "../../src/runtime/checkpoint/local/task-local-state-store.js";
import { readPreferringLocalCopy } from "../../src/runtime/checkpoint/local/local-first-read.js";
import { TaskManagerLocalState } from "../../src/runtime/checkpoint/local/task-manager-local-state.js";
import { localRecoveryEnabled } from "../../src/runtime/checkpoint/local/local-recovery-options.js";
import { encodeTaskSnapshot, type TaskSnapshot } from "../../src/runtime/checkpoint/task-state.js";
import { assignSlots } from "../../src/cluster/jobmaster/slot-assignment.js";
import type { JobGraph } from "../../src/graph/job-graph.js";

const dir = mkdtempSync(join(tmpdir(), "sluice-local-state-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let stores = 0;

const implementations: Array<[string, () => TaskLocalStateStore]> = [
  ["FileTaskLocalStateStore", () => new FileTaskLocalStateStore(join(dir, `task-${stores++}`))],
  ["MemoryTaskLocalStateStore", () => new MemoryTaskLocalStateStore()],
];

for (const [name, create] of implementations) {
  describe(`${name} (TaskLocalStateStore)`, () => {
    test("gives back what it kept, for that checkpoint and that source only", async () => {
      const store = create();
      await store.store(3, "s3://b/job/chk-3/v-0.state", Buffer.from("three"));
      assert.deepEqual(await store.retrieve(3, "s3://b/job/chk-3/v-0.state"), Buffer.from("three"));
      assert.equal(await store.retrieve(4, "s3://b/job/chk-3/v-0.state"), undefined, "another checkpoint");
      assert.equal(await store.retrieve(3, "file:///savepoints/sp/v-0.state"), undefined, "a copy of another file with the same checkpoint id");
    });

    test("confirming a checkpoint deletes the copies of older ones; aborting deletes its own", async () => {
      const store = create();
      for (const id of [1, 2, 3, 4]) await store.store(id, `u${id}`, Buffer.from([id]));
      await store.confirm(3);
      assert.deepEqual(await store.checkpoints(), [3, 4]);
      await store.abort(4);
      assert.deepEqual(await store.checkpoints(), [3]);
      assert.deepEqual(await store.retrieve(3, "u3"), Buffer.from([3]));
    });

    test("a store that kept nothing has no checkpoints and nothing to give", async () => {
      const store = create();
      assert.deepEqual(await store.checkpoints(), []);
      assert.equal(await store.retrieve(1, "u"), undefined);
      await store.confirm(5);
      await store.abort(5);
    });
  });
}

describe("the local-first read of a restore", () => {
  const snapshot: TaskSnapshot = { operators: { op: { operator: { list: { mode: "split", items: [1, 2, 3] } } } } };
  const remote = join(dir, "remote.state");
  writeFileSync(remote, encodeTaskSnapshot({ operators: { op: { operator: { list: { mode: "split", items: ["remote"] } } } } }));

  test("an intact copy is read instead of the checkpoint storage", async () => {
    const store = create();
    await store.store(7, remote, encodeTaskSnapshot(snapshot));
    const read = await readPreferringLocalCopy(remote, 7, store);
    assert.equal(read.local, true);
    assert.deepEqual(read.snapshot, snapshot);
  });

  test("a missing copy, and a damaged one (which is deleted), fall back to the checkpoint storage", async () => {
    const store = create();
    const missing = await readPreferringLocalCopy(remote, 7, store);
    assert.equal(missing.local, false);
    assert.deepEqual(missing.snapshot.operators.op!.operator, { list: { mode: "split", items: ["remote"] } });

    const bytes = Buffer.from(encodeTaskSnapshot(snapshot));
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    await store.store(8, remote, bytes);
    const damaged = await readPreferringLocalCopy(remote, 8, store);
    assert.equal(damaged.local, false);
    assert.deepEqual(damaged.snapshot.operators.op!.operator, { list: { mode: "split", items: ["remote"] } });
    assert.deepEqual(await store.checkpoints(), [], "the damaged copy is gone");
  });

  function create(): FileTaskLocalStateStore {
    return new FileTaskLocalStateStore(join(dir, `restore-${stores++}`));
  }
});

test("a TaskManager's local state: one folder per subtask under tm_<id>/localState, a job's deleted when released", async () => {
  const roots = [join(dir, "root-a"), join(dir, "root-b")];
  const tm = new TaskManagerLocalState({ "taskmanager.state.local.root-dirs": roots.join(",") }, "tm-1");
  assert.deepEqual(tm.dirs, roots.map((r) => join(r, "tm_tm-1", "localState")));
  const taskDir = tm.taskDir("job", "v", 2);
  assert.equal(taskDir, tm.taskDir("job", "v", 2), "the same folder for every attempt");
  assert.match(taskDir, /tm_tm-1\/localState\/jid_job\/vtx_v_sti_2$/);
  await new FileTaskLocalStateStore(taskDir).store(1, "u", Buffer.from("x"));
  const errors: Error[] = [];
  tm.releaseJob("job", (e) => errors.push(e));
  for (let i = 0; i < 100 && existsSync(taskDir); i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(existsSync(taskDir), false);
  assert.deepEqual(errors, []);
  assert.match(new TaskManagerLocalState({ "io.tmp.dirs": "/x/tmp" }, "tm-2").dirs[0]!, /^\/x\/tmp\/tm_tm-2\/localState$/, "default: the TaskManager's working folder");
});

test("the switch: Flink's key and its older name, the client's setting over the cluster's", () => {
  assert.equal(localRecoveryEnabled({}), false);
  assert.equal(localRecoveryEnabled({ "state.backend.local-recovery": "true" }), true);
  assert.equal(localRecoveryEnabled({ "execution.state-recovery.from-local": "true" }), true);
  assert.equal(localRecoveryEnabled({ "state.backend.local-recovery": "false" }, { "state.backend.local-recovery": "true" }), false);
  assert.equal(localRecoveryEnabled(undefined, { "state.backend.local-recovery": "true" }), true);
  assert.throws(() => localRecoveryEnabled({ "state.backend.local-recovery": "yes" }), /state.backend.local-recovery must be true or false/);
});

describe("slot assignment with local recovery", () => {
  const graph = {
    vertices: [
      { id: "a", parallelism: 2, slotSharingGroup: "default" },
      { id: "b", parallelism: 2, slotSharingGroup: "default" },
    ],
  } as unknown as JobGraph;
  const slot = (taskManagerId: string, slotIndex = 0) => ({ taskManagerId, slotIndex });

  test("without a previous placement: slices in the order of TaskManager id and slot", () => {
    const { slotOf } = assignSlots(graph, [slot("tm-m"), slot("tm-f")]);
    assert.equal(slotOf("a", 0).taskManagerId, "tm-f");
    assert.equal(slotOf("b", 1).taskManagerId, "tm-m");
  });

  test("a slice goes back to its previous TaskManager; a slice whose TaskManager is gone takes what is left", () => {
    const first = assignSlots(graph, [slot("tm-m"), slot("tm-v")]);
    assert.equal(first.slotOf("a", 0).taskManagerId, "tm-m");
    // tm-v was replaced by tm-f, which sorts before tm-m: slice 0 stays on tm-m all the same.
    const second = assignSlots(graph, [slot("tm-m"), slot("tm-f")], first.placement);
    assert.deepEqual([0, 1].map((i) => second.slotOf("a", i).taskManagerId), ["tm-m", "tm-f"]);
    assert.deepEqual([0, 1].map((i) => second.slotOf("b", i).taskManagerId), ["tm-m", "tm-f"]);
    assert.deepEqual(second.placement, new Map([["default/0", "tm-m"], ["default/1", "tm-f"]]));
  });
});
