/**
 * NATS JetStream connector throughput against the nats client in a plain loop, in the same run, on a
 * private nats-server (docs/connectors.md, "NATS JetStream"):
 *  - source: a bounded NatsJetStreamSource → discarding sink, vs an ordered consumer loop that
 *    JSON-decodes every message;
 *  - sink: a generator → the exactly-once NatsJetStreamSink (checkpoint every 1 s), vs a loop
 *    publishing the same records with the same number of acks in flight.
 * Job times are submit → FINISHED (they include job start-up). Target: ≥ 0.5 of the loop each way.
 * Run: npx tsc -p tsconfig.json && node dist/bench/nats-connector.js [--count N] [--sink-count M]
 */
import { connect, type NatsConnection } from "nats";
import { runJob, type RunResult } from "../src/client/job-runner.js";
import { MiniClusterClient } from "../src/client/cluster-client.js";
import { MiniCluster } from "../src/cluster/minicluster.js";
import { startNats } from "../test/support/nats.js";
import { argNumber, benchJob, machine, perSecond, rate, timed } from "./support.js";
import { benchRecord } from "./jobs/nats-bench-record.js";

/** The source side needs more records than the sink side to amortize the job's start-up against a ~1 s loop. */
const count = argNumber("count", 400_000);
const sinkCount = argNumber("sink-count", 100_000);
const IN_FLIGHT = 512;
const JOB = benchJob("nats-bench.ts");
const encoder = new TextEncoder();

async function publishLoop(nc: NatsConnection, subject: string, n: number): Promise<number> {
  const js = nc.jetstream();
  const acks: Promise<unknown>[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const payload = encoder.encode(JSON.stringify(benchRecord(i)));
    bytes += payload.length;
    if (acks.length >= IN_FLIGHT) await acks.shift();
    acks.push(js.publish(subject, payload));
  }
  await Promise.all(acks);
  return bytes;
}

async function readLoop(nc: NatsConnection, stream: string, n: number): Promise<number> {
  const consumer = await nc.jetstream().consumers.get(stream, { filterSubjects: `${stream}.in` });
  const messages = await consumer.consume({ max_messages: 1024 });
  let checksum = 0;
  let read = 0;
  for await (const m of messages) {
    checksum += (m.json() as { id: number }).id;
    if (++read === n) break;
  }
  messages.stop();
  return checksum;
}

/** Runs a bench job on `cluster`: its time submit → FINISHED. */
async function timedJob(cluster: MiniCluster, args: string[]): Promise<{ ms: number }> {
  const result: RunResult = await runJob(JOB, { client: new MiniClusterClient(cluster), args });
  if (result.state !== "FINISHED") throw new Error(`${args[0]} job ${result.state}: ${result.failure?.message}`);
  return { ms: result.endTime - result.startTime };
}

const server = await startNats();
const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 1 });
const nc = await connect({ servers: server.url });
try {
  const jsm = await nc.jetstreamManager();
  for (const name of ["IN", "RAWOUT", "JOBOUT"]) await jsm.streams.add({ name, subjects: [`${name}.>`] });
  const filled = await timed(() => publishLoop(nc, "IN.in", count));
  const bytes = filled.result;
  const mb = (ms: number) => `${((bytes / ms) * 1000 / 2 ** 20).toFixed(1)} MB/s`;

  await readLoop(nc, "IN", Math.min(count, 20_000)); // warm-up
  const rawRead = await timed(() => readLoop(nc, "IN", count));
  const sourceJob = await timedJob(cluster, ["source", server.url, "IN", String(count), "1000"]);
  const sourceMs = sourceJob.ms;

  const rawWrite = await timed(() => publishLoop(nc, "RAWOUT.out", sinkCount));
  const sinkJob = await timedJob(cluster, ["sink", server.url, "JOBOUT", String(sinkCount), "1000"]);
  const sinkMs = sinkJob.ms;
  const written = (await jsm.streams.info("JOBOUT")).state.messages;
  if (written !== sinkCount) throw new Error(`the sink job wrote ${written} messages, expected ${sinkCount}`);
  const sinkMb = (ms: number) => `${((rawWrite.result / ms) * 1000 / 2 ** 20).toFixed(1)} MB/s`;

  console.log(`machine: ${machine()}`);
  console.log(`records: ${count} read, ${sinkCount} written, ${(bytes / count).toFixed(0)} bytes each (JSON), nats-server ${server.url} (file storage)`);
  console.log(`initial fill (publish loop):       ${rate(count, filled.ms)}  ${mb(filled.ms)}`);
  console.log(`read loop (ordered consumer):      ${rate(count, rawRead.ms)}  ${mb(rawRead.ms)}  (${rawRead.ms.toFixed(0)} ms)`);
  console.log(`sluice source → discard:           ${rate(count, sourceMs)}  ${mb(sourceMs)}  (${sourceMs.toFixed(0)} ms submit to FINISHED)`);
  console.log(`ratio source / read loop:          ${(perSecond(count, sourceMs) / perSecond(count, rawRead.ms)).toFixed(2)}  (target ≥ 0.5)`);
  console.log(`publish loop (${IN_FLIGHT} acks in flight): ${rate(sinkCount, rawWrite.ms)}  ${sinkMb(rawWrite.ms)}  (${rawWrite.ms.toFixed(0)} ms)`);
  console.log(`sluice generator → sink:           ${rate(sinkCount, sinkMs)}  ${sinkMb(sinkMs)}  (${sinkMs.toFixed(0)} ms submit to FINISHED)`);
  console.log(`ratio sink / publish loop:         ${(perSecond(sinkCount, sinkMs) / perSecond(sinkCount, rawWrite.ms)).toFixed(2)}  (target ≥ 0.5)`);
} finally {
  await cluster.close();
  await nc.close();
  await server.stop();
}
