/**
 * The NATS JetStream connectors in jobs on the MiniCluster, with a real nats-server: a subject
 * created while the job runs is discovered and read, and survives a savepoint and a resume at another
 * parallelism, exactly once; a server down at start is retried (the job's exception history says so)
 * until it comes up; an unknown stream and a wrong password fail the job with an error naming the
 * connector.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runJob, type RunResult } from "../../../src/client/job-runner.js";
import { MiniClusterClient } from "../../../src/client/cluster-client.js";
import { MiniCluster } from "../../../src/cluster/minicluster.js";
import { testJob } from "../../support/paths.js";
import { startNats } from "../../support/nats.js";
import { waitFor } from "../../support/wait.js";
import { inputRecords, inputSubject, referenceLines, type InputRecord, type NatsPipelineSpec } from "../../jobs/nats/nats-pipeline-spec.js";
import { streamName, useNats, type NatsForTests } from "./nats-test-support.js";

const JOB = testJob("nats/nats-pipeline.ts");
const SUBJECTS = 3;
const nats = useNats({ user: "app", password: "secret" });
let cluster: MiniCluster;
let client: MiniClusterClient;
const dir = mkdtempSync(join(tmpdir(), "sluice-nats-job-"));

before(async () => {
  cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 3 });
  client = new MiniClusterClient(cluster);
});
after(async () => {
  await cluster.close();
  rmSync(dir, { recursive: true, force: true });
});

function spec(source: string, target: string, overrides: Partial<NatsPipelineSpec> = {}): NatsPipelineSpec {
  return { servers: nats.server.url, user: "app", password: "secret", source, target, parallelism: 2, checkpointIntervalMs: 200, discoveryIntervalMs: 200, restartAttempts: 0, restartDelayMs: 0, ...overrides };
}

async function publishInputs(n: NatsForTests, source: string, records: readonly InputRecord[]): Promise<void> {
  const js = n.nc.jetstream();
  await Promise.all(records.map((r) => js.publish(inputSubject(source, r.key, SUBJECTS), JSON.stringify(r))));
}

const outputLines = async (target: string) => (await nats.readAll(target)).map((m) => m.data).sort();

/** Starts the job; resolves with its id once submitted, and its result. */
async function start(args: NatsPipelineSpec, savepointPath?: string): Promise<{ jobId: string; result: Promise<RunResult> }> {
  let submitted!: (id: string) => void;
  const id = new Promise<string>((resolve) => (submitted = resolve));
  const result = runJob(JOB, { client, args: [JSON.stringify(args)], savepointPath, onSubmitted: (jobId) => submitted(jobId) });
  const jobId = await Promise.race([id, result.then((r) => Promise.reject(new Error(`job ended at once: ${r.state} ${r.failure?.message ?? ""}`)))]);
  return { jobId, result };
}

