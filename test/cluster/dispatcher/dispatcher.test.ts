/** The Dispatcher against a testing JobMaster factory and a ResourceManager double (docs/architecture.md, "Components"). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { BlobIntegrityError } from "../../../src/cluster/blob/blob-server.js";
import {
  DispatcherNotLeadingError,
  DuplicateJobSubmissionError,
  JobSubmissionError,
  UnknownJobError,
} from "../../../src/cluster/dispatcher/dispatcher-errors.js";
import type { DispatcherGateway } from "../../../src/cluster/dispatcher/dispatcher-gateway.js";
import { ENDPOINTS } from "../../../src/cluster/endpoints.js";
import { LocalRpcService } from "../../../src/cluster/rpc/local-rpc-service.js";
import { BUNDLE, startDispatcher, submissionOf, taskManager } from "./support.js";

test("a submitted job is listed, answers with its JobMaster's details, and its result comes when the JobMaster ends", async () => {
  const h = await startDispatcher({ sessionId: "session-1" });
  try {
    const { jobId } = await h.dispatcher.submitJob(submissionOf("wordcount"), BUNDLE);
    assert.match(jobId, /^[0-9a-f]{32}$/);
    const jm = h.factory.of(jobId);
    assert.equal(jm.options.fencingToken, "session-1", "the JobMaster leads under the Dispatcher's session");
    assert.ok(jm.calls.some((c) => c.method === "start"));
    assert.deepEqual(
      h.dispatcher.listJobs().map((j) => [j.jobId, j.name, j.state]),
      [[jobId, "wordcount", "RUNNING"]],
    );
    assert.equal(h.dispatcher.requestJob(jobId).name, "wordcount");
    assert.deepEqual(h.blobServer.getBundle(BUNDLE.hash), BUNDLE, "the bundle is stored for the TaskExecutors");

    let settled = false;
    const result = h.dispatcher.requestJobResult(jobId).then((r) => ((settled = true), r));
    await Promise.resolve();
    assert.equal(settled, false);
    jm.finish("FINISHED");
    assert.equal((await result).state, "FINISHED");
    assert.equal(h.dispatcher.listJobs()[0]!.state, "FINISHED", "an ended job stays listed");
  } finally {
    await h.close();
  }
});

test("cancelling a job asks its JobMaster to cancel", async () => {
  const h = await startDispatcher();
  try {
    const { jobId } = await h.dispatcher.submitJob(submissionOf(), BUNDLE);
    await h.dispatcher.cancelJob(jobId);
    assert.deepEqual(h.factory.of(jobId).calls.filter((c) => c.method === "cancel").length, 1);
  } finally {
    await h.close();
  }
});

test("every question about an unknown job fails with UnknownJobError", async () => {
  const h = await startDispatcher();
  const unknown = "f".repeat(32);
  try {
    assert.throws(() => h.dispatcher.requestJob(unknown), (e) => e instanceof UnknownJobError && e.message.includes(unknown));
    assert.throws(() => h.dispatcher.requestExceptions(unknown), UnknownJobError);
    assert.throws(() => h.dispatcher.requestCheckpointStats(unknown), UnknownJobError);
    await assert.rejects(h.dispatcher.cancelJob(unknown), UnknownJobError);
    await assert.rejects(h.dispatcher.requestJobResult(unknown), UnknownJobError);
  } finally {
    await h.close();
  }
});

test("a job id that is taken is refused with DuplicateJobSubmissionError, a JobSubmissionError", async () => {
  const h = await startDispatcher();
  try {
    const { jobId } = await h.dispatcher.submitJob(submissionOf(), BUNDLE, "a".repeat(32));
    await assert.rejects(h.dispatcher.submitJob(submissionOf(), BUNDLE, jobId), (e) => e instanceof DuplicateJobSubmissionError && e instanceof JobSubmissionError);
    assert.equal(h.factory.created.length, 1, "no second JobMaster");
  } finally {
    await h.close();
  }
});

test("unusable submissions are refused before a JobMaster starts", async () => {
  const h = await startDispatcher();
  try {
    const otherBundle = submissionOf();
    otherBundle.bundleHash = "0".repeat(64);
    await assert.rejects(h.dispatcher.submitJob(otherBundle, BUNDLE), JobSubmissionError);
    await assert.rejects(h.dispatcher.submitJob(submissionOf(), { code: "tampered", hash: BUNDLE.hash }), BlobIntegrityError);
    const badSavepoint = { ...submissionOf(), savepointPath: "/nonexistent/savepoint-1" };
    await assert.rejects(h.dispatcher.submitJob(badSavepoint, BUNDLE), JobSubmissionError);
    await assert.rejects(h.dispatcher.submitJob(submissionOf("bad", { checkpointingMode: "sometimes" }), BUNDLE), JobSubmissionError);
    assert.equal(h.factory.created.length, 0);
    assert.deepEqual(h.dispatcher.listJobs(), []);
  } finally {
    await h.close();
  }
});

test("a JobMaster that cannot be created is a refused submission that keeps its cause", async () => {
  const cause = new Error("no such state backend");
  const h = await startDispatcher({
    jobMasterFactory: {
      create: () => {
        throw cause;
      },
    },
  });
  try {
    await assert.rejects(h.dispatcher.submitJob(submissionOf(), BUNDLE), (e) => e instanceof JobSubmissionError && e.cause === cause);
  } finally {
    await h.close();
  }
});

test("the cluster overview counts the ResourceManager's slots (over RPC) and the jobs by state", async () => {
  const h = await startDispatcher();
  try {
    h.resourceManager.taskManagers = [taskManager("tm-1", 4, 1), taskManager("tm-2", 2, 2)];
    const a = await h.dispatcher.submitJob(submissionOf("a"), BUNDLE);
    const b = await h.dispatcher.submitJob(submissionOf("b"), BUNDLE);
    await h.dispatcher.submitJob(submissionOf("c"), BUNDLE);
    h.factory.of(a.jobId).finish("FINISHED");
    h.factory.of(b.jobId).finish("FAILED");
    assert.deepEqual(await h.dispatcher.requestClusterOverview(), {
      taskManagers: 2,
      slotsTotal: 6,
      slotsAvailable: 3,
      jobsRunning: 1,
      jobsFinished: 1,
      jobsCancelled: 0,
      jobsFailed: 1,
    });
    assert.deepEqual((await h.dispatcher.requestTaskManagers()).map((t) => t.id), ["tm-1", "tm-2"]);
  } finally {
    await h.close();
  }
});

test("after suspension the JobMasters are suspended and a submission is refused", async () => {
  const h = await startDispatcher();
  try {
    const { jobId } = await h.dispatcher.submitJob(submissionOf(), BUNDLE);
    h.dispatcher.suspend("leadership revoked");
    assert.deepEqual(h.factory.of(jobId).calls.filter((c) => c.method === "suspend").map((c) => c.args), [["leadership revoked"]]);
    await assert.rejects(h.dispatcher.submitJob(submissionOf(), BUNDLE), DispatcherNotLeadingError);
  } finally {
    await h.close();
  }
});

test("savepoints and checkpoint queries go to the job's JobMaster", async () => {
  const h = await startDispatcher();
  try {
    const { jobId } = await h.dispatcher.submitJob(submissionOf(), BUNDLE);
    await h.dispatcher.triggerSavepoint(jobId, "/tmp/sp");
    await h.dispatcher.stopWithSavepoint(jobId, undefined, true);
    assert.equal(h.dispatcher.requestCheckpointStats(jobId).counts.completed, 0);
    assert.equal(h.dispatcher.requestCheckpointConfig(jobId).intervalMs, 0);
    assert.deepEqual(
      h.factory.of(jobId).calls.filter((c) => c.method === "triggerSavepoint").map((c) => c.args),
      [
        ["/tmp/sp", undefined],
        [undefined, "drain"],
      ],
    );
  } finally {
    await h.close();
  }
});

test("a Dispatcher reached over RPC refuses an unknown job with an UnknownJobError the caller can match by class", async () => {
  const h = await startDispatcher();
  const server = new LocalRpcService();
  const client = new LocalRpcService();
  try {
    server.serve(ENDPOINTS.dispatcher, h.dispatcher as DispatcherGateway);
    const remote = await client.connect<DispatcherGateway>(server.address, ENDPOINTS.dispatcher);
    await assert.rejects(remote.gateway.requestJob("e".repeat(32)), UnknownJobError);
    await assert.rejects(remote.gateway.submitJob(submissionOf(), { code: "tampered", hash: BUNDLE.hash }), BlobIntegrityError);
    remote.close();
  } finally {
    await Promise.all([server.stop(), client.stop()]);
    await h.close();
  }
});
