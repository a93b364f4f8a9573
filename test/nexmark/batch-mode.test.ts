/**
 * Nexmark in batch execution mode (docs/architecture.md, "Batch execution mode"): the queries
 * whose results do not depend on when they are emitted — stateless ones, windows, window joins —
 * run over the bounded generator with `execution.runtime-mode=batch` at parallelism 2 and give
 * the same results as their single-loop references (and so as in streaming mode).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { runJob } from "../../src/client/job-runner.js";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { example } from "../support/paths.js";
import { REFERENCES, referenceInput } from "./reference/index.js";
import { COMPARISONS, comparable } from "./support/compare.js";

const EVENTS = 10_000;
const EVENT_RATE = 100;
const QUERIES = ["q0", "q1", "q2", "q5", "q7", "q8", "q11", "q12", "q13", "q14", "q15", "q16", "q17", "q21", "q22"];

let cluster: MiniCluster;
let client: MiniClusterClient;

describe("nexmark queries in batch mode against their references", () => {
  before(async () => {
    cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 2 });
    client = new MiniClusterClient(cluster);
  });
  after(() => cluster.close());

  for (const query of QUERIES) {
    test(query, async () => {
      const want: unknown[] = [];
      REFERENCES[query]!(referenceInput(EVENTS, { firstEventRate: EVENT_RATE }), (r) => want.push(r));
      assert.ok(want.length > 0, `the reference of ${query} is not empty`);
      const r = await runJob(example(`nexmark/${query}.ts`), {
        client,
        parallelism: 2,
        config: { "execution.runtime-mode": "batch" },
        args: [String(EVENTS), "0", "sink=collect", `event-rate=${EVENT_RATE}`],
      });
      assert.equal(r.state, "FINISHED", `${query}: ${r.failure?.message ?? ""}`);
      assert.equal(r.jobGraph.settings.runtimeMode, "batch");
      assert.deepEqual(comparable(r.records!, COMPARISONS[query]), comparable(want, COMPARISONS[query]), query);
    });
  }
});
