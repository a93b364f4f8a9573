/**
 * A task's state file encoded in slices (what the task checkpointer does in the asynchronous part)
 * is byte for byte the file encodeTaskSnapshot writes, reads back with its checksum, and lets the
 * event loop run while a large file is hashed and copied.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeTaskSnapshot, encodeTaskSnapshot, encodeTaskSnapshotInSlices, type TaskSnapshot } from "../../src/runtime/checkpoint/task-state.js";

test("a state file encoded in slices is the same file, and the task runs between the slices", async () => {
  const keyed: Array<[number, Uint8Array]> = Array.from({ length: 24 }, (_, kg) => [kg, Buffer.alloc(1024 * 1024, kg + 1)]);
  const snapshot: TaskSnapshot = { operators: { op: { keyed, operator: { splits: { mode: "split", items: [1, 2, 3] } } } } };
  let turns = 0;
  let running = true;
  const spin = (): void => {
    turns++;
    if (running) setImmediate(spin);
  };
  setImmediate(spin);
  const sliced = await encodeTaskSnapshotInSlices(snapshot);
  running = false;
  assert.ok(turns > 1, "other work ran while the file was encoded");
  assert.deepEqual(Buffer.from(sliced), Buffer.from(encodeTaskSnapshot(snapshot)));
  const back = decodeTaskSnapshot(Buffer.from(sliced), "mem://test");
  assert.deepEqual(back.operators.op!.operator, { splits: { mode: "split", items: [1, 2, 3] } });
  assert.deepEqual(back.operators.op!.keyed!.map(([kg, b]) => [kg, Buffer.from(b).equals(keyed[kg]![1])]), keyed.map(([kg]) => [kg, true]));
});
