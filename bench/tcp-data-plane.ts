/**
 * Keyed exchange across two TaskManager processes (one slot each, parallelism 2): about half of the
 * records cross between the TaskManagers over the TCP data plane, the rest stay inside a worker.
 * Two workloads on the same cluster: a keyed word count (small records: per-record cost dominates)
 * and a keyed exchange of 1 KiB records (bytes dominate). Both are compared with raw TCP loopback
 * throughput between two processes measured in the same run (32 KiB writes, the size of a network
 * buffer). The bytes that crossed come from the TaskManagers' own traffic counters.
 * Run: npx tsc -p tsconfig.json && node dist/bench/tcp-data-plane.js [--count N] [--payload-count N] [--payload-bytes B] [--raw-mib M]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { runJob } from "../src/client/job-runner.js";
import { RestClusterClient } from "../src/client/rest-cluster-client.js";
import { REPO_ROOT, argNumber, benchJob, machine, rate } from "./support.js";

const count = argNumber("count", 5_000_000);
const payloadCount = argNumber("payload-count", 1_000_000);
const payloadBytes = argNumber("payload-bytes", 1024);
const rawMiB = argNumber("raw-mib", 2048);
const SLUICE = join(REPO_ROOT, "bin", "sluice.js");

interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<void>;
}

function start(args: string[]): Proc {
  const child = spawn(process.execPath, [SLUICE, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return { child, out: () => out, err: () => err, exited };
}

async function waitFor(p: Proc, pattern: RegExp): Promise<RegExpExecArray> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const m = pattern.exec(p.out());
    if (m) return m;
    if (Date.now() > deadline || p.child.exitCode !== null) throw new Error(`no ${pattern} in time:\n${p.err()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Raw TCP loopback: a child process writes `mib` MiB in 32 KiB chunks, this process reads them. */
async function rawTcp(mib: number): Promise<{ bytes: number; ms: number }> {
  const total = mib * 1024 * 1024;
  let received = 0;
  let first = 0;
  const done = new Promise<number>((resolve) => {
    const server = createServer((socket) => {
      socket.on("data", (chunk: Buffer) => {
        if (received === 0) first = performance.now();
        received += chunk.length;
        if (received >= total) {
          resolve(performance.now() - first);
          socket.destroy();
          server.close();
        }
      });
    });
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port;
      const writer = `
        const s = require("node:net").connect(${port}, "127.0.0.1");
        const chunk = Buffer.alloc(32 * 1024, 7);
        let left = ${total} / chunk.length;
        const pump = () => { while (left > 0) { left--; if (!s.write(chunk)) { s.once("drain", pump); return; } } s.end(); };
        s.on("connect", pump);`;
      spawn(process.execPath, ["-e", writer], { stdio: "ignore" });
    });
  });
  const ms = await done;
  return { bytes: received, ms };
}

const raw = await rawTcp(rawMiB);
const rawMiBps = raw.bytes / 2 ** 20 / (raw.ms / 1000);

const jm = start(["jobmanager", "-D", "jobmanager.rpc.port=0", "-D", "rest.port=0"]);
const procs = [jm];
try {
  const [, rpc, rest] = await waitFor(jm, /JobManager ready: RPC tcp:\/\/(\S+), REST (\S+)/);
  const tms = [start(["taskmanager", "--jobmanager", rpc!, "--slots", "1"]), start(["taskmanager", "--jobmanager", rpc!, "--slots", "1"])];
  procs.push(...tms);
  await Promise.all(tms.map((t) => waitFor(t, /registered at/)));
  const client = new RestClusterClient({ baseUrl: rest!, maxPollIntervalMs: 50 });
  // Bytes per job from the JobManager's view of the tasks: the source vertex's numBytesOut counts
  // serialized buffers only, i.e. the records for the subtask in the other TaskManager (records
  // for the consumer in the same worker are handed over unserialized).
  const measure = async (file: string, args: string[]): Promise<{ ms: number; bytesOut: number }> => {
    const job = await runJob(benchJob(file), { client, args });
    if (job.state !== "FINISHED") throw new Error(`job ${job.state}: ${job.failure?.message}`);
    const details = await client.details(job.jobId);
    const source = details.vertices[0]!;
    const bytesOut = source.subtasks.reduce((b, s) => b + (s.metrics?.numBytesOut ?? 0), 0);
    return { ms: job.endTime - job.startTime, bytesOut };
  };
  const words = await measure("keyed-wordcount.ts", [String(count), "2"]);
  const payloads = await measure("keyed-payload.ts", [String(payloadCount), "2", String(payloadBytes)]);
  for (const t of tms) t.child.kill("SIGTERM");
  await Promise.all(tms.map((t) => t.exited));
  let tcpBytes = 0;
  for (const t of tms) {
    const m = /data plane traffic: sent \d+ frames \/ (\d+) bytes/.exec(t.err());
    if (m) tcpBytes += Number(m[1]);
  }
  const mibps = (bytes: number, ms: number): number => bytes / 2 ** 20 / (ms / 1000);
  console.log(`machine: ${machine()}`);
  console.log(`parallelism 2 over 2 TaskManager processes (1 slot each); about half of the records cross TCP`);
  console.log(`raw TCP loopback (32 KiB writes, 2 processes):   ${rawMiBps.toFixed(0)} MiB/s`);
  console.log(`keyed word count, ${count} records:           ${rate(count, words.ms)}, ${mibps(words.bytesOut, words.ms).toFixed(1)} MiB/s over TCP (${words.ms.toFixed(0)} ms submit to FINISHED)`);
  const payloadTcp = mibps(payloads.bytesOut, payloads.ms);
  console.log(`keyed ${payloadBytes}-byte records, ${payloadCount} records: ${rate(payloadCount, payloads.ms)}, ${payloadTcp.toFixed(1)} MiB/s over TCP (${payloads.ms.toFixed(0)} ms)`);
  console.log(`ratio data plane / raw TCP (bytes/s):            word count ${(mibps(words.bytesOut, words.ms) / rawMiBps).toFixed(3)}, ${payloadBytes}-byte records ${(payloadTcp / rawMiBps).toFixed(3)}  (target: ≥ 0.5)`);
  console.log(`bytes sent between the TaskManagers, both jobs:  ${(tcpBytes / 2 ** 20).toFixed(1)} MiB (data, events, credits; from their traffic counters)`);
} finally {
  for (const p of procs) p.child.kill("SIGKILL");
}
