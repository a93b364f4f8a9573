/** The Dispatcher within a JobManager's leadership terms, on a testing JobMaster factory. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlobServer } from "../../../src/cluster/blob/blob-server.js";
import { LeadershipLostError } from "../../../src/cluster/ha/interface.js";
import { StandaloneHighAvailabilityServices } from "../../../src/cluster/ha/standalone/standalone-ha-services.js";
import { JobManagerLeadership } from "../../../src/cluster/leadership/jobmanager-leadership.js";
import { LocalRpcService } from "../../../src/cluster/rpc/local-rpc-service.js";
import { quietLogger } from "../../../src/util/logger.js";
import { TestingJobMasterFactory } from "../../../src/testing/cluster/testing-job-master-service.js";
import { BUNDLE, submissionOf } from "./support.js";

test("leadership revoked: the term's JobMasters are suspended; the next term recovers the job under its own session", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sluice-leadership-test-"));
  const rpc = new LocalRpcService();
  const ha = new StandaloneHighAvailabilityServices();
  const factories = new Map<string, TestingJobMasterFactory>();
  const leadership = new JobManagerLeadership({
    rpc,
    ha,
    blobServer: new BlobServer(join(dir, "blobs")),
    config: {},
    logger: quietLogger(),
    jobMasterFactory: (sessionId) => {
      const factory = new TestingJobMasterFactory();
      factories.set(sessionId, factory);
      return factory;
    },
  });
  try {
    await leadership.start();
    const first = await leadership.waitForLeadership(1000);
    const { jobId } = await first.dispatcher.submitJob(submissionOf(), BUNDLE);
    const jm = factories.get(first.sessionId)!.of(jobId);
    assert.equal(jm.options.fencingToken, first.sessionId);

    leadership.revokeLeadership();
    assert.equal(leadership.term, undefined);
    assert.deepEqual(jm.calls.filter((c) => c.method === "suspend").length, 1);
    jm.finish("SUSPENDED");

    leadership.grantLeadership("second-session");
    const second = await leadership.waitForLeadership(1000);
    assert.equal(second.sessionId, "second-session");
    const recovered = factories.get("second-session")!.of(jobId);
    assert.equal(recovered.options.fencingToken, "second-session");
    assert.deepEqual(second.dispatcher.listJobs().map((j) => j.jobId), [jobId]);
  } finally {
    await leadership.close();
    await ha.close();
    await rpc.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a term's JobMasters write checkpoints under the term's fence: once the election ends the term, their writes are refused", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sluice-leadership-test-"));
  const rpc = new LocalRpcService();
  const ha = new StandaloneHighAvailabilityServices();
  const factory = new TestingJobMasterFactory();
  const leadership = new JobManagerLeadership({ rpc, ha, blobServer: new BlobServer(join(dir, "blobs")), config: {}, logger: quietLogger(), jobMasterFactory: () => factory });
  try {
    await leadership.start();
    const term = await leadership.waitForLeadership(1000);
    const { jobId } = await term.dispatcher.submitJob(submissionOf(), BUNDLE);
    const store = factory.of(jobId).options.checkpointStore!;
    await store.add({ checkpointId: 1, payload: { path: "chk-1" } });

    await leadership.close(); // leaves the election: the term ends there
    await assert.rejects(store.add({ checkpointId: 2, payload: { path: "chk-2" } }), LeadershipLostError);
    assert.deepEqual((await ha.completedCheckpointStore(jobId).list()).map((c) => c.checkpointId), [1]);
  } finally {
    await leadership.close();
    await ha.close();
    await rpc.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
