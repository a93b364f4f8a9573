/**
 * examples/nats-events.ts against a private nats-server: the page counts it writes (exactly once, to
 * EVENT_COUNTS) equal the counts per page and minute computed directly from the published events; the
 * message that is not an event goes to the dead-letter side output instead of failing the job.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { runJob } from "../../../src/client/job-runner.js";
import { clickEvent } from "../../../examples/nats-events.js";
import { useNats } from "./nats-test-support.js";

const EXAMPLE = fileURLToPath(new URL("../../../../examples/nats-events.ts", import.meta.url));
const nats = useNats();

describe("examples/nats-events.ts", () => {
  it("counts views per page and minute from a stream into another, exactly once", { timeout: 100_000 }, async () => {
    await nats.jsm.streams.add({ name: "EVENTS", subjects: ["events.*"] });
    await nats.jsm.streams.add({ name: "EVENT_COUNTS", subjects: ["counts.*"] });
    const count = 3000;
    const js = nats.nc.jetstream();
    const reference = new Map<string, number>();
    const acks: Promise<unknown>[] = [];
    for (let i = 0; i < count; i++) {
      const { subject, event } = clickEvent(i);
      acks.push(js.publish(subject, JSON.stringify(event)));
      const key = `${event.page} ${new Date(Math.floor(event.time / 60_000) * 60_000).toISOString()}`;
      reference.set(key, (reference.get(key) ?? 0) + 1);
    }
    acks.push(js.publish("events.eu", "this is not an event"));
    await Promise.all(acks);

    const result = await runJob(EXAMPLE, { args: [nats.server.url, "bounded"] });
    assert.equal(result.state, "FINISHED", result.failure?.message);
    const counts = new Map<string, number>();
    for (const m of await nats.readAll("EVENT_COUNTS")) {
      const c = JSON.parse(m.data) as { page: string; windowStart: string; views: number };
      const key = `${c.page} ${c.windowStart}`;
      assert.ok(!counts.has(key), `${key} written twice`);
      counts.set(key, c.views);
    }
    assert.deepEqual(new Map([...counts].sort()), new Map([...reference].sort()));
  });
});
