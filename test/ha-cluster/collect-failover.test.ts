/**
 * collectAsync() across a JobManager failover on real processes (docs/architecture.md, "Collecting
 * results"): the consumer fetches through the standby's REST endpoint, which forwards to the leader;
 * the leader is SIGKILLed while the consumer reads; the standby takes over, recovers the job from its
 * last checkpoint (the collect sink with its buffer, under a new version) and the consumer goes on
 * (503s meanwhile are waited out). With exactly-once checkpoints its records are exactly the
 * reference: the generator's first squares, in order.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { testJob } from "../support/paths.js";
import { HaCluster } from "./support/ha-cluster.js";

let cluster: HaCluster;

before(async () => {
  cluster = await HaCluster.startWithStandby({}, [2]);
});

after(async () => {
  await cluster?.close();
});

test("the leading JobManager SIGKILLed while a collectAsync consumer reads: every record exactly once, then the consumer cancels the job", { timeout: 150_000 }, async () => {
  const leader = await cluster.leader();
  const standby = cluster.liveJobManagers.find((jm) => jm !== leader)!;
  const client = new RestClusterClient({ baseUrl: standby.restUrl, maxPollIntervalMs: 100 });
  const out = join(cluster.dir, "collected.json");
  let jobId = "";
  // 2000 records/s, 12000 taken: about 6 s of reading, with a checkpoint every 100 ms.
  const run = runJob(testJob("api/collect-async-job.ts"), { client, args: [out, "12000", "unbounded", "-1", "100", "close", "2000"], onSubmitted: (id) => (jobId = id) });
  await new Promise<void>((resolve) => {
    const t = setInterval(() => {
      if (jobId !== "") (clearInterval(t), resolve());
    }, 20);
  });
  await cluster.waitUntilRunningWithCheckpoint(jobId);
  await new Promise((r) => setTimeout(r, 1000));
  leader.signal("SIGKILL");
  await leader.exited;
  const next = await cluster.leader(30_000, leader);
  assert.equal(next, standby);
  const r = await run;
  assert.equal(r.state, "CANCELED", r.failure?.message);
  assert.equal(r.collectedByConsumer, true);
  const got = JSON.parse(readFileSync(out, "utf8")) as number[];
  assert.equal(got.length, 12000);
  assert.deepEqual(got, Array.from({ length: 12000 }, (_, i) => i * i));
});
