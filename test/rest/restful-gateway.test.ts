/**
 * The REST endpoint against a Dispatcher double: it renders the RestfulGateway's domain answers as
 * Flink's JSON and maps the cluster's errors to HTTP statuses by their class.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { BlobIntegrityError, hashBundle } from "../../src/cluster/blob/blob-server.js";
import { JobSubmissionError, UnknownJobError } from "../../src/cluster/dispatcher/dispatcher-errors.js";
import type { DispatcherGateway } from "../../src/cluster/dispatcher/dispatcher-gateway.js";
import { LeaderUnavailableError } from "../../src/cluster/leadership/leader-tracker.js";
import { startRestServer } from "../../src/rest/start-rest-server.js";
import { TestingDispatcherGateway } from "../../src/testing/cluster/testing-dispatcher-gateway.js";
import { FLINK_COMPATIBILITY_VERSION, FLINK_REVISION, SLUICE_VERSION } from "../../src/version.js";
import { call } from "./support.js";

async function withRest(overrides: Partial<DispatcherGateway>, body: (url: string, gateway: TestingDispatcherGateway) => Promise<void>): Promise<void> {
  const gateway = new TestingDispatcherGateway(overrides);
  const rest = await startRestServer({ dispatcher: gateway, config: { "rest.port": "0" }, validateResponses: true });
  try {
    await body(rest.url, gateway);
  } finally {
    await rest.close();
  }
}

const CODE = "export default () => {};\n";
const VERTEX = "1".repeat(32);
const submitBody = {
  jobGraph: {
    name: "job",
    vertices: [
      {
        id: VERTEX,
        name: "source",
        parallelism: 1,
        maxParallelism: 128,
        slotSharingGroup: "default",
        isSource: true,
        operators: [{ nodeId: 1, kind: "source", name: "source", uid: "source", inputs: 0, config: {}, chainedOutputs: [], networkOutputs: [] }],
      },
    ],
    edges: [],
    settings: {},
    fingerprint: "f",
  },
  bundle: { hash: hashBundle(CODE), code: CODE },
  definition: { args: [], config: {}, defaultParallelism: 1 },
};

test("the overview and the job list are the gateway's domain answers in Flink's JSON", async () => {
  const jobId = "a".repeat(32);
  await withRest(
    {
      requestClusterOverview: async () => ({ taskManagers: 2, slotsTotal: 4, slotsAvailable: 1, jobsRunning: 1, jobsFinished: 2, jobsCancelled: 0, jobsFailed: 1 }),
      listJobs: () => [{ jobId, name: "job", state: "RUNNING", startTime: 1, endTime: -1, duration: 5, tasks: { RUNNING: 2, total: 2 } }],
    },
    async (url) => {
      assert.deepEqual((await call(url, "GET", "/overview")).json, {
        taskmanagers: 2,
        "slots-total": 4,
        "slots-available": 1,
        "jobs-running": 1,
        "jobs-finished": 2,
        "jobs-cancelled": 0,
        "jobs-failed": 1,
        "sluice-version": SLUICE_VERSION,
        "flink-version": FLINK_COMPATIBILITY_VERSION,
        "flink-commit": FLINK_REVISION,
        "slots-free-and-blocked": 0,
        "taskmanagers-blocked": 0,
      });
      assert.deepEqual((await call(url, "GET", "/jobs")).json, { jobs: [{ id: jobId, status: "RUNNING" }] });
    },
  );
});

test("UnknownJobError is a 404, LeaderUnavailableError a 503 to retry", async () => {
  const jobId = "b".repeat(32);
  await withRest({}, async (url, gateway) => {
    const missing = await call(url, "GET", `/jobs/${jobId}`);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { errors: [new UnknownJobError(`job ${jobId} not found`).message] });
    assert.deepEqual(gateway.calls.map((c) => c.method), ["requestJob"]);
  });
  await withRest(
    {
      requestJob: () => {
        throw new LeaderUnavailableError("no JobManager is the leader right now; retry shortly");
      },
    },
    async (url) => {
      const unavailable = await call(url, "GET", `/jobs/${jobId}`);
      assert.equal(unavailable.status, 503);
      assert.equal(unavailable.headers["retry-after"], "1");
    },
  );
});

test("a submission the Dispatcher refuses is a 400 with its reason; any other failure a 500", async () => {
  const refusals: [Error, number][] = [
    [new JobSubmissionError("the savepoint cannot be read"), 400],
    [new BlobIntegrityError("the bundle's content does not match its SHA-256 hash"), 400],
    [new Error("disk full"), 500],
  ];
  for (const [error, status] of refusals) {
    await withRest(
      {
        submitJob: async () => {
          throw error;
        },
      },
      async (url) => {
        const answer = await call(url, "POST", "/jobs", { json: submitBody });
        assert.equal(answer.status, status, error.message);
        if (status === 400) assert.deepEqual(answer.json, { errors: [`the job was not accepted: ${error.message}`] });
      },
    );
  }
  await withRest({}, async (url, gateway) => {
    const accepted = await call(url, "POST", "/jobs", { json: submitBody });
    assert.equal(accepted.status, 202);
    assert.equal(gateway.calls[0]!.method, "submitJob");
  });
});
