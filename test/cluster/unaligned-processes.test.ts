/**
 * Exactly-once with unaligned checkpoints on real processes (docs/checkpoints.md, "Unaligned
 * checkpoints"): a JobManager and two TaskManager processes; the sequence check with a slow
 * checker (test/jobs/backpressured-sequence.ts), so the buffers fill up and every checkpoint
 * persists in-flight data; a TaskManager is SIGKILLed twice, each time after an unaligned
 * checkpoint with in-flight data completed, and a new one started. The job ends with the
 * reference result and the checker never saw a gap or duplicate. The same with the state changelog
 * on as well (the checkpoints then refer to changelog segments besides their in-flight data).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { finalsOf, referenceFinals } from "../checkpointing/sequence-support.js";
import { CHANGELOG_CONFIG, isSegment } from "../checkpointing/changelog-support.js";
import type { CheckpointMetadata } from "../../src/runtime/checkpoint/checkpoint-metadata.js";
import { getJson, killAll, startJobManager, startTaskManager, type TaskManagerProcess } from "./support/processes.js";

const dir = mkdtempSync(join(tmpdir(), "sluice-unaligned-processes-"));

after(async () => {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

interface CheckpointsJson {
  counts: { completed: number; restored: number };
  latest: { completed: { id: number; checkpoint_type: string; persisted_data: number; external_path: string } | null; restored: { id: number } | null };
}

/**
 * Runs the backpressured sequence check on a JobManager with `config` and two TaskManagers; before
 * each of two TaskManager SIGKILLs, waits for a completed unaligned checkpoint with in-flight data
 * (and whatever else `checkpointReady` asks of its `_metadata`).
 */
async function survivesTwoTaskManagerKills(config: Record<string, string>, checkpointReady: (metadata: CheckpointMetadata) => boolean = () => true): Promise<void> {
  const jm = await startJobManager({ "execution.checkpointing.dir": join(dir, "checkpoints"), "execution.checkpointing.unaligned.enabled": "true", ...config });
  const client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
  const tms: TaskManagerProcess[] = await Promise.all([startTaskManager(jm.rpcHostPort), startTaskManager(jm.rpcHostPort)]);
  const count = 80_000;
  let jobId = "";
  // parallelism 2, 0.3 ms per record in the checker, checkpoints every 200 ms, 200-byte records.
  const result = runJob(testJob("backpressured-sequence.ts"), { client, args: [String(count), "2", "0.3", "", "200", "200"], onSubmitted: (id) => (jobId = id) });
  result.catch(() => {});
  const checkpoints = (): Promise<CheckpointsJson> => getJson<CheckpointsJson>(jm.restUrl, `/jobs/${jobId}/checkpoints`);
  let restoredFrom = 0;
  for (let kill = 1; kill <= 2; kill++) {
    await waitFor(async () => {
      if (jobId === "") return false;
      const c = (await checkpoints()).latest.completed;
      if (c === null || c.id <= restoredFrom || c.checkpoint_type !== "UNALIGNED_CHECKPOINT" || c.persisted_data === 0) return false;
      return checkpointReady(readMetadata(c.external_path));
    }, `an unaligned checkpoint with in-flight data (before kill ${kill})`, 90_000, 50);
    const victim = tms.shift()!;
    victim.signal("SIGKILL");
    await victim.exited;
    tms.push(await startTaskManager(jm.rpcHostPort));
    await waitFor(async () => (await checkpoints()).counts.restored >= kill, `restore ${kill}`, 120_000, 50).catch((error: Error) => {
      // What the JobManager saw is what tells a slow restore from a stuck one.
      throw new Error(`${error.message}\nJobManager log (tail):\n${jm.stderr().slice(-4000)}`);
    });
    restoredFrom = (await checkpoints()).latest.restored!.id;
  }
  const run = await result;
  assert.equal(run.state, "FINISHED", run.failure?.message);
  assert.ok(run.restarts >= 2, `restarts: ${run.restarts}`);
  assert.deepEqual(finalsOf(run.records!), referenceFinals(count), "the final sum of every key matches the reference");
  assert.doesNotMatch(jm.stderr(), /gap or duplicate/);
  const exceptions = await getJson<unknown>(jm.restUrl, `/jobs/${jobId}/exceptions`);
  assert.doesNotMatch(JSON.stringify(exceptions), /gap or duplicate/);
  jm.signal("SIGKILL");
  for (const tm of tms) tm.signal("SIGKILL");
}

/** A completed checkpoint's `_metadata` (external_path is the file or its folder); {} while it cannot be read. */
function readMetadata(path: string): CheckpointMetadata {
  try {
    return JSON.parse(readFileSync(path.endsWith("_metadata") ? path : join(path, "_metadata"), "utf8")) as CheckpointMetadata;
  } catch {
    return { operators: {} } as unknown as CheckpointMetadata;
  }
}

test("unaligned checkpoints under backpressure: two TaskManager SIGKILLs, exactly once", { timeout: 300_000 }, async () => {
  await survivesTwoTaskManagerKills({});
});

test("unaligned checkpoints with the state changelog: two TaskManager SIGKILLs, restored from changelog files and in-flight data, exactly once", { timeout: 300_000 }, async () => {
  await survivesTwoTaskManagerKills(CHANGELOG_CONFIG, (m) => (m.sharedFiles ?? []).some((f) => isSegment(f.file)));
});
