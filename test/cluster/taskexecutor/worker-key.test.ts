import { test } from "node:test";
import assert from "node:assert/strict";
import { parseWorkerKey, taskManagerOf, workerKey } from "../../../src/runtime/network/frames.js";

test("a worker key names a TaskManager and a slot, and parses back", () => {
  const key = workerKey("tm-1a2b:host.example_9", 12);
  assert.equal(key, "tm-1a2b:host.example_9#12");
  assert.deepEqual(parseWorkerKey(key), { taskManagerId: "tm-1a2b:host.example_9", slotIndex: 12 });
  assert.equal(taskManagerOf(key), "tm-1a2b:host.example_9");
  // Prefixes of other ids are not the same TaskManager.
  assert.notEqual(taskManagerOf(workerKey("tm-10", 0)), taskManagerOf(workerKey("tm-1", 0)));
});

test("a string that is not a worker key is refused", () => {
  for (const bad of ["tm-1", "#1", "tm-1#", "tm-1#x", "tm-1#-1", "tm-1#1.5"]) {
    assert.throws(() => parseWorkerKey(bad), /is not a worker key/, bad);
  }
});
