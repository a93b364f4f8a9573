/** The Dispatcher's HA data lifecycle against the in-memory HA services (docs/architecture.md, "High availability"). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { StandaloneHighAvailabilityServices } from "../../../src/cluster/ha/standalone/standalone-ha-services.js";
import type { HighAvailabilityServices } from "../../../src/cluster/ha/interface.js";
import { DuplicateJobSubmissionError } from "../../../src/cluster/dispatcher/dispatcher-errors.js";
import { BUNDLE, startDispatcher, submissionOf } from "./support.js";

/** Lets the promise callbacks queued so far (and those they queue) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
}

test("a persisted job is recovered by the next term's Dispatcher, with its stores and its bundle", async () => {
  const ha = new StandaloneHighAvailabilityServices();
  const first = await startDispatcher({ ha, sessionId: "term-1" });
  const second = await startDispatcher({ ha, sessionId: "term-2" });
  try {
    const { jobId } = await first.dispatcher.submitJob(submissionOf("persisted"), BUNDLE);
    assert.deepEqual(await ha.jobGraphStore().jobIds(), [jobId]);
    first.dispatcher.suspend("leadership revoked");
    first.factory.of(jobId).finish("SUSPENDED");
    await settle();
    assert.deepEqual(await ha.jobGraphStore().jobIds(), [jobId], "a suspended job keeps its HA data");

    assert.deepEqual(await second.dispatcher.recoverJobs(), [jobId]);
    const recovered = second.factory.of(jobId);
    assert.equal(recovered.options.submission.jobGraph.name, "persisted");
    assert.equal(recovered.options.fencingToken, "term-2");
    assert.ok(recovered.options.checkpointStore && recovered.options.checkpointIdCounter, "the job's checkpoints outlive its JobMaster");
    assert.ok(recovered.calls.some((c) => c.method === "start"));
    assert.deepEqual(second.blobServer.getBundle(BUNDLE.hash), BUNDLE);
  } finally {
    await first.close();
    await second.close();
  }
});

test("a globally terminal job's HA data is deleted, its result entry too", async () => {
  const ha = new StandaloneHighAvailabilityServices();
  const h = await startDispatcher({ ha });
  try {
    const { jobId } = await h.dispatcher.submitJob(submissionOf(), BUNDLE);
    h.factory.of(jobId).finish("CANCELED");
    await settle();
    await h.dispatcher.awaitCleanups(1000);
    assert.deepEqual(await ha.jobGraphStore().jobIds(), []);
    assert.equal(await ha.jobResultStore().has(jobId), false);
    assert.ok(h.factory.of(jobId).calls.some((c) => c.method === "checkpointsShutDown"), "cleanup waits for the last checkpoint writes");
  } finally {
    await h.close();
  }
});

test("with job-result-store.delete-on-commit false an ended job is remembered and not run again", async () => {
  const ha = new StandaloneHighAvailabilityServices();
  const h = await startDispatcher({ ha, config: { "job-result-store.delete-on-commit": "false" } });
  try {
    const jobId = "b".repeat(32);
    await h.dispatcher.submitJob(submissionOf(), BUNDLE, jobId);
    h.factory.of(jobId).finish("FINISHED");
    await settle();
    assert.equal(await ha.jobResultStore().hasClean(jobId), true);
    const next = await startDispatcher({ ha });
    try {
      await assert.rejects(next.dispatcher.submitJob(submissionOf(), BUNDLE, jobId), DuplicateJobSubmissionError);
      assert.deepEqual(await next.dispatcher.recoverJobs(), []);
    } finally {
      await next.close();
    }
  } finally {
    await h.close();
  }
});

test("a failed cleanup is retried after a pause on the Dispatcher's clock", async () => {
  const ha = new StandaloneHighAvailabilityServices();
  let failures = 1;
  const flaky = new Proxy(ha, {
    get(target, prop, receiver) {
      if (prop === "cleanupJobData") {
        return async (jobId: string) => {
          if (failures-- > 0) throw new Error("storage unavailable");
          return target.cleanupJobData(jobId);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as HighAvailabilityServices;
  const h = await startDispatcher({ ha: flaky });
  try {
    const { jobId } = await h.dispatcher.submitJob(submissionOf(), BUNDLE);
    h.factory.of(jobId).finish("FAILED");
    await settle();
    assert.deepEqual(await ha.jobGraphStore().jobIds(), [jobId], "the first attempt failed");
    assert.equal(await ha.jobResultStore().hasDirty(jobId), true);
    h.clock.advance(200);
    await settle();
    assert.deepEqual(await ha.jobGraphStore().jobIds(), [], "the retry deleted it");
    assert.equal(await ha.jobResultStore().has(jobId), false);
  } finally {
    await h.close();
  }
});

test("two submissions of one job id racing through persistence start one JobMaster; the other is refused", async () => {
  const ha = new StandaloneHighAvailabilityServices();
  const h = await startDispatcher({ ha });
  try {
    const jobId = "d".repeat(32);
    const outcomes = await Promise.allSettled([h.dispatcher.submitJob(submissionOf("a"), BUNDLE, jobId), h.dispatcher.submitJob(submissionOf("b"), BUNDLE, jobId)]);
    assert.deepEqual(outcomes.map((o) => o.status).sort(), ["fulfilled", "rejected"]);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected")!;
    assert.ok(refused.reason instanceof DuplicateJobSubmissionError);
    assert.equal(h.dispatcher.listJobs().length, 1);
    assert.equal(h.factory.created.filter((jm) => jm.calls.some((c) => c.method === "start")).length, 1, "only one JobMaster started");
  } finally {
    await h.close();
  }
});
