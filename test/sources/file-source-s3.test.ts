/**
 * FileSource on s3:// (docs/connectors.md, "Files"; docs/checkpoints.md, "Storage on S3") against a
 * real S3-protocol server: the enumerator in the JobMaster lists the prefix, readers read objects in
 * blocks; a bounded source reads every line exactly once through two task failures; in continuous
 * mode objects put while the job runs are discovered and read, each once.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { runJob } from "../../src/client/job-runner.js";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { configureFileSystems, fileSystemFor } from "../../src/fs/file-systems.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { startS3Server, type S3Server } from "../support/s3.js";
import { uniqueName } from "../fs/file-system-cases.js";
import { fileOf, finalTotals, progressReached, referenceTotals, tempDir } from "./file-source-support.js";

const JOB = testJob("file-sequence.ts");
let s3: S3Server;

before(async () => {
  s3 = await startS3Server({ buckets: ["files"] });
  configureFileSystems(s3.config);
});
after(async () => {
  await s3?.stop();
});

/** Objects [from, to) under `prefix` (an object appears whole when its PUT completes), plus a hidden one. */
async function putObjects(prefix: string, from: number, to: number): Promise<void> {
  const fs = fileSystemFor(prefix);
  for (let f = from; f < to; f++) {
    const { name, text } = fileOf(f);
    await fs.write(`${prefix}/${name}`, Buffer.from(text));
  }
  await fs.write(`${prefix}/_SUCCESS`, Buffer.from("not data\n"));
}

test("a bounded FileSource on s3:// reads every line exactly once through two task failures", { timeout: 120_000 }, async () => {
  const prefix = `s3://files/bounded-${uniqueName()}`;
  await putObjects(prefix, 0, 20);
  const result = await runJob(JOB, { args: [prefix, "0", "2", "40", "2", "600", "2000"], config: s3.config });
  assert.equal(result.state, "FINISHED", result.failure?.message);
  assert.equal(result.restarts, 2);
  assert.ok(result.checkpoints.restored >= 1, `restored from checkpoints ${result.checkpoints.restored} times`);
  assert.deepEqual(finalTotals(result.records!), referenceTotals(20));
});

test("in continuous mode, objects put under the s3:// prefix while the job runs are discovered and read once", { timeout: 120_000 }, async () => {
  const prefix = `s3://files/continuous-${uniqueName()}`;
  const work = tempDir("sluice-s3-files-work-");
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 2, config: { ...s3.config, "execution.checkpointing.dir": "s3://files/checkpoints" } });
  const client = new MiniClusterClient(cluster);
  try {
    await putObjects(prefix, 0, 5);
    const progress = join(work, "progress");
    let jobId = "";
    const run = runJob(JOB, { client, args: [prefix, "50", "2", "100", "0", "0", "5000", progress], onSubmitted: (id) => (jobId = id) });
    await waitFor(() => progressReached(progress, referenceTotals(5)), "the first objects read", 60_000);
    await putObjects(prefix, 5, 12);
    await waitFor(() => progressReached(progress, referenceTotals(12)), "objects put while the job runs read", 60_000);
    await client.stopWithSavepoint(jobId, "s3://files/savepoints");
    const stopped = await run;
    assert.equal(stopped.state, "FINISHED", stopped.failure?.message);
    assert.equal(stopped.restarts, 0, "no object was read twice (the checker would have failed the job)");
    assert.deepEqual(finalTotals(stopped.records!), referenceTotals(12));
  } finally {
    await cluster.close();
  }
});
