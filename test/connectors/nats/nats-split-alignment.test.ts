/**
 * Watermark alignment per split with NATS JetStream (docs/architecture.md, "Watermark alignment";
 * docs/connectors.md, "NATS JetStream"): one reader reads two subjects as two splits, one a day ahead.
 * Aligned, the reader pauses the fast subject (SourceReader.pauseOrResumeSplits) and resumes it when
 * the slow one has ended; every message of both subjects arrives once, in order. Unaligned (the
 * reference), the fast subject runs through while the slow one is read.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { runJob } from "../../../src/client/job-runner.js";
import { fastBeforeSlowEnded, laneEvent, type LaneRecord, type SplitWatermarksSpec } from "../../jobs/connectors/split-watermarks-spec.js";
import { testJob } from "../../support/paths.js";
import { useNats } from "./nats-test-support.js";

const JOB = testJob("connectors/split-alignment-job.ts");
const PER_LANE = 3000;
const nats = useNats();

async function run(mode: "aligned" | "unaligned"): Promise<number> {
  const prefix = `AL${mode === "aligned" ? "A" : "U"}`;
  const stream = await nats.createStream(prefix);
  const js = nats.nc.jetstream();
  const acks: Promise<unknown>[] = [];
  for (const lane of ["slow", "fast"] as const) {
    for (let seq = 0; seq < PER_LANE; seq++) acks.push(js.publish(`${prefix}.${lane}`, JSON.stringify(laneEvent(lane, seq))));
  }
  await Promise.all(acks);
  const spec: SplitWatermarksSpec = { connector: "nats", url: nats.server.url, natsStream: stream, subjectPrefix: prefix };
  const result = await runJob(JOB, { args: [mode, JSON.stringify(spec)] });
  assert.equal(result.state, "FINISHED", result.failure?.message);
  return fastBeforeSlowEnded(result.records as LaneRecord[], PER_LANE);
}

test("aligned: the subject a day ahead is paused while the slow one runs and resumed after it; every message is counted", { timeout: 120_000 }, async () => {
  const ahead = await run("aligned");
  assert.ok(ahead < PER_LANE / 2, `${ahead} fast messages before the slow subject's last`);
});

test("unaligned: the fast subject runs through while the slow one is read (the reference)", { timeout: 120_000 }, async () => {
  const ahead = await run("unaligned");
  assert.ok(ahead > PER_LANE / 2, `${ahead} fast messages before the slow subject's last`);
});
