/**
 * Credit-based flow control keeps a fast source from running ahead of a slow sink (checked by
 * counting buffers in flight and the records between them, never by wall-clock time), and
 * cancelling unbounded jobs ends every worker thread.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { runJob } from "../../src/client/job-runner.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
const FAST_METRICS = { "metrics.report-interval": "50", "metrics.fetcher.update-interval": "50" };
test("a slow sink backpressures a fast source: in-flight buffers and records stay bounded", async () => {
    const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 2, config: FAST_METRICS });
    const client = new MiniClusterClient(cluster);
    let jobId = "";
    const done = runJob(testJob("slow-sink.ts"), { client, config: FAST_METRICS, onSubmitted: (id) => (jobId = id) });
    try {
        await waitFor(() => jobId !== "" && cluster.dispatcher.requestJob(jobId).state === "RUNNING", "job running");
        let maxInFlight = 0;
        let maxLag = 0;
        let sinkRecords = 0;
        // Sample the metrics until the sink has worked through a good number of records.
        await waitFor(() => {
            const d = cluster.dispatcher.requestJob(jobId);
            const [source, sink] = d.vertices;
            const out = source.subtasks[0].metrics;
            const inn = sink.subtasks[0].metrics;
            if (!out || !inn)
                return false;
            maxInFlight = Math.max(maxInFlight, out.inFlightBuffers + inn.inFlightBuffers);
            maxLag = Math.max(maxLag, out.numRecordsOut - inn.numRecordsIn);
            sinkRecords = inn.numRecordsIn;
            return sinkRecords > 3000;
        }, "sink progress");
        // One channel with 4 credits: at most 4 buffers on the wire plus a few finished ones waiting.
        assert.ok(maxInFlight <= 8, `in-flight buffers ${maxInFlight}`);
        // Without flow control the source would be millions of records ahead by now.
        assert.ok(maxLag <= 8 * 8192, `records between source and sink: ${maxLag}`);
        const d = cluster.dispatcher.requestJob(jobId);
        assert.ok(d.vertices[0].subtasks[0].metrics.backPressuredTimeMsPerSecond > 0, "source reports backpressured time");
        await client.cancel(jobId);
        const result = await done;
        assert.equal(result.state, "CANCELED");
    }
    finally {
        await cluster.close();
    }
});
test("cancelling an unbounded job ends every task and every worker thread", async () => {
    const cluster = await MiniCluster.start({ numTaskManagers: 2, slotsPerTaskManager: 1 });
    const client = new MiniClusterClient(cluster);
    let jobId = "";
    const done = runJob(testJob("unbounded.ts"), { client, onSubmitted: (id) => (jobId = id) });
    try {
        await waitFor(() => jobId !== "" && cluster.dispatcher.requestJob(jobId).statusCounts.RUNNING === 4, "all tasks running");
        assert.equal(cluster.activeWorkers, 2);
        await client.cancel(jobId);
        const result = await done;
        assert.equal(result.state, "CANCELED");
        const d = cluster.dispatcher.requestJob(jobId);
        assert.deepEqual(d.statusCounts, { CANCELED: 4 });
        await waitFor(() => cluster.activeWorkers === 0, "worker threads terminated");
    }
    finally {
        await cluster.close();
    }
});
//# sourceMappingURL=backpressure-and-cancel.test.js.map