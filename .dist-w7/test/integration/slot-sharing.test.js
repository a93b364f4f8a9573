/**
 * The user's example: 5 operators, A and C sources, E the sink, C and E at parallelism 3 and the
 * rest at 4, need exactly 4 slots. With fewer the job waits with a clear status, then runs once
 * another TaskManager brings the missing slot.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { prepareJob, runJob } from "../../src/client/job-runner.js";
import { requiredSlots } from "../../src/graph/job-graph.js";
import { SLUICE_BIN, example } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
test("sluice info shows the chains of the 5-operator example and its need of 4 slots", () => {
    const out = execFileSync(process.execPath, [SLUICE_BIN, "info", example("slot-sharing.ts")], { encoding: "utf8" });
    assert.match(out, /needs 4 slots/);
    assert.match(out, /A -> B/, "A and B are chained");
    const vertices = out.split("\n").filter((l) => /^\[\d+\]/.test(l));
    assert.ok(vertices.length >= 2, out);
    const json = JSON.parse(execFileSync(process.execPath, [SLUICE_BIN, "info", example("slot-sharing.ts"), "--json"], { encoding: "utf8" }));
    assert.equal(json.requiredSlots, 4);
    assert.deepEqual(json.vertices.map((v) => [v.name, v.parallelism]), [["A -> B", 4], ["C", 3], ["D", 4], ["E", 3]]);
});
test("with 3 slots the job waits and says why; a 4th slot lets it run to the end", async () => {
    const prepared = await prepareJob(example("slot-sharing.ts"));
    assert.equal(requiredSlots(prepared.evaluated.jobGraph), 4);
    const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 3 });
    const client = new MiniClusterClient(cluster);
    let jobId = "";
    const done = runJob(example("slot-sharing.ts"), { client, onSubmitted: (id) => (jobId = id) });
    try {
        await waitFor(() => jobId !== "" && /needs 4 slots, 3 offered/.test(cluster.dispatcher.requestJob(jobId).statusMessage ?? ""), "waiting message");
        const waiting = cluster.dispatcher.requestJob(jobId);
        assert.equal(waiting.state, "RUNNING");
        assert.deepEqual(waiting.statusCounts, { SCHEDULED: 14 }, "no task deployed while slots are missing");
        await cluster.addTaskExecutor(1);
        const result = await done;
        assert.equal(result.state, "FINISHED");
        assert.equal(cluster.dispatcher.requestJob(jobId).statusMessage, undefined);
    }
    finally {
        await cluster.close();
    }
});
//# sourceMappingURL=slot-sharing.test.js.map