/**
 * A NATS JetStream source whose server is down at start (docs/connectors.md, "Server down at start"):
 * while the connector retries, REST shows the source's subtasks INITIALIZING (vertex status and task
 * counts of /jobs/:id) and every failed attempt as a non-fatal entry of /jobs/:id/exceptions; once the
 * server is up the job finishes with the reference output.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { runJob } from "../../../src/client/job-runner.js";
import { MiniClusterClient } from "../../../src/client/cluster-client.js";
import { testJob } from "../../support/paths.js";
import { startNats } from "../../support/nats.js";
import { startRestCluster } from "../../rest/support.js";
import { waitForInitializing, waitForRetries } from "../startup-status-support.js";
import { inputRecords, inputSubject, referenceLines, type NatsPipelineSpec } from "../../jobs/nats/nats-pipeline-spec.js";

const JOB = testJob("nats/nats-pipeline.ts");
const SUBJECTS = 3;

/**
 * Runs the pipeline with the server of `role` down at start (the other one up), checks REST while that
 * connector retries, then starts the server and checks the job's output.
 */
async function downAtStart(role: "source" | "sink"): Promise<void> {
  const sourceServer = await startNats();
  const sinkServer = role === "sink" ? await startNats() : sourceServer;
  const down = role === "source" ? sourceServer : sinkServer;
  const { connect } = await import("nats");
  const records = inputRecords([0, 1, 2], 0, 40);
  const admin = await connect({ servers: sourceServer.url });
  const jsm = await admin.jetstreamManager();
  await jsm.streams.add({ name: "LATEIN", subjects: ["LATEIN.>"] });
  const js = admin.jetstream();
  for (const r of records) await js.publish(inputSubject("LATEIN", r.key, SUBJECTS), JSON.stringify(r));
  await admin.close();
  const sinkAdmin = await connect({ servers: sinkServer.url });
  await (await sinkAdmin.jetstreamManager()).streams.add({ name: "LATEOUT", subjects: ["LATEOUT.>"] });
  await sinkAdmin.close();
  await down.kill();
  const rc = await startRestCluster({ taskManagers: 1, slots: 4 });
  try {
    const spec: NatsPipelineSpec = {
      servers: sourceServer.url,
      sinkServers: sinkServer.url,
      source: "LATEIN",
      target: "LATEOUT",
      parallelism: 2,
      checkpointIntervalMs: 200,
      discoveryIntervalMs: 200,
      bounded: true,
      connectRetryTimeoutMs: 60_000,
      restartAttempts: 0,
      restartDelayMs: 0,
    };
    let jobId = "";
    const run = runJob(JOB, { client: new MiniClusterClient(rc.cluster), args: [JSON.stringify(spec)], onSubmitted: (id) => (jobId = id) });
    const vertexName = role === "source" ? /NATS input/ : /NATS totals/;

    const vertex = await waitForInitializing(rc.url, () => jobId, vertexName, 2, role);
    assert.equal(vertex.tasks.RUNNING, 0, `no ${role} subtask runs while its server is down`);
    const retries = await waitForRetries(rc.url, jobId, `nats-jetstream ${role} `);
    for (const r of retries) {
      assert.equal(r.exceptionName, "NatsUnavailableError");
      assert.match(r.message, new RegExp(`nats-jetstream ${role} LATE(IN|OUT)@.* unreachable \\(attempt \\d+: .*\\); retrying in \\d+ ms`));
    }

    await down.restart();
    const result = await run;
    assert.equal(result.state, "FINISHED", result.failure?.message);
    assert.equal(result.restarts, 0, "retries are not failures");
    const check = await connect({ servers: sinkServer.url });
    try {
      const checkJsm = await check.jetstreamManager();
      const info = await checkJsm.streams.info("LATEOUT");
      const lines: string[] = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) lines.push(new TextDecoder().decode((await checkJsm.streams.getMessage("LATEOUT", { seq })).data));
      assert.deepEqual(lines.sort(), referenceLines(records));
    } finally {
      await check.close();
    }
  } finally {
    await rc.close();
    await sourceServer.stop();
    if (sinkServer !== sourceServer) await sinkServer.stop();
  }
}

test("a NATS source whose server is down at start is INITIALIZING with each retry in the exception history, and completes once the server is up", { timeout: 90_000 }, () => downAtStart("source"));

test("a NATS sink whose server is down at start is INITIALIZING with each retry in the exception history, and completes once the server is up", { timeout: 90_000 }, () => downAtStart("sink"));
