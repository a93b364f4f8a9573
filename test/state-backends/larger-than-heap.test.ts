/**
 * The on-disk backend runs a job whose keyed state is several times the worker's heap limit
 * (`taskmanager.memory.task.heap.mb`), and gets the right result; the same job on the heap
 * backend runs out of memory. Both run on a MiniCluster through runJob, as users run jobs.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { testJob } from "../support/paths.js";

const JOB = testJob("state-backends/large-keyed-state.ts");
const HEAP_MB = 48;
const KEYS = 100_000;
const VALUE_BYTES = 2048;
const localDir = mkdtempSync(join(tmpdir(), "sluice-larger-than-heap-"));

after(() => rmSync(localDir, { recursive: true, force: true }));

const config = (backend: string): Record<string, string> => ({
  "taskmanager.memory.task.heap.mb": String(HEAP_MB),
  "state.backend.type": backend,
  "state.backend.lmdb.localdir": localDir,
});

test(`lmdb: ${KEYS} keys × ${VALUE_BYTES} B of state in a worker limited to ${HEAP_MB} MB of heap`, async () => {
  assert.ok(KEYS * VALUE_BYTES > 4 * HEAP_MB * 1024 * 1024, "the state is several times the heap limit");
  const result = await runJob(JOB, { args: [String(KEYS), String(VALUE_BYTES)], config: config("lmdb") });
  assert.equal(result.state, "FINISHED", result.failure?.message);
  assert.equal(result.records!.at(-1), KEYS, "every key read back exactly what it stored");
  assert.deepEqual(
    readdirSync(localDir).filter((f) => f.startsWith("sluice-lmdb-")),
    [],
    "the task deleted its LMDB folder when it ended",
  );
});

test(`hashmap: the same job runs out of the ${HEAP_MB} MB heap`, async () => {
  const result = await runJob(JOB, { args: [String(KEYS), String(VALUE_BYTES)], config: config("hashmap") });
  assert.equal(result.state, "FAILED");
  assert.match(result.failure?.message ?? "", /memory/i);
});
