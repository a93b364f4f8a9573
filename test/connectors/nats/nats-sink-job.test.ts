/**
 * The NATS JetStream sink in a real job (the scenarios every exactly-once sink passes,
 * test/sinks/exactly-once-scenarios.ts): under failures in user code and at every point of the
 * two-phase protocol — before and after pre-commit, before and after commit — the target stream
 * holds every record exactly once.
 */
import { describe, it } from "node:test";
import { assertExactlyOnceUnderFailures, oneFaultPerAttempt } from "../../sinks/exactly-once-scenarios.js";
import { streamName, useNats } from "./nats-test-support.js";

const nats = useNats();

describe("NatsJetStreamSink in a job", () => {
  it("writes every record exactly once under failures at random points, at parallelism 1 and 2", async () => {
    await assertExactlyOnceUnderFailures({
      seedFor: (seed, parallelism) => seed * 11 + parallelism,
      userFailures: 2,
      sinkFaults: oneFaultPerAttempt(2, ["after-pre-commit", "before-commit", "after-commit", "before-pre-commit"]),
      fresh: async () => {
        const stream = await nats.createStream(streamName("OUT"));
        return {
          target: { kind: "nats", servers: nats.server.url, stream, subject: `${stream}.totals` },
          output: {
            committed: async () => (await nats.readAll(stream)).map((m) => m.data).sort(),
            // Nothing of an uncommitted transaction reaches the server (it is in the checkpoint).
            staged: async () => [],
            writing: async () => false,
          },
        };
      },
      restoresFromCheckpoints: false,
    });
  });
});
