/**
 * The Redis Streams source's reader and enumerator against a real redis-server, run in this process by
 * the SourceHarness (docs/connectors.md, "Redis Streams"): positions, start positions, bounded mode,
 * pattern discovery, bad messages, consumer-group acknowledgements, metrics and the clear errors.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Redis } from "ioredis";
import { OutputTag } from "../../../src/api/output-tag.js";
import type { DeadLetter } from "../../../src/connectors/common/deserialization.js";
import { RedisAuthenticationError, RedisBadMessageError, RedisStreamNotFoundError, RedisUnavailableError } from "../../../src/connectors/redis/redis-errors.js";
import { StartingPositions } from "../../../src/connectors/redis/redis-stream-options.js";
import { RedisStreamSource, type RedisStreamSourceBuilder } from "../../../src/connectors/redis/redis-stream-source.js";
import type { RedisStreamEnumeratorState, RedisStreamSplit } from "../../../src/connectors/redis/redis-stream-split.js";
import { startRedis, type RedisServer } from "../../support/redis.js";
import { waitFor } from "../../support/wait.js";
import { SourceHarness, sleep } from "./source-harness.js";

interface Order {
  id: number;
  amount: number;
}

let server: RedisServer;
let redis: Redis;
let streamCounter = 0;

before(async () => {
  server = await startRedis();
  redis = server.client();
});

after(async () => {
  redis?.disconnect();
  await server?.stop();
});

function fresh(name: string): string {
  return `${name}-${++streamCounter}`;
}

async function addOrders(stream: string, from: number, count: number): Promise<string[]> {
  const pipeline = redis.pipeline();
  for (let i = from; i < from + count; i++) pipeline.xadd(stream, "*", "data", JSON.stringify({ id: i, amount: i * 10 }));
  return ((await pipeline.exec()) ?? []).map(([, id]) => String(id));
}

function builder(): RedisStreamSourceBuilder<Order> {
  return RedisStreamSource.builder<Order>().setConnection({ port: server.port, retryTimeoutMs: 2_000 }).setBlockTime(50);
}

function ids(values: Order[]): number[] {
  return values.map((v) => v.id).sort((a, b) => a - b);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

async function run(source: RedisStreamSource<Order>, parallelism = 1): Promise<SourceHarness<Order, RedisStreamSplit, RedisStreamEnumeratorState>> {
  const h = new SourceHarness(source, parallelism);
  await h.start();
  return h;
}

/** Until the enumerator's first discovery has been dealt out (so the start positions are fixed). */
async function discovered(h: SourceHarness<Order, RedisStreamSplit, RedisStreamEnumeratorState>): Promise<void> {
  await waitFor(() => h.enumerator!.snapshotState(0).initialDiscoveryDone, "the first stream discovery");
}

