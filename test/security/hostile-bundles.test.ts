/**
 * Job bundles that fail to load, never finish evaluating their definition, or allocate without bound
 * when a TaskExecutor's slot worker binds them fail their own job only: the same
 * TaskExecutor runs a well-behaved job meanwhile and afterwards, with the reference result.
 *
 * A client evaluates a definition before submitting it, so a hostile bundle that reaches the workers
 * comes with a JobGraph that was not made from it (POST /jobs takes both as given). The test does the
 * same: every hostile bundle is submitted with the JobGraph of the well-behaved job.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { prepareJob, type PreparedJob } from "../../src/client/job-runner.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { hashBundle } from "../../src/cluster/blob/blob-server.js";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import type { JobResult } from "../../src/cluster/messages.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { expectedSums } from "../jobs/rest/keyed-sums.js";

const EVALUATION_TIMEOUT_MS = 3000;
const HEAP_MB = 64;
const COUNT = 4000;

/** How a hostile bundle reaches the job's API: the global the runtime installs for every bundle. */
const API = `const { defineJob } = globalThis[Symbol.for("sluice.api")];`;

const HOSTILE: Array<{ what: string; code: string; failure: RegExp }> = [
  {
    what: "throws while loading",
    code: `throw new Error("this bundle refuses to load");`,
    failure: /loading the job module failed: this bundle refuses to load/,
  },
  {
    what: "is not a job module",
    code: `export default { definitely: "not a job" };`,
    failure: /must `export default defineJob/,
  },
  {
    what: "loops forever in its definition",
    code: `${API}\nexport default defineJob(() => { for (;;) {} });`,
    failure: new RegExp(`did not finish within ${EVALUATION_TIMEOUT_MS} ms \\(taskmanager\\.job\\.evaluation-timeout\\)`),
  },
  {
    what: "waits forever while loading (top-level await)",
    code: `await new Promise(() => {});\nexport default 1;`,
    failure: /taskmanager\.job\.evaluation-timeout/,
  },
  {
    what: "allocates without bound in its definition",
    code: `${API}\nexport default defineJob(() => { const hoard = []; for (;;) hoard.push(new Array(2_000_000).fill(hoard.length + 0.5)); });`,
    failure: new RegExp(`worker thread died: .*memory limit.*heap limit per slot: ${HEAP_MB} MB`),
  },
];

let cluster: MiniCluster;
let client: MiniClusterClient;
let benign: PreparedJob;
/** The same job at parallelism 1: the graph every hostile bundle comes with (one slot each). */
let decoy: PreparedJob;

before(async () => {
  cluster = await MiniCluster.start({
    numTaskManagers: 1,
    slotsPerTaskManager: 8,
    config: {
      "taskmanager.job.evaluation-timeout": `${EVALUATION_TIMEOUT_MS} ms`,
      "taskmanager.memory.task.heap.mb": String(HEAP_MB),
      "restart-strategy.type": "none",
    },
  });
  client = new MiniClusterClient(cluster);
  // Rate-limited so that it is still running while the hostile bundles are bound and fail.
  benign = await prepareJob(testJob("rest/keyed-sums.ts"), { args: [String(COUNT), "1000"], parallelism: 2 });
  decoy = await prepareJob(testJob("rest/keyed-sums.ts"), { args: ["10"], parallelism: 1 });
});

after(async () => {
  await cluster?.close();
});

async function submitBenign(): Promise<string> {
  const { bundle, evaluated, inputs } = benign;
  return client.submit({ jobGraph: evaluated.jobGraph, bundleHash: bundle.hash, definition: inputs }, { hash: bundle.hash, code: bundle.code });
}

/** The last running sum per key, from the collected records of keyed-sums.ts. */
function sumsOf(result: JobResult): Map<number, number> {
  const sums = new Map<number, number>();
  for (const records of Object.values(result.collected)) for (const r of records as { key: number; value: number }[]) sums.set(r.key, r.value);
  return new Map([...sums].sort((a, b) => a[0] - b[0]));
}

test("hostile bundles fail their own jobs with a clear cause; a job on the same TaskExecutor finishes meanwhile and afterwards", { timeout: 150_000 }, async () => {
  // The well-behaved job runs first (its workers bound in time even on a machine the hostile ones keep busy).
  const benignId = await submitBenign();
  const allRunning = async (): Promise<boolean> => {
    const counts = (await client.details(benignId)).statusCounts;
    return (counts.RUNNING ?? 0) > 0 && Object.entries(counts).every(([state, n]) => state === "RUNNING" || !n);
  };
  await waitFor(allRunning, "the well-behaved job's tasks to run", 20_000);
  const meanwhile = client.result(benignId);
  const hostile = HOSTILE.map(async ({ what, code, failure }) => {
    const hash = hashBundle(code);
    const jobId = await client.submit({ jobGraph: decoy.evaluated.jobGraph, bundleHash: hash, definition: decoy.inputs }, { hash, code });
    const result = await client.result(jobId);
    return { what, failure, result };
  });
  for (const { what, failure, result } of await Promise.all(hostile)) {
    assert.equal(result.state, "FAILED", `the bundle that ${what} fails its job`);
    assert.match(result.failure?.message ?? "", failure, `the bundle that ${what}: ${result.failure?.message}`);
  }
  const first = await meanwhile;
  assert.equal(first.state, "FINISHED", first.failure?.message);
  assert.deepEqual(sumsOf(first), expectedSums(COUNT));

  // The TaskExecutor still serves jobs, and no worker of a failed job is left behind.
  const second = await client.result(await submitBenign());
  assert.equal(second.state, "FINISHED", second.failure?.message);
  assert.deepEqual(sumsOf(second), expectedSums(COUNT));
  await waitFor(() => cluster.activeWorkers === 0, "every slot's worker to be released", 10_000);
});
