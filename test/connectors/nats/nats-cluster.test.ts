/**
 * The NATS JetStream "must show" on real processes: a JobManager and TaskManager processes started
 * with bin/sluice.js, a private nats-server with a user and password. A keyed, stateful job reads N
 * records from a stream (published while it runs), checkpoints every 300 ms and writes through the
 * exactly-once sink to another stream of the same server, while a TaskManager is SIGKILLed twice and
 * the nats-server is SIGKILLed and restarted once. The target stream then holds exactly the
 * reference output: no record missing, none twice.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { runJob } from "../../../src/client/job-runner.js";
import { RestClusterClient } from "../../../src/client/rest-cluster-client.js";
import { testJob } from "../../support/paths.js";
import { waitFor } from "../../support/wait.js";
import { getJson, killAll, startJobManager, startTaskManager, type JobManagerProcess, type TaskManagerProcess } from "../../cluster/support/processes.js";
import { inputRecords, inputSubject, referenceLines, type NatsPipelineSpec } from "../../jobs/nats/nats-pipeline-spec.js";
import { useNats } from "./nats-test-support.js";

const JOB = testJob("nats/nats-pipeline.ts");
const SUBJECTS = 4;
const KEYS = Array.from({ length: 12 }, (_, k) => k);
const SEQUENCES = 300;

const nats = useNats({ user: "app", password: "secret" });
const dir = mkdtempSync(join(tmpdir(), "sluice-nats-cluster-"));
let jm: JobManagerProcess;
let client: RestClusterClient;
const tms: TaskManagerProcess[] = [];

before(async () => {
  jm = await startJobManager({ "execution.checkpointing.dir": join(dir, "checkpoints") });
  client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
  // One slot each: the job (parallelism 2, one slot-sharing group) runs on both, so every kill hits it.
  tms.push(...(await Promise.all([startTaskManager(jm.rpcHostPort, { slots: 1 }), startTaskManager(jm.rpcHostPort, { slots: 1 })])));
});

after(async () => {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Messages in a stream; undefined while the server is away. */
async function messagesIn(stream: string): Promise<number | undefined> {
  try {
    return (await nats.jsm.streams.info(stream)).state.messages;
  } catch {
    return undefined;
  }
}

async function completedCheckpoints(jobId: string): Promise<number> {
  return (await getJson<{ counts: { completed: number } }>(jm.restUrl, `/jobs/${jobId}/checkpoints`)).counts.completed;
}

/** Waits until the job runs again and completes a checkpoint after `since` completed ones. */
async function waitForProgress(jobId: string, since: number, what: string): Promise<void> {
  await waitFor(
    async () => {
      try {
        return (await client.details(jobId)).state === "RUNNING" && (await completedCheckpoints(jobId)) > since;
      } catch {
        return false;
      }
    },
    what,
    45_000,
    100,
  );
}

test("N records, keyed and stateful, exactly once into the same server while TaskManagers are SIGKILLed twice and nats-server restarts once", { timeout: 115_000 }, async () => {
  const source = "CIN";
  const target = "COUT";
  await nats.jsm.streams.add({ name: source, subjects: [`${source}.>`] });
  await nats.jsm.streams.add({ name: target, subjects: [`${target}.>`] });
  const inputs = inputRecords(KEYS, 0, SEQUENCES);
  const js = nats.nc.jetstream();

  // The input arrives while the job runs; a publish that fails while the server is away is retried
  // with the same Nats-Msg-Id, so the stream holds each input record once.
  let published = 0;
  const publisher = (async () => {
    for (let i = 0; i < inputs.length; i += KEYS.length) {
      for (const r of inputs.slice(i, i + KEYS.length)) {
        for (;;) {
          try {
            await js.publish(inputSubject(source, r.key, SUBJECTS), JSON.stringify(r), { msgID: `in-${r.key}-${r.seq}`, timeout: 2_000 });
            break;
          } catch {
            await sleep(200);
          }
        }
        published++;
      }
      await sleep(15);
    }
  })();

  const spec: NatsPipelineSpec = {
    servers: nats.server.url,
    user: "app",
    password: "secret",
    source,
    target,
    parallelism: 2,
    checkpointIntervalMs: 300,
    discoveryIntervalMs: 500,
    restartAttempts: 100,
    restartDelayMs: 300,
  };
  let jobId = "";
  const run = runJob(JOB, { client, args: [JSON.stringify(spec)], onSubmitted: (id) => (jobId = id) });
  await waitFor(() => jobId !== "", "the job to be submitted", 30_000);
  await waitForProgress(jobId, 0, "the job running with a completed checkpoint");

  const atLeast = (fraction: number) => waitFor(async () => ((await messagesIn(target)) ?? 0) >= inputs.length * fraction, `${fraction * 100} % of the output`, 60_000, 100);

  // First TaskManager crash.
  await atLeast(0.1);
  let since = await completedCheckpoints(jobId);
  tms.shift()!.signal("SIGKILL");
  tms.push(await startTaskManager(jm.rpcHostPort, { slots: 1 }));
  await waitForProgress(jobId, since, "recovery after the first TaskManager SIGKILL");

  // The broker crashes and comes back on the same store.
  await atLeast(0.3);
  since = await completedCheckpoints(jobId);
  await nats.server.kill();
  await sleep(1_000);
  await nats.server.restart();
  await waitForProgress(jobId, since, "recovery after the nats-server restart");

  // Second TaskManager crash.
  await atLeast(0.55);
  since = await completedCheckpoints(jobId);
  tms.shift()!.signal("SIGKILL");
  tms.push(await startTaskManager(jm.rpcHostPort, { slots: 1 }));
  await waitForProgress(jobId, since, "recovery after the second TaskManager SIGKILL");

  await publisher;
  assert.equal(published, inputs.length);
  assert.equal(await messagesIn(source), inputs.length, "the input stream holds each record once");
  await atLeast(1);
  // One more completed checkpoint: anything still to come would be committed by now.
  since = await completedCheckpoints(jobId);
  await waitForProgress(jobId, since + 1, "two more checkpoints");
  const details = await client.details(jobId);
  await client.cancel(jobId);
  assert.equal((await run).state, "CANCELED");

  const output = (await nats.readAll(target)).map((m) => m.data).sort();
  assert.equal(output.length, inputs.length, "one output record per input record");
  assert.deepEqual(output, referenceLines(inputs), "the target holds exactly the reference output");
  assert.ok(details.restarts >= 3, `the job restarted ${details.restarts} times (two TaskManager crashes, one broker crash)`);
  const exceptions = JSON.stringify(await getJson(jm.restUrl, `/jobs/${jobId}/exceptions`));
  console.log(`restarts: ${details.restarts}; exceptions: ${exceptions.match(/nats-jetstream[^"\\]*/g)?.slice(0, 3).join(" | ")}`);
  assert.match(exceptions, /nats-jetstream (source|sink) C(IN|OUT)@.*(connection to the NATS server was lost|CONNECTION_CLOSED|no NATS server reachable|failed)/, "the broker's crash is in the exception history, naming the connector");
});
