/**
 * The Redis Streams connectors against ioredis itself, in the same run on the same private redis-server
 * (docs/connectors.md, "Redis Streams"):
 *  - read: RedisStreamSource (bounded, parallelism 1) → a counting sink, vs a plain loop of
 *    XREAD COUNT 1000 over the same stream that JSON-decodes each entry's value, as the source does;
 *  - write: generator → RedisStreamSink (exactly once: staged with RPUSH, appended by the commit
 *    script), vs a plain loop of pipelined XADDs (1000 per round trip) of the same entries.
 * Records/s and MB/s (entry field and value bytes); the connector's time runs from its first record
 * to its last (read) or to the end of the job, its last commit (write), so job start-up is left out.
 * Rounds alternate the paths (reference, then connector) and the medians are reported, because the
 * machine's load moves between measurements.
 * Run: npx tsc -p tsconfig.json && node dist/bench/redis-connector.js [--count N] [--rounds R]
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir, loadavg } from "node:os";
import { join } from "node:path";
import type { Redis } from "ioredis";
import { runJob } from "../src/client/job-runner.js";
import { startRedis } from "../test/support/redis.js";
import { benchRecord } from "./jobs/redis-records.js";
import { argNumber, benchJob, machine, perSecond } from "./support.js";

const count = argNumber("count", 200_000);
const roundCount = argNumber("rounds", 3);
const BATCH = 1000;
const work = mkdtempSync(join(tmpdir(), "sluice-redis-bench-"));
const server = await startRedis();
const redis = server.client();

function entryBytes(i: number): number {
  return "data".length + Buffer.byteLength(JSON.stringify(benchRecord(i)));
}

async function rawWrite(stream: string): Promise<number> {
  const start = performance.now();
  for (let from = 0; from < count; from += BATCH) {
    const pipeline = redis.pipeline();
    for (let i = from; i < Math.min(count, from + BATCH); i++) pipeline.xadd(stream, "*", "data", JSON.stringify(benchRecord(i)));
    await pipeline.exec();
  }
  return performance.now() - start;
}

async function rawRead(client: Redis, stream: string): Promise<number> {
  const start = performance.now();
  let last = "0-0";
  let read = 0;
  let checksum = 0;
  while (read < count) {
    const reply = (await client.xreadBuffer("COUNT", BATCH, "STREAMS", stream, last)) as [Buffer, [Buffer, Buffer[]][]][] | null;
    const entries = reply?.[0]?.[1] ?? [];
    if (entries.length === 0) break;
    for (const [, fields] of entries) checksum += (JSON.parse(fields[1]!.toString()) as { amount: number }).amount;
    read += entries.length;
    last = entries[entries.length - 1]![0].toString();
  }
  if (read !== count || checksum < 0) throw new Error(`raw read got ${read} of ${count}`);
  return performance.now() - start;
}

function figures(label: string, ms: number, bytes: number): { perSecond: number; line: string } {
  const rps = perSecond(count, ms);
  return { perSecond: rps, line: `${label.padEnd(44)} ${(rps / 1000).toFixed(1).padStart(7)} K records/s  ${((bytes / ms) * 1000 / 1e6).toFixed(1).padStart(6)} MB/s  (${(ms / 1000).toFixed(2)} s)` };
}

/** One round: each path once, the reference right before the connector, so both see about the same load. */
async function round(n: number): Promise<{ rawRead: number; source: number; rawWrite: number; sink: number }> {
  const input = `input-${n}`;
  const rawWriteMs = await rawWrite(input);
  const reader = server.client();
  const rawReadMs = await rawRead(reader, input);
  reader.disconnect();

  const readTiming = join(work, `read-${n}.json`);
  const read = await runJob(benchJob("redis-connector.ts"), { args: ["read", String(server.port), input, String(count), readTiming] });
  if (read.state !== "FINISHED") throw new Error(`read job ${read.state}: ${read.failure?.message}`);
  const r = JSON.parse(readFileSync(readTiming, "utf8")) as { first: number; last: number; count: number };
  if (r.count !== count) throw new Error(`the read job saw ${r.count} of ${count} records`);

  const output = `output-${n}`;
  const writeTiming = join(work, `write-${n}.json`);
  const write = await runJob(benchJob("redis-connector.ts"), { args: ["write", String(server.port), output, String(count), writeTiming] });
  if (write.state !== "FINISHED") throw new Error(`write job ${write.state}: ${write.failure?.message}`);
  const writeEnd = Date.now();
  const w = JSON.parse(readFileSync(writeTiming, "utf8")) as { first: number };
  const written = await redis.xlen(output);
  if (written !== count) throw new Error(`the write job left ${written} of ${count} entries`);
  await redis.del(input, output);
  return { rawRead: rawReadMs, source: r.last - r.first, rawWrite: rawWriteMs, sink: writeEnd - w.first };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

try {
  let bytes = 0;
  for (let i = 0; i < count; i++) bytes += entryBytes(i);

  // Warm-up of the raw paths (JIT), then the measured rounds.
  await rawWrite("warm");
  await redis.del("warm");
  const rounds = [];
  for (let n = 0; n < roundCount; n++) rounds.push(await round(n));

  console.log(`machine: ${machine()}; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`redis-server 7.0 (appendonly yes, appendfsync everysec) on loopback; ${count} records, ${(bytes / count).toFixed(0)} bytes per entry; median of ${roundCount} rounds`);
  rounds.forEach((r, n) =>
    console.log(`  round ${n}: source/raw read ${(r.rawRead / r.source).toFixed(2)}, sink/raw write ${(r.rawWrite / r.sink).toFixed(2)}`),
  );
  const rawR = figures("ioredis XREAD loop (COUNT 1000, JSON.parse)", median(rounds.map((r) => r.rawRead)), bytes);
  const srcR = figures("RedisStreamSource → counting sink", median(rounds.map((r) => r.source)), bytes);
  const rawW = figures("ioredis XADD loop (pipelines of 1000)", median(rounds.map((r) => r.rawWrite)), bytes);
  const sinkW = figures("generator → RedisStreamSink (exactly once)", median(rounds.map((r) => r.sink)), bytes);
  console.log(rawR.line);
  console.log(srcR.line);
  console.log(`  source / raw read:  ${(srcR.perSecond / rawR.perSecond).toFixed(2)}`);
  console.log(rawW.line);
  console.log(sinkW.line);
  console.log(`  sink / raw write:   ${(sinkW.perSecond / rawW.perSecond).toFixed(2)}`);
} finally {
  redis.disconnect();
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
