/**
 * The worker thread of bench/flame-graph-cost.ts: runs the chained pipeline's functions for a fixed time,
 * yielding between chunks as a slot worker does between batches, with or without the slot worker's own
 * CpuSampler running, and answers the records it got through.
 */
import { parentPort } from "node:worker_threads";
import { CpuSampler } from "../src/runtime/worker/cpu-sampler.js";
import { filterRecord, generateRecord, mapRecord } from "./jobs/chained-functions.js";

const CHUNK = 10_000;
const sampler = new CpuSampler();

parentPort!.on("message", async (m: { durationMs: number; delayBetweenSamplesMs?: number }) => {
  const sampling = m.delayBetweenSamplesMs ? sampler.sample({ numSamples: Math.floor(m.durationMs / m.delayBetweenSamplesMs), delayBetweenSamplesMs: m.delayBetweenSamplesMs }) : undefined;
  const until = performance.now() + m.durationMs;
  let records = 0;
  let checksum = 0;
  while (performance.now() < until) {
    for (let i = 0; i < CHUNK; i++) {
      const o = mapRecord(generateRecord(records + i));
      if (filterRecord(o)) checksum += o.amount;
    }
    records += CHUNK;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const tree = await sampling;
  parentPort!.postMessage({ records, checksum, samples: tree?.value ?? 0 });
});
