/**
 * Queries with state run the three ways of docs/architecture.md, "Testing": straight through (the other
 * test), at parallelism 2 with checkpoints, stopped there with a savepoint and resumed at
 * parallelism 3 and 1. The source replays from the savepoint's remaining event ranges and the
 * query's windows (q11's sessions too), timers and join state move with their key groups; the records before the
 * savepoint plus those after it are the reference result, each once. (Resuming at 1 merges the
 * readers' strided splits into one reader, which must read them in event-time order, or the
 * windows would drop the later splits' events as late.)
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { runJob } from "../../src/client/job-runner.js";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { example } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { REFERENCES, referenceInput } from "./reference/index.js";
import { canonical } from "./support/compare.js";

const EVENTS = 10_000;
const EVENT_RATE = 100;
/** Wall-clock pace of the first run, so that it is still running when the savepoint is taken. */
const PACE = 4_000;

let cluster: MiniCluster;
let client: MiniClusterClient;

const args = (rate: number): string[] => [String(EVENTS), String(rate), "sink=collect", `event-rate=${EVENT_RATE}`, "checkpoint-interval=200"];

describe("nexmark queries stopped with a savepoint and resumed at another parallelism", () => {
  before(async () => {
    cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 3 });
    client = new MiniClusterClient(cluster);
  });
  after(() => cluster.close());

  for (const query of ["q5", "q20", "q4", "q7", "q11"]) {
    test(query, async () => {
      const want: unknown[] = [];
      REFERENCES[query]!(referenceInput(EVENTS, { firstEventRate: EVENT_RATE }), (r) => want.push(r));
      const file = example(`nexmark/${query}.ts`);

      let jobId = "";
      const first = runJob(file, { client, parallelism: 2, args: args(PACE), onSubmitted: (id) => (jobId = id) });
      await waitFor(() => {
        if (jobId === "") return false;
        const counts = cluster.dispatcher.requestJob(jobId).statusCounts as Record<string, number>;
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        return total > 0 && counts.RUNNING === total;
      }, `${query} running`);
      await new Promise((r) => setTimeout(r, 700));
      const savepoint = await client.stopWithSavepoint(jobId, mkdtempSync(join(tmpdir(), `sluice-nexmark-${query}-`)));
      const stopped = await first;
      assert.equal(stopped.state, "FINISHED", stopped.failure?.message);
      const beforeSavepoint = stopped.records!;
      assert.ok(beforeSavepoint.length < want.length, `${query} was stopped part-way`);

      for (const parallelism of [3, 1]) {
        const resumed = await runJob(file, { client, parallelism, args: args(0), savepointPath: savepoint });
        assert.equal(resumed.state, "FINISHED", resumed.failure?.message);
        const all = [...beforeSavepoint, ...resumed.records!];
        if (query === "q4") {
          // Updates per category: their number is fixed, the final value per category too.
          const finals = (rs: readonly unknown[]): string[] => canonical([...new Map(rs.map((r) => [(r as { category: number }).category, r])).values()]);
          assert.equal(all.length, want.length, `${query} resumed at ${parallelism}: number of updates`);
          assert.deepEqual(finals(resumed.records!.length > 0 ? all : beforeSavepoint), finals(want));
        } else {
          assert.deepEqual(canonical(all), canonical(want), `${query} resumed at parallelism ${parallelism}`);
        }
      }
    });
  }
});
