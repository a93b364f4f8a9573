/**
 * NatsJetStreamSink's writer against a real nats-server: nothing visible before commit, commits that
 * repeat (after a restore, or after a commit that died half-way) publish nothing twice, and the
 * configurations that would break the guarantee are refused with an error naming the connector.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TwoPhaseCommitContext, TwoPhaseCommitWriter } from "../../../src/api/sink.js";
import { NatsJetStreamSink, type NatsJetStreamSinkOptions, type NatsTransaction } from "../../../src/connectors/nats/nats-jetstream-sink.js";
import { NatsAuthenticationError, NatsConfigurationError, NatsStreamNotFoundError, NatsUnavailableError } from "../../../src/connectors/nats/nats-errors.js";
import { freePort, startNats } from "../../support/nats.js";
import { streamName, useNats } from "./nats-test-support.js";
import { testingRuntimeContext } from "../../../src/testing/runtime-context.js";

const nats = useNats({ user: "app", password: "secret" });

function context(subtaskIndex = 0, attemptNumber = 0): TwoPhaseCommitContext {
  return testingRuntimeContext({ jobId: "0123abcd", taskName: "sink", subtaskIndex, attemptNumber, operatorUid: "nats-sink" });
}

function sink(stream: string, extra: Partial<NatsJetStreamSinkOptions<{ n: number }>> = {}) {
  return new NatsJetStreamSink<{ n: number }>({
    connection: { servers: nats.server.url, user: "app", password: "secret" },
    stream,
    subject: (v) => `${stream}.out.${v.n % 3}`,
    ...extra,
  });
}

async function writeTxn(writer: TwoPhaseCommitWriter<{ n: number }, NatsTransaction>, from: number, to: number, afterCheckpoint?: number): Promise<NatsTransaction> {
  const txn = writer.beginTransaction({ afterCheckpoint });
  for (let n = from; n < to; n++) writer.write(txn, { n }, undefined);
  await writer.preCommit(txn);
  return structuredClone(txn);
}

const numbersIn = async (stream: string) => (await nats.readAll(stream)).map((m) => (JSON.parse(m.data) as { n: number }).n);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe("NATS JetStream sink", () => {
  it("publishes a transaction only when it is committed, to the subjects the records choose", async () => {
    const stream = await nats.createStream(streamName());
    const writer = await sink(stream).createTransactionalWriter(context());
    await writer.recover({ toCommit: [], ownedSubtasks: [0] });
    const txn = await writeTxn(writer, 0, 100);
    assert.deepEqual(await numbersIn(stream), [], "nothing is visible after pre-commit");
    await writer.commit(txn);
    const messages = await nats.readAll(stream);
    assert.deepEqual(messages.map((m) => JSON.parse(m.data).n), range(0, 100));
    assert.ok(messages.every((m) => m.subject === `${stream}.out.${JSON.parse(m.data).n % 3}`));
    assert.ok(messages.every((m, i) => m.msgId === `${txn.id}:${i}`), "Nats-Msg-Id is the transaction id and the record's index");
    await writer.close?.();
  });

  it("a commit repeated by a restored writer publishes nothing twice", async () => {
    const stream = await nats.createStream(streamName());
    const first = await sink(stream).createTransactionalWriter(context());
    await first.recover({ toCommit: [], ownedSubtasks: [0] });
    const a = await writeTxn(first, 0, 50, 1);
    const b = await writeTxn(first, 50, 120, 2);
    await first.commit(a);
    await first.commit(b);
    await first.close?.();
    // The restored checkpoint still lists both (their commits ran while it was taken).
    const restored = await sink(stream).createTransactionalWriter(context(0, 1));
    await restored.recover({ toCommit: [a, b], ownedSubtasks: [0] });
    assert.deepEqual(await numbersIn(stream), range(0, 120));
    await restored.close?.();
  });

  it("a commit that died half-way is completed by the retry without duplicates", async () => {
    const stream = await nats.createStream(streamName());
    const writer = await sink(stream).createTransactionalWriter(context());
    await writer.recover({ toCommit: [], ownedSubtasks: [0] });
    const txn = await writeTxn(writer, 0, 80, 3);
    // The first attempt published the first 30 messages and died before its marker.
    const js = nats.nc.jetstream();
    for (let i = 0; i < 30; i++) await js.publish(txn.subjects[i]!, txn.payloads[i]!, { msgID: `${txn.id}:${i}` });
    await writer.commit(txn);
    assert.deepEqual(await numbersIn(stream), range(0, 80));
    await writer.close?.();
  });

  it("an aborted transaction publishes nothing", async () => {
    const stream = await nats.createStream(streamName());
    const writer = await sink(stream).createTransactionalWriter(context());
    const txn = await writeTxn(writer, 0, 10);
    await writer.abort(txn);
    await writer.close?.();
    assert.deepEqual(await numbersIn(stream), []);
  });

  it("refuses a stream whose duplicate window is shorter than the recovery bound, saying how to fix it", async () => {
    const stream = await nats.createStream(streamName(), { duplicateWindowMs: 10_000 });
    await assert.rejects(sink(stream).createTransactionalWriter(context()), (err: Error) => {
      assert.ok(err instanceof NatsConfigurationError);
      assert.match(err.message, new RegExp(`nats-jetstream sink ${stream}.*duplicate_window is 10000 ms.*120000 ms.*--dupe-window 120s`));
      return true;
    });
    // Accepted when the job is declared to recover within the window.
    const writer = await sink(stream, { minDuplicateWindowMs: 10_000 }).createTransactionalWriter(context());
    await writer.close?.();
  });

  it("an unknown stream, or a subject the stream does not capture, is a clear error", async () => {
    await assert.rejects(sink("NO_SUCH_STREAM").createTransactionalWriter(context()), (err: Error) => {
      assert.ok(err instanceof NatsStreamNotFoundError);
      assert.match(err.message, /nats-jetstream sink NO_SUCH_STREAM.*stream 'NO_SUCH_STREAM' does not exist/);
      return true;
    });
    const stream = await nats.createStream(streamName());
    await assert.rejects(sink(stream, { subject: "elsewhere.x" }).createTransactionalWriter(context()), /subject 'elsewhere.x' is not captured by stream/);
  });

  it("a wrong password fails at once with an error naming the connector", async () => {
    const stream = await nats.createStream(streamName());
    const wrong = sink(stream, { connection: { servers: nats.server.url, user: "app", password: "wrong" } });
    await assert.rejects(wrong.createTransactionalWriter(context()), (err: Error) => {
      assert.ok(err instanceof NatsAuthenticationError);
      assert.match(err.message, /nats-jetstream sink .* refused the credentials .*as user 'app'.*check the user and password/);
      return true;
    });
  });

  it("a server down at start is retried with backoff until it comes up", async () => {
    const port = await freePort();
    const url = `nats://127.0.0.1:${port}`;
    const down = new NatsJetStreamSink<{ n: number }>({ connection: { servers: url, connectRetryTimeoutMs: 300 }, stream: "X", subject: "X.a" });
    await assert.rejects(down.createTransactionalWriter(context()), (err: Error) => {
      assert.ok(err instanceof NatsUnavailableError);
      assert.match(err.message, new RegExp(`nats-jetstream sink X@${url}: no NATS server reachable at ${url} after \\d+ attempts`));
      return true;
    });
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (line: string) => warnings.push(line);
    const late = new NatsJetStreamSink<{ n: number }>({ connection: { servers: url, connectRetryTimeoutMs: 30_000 }, stream: "LATE", subject: "LATE.a" });
    const writer = late.createTransactionalWriter(context());
    try {
      // The server comes up after the sink began retrying.
      while (warnings.length < 2) await new Promise((r) => setTimeout(r, 20));
      const server = await startNats({ port });
      try {
        const { connect } = await import("nats");
        const admin = await connect({ servers: url });
        await (await admin.jetstreamManager()).streams.add({ name: "LATE", subjects: ["LATE.>"] });
        await admin.close();
        const w = await writer;
        await w.close?.();
      } finally {
        await server.stop();
      }
    } finally {
      console.warn = warn;
    }
    assert.match(warnings[0]!, new RegExp(`nats-jetstream sink LATE@${url}: NATS server ${url} unreachable \\(attempt 1: .*\\); retrying in 100 ms`));
  });
});
