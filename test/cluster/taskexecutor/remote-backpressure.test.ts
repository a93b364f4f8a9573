/**
 * Credit-based flow control across TaskManagers: a slow consumer on one TaskManager bounds the
 * buffers of a fast producer on another, whose frames go worker → data plane → transport → data
 * plane → worker (checked by counting buffers and records in flight, never by wall-clock time).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { MiniCluster } from "../../../src/cluster/minicluster.js";
import { MiniClusterClient } from "../../../src/client/cluster-client.js";
import { runJob } from "../../../src/client/job-runner.js";
import { testJob } from "../../support/paths.js";
import { waitFor } from "../../support/wait.js";

const FAST_METRICS = { "metrics.report-interval": "50", "metrics.fetcher.update-interval": "50" };
/** Credits of a channel between TaskManagers (DEFAULT_BUFFERS_PER_REMOTE_CHANNEL of the stream task). */
const REMOTE_CREDITS = 16;

test("a slow consumer on another TaskManager bounds the producer's buffers", { timeout: 60_000 }, async () => {
  const cluster = await MiniCluster.start({ numTaskManagers: 2, slotsPerTaskManager: 1, config: FAST_METRICS });
  const client = new MiniClusterClient(cluster);
  let jobId = "";
  const done = runJob(testJob("slow-sink.ts"), { client, config: FAST_METRICS, onSubmitted: (id) => (jobId = id) });
  try {
    await waitFor(() => jobId !== "" && cluster.dispatcher.requestJob(jobId).state === "RUNNING", "job running");
    const [producer, consumer] = cluster.dispatcher.requestJob(jobId).vertices.map((v) => v.subtasks[0]!.taskManagerId);
    assert.ok(producer && consumer && producer !== consumer, `source and sink on different TaskManagers (${producer}, ${consumer})`);
    let maxInFlight = 0;
    let maxLag = 0;
    await waitFor(() => {
      const [source, sink] = cluster.dispatcher.requestJob(jobId).vertices;
      const out = source!.subtasks[0]!.metrics;
      const inn = sink!.subtasks[0]!.metrics;
      if (!out || !inn) return false;
      maxInFlight = Math.max(maxInFlight, out.inFlightBuffers + inn.inFlightBuffers);
      maxLag = Math.max(maxLag, out.numRecordsOut - inn.numRecordsIn);
      return inn.numRecordsIn > 3000;
    }, "sink progress");
    // One channel with REMOTE_CREDITS credits: at most that many buffers on the way, plus a few finished ones waiting.
    assert.ok(maxInFlight <= REMOTE_CREDITS + 4, `in-flight buffers ${maxInFlight}`);
    // Without flow control the source would be millions of records ahead by now.
    assert.ok(maxLag <= (REMOTE_CREDITS + 4) * 8192, `records between source and sink: ${maxLag}`);
    assert.ok(cluster.dispatcher.requestJob(jobId).vertices[0]!.subtasks[0]!.metrics!.backPressuredTimeMsPerSecond > 0, "the source reports backpressured time");
    await client.cancel(jobId);
    assert.equal((await done).state, "CANCELED");
  } finally {
    await cluster.close();
  }
});