describe("NATS JetStream connectors in jobs", () => {
  it("a subject created while the job runs is read, and survives a savepoint and a resume at another parallelism", { timeout: 100_000 }, async () => {
    const source = await nats.createStream(streamName("IN"));
    const target = await nats.createStream(streamName("OUT"));
    // Keys 0, 1, 3, 4 are on subjects k0 and k1; keys 2 and 5 will make subject k2.
    const first = inputRecords([0, 1, 3, 4], 0, 50);
    const newSubject = inputRecords([2, 5], 0, 50);
    const afterSavepoint = inputRecords([0, 1, 2, 3, 4, 5], 50, 80);
    await publishInputs(nats, source, first);

    const run1 = await start(spec(source, target));
    await waitFor(async () => (await outputLines(target)).length === first.length, "the first records through the job", 30_000, 100);
    await publishInputs(nats, source, newSubject);
    await waitFor(async () => (await outputLines(target)).length === first.length + newSubject.length, "the records of the new subject", 30_000, 100);
    const savepoint = await client.stopWithSavepoint(run1.jobId, join(dir, "savepoints"));
    assert.equal((await run1.result).state, "FINISHED");

    await publishInputs(nats, source, afterSavepoint);
    const run2 = await start(spec(source, target, { parallelism: 3 }), savepoint);
    const all = [...first, ...newSubject, ...afterSavepoint];
    await waitFor(async () => (await outputLines(target)).length >= all.length, "every record after the resume", 30_000, 100);
    await client.cancel(run2.jobId);
    assert.equal((await run2.result).state, "CANCELED");
    assert.deepEqual(await outputLines(target), referenceLines(all), "every record exactly once, in key order");
  });

  it("durable consumers are acknowledged only after a checkpoint completes: a job stopped before one sees the messages again", { timeout: 100_000 }, async () => {
    const source = await nats.createStream(streamName("IN"));
    const target = await nats.createStream(streamName("OUT"));
    const records = inputRecords([0, 1, 2], 0, 30);
    await publishInputs(nats, source, records);
    const consumers = async () => {
      const list = await nats.jsm.consumers.list(source).next();
      return list.filter((c) => c.name.startsWith("acks_"));
    };
    // Without checkpoints: everything is read (delivered), nothing acknowledged, nothing committed.
    const unchecked = await start(spec(source, target, { durableConsumer: "acks", checkpointIntervalMs: 0 }));
    await waitFor(async () => {
      const list = await consumers();
      return list.length === SUBJECTS && list.reduce((n, c) => n + c.delivered.stream_seq, 0) > 0 && list.every((c) => c.num_pending === 0);
    }, "every message delivered to the job", 30_000, 100);
    assert.ok((await consumers()).every((c) => c.ack_floor.stream_seq === 0 && c.num_ack_pending > 0), "delivered but not acknowledged");
    await client.cancel(unchecked.jobId);
    await unchecked.result;
    assert.deepEqual(await outputLines(target), [], "no checkpoint, nothing committed");
    // The next run (checkpoints every 200 ms) reads them again, and acknowledges them.
    const checked = await start(spec(source, target, { durableConsumer: "acks" }));
    await waitFor(async () => (await outputLines(target)).length === records.length, "the records read again", 30_000, 100);
    await waitFor(async () => (await consumers()).every((c) => c.num_ack_pending === 0 && c.ack_floor.stream_seq > 0), "acknowledgements after checkpoints completed", 30_000, 100);
    await client.cancel(checked.jobId);
    await checked.result;
    assert.deepEqual(await outputLines(target), referenceLines(records));
  });

  it("bad messages in a job under each policy: fail names the message, skip drops it, side output delivers it", { timeout: 100_000 }, async () => {
    const stream = await nats.createStream(streamName("BAD"));
    await nats.publish(`${stream}.a`, [{ n: 1 }, "{not json", { n: 2 }, "garbage", { n: 3 }]);
    const run = (policy: string) => runJob(testJob("nats/nats-dead-letters.ts"), { client, args: [nats.server.url, "app", "secret", stream, policy] });
    const failed = await run("fail");
    assert.equal(failed.state, "FAILED");
    assert.match(failed.failure!.message, new RegExp(`nats-jetstream source ${stream}@.*stream sequence 2 on subject '${stream}.a' does not decode`));
    const skipped = await run("skip");
    assert.equal(skipped.state, "FINISHED", skipped.failure?.message);
    assert.deepEqual((skipped.records as string[]).sort(), ["ok:1", "ok:2", "ok:3"]);
    const side = await run("side-output");
    assert.equal(side.state, "FINISHED", side.failure?.message);
    assert.deepEqual((side.records as string[]).sort(), ["dead:2:{not json", "dead:4:garbage", "ok:1", "ok:2", "ok:3"]);
  });

  it("a server down at start: the job retries, its exception history names the connector, and it completes once the server is up", { timeout: 100_000 }, async () => {
    const own = await startNats({ user: "app", password: "secret" });
    try {
      const { connect } = await import("nats");
      const admin = await connect({ servers: own.url, user: "app", pass: "secret" });
      const jsm = await admin.jetstreamManager();
      await jsm.streams.add({ name: "DOWNIN", subjects: ["DOWNIN.>"] });
      await jsm.streams.add({ name: "DOWNOUT", subjects: ["DOWNOUT.>"] });
      const records = inputRecords([0, 1, 2], 0, 40);
      const js = admin.jetstream();
      for (const r of records) await js.publish(inputSubject("DOWNIN", r.key, SUBJECTS), JSON.stringify(r));
      await admin.close();
      await own.kill();

      const run = await start(spec("DOWNIN", "DOWNOUT", { servers: own.url, bounded: true, connectRetryTimeoutMs: 300, restartAttempts: 1000, restartDelayMs: 200 }));
      await waitFor(
        () => cluster.dispatcher.requestExceptions(run.jobId).some((e) => /nats-jetstream source DOWNIN@.*no NATS server reachable/.test(JSON.stringify(e))),
        "the connector's error in the job's exception history",
        30_000,
        100,
      );
      assert.match((await client.details(run.jobId)).state, /RUNNING|RESTARTING|CREATED|INITIALIZING/, "the job keeps retrying through its restart strategy");
      await own.restart();
      let timer: NodeJS.Timeout | undefined;
      const result = await Promise.race([
        run.result,
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("the job did not finish after the server came up")), 45_000))),
      ]).finally(() => {
        clearTimeout(timer);
        // Never leave a retrying job holding the slots of the next test.
        void client.cancel(run.jobId).catch(() => undefined);
      });
      assert.equal(result.state, "FINISHED", result.failure?.message);
      const check = await connect({ servers: own.url, user: "app", pass: "secret" });
      try {
        const info = await (await check.jetstreamManager()).streams.info("DOWNOUT");
        assert.equal(info.state.messages, records.length);
      } finally {
        await check.close();
      }
    } finally {
      await own.stop();
    }
  });

  it("an unknown stream and a wrong password fail the job with an error naming the connector", { timeout: 60_000 }, async () => {
    const target = await nats.createStream(streamName("OUT"));
    const unknown = await runJob(JOB, { client, args: [JSON.stringify(spec("NO_SUCH_STREAM", target, { bounded: true }))] });
    assert.equal(unknown.state, "FAILED");
    assert.match(unknown.failure!.message, /nats-jetstream source NO_SUCH_STREAM@.*stream 'NO_SUCH_STREAM' does not exist/);
    const source = await nats.createStream(streamName("IN"));
    const wrong = await runJob(JOB, { client, args: [JSON.stringify(spec(source, target, { password: "wrong", bounded: true }))] });
    assert.equal(wrong.state, "FAILED");
    assert.match(wrong.failure!.message, /nats-jetstream (source|sink) .*refused the credentials.*as user 'app'/);
  });
});