describe("Redis Streams source", () => {
  it("reads N entries of several streams once each in bounded mode, then ends", async () => {
    const a = fresh("orders-a");
    const b = fresh("orders-b");
    await addOrders(a, 0, 700);
    await addOrders(b, 700, 500);
    const h = await run(builder().setStreams(a, b).setBounded().setBatchSize(128).build(), 2);
    try {
      await discovered(h);
      // Entries added after the start are past the bounded end.
      await addOrders(a, 5000, 10);
      await h.pollToEnd();
      assert.deepEqual(ids(h.values()), range(0, 1200));
      assert.deepEqual(h.failures, []);
      // Each stream emits through its own output (its own watermarks), released once it is done.
      const splitOutputs = [...h.outputs.values()].flatMap((o) => o.splitOutputs).sort();
      assert.deepEqual(splitOutputs, [a, b].sort());
      assert.deepEqual([...h.outputs.values()].flatMap((o) => o.releasedSplitOutputs).sort(), splitOutputs);
    } finally {
      await h.close();
    }
  });

  it("resumes after the last delivered entry id of a snapshot, with nothing lost or read twice", async () => {
    const s = fresh("resume");
    await addOrders(s, 0, 1000);
    const source = builder().setStreams(s).setBatchSize(100).build();
    const first = await run(source);
    let checkpoint;
    try {
      await first.pollUntil(() => first.total() >= 300);
      checkpoint = first.snapshot(1);
    } finally {
      await first.close();
    }
    const delivered = first.values().slice(0, first.total());
    const split = checkpoint.readerSplits.get(0)![0]!;
    assert.equal(split.stream, s);
    assert.equal(JSON.parse((await redis.xrange(s, split.lastId, split.lastId))[0]![1][1]).id, delivered.length - 1, "position = last delivered id");
    await addOrders(s, 1000, 200);
    const second = new SourceHarness(source, 1);
    await second.start(checkpoint.enumState, checkpoint.readerSplits);
    try {
      await second.pollUntil(() => second.total() >= 1200 - delivered.length);
      await sleep(200);
      await second.pollUntil(() => true);
      assert.deepEqual(ids([...delivered, ...second.values()]), range(0, 1200));
    } finally {
      await second.close();
    }
  });

  it("starts at the latest entry, an entry id (inclusive) or a timestamp", async () => {
    const s = fresh("start");
    const added = await addOrders(s, 0, 50);
    const cases: [string, ReturnType<typeof StartingPositions.latest>, number[]][] = [
      ["latest", StartingPositions.latest(), range(50, 60)],
      ["entry id", StartingPositions.entryId(added[20]!), range(20, 60)],
      ["timestamp", StartingPositions.timestamp(Number(added[30]!.split("-")[0])), []],
    ];
    const harnesses = [];
    for (const [, position] of cases) harnesses.push(await run(builder().setStreams(s).setStartingPosition(position).build()));
    try {
      for (const h of harnesses) await discovered(h);
      await addOrders(s, 50, 10);
      for (const [i, [name, , expected]] of cases.entries()) {
        const h: SourceHarness<Order, RedisStreamSplit, RedisStreamEnumeratorState> = harnesses[i]!;
        if (name === "timestamp") {
          // Every entry added in the same millisecond as entry 30 or later, and nothing before that millisecond.
          const ms = Number(added[30]!.split("-")[0]);
          const first = added.findIndex((id) => Number(id.split("-")[0]) >= ms);
          await h.pollUntil(() => h.total() >= 60 - first);
          assert.deepEqual(ids(h.values()), range(first, 60), name);
        } else {
          await h.pollUntil(() => h.total() >= expected.length);
          assert.deepEqual(ids(h.values()), expected, name);
        }
      }
    } finally {
      for (const h of harnesses) await h.close();
    }
  });

  it("discovers streams matching a pattern, also one created while it runs, which it reads from its first entry", async () => {
    const prefix = fresh("region");
    await addOrders(`${prefix}:eu`, 0, 100);
    await addOrders(`${prefix}:us`, 100, 100);
    await redis.set(`${prefix}:not-a-stream`, "x");
    const h = await run(builder().setStreamPattern(`${prefix}:*`).setStartingPosition(StartingPositions.latest()).setDiscoveryInterval(100).build(), 2);
    try {
      await discovered(h);
      await addOrders(`${prefix}:eu`, 200, 10);
      await addOrders(`${prefix}:asia`, 300, 40); // created now: read from its start although the source starts at "latest"
      await h.pollUntil(() => h.total() >= 50);
      await sleep(200);
      await h.pollUntil(() => true);
      assert.deepEqual(ids(h.values()), [...range(200, 210), ...range(300, 340)]);
      assert.deepEqual([...h.enumerator!.snapshotState(1).discovered].sort(), [`${prefix}:asia`, `${prefix}:eu`, `${prefix}:us`]);
    } finally {
      await h.close();
    }
  });

  it("takes event time from the entry id by default, or from a field", async () => {
    const s = fresh("time");
    const [id] = await addOrders(s, 7, 1);
    const byId = await run(builder().setStreams(s).setBounded().build());
    const byField = await run(builder().setStreams(s).setBounded().setEventTime({ field: "amount" }).build());
    try {
      await byId.pollToEnd();
      await byField.pollToEnd();
      assert.equal(byId.outputs.get(0)!.records[0]!.timestamp, Number(id!.split("-")[0]));
      assert.equal(byField.outputs.get(0)!.records[0]!.timestamp, 70);
    } finally {
      await byId.close();
      await byField.close();
    }
  });

  describe("bad messages", () => {
    async function garbageStream(): Promise<{ stream: string; badIds: string[] }> {
      const stream = fresh("garbage");
      await addOrders(stream, 0, 3);
      const badIds = [
        String(await redis.xadd(stream, "*", "data", "{not json")),
        String(await redis.xadd(stream, "*", "other", "no data field")),
        String(await redis.xadd(stream, "*", "data", Buffer.from([0xff, 0xfe, 0x00]))),
      ];
      await addOrders(stream, 3, 3);
      return { stream, badIds };
    }

    it("fail (the default): the reader fails naming the stream and the entry id", async () => {
      const { stream, badIds } = await garbageStream();
      const h = await run(builder().setStreams(stream).setBounded().build());
      try {
        await assert.rejects(h.pollToEnd(), (err: unknown) => {
          assert.ok(err instanceof RedisBadMessageError);
          assert.match(err.message, new RegExp(`redis-stream source .*entry ${badIds[0]} of stream ${stream} does not decode`));
          return true;
        });
        assert.deepEqual(ids(h.values()), [0, 1, 2], "the entries before it went through");
      } finally {
        await h.close();
      }
    });

    it("skip: the entries are counted as errors and dropped, the rest goes through", async () => {
      const { stream } = await garbageStream();
      const h = await run(builder().setStreams(stream).setBounded().setBadMessagePolicy("skip").build());
      try {
        await h.pollToEnd();
        assert.deepEqual(ids(h.values()), range(0, 6));
        assert.equal(h.metrics.get(0)!.errors.getCount(), 3);
      } finally {
        await h.close();
      }
    });

    it("side output: each bad entry becomes a dead letter with origin, id, payload and error", async () => {
      const { stream, badIds } = await garbageStream();
      const tag = new OutputTag<DeadLetter>("dead-letters");
      const h = await run(builder().setStreams(stream).setBounded().setBadMessagePolicy({ sideOutput: tag }).build());
      try {
        await h.pollToEnd();
        assert.deepEqual(ids(h.values()), range(0, 6));
        const letters = h.outputs.get(0)!.side.map((s) => s.value as DeadLetter);
        assert.deepEqual(letters.map((l) => l.id), badIds);
        assert.deepEqual(letters.map((l) => l.origin), [stream, stream, stream].map((s) => `redis-stream ${s}`));
        assert.equal(letters[0]!.payload, "{not json");
        assert.match(letters[1]!.error, /no field "data"/);
        assert.equal(letters[2]!.payload, Buffer.from([0xff, 0xfe, 0x00]).toString("base64"));
      } finally {
        await h.close();
      }
    });
  });

  describe("consumer group", () => {
    it("acknowledges entries only when the checkpoint that covers them completes; unacknowledged ones are read again after a crash", async () => {
      const s = fresh("group");
      await addOrders(s, 0, 100);
      const source = builder().setStreams(s).setConsumerGroup("billing").setBatchSize(10).build();
      const first = await run(source);
      let checkpoint;
      try {
        await first.pollUntil(() => first.total() >= 40);
        checkpoint = first.snapshot(1);
        const atCheckpoint = first.total();
        await first.pollUntil(() => first.total() >= 100);
        // Everything read is pending in the group; nothing acknowledged before the checkpoint completes.
        assert.equal((await redis.xpending(s, "billing"))[0], 100);
        await first.notifyCheckpointComplete(1);
        assert.equal((await redis.xpending(s, "billing"))[0], 100 - atCheckpoint, "only what checkpoint 1 covers is acknowledged");
      } finally {
        await first.close(); // the crash: checkpoint 2 never happens
      }
      const covered = Number(JSON.parse((await redis.xrange(s, checkpoint.readerSplits.get(0)![0]!.lastId, "+", "COUNT", 1))[0]![1][1]).id) + 1;
      const second = new SourceHarness(source, 1);
      await second.start(checkpoint.enumState, checkpoint.readerSplits);
      try {
        await addOrders(s, 100, 5);
        await second.pollUntil(() => second.total() >= 105 - covered);
        assert.deepEqual(ids(second.values()), range(covered, 105), "the pending entries after the checkpoint are delivered again, then new ones");
        const state = second.snapshot(2);
        await second.notifyCheckpointComplete(2);
        assert.equal((await redis.xpending(s, "billing"))[0], 0);
        assert.ok(state);
      } finally {
        await second.close();
      }
    });
  });

  it("reports bytes read and the entries behind the end of the stream", async () => {
    const s = fresh("metrics");
    await addOrders(s, 0, 500);
    const h = await run(builder().setStreams(s).setBatchSize(50).setMaxBufferedEntries(50).build());
    try {
      await h.pollUntil(() => h.total() >= 100);
      const metrics = h.metrics.get(0)!;
      await waitFor(() => metrics.pending!() > 0, "a lag figure");
      const pending = metrics.pending!();
      assert.ok(pending <= 500 - h.total() && pending >= 500 - h.total() - 100, `pending ${pending} after ${h.total()} of 500`);
      await h.pollUntil(() => h.total() >= 500);
      await waitFor(() => metrics.pending!() === 0, "no lag once everything is read");
      const expectedBytes = (await redis.xrangeBuffer(s, "-", "+")).reduce((n, [id, f]) => n + id.length + f.reduce((m, b) => m + b.length, 0), 0);
      assert.equal(metrics.bytesIn.getCount(), expectedBytes);
    } finally {
      await h.close();
    }
  });

  describe("clear errors", () => {
    it("an unknown stream fails the job naming the connector and the stream", async () => {
      const h = await run(builder().setStreams("no-such-stream").build());
      try {
        await waitFor(() => h.failures.length > 0, "the enumerator to fail the job");
        const err = h.failures[0];
        assert.ok(err instanceof RedisStreamNotFoundError);
        assert.match(err.message, /^redis-stream source no-such-stream@127\.0\.0\.1:\d+: stream no-such-stream does not exist/);
      } finally {
        await h.close();
      }
    });

    it("a wrong password fails at once with an authentication error", async () => {
      const secured = await startRedis({ password: "right" });
      try {
        const source = RedisStreamSource.builder<Order>().setConnection({ port: secured.port, password: "wrong", retryTimeoutMs: 10_000 }).setStreams("x").build();
        const h = await run(source);
        try {
          await waitFor(() => h.failures.length > 0, "the enumerator to fail the job", 5_000);
          assert.ok(h.failures[0] instanceof RedisAuthenticationError, String(h.failures[0]));
          assert.match((h.failures[0] as Error).message, /redis-stream source x@.*refused the credentials.*WRONGPASS/);
          // A reader given a split directly (as after a restore) fails the same way.
          h.readers.get(0)!.addSplits!([{ stream: "x", lastId: "0-0" }]);
          await assert.rejects(h.pollUntil(() => false, 5_000), RedisAuthenticationError);
        } finally {
          await h.close();
        }
      } finally {
        await secured.stop();
      }
    });

    it("a server that is down at start is retried with backoff, then read once it is up", async () => {
      const late = await startRedis();
      await late.kill();
      const s = "late-stream";
      const source = RedisStreamSource.builder<Order>().setConnection({ port: late.port, retryTimeoutMs: 20_000, maxBackoffMs: 200 }).setStreams(s).setBounded().build();
      const h = new SourceHarness(source, 1);
      const started = h.start();
      try {
        await sleep(600);
        await late.restart();
        const client = late.client();
        await client.xadd(s, "*", "data", JSON.stringify({ id: 1, amount: 1 }));
        client.disconnect();
        await started;
        await h.pollToEnd();
        assert.deepEqual(ids(h.values()), [1]);
      } finally {
        await h.close();
        await late.stop();
      }
    });

    it("a server that stays down fails with an error naming the connector and the address", async () => {
      const gone = await startRedis();
      await gone.kill();
      const source = RedisStreamSource.builder<Order>().setConnection({ port: gone.port, retryTimeoutMs: 500, maxBackoffMs: 100 }).setStreams("s").build();
      const h = await run(source);
      try {
        await waitFor(() => h.failures.length > 0, "the enumerator to give up", 10_000);
        assert.ok(h.failures[0] instanceof RedisUnavailableError);
        assert.match((h.failures[0] as Error).message, new RegExp(`redis-stream source s@127\\.0\\.0\\.1:${gone.port}: cannot reach Redis at 127\\.0\\.0\\.1:${gone.port} after \\d+ attempts`));
      } finally {
        await h.close();
        await gone.stop();
      }
    });
  });
});
