/** The checkpoint coordinator's shared-state registry (src/cluster/jobmaster/shared-state-registry.ts): a file goes when the last retained checkpoint that refers to it is released. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { SharedStateRegistry } from "../../src/cluster/jobmaster/shared-state-registry.js";

test("a shared file is unused once no retained checkpoint refers to it, however many referred to it before", () => {
  const registry = new SharedStateRegistry();
  registry.register(1, ["shared/m1", "shared/s1"]);
  registry.register(2, ["shared/m1", "shared/s1", "shared/s2"]);
  registry.register(3, ["shared/m2", "shared/s3"]);
  // Registering a checkpoint twice (a rebuilt registry meeting a completion) counts it once.
  registry.register(2, ["shared/m1", "shared/s2"]);
  assert.deepEqual(registry.release(1), []);
  assert.deepEqual(registry.release(2).sort(), ["shared/m1", "shared/s1", "shared/s2"]);
  assert.deepEqual(registry.files().sort(), ["shared/m2", "shared/s3"]);
  assert.deepEqual(registry.release(2), [], "releasing again frees nothing");
  assert.deepEqual(registry.release(3).sort(), ["shared/m2", "shared/s3"]);
  assert.deepEqual(registry.files(), []);
});
