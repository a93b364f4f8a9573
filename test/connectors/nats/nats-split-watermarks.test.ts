/**
 * Watermarks per split with NATS JetStream (docs/architecture.md, "Watermarks per split"): one reader
 * reads two subjects as two splits, one a day ahead in event time; the event-time windows of the slow
 * subject are all counted (none dropped as late), equal to counts computed directly from the events.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { runJob } from "../../../src/client/job-runner.js";
import { countLines, laneEvent, referenceCounts, type SplitWatermarksSpec, type WindowCount } from "../../jobs/connectors/split-watermarks-spec.js";
import { testJob } from "../../support/paths.js";
import { useNats } from "./nats-test-support.js";

const JOB = testJob("connectors/split-watermarks-job.ts");
const PER_LANE = 600;
const nats = useNats();

test("one reader of two subjects, one a day ahead in event time: every window of the slow subject is counted", { timeout: 90_000 }, async () => {
  const stream = await nats.createStream("WM");
  const js = nats.nc.jetstream();
  const acks: Promise<unknown>[] = [];
  for (const lane of ["fast", "slow"] as const) {
    for (let seq = 0; seq < PER_LANE; seq++) acks.push(js.publish(`WM.${lane}`, JSON.stringify(laneEvent(lane, seq))));
  }
  await Promise.all(acks);
  const spec: SplitWatermarksSpec = { connector: "nats", url: nats.server.url, natsStream: stream, subjectPrefix: "WM" };
  const result = await runJob(JOB, { args: [JSON.stringify(spec)] });
  assert.equal(result.state, "FINISHED", result.failure?.message);
  assert.deepEqual(countLines(result.records as WindowCount[]), referenceCounts(PER_LANE));
});
