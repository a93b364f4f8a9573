/**
 * The Redis Streams sink's two-phase commit against a real redis-server (docs/connectors.md, "Redis
 * Streams sink"): staged entries are invisible until commit, appear all at once, a repeated commit is
 * a no-op, recovery commits what a checkpoint lists and drops the other leftovers of its subtasks, and
 * staged transactions survive a SIGKILL of redis-server through its AOF.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Redis } from "ioredis";
import type { TwoPhaseCommitContext, TwoPhaseCommitWriter } from "../../../src/api/sink.js";
import { RedisConnectorError } from "../../../src/connectors/redis/redis-errors.js";
import { RedisStreamSink, type RedisStreamTransaction } from "../../../src/connectors/redis/redis-stream-sink.js";
import { startRedis, type RedisServer } from "../../support/redis.js";
import { testingRuntimeContext } from "../../../src/testing/runtime-context.js";

let server: RedisServer;
let redis: Redis;
let counter = 0;

before(async () => {
  server = await startRedis();
  redis = server.client();
});

after(async () => {
  redis?.disconnect();
  await server?.stop();
});

function context(subtaskIndex = 0, attemptNumber = 0, parallelism = 1): TwoPhaseCommitContext {
  return testingRuntimeContext({ jobId: "job-1", taskName: "sink", subtaskIndex, parallelism, attemptNumber, operatorUid: "sink-uid" });
}

interface Row {
  n: number;
}

async function writer(stream: string, ctx = context(), port = server.port, prefix = `test:${stream}`): Promise<TwoPhaseCommitWriter<Row, RedisStreamTransaction>> {
  const sink = new RedisStreamSink<Row>({ connection: { port, retryTimeoutMs: 5_000 }, stream, transactionKeyPrefix: prefix, entriesPerWrite: 64 });
  return sink.createTransactionalWriter(ctx);
}

async function numbers(stream: string, client = redis): Promise<number[]> {
  return (await client.xrange(stream, "-", "+")).map(([, fields]) => (JSON.parse(fields[1]!) as Row).n);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

describe("Redis Streams sink", () => {
  it("stages a transaction invisibly, appends it all at once on commit, and a repeated commit does nothing", async () => {
    const stream = `target-${++counter}`;
    const w = await writer(stream);
    try {
      await w.recover({ toCommit: [], ownedSubtasks: [0] });
      const txn = w.beginTransaction({ afterCheckpoint: undefined });
      for (let n = 0; n < 500; n++) w.write(txn, { n }, undefined);
      await w.preCommit(txn);
      assert.equal(await redis.exists(stream), 0, "nothing visible before commit");
      assert.equal(await redis.llen(`test:${stream}:${txn.id}`), 500, "staged under the transaction's key");
      await w.commit(txn);
      assert.deepEqual(await numbers(stream), range(0, 500));
      await w.commit(txn);
      assert.deepEqual(await numbers(stream), range(0, 500), "a second commit appends nothing");
      assert.equal(await redis.exists(`test:${stream}:${txn.id}`), 0);
      assert.deepEqual(await redis.smembers(`test:${stream}:index`), []);
    } finally {
      await w.close?.();
    }
  });

  it("writes entry fields from toFields, with numbers and bytes", async () => {
    const stream = `fields-${++counter}`;
    const sink = new RedisStreamSink<Row>({
      connection: { port: server.port },
      stream,
      transactionKeyPrefix: `test:${stream}`,
      toFields: (r) => ({ n: r.n, raw: Buffer.from([0, 255, r.n]), note: "é" }),
    });
    const w = await sink.createTransactionalWriter(context());
    try {
      await w.recover({ toCommit: [], ownedSubtasks: [0] });
      const txn = w.beginTransaction({ afterCheckpoint: undefined });
      w.write(txn, { n: 7 }, undefined);
      await w.preCommit(txn);
      await w.commit(txn);
      const [[, fields]] = (await redis.xrangeBuffer(stream, "-", "+")) as [Buffer, Buffer[]][];
      assert.deepEqual(fields!.map((f) => f.toString("hex")), ["n", "7", "raw", "", "note", "é"].map((t, i) => (i === 3 ? "00ff07" : Buffer.from(t).toString("hex"))));
    } finally {
      await w.close?.();
    }
  });

  it("stages large values and entries of many fields unchanged", async () => {
    const stream = `large-${++counter}`;
    const big = "x".repeat(70_000);
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, "v".repeat(i * 20)]));
    const sink = new RedisStreamSink<Row>({ connection: { port: server.port }, stream, transactionKeyPrefix: `test:${stream}`, toFields: (r) => (r.n === 0 ? { big } : many) });
    const w = await sink.createTransactionalWriter(context());
    try {
      await w.recover({ toCommit: [], ownedSubtasks: [0] });
      const txn = w.beginTransaction({ afterCheckpoint: undefined });
      w.write(txn, { n: 0 }, undefined);
      w.write(txn, { n: 1 }, undefined);
      await w.preCommit(txn);
      await w.commit(txn);
      const entries = await redis.xrange(stream, "-", "+");
      assert.deepEqual(entries.map(([, f]) => f), [["big", big], Object.entries(many).flat()]);
    } finally {
      await w.close?.();
    }
  });

  it("recovery commits the transactions of the checkpoint and drops the other leftovers of the subtasks it owns, not another's", async () => {
    const stream = `recovery-${++counter}`;
    const crashed0 = await writer(stream, context(0, 0, 2));
    const crashed1 = await writer(stream, context(1, 0, 2));
    await crashed0.recover({ toCommit: [], ownedSubtasks: [0] });
    await crashed1.recover({ toCommit: [], ownedSubtasks: [1] });
    // Subtask 0: c1 pre-committed and in the checkpoint, c2 pre-committed but its checkpoint never completed, c3 open.
    const inCheckpoint = crashed0.beginTransaction({ afterCheckpoint: 1 });
    for (let n = 0; n < 100; n++) crashed0.write(inCheckpoint, { n }, undefined);
    await crashed0.preCommit(inCheckpoint);
    const notCompleted = crashed0.beginTransaction({ afterCheckpoint: 2 });
    for (let n = 100; n < 200; n++) crashed0.write(notCompleted, { n }, undefined);
    await crashed0.preCommit(notCompleted);
    const open = crashed0.beginTransaction({ afterCheckpoint: 3 });
    for (let n = 200; n < 300; n++) crashed0.write(open, { n }, undefined); // 64 of them already sent
    // Subtask 1 (still running elsewhere) has a pre-committed transaction of its own.
    const other = crashed1.beginTransaction({ afterCheckpoint: 2 });
    crashed1.write(other, { n: 1000 }, undefined);
    await crashed1.preCommit(other);
    await crashed0.close?.();

    const restarted = await writer(stream, context(0, 1, 2));
    try {
      await restarted.recover({ toCommit: [inCheckpoint], ownedSubtasks: [0] });
      assert.deepEqual(await numbers(stream), range(0, 100));
      assert.deepEqual(await redis.smembers(`test:${stream}:index`), [other.id], "only subtask 1's transaction is left");
      await crashed1.commit(other);
      assert.deepEqual(await numbers(stream), [...range(0, 100), 1000]);
      // Recovery running again (another failure) commits nothing twice.
      await restarted.recover({ toCommit: [inCheckpoint], ownedSubtasks: [0] });
      assert.deepEqual(await numbers(stream), [...range(0, 100), 1000]);
    } finally {
      await restarted.close?.();
      await crashed1.close?.();
    }
  });

  it("a staged transaction survives redis-server being SIGKILLed (AOF) and is committed exactly once after", async () => {
    const own = await startRedis();
    const client = own.client();
    try {
      const stream = "crash-target";
      const w = await writer(stream, context(), own.port);
      await w.recover({ toCommit: [], ownedSubtasks: [0] });
      const committed = w.beginTransaction({ afterCheckpoint: undefined });
      for (let n = 0; n < 50; n++) w.write(committed, { n }, undefined);
      await w.preCommit(committed);
      await w.commit(committed);
      const staged = w.beginTransaction({ afterCheckpoint: 1 });
      for (let n = 50; n < 300; n++) w.write(staged, { n }, undefined);
      await w.preCommit(staged);
      client.disconnect();
      await own.kill();
      // The writer learns the server went away: what it does next fails, and the task would restart.
      await assert.rejects(async () => w.commit(staged), RedisConnectorError);
      await w.close?.();
      await own.restart();
      const again = own.client();
      try {
        const restarted = await writer(stream, context(0, 1), own.port);
        await restarted.recover({ toCommit: [staged], ownedSubtasks: [0] });
        assert.deepEqual(await numbers(stream, again), range(0, 300));
        await restarted.recover({ toCommit: [staged], ownedSubtasks: [0] });
        assert.deepEqual(await numbers(stream, again), range(0, 300));
        await restarted.close?.();
      } finally {
        again.disconnect();
      }
    } finally {
      client.disconnect();
      await own.stop();
    }
  });

  it("refuses a target key that is not a stream, naming the sink", async () => {
    await redis.set("a-string", "x");
    await assert.rejects(writer("a-string"), /redis-stream sink a-string@127\.0\.0\.1:\d+: key a-string is a string, not a stream/);
  });
});
