/**
 * Every Nexmark query, run from its job file on the MiniCluster at parallelism 1 and 2, gives the
 * result of a plain single-loop reference over the same generated events. The events span 100 s
 * of event time (10,000 events at 100 per second), so windows, sessions and auction lifetimes
 * open and close many times. One MiniCluster serves all runs (its slots are reused job after job).
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
const QUERIES = Object.keys(REFERENCES);
function expected(query) {
    const out = [];
    REFERENCES[query](referenceInput(EVENTS, { firstEventRate: EVENT_RATE }), (r) => out.push(r));
    return out;
}
let cluster;
let client;
async function run(query, parallelism) {
    const r = await runJob(example(`nexmark/${query}.ts`), { client, parallelism, args: [String(EVENTS), "0", "sink=collect", `event-rate=${EVENT_RATE}`] });
    assert.equal(r.state, "FINISHED", `${query} at parallelism ${parallelism}: ${r.failure?.message ?? ""}`);
    return r.records;
}
describe("nexmark queries against their references", () => {
    before(async () => {
        cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 2 });
        client = new MiniClusterClient(cluster);
    });
    after(() => cluster.close());
    for (const query of QUERIES) {
        test(query, async () => {
            const want = expected(query);
            assert.ok(want.length > 0, `the reference of ${query} is not empty`);
            const wanted = comparable(want, COMPARISONS[query]);
            for (const parallelism of [1, 2]) {
                const got = comparable(await run(query, parallelism), COMPARISONS[query]);
                assert.equal(got.length, wanted.length, `${query} at parallelism ${parallelism}: number of results`);
                assert.deepEqual(got, wanted, `${query} at parallelism ${parallelism}`);
            }
        });
    }
});
//# sourceMappingURL=queries.test.js.map