/**
 * The NATS JetStream source's enumerator and reader against a real nats-server, driven as the
 * runtime drives them: discovery and assignment, positions through snapshot and restore, start
 * policies, bounded mode, bad messages under each policy, durable-consumer acknowledgements only on
 * checkpoint completion, metrics, and the errors of a wrong password, an unknown stream and a server
 * that goes away.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OutputTag } from "../../../src/api/output-tag.js";
import type { DeadLetter } from "../../../src/connectors/common/deserialization.js";
import { NatsJetStreamSource, NatsJetStreamSourceBuilder } from "../../../src/connectors/nats/nats-jetstream-source.js";
import { NatsAuthenticationError, NatsBadMessageError, NatsStreamNotFoundError, NatsUnavailableError } from "../../../src/connectors/nats/nats-errors.js";
import { NatsStartingPosition, ownerOf, type NatsSubjectSplit } from "../../../src/connectors/nats/nats-split.js";
import type { NatsEnumeratorState } from "../../../src/connectors/nats/nats-split-enumerator.js";
import { startNats } from "../../support/nats.js";
import { waitFor } from "../../support/wait.js";
import { CollectingOutput, pollUntil, RecordingEnumeratorContext, RecordingReaderMetrics, streamName, useNats } from "./nats-test-support.js";

const nats = useNats({ user: "app", password: "secret" });

interface Event {
  n: number;
}

function builder(stream: string): NatsJetStreamSourceBuilder<Event> {
  return NatsJetStreamSource.builder<Event>().setServers(nats.server.url).setCredentials("app", "secret").setStream(stream);
}

/** Starts the enumerator with `parallelism` registered readers and waits for its first assignment. */
async function enumerate(source: NatsJetStreamSource<Event>, parallelism: number, expectedSplits: number, restored?: NatsEnumeratorState) {
  const ctx = new RecordingEnumeratorContext<NatsSubjectSplit>(parallelism);
  for (let i = 0; i < parallelism; i++) ctx.register(i);
  const enumerator = restored ? source.restoreEnumerator(ctx, restored) : source.createEnumerator(ctx);
  await enumerator.start();
  for (let i = 0; i < parallelism; i++) enumerator.addReader(i);
  await waitFor(() => ctx.allAssigned().length >= expectedSplits || ctx.failures.length > 0, "the enumerator's assignment");
  return { ctx, enumerator };
}

/** Reads `splits` with one reader until `count` records arrived (or end of input). */
async function read(source: NatsJetStreamSource<Event>, splits: NatsSubjectSplit[], count: number, noMoreSplits = false) {
  const metrics = new RecordingReaderMetrics();
  const reader = source.createReader({ subtaskIndex: 0, parallelism: 1, metricGroup: metrics.group });
  const output = new CollectingOutput<Event>();
  reader.addSplits!(splits);
  if (noMoreSplits) reader.notifyNoMoreSplits!();
  const status = await pollUntil(reader, output, () => output.values.length >= count);
  return { reader, output, metrics, status };
}

const events = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ n: from + i }));
const ns = (output: CollectingOutput<Event>) => output.values.map((v) => v.n);

describe("NATS JetStream source", () => {
  it("the enumerator splits by subject, gives each split to its owner, and finds a subject created later", async () => {
    const stream = await nats.createStream(streamName());
    await nats.publish(`${stream}.a`, events(0, 3));
    await nats.publish(`${stream}.b`, events(3, 5));
    const source = builder(stream).setDiscoveryIntervalMs(100).build();
    const { ctx, enumerator } = await enumerate(source, 3, 2);
    try {
      for (const [subtask, splits] of ctx.assigned) for (const s of splits) assert.equal(ownerOf(s.subject, 3), subtask);
      assert.deepEqual(ctx.allAssigned().map((s) => s.subject).sort(), [`${stream}.a`, `${stream}.b`]);
      assert.ok(ctx.allAssigned().every((s) => s.nextSequence === 1 && s.stopSequence === undefined));
      await nats.publish(`${stream}.c`, events(5, 6));
      await waitFor(() => ctx.allAssigned().some((s) => s.subject === `${stream}.c`), "discovery of the new subject");
      assert.equal(ctx.noMoreSplits.size, 0, "an unbounded source never runs out of splits");
      const state = enumerator.snapshotState(1);
      assert.deepEqual(state.known.sort(), [`${stream}.a`, `${stream}.b`, `${stream}.c`]);
      assert.deepEqual(state.unassigned, []);
    } finally {
      ctx.stop();
      await enumerator.close?.();
    }
  });

  it("splits wait for their reader to register, and a restored enumerator neither repeats nor loses a subject", async () => {
    const stream = await nats.createStream(streamName());
    await nats.publish(`${stream}.x`, events(0, 1));
    const source = builder(stream).setPartitions([`${stream}.x`, `${stream}.y.>`]).build();
    const ctx = new RecordingEnumeratorContext<NatsSubjectSplit>(1);
    const enumerator = source.createEnumerator(ctx);
    await enumerator.start();
    assert.equal(ctx.allAssigned().length, 0, "no reader registered yet");
    const state = enumerator.snapshotState(1);
    assert.equal(state.unassigned.length, 2);
    await enumerator.close?.();
    const { ctx: ctx2, enumerator: restored } = await enumerate(source, 1, 2, state);
    assert.deepEqual(ctx2.allAssigned().map((s) => s.subject), [`${stream}.x`, `${stream}.y.>`]);
    assert.equal(restored.snapshotState(2).unassigned.length, 0);
    await restored.close?.();
  });

  it("reads a split from its position; a reader restored from a snapshot goes on with nothing lost or repeated", async () => {
    const stream = await nats.createStream(streamName());
    await nats.publish(`${stream}.a`, events(0, 500));
    await nats.publish(`${stream}.other`, events(1000, 1010));
    const source = builder(stream).build();
    const split: NatsSubjectSplit = { subject: `${stream}.a`, nextSequence: 1 };
    const first = await read(source, [split], 120);
    const snapshot = first.reader.snapshotState(1);
    const firstValues = ns(first.output);
    await first.reader.close?.();
    assert.equal(snapshot.length, 1);
    assert.equal(snapshot[0]!.nextSequence, firstValues.length + 1, "the position is the next stream sequence");
    const second = await read(source, snapshot, 500 - firstValues.length);
    await second.reader.close?.();
    assert.deepEqual([...firstValues, ...ns(second.output)], events(0, 500).map((e) => e.n));
    assert.ok(first.output.timestamps.every((t) => typeof t === "number" && Math.abs(t - Date.now()) < 600_000), "records carry the message's timestamp");
  });

  it("start positions resolve once: earliest, latest, a sequence, a time", async () => {
    const stream = await nats.createStream(streamName());
    const seqs = await nats.publish(`${stream}.a`, events(0, 10));
    await new Promise((r) => setTimeout(r, 30));
    const midTime = Date.now();
    await new Promise((r) => setTimeout(r, 30));
    const later = await nats.publish(`${stream}.a`, events(10, 15));
    const startOf = async (position: NatsStartingPosition) => {
      const { ctx, enumerator } = await enumerate(builder(stream).setStartingPosition(position).build(), 1, 1);
      ctx.stop();
      await enumerator.close?.();
      return ctx.allAssigned()[0]!.nextSequence;
    };
    assert.equal(await startOf(NatsStartingPosition.earliest()), 1);
    assert.equal(await startOf(NatsStartingPosition.latest()), later.at(-1)! + 1);
    assert.equal(await startOf(NatsStartingPosition.sequence(seqs[4]!)), seqs[4]);
    assert.equal(await startOf(NatsStartingPosition.timestamp(midTime)), later[0]);
  });

  it("bounded: reads up to the last sequence at start, then ends; later messages are not read", async () => {
    const stream = await nats.createStream(streamName());
    await nats.publish(`${stream}.a`, events(0, 40));
    await nats.publish(`${stream}.b`, events(40, 50));
    const source = builder(stream).setBounded().build();
    const { ctx, enumerator } = await enumerate(source, 1, 2);
    await enumerator.close?.();
    assert.ok(ctx.noMoreSplits.has(0), "the reader is told no more splits will come");
    await nats.publish(`${stream}.a`, events(100, 110));
    await nats.publish(`${stream}.late`, events(200, 201));
    const splits = [...ctx.allAssigned(), { subject: `${stream}.late`, nextSequence: 1, stopSequence: ctx.allAssigned()[0]!.stopSequence }];
    const { reader, output, status } = await read(source, splits, Number.POSITIVE_INFINITY, true);
    await reader.close?.();
    assert.equal(status, "end-of-input");
    assert.deepEqual(ns(output).sort((a, b) => a - b), events(0, 50).map((e) => e.n));
    assert.deepEqual(reader.snapshotState(2), [], "finished splits are not in the state");
    // Each subject emits through its own output (its own watermarks), released once it is done.
    assert.deepEqual([...output.splitOutputs].sort(), splits.map((s) => s.subject).sort());
    assert.deepEqual([...output.releasedSplitOutputs].sort(), [...output.splitOutputs].sort());
  });

  it("bounded, restored: lists the subjects if the first start had not yet, and never adds later ones", async () => {
    const stream = await nats.createStream(streamName());
    await nats.publish(`${stream}.a`, events(0, 5));
    const source = builder(stream).setBounded().build();
    // A checkpoint taken before the first listing.
    const ctx = new RecordingEnumeratorContext<NatsSubjectSplit>(1);
    const early = source.createEnumerator(ctx);
    await early.start();
    const beforeListing = early.snapshotState(1);
    ctx.stop();
    await early.close?.();
    assert.equal(beforeListing.initialDiscoveryDone, false);
    const { ctx: ctx2, enumerator: restored } = await enumerate(source, 1, 1, beforeListing);
    assert.deepEqual(ctx2.allAssigned().map((s) => s.subject), [`${stream}.a`]);
    const afterListing = restored.snapshotState(2);
    ctx2.stop();
    await restored.close?.();
    // A subject created after the start is not a split of the bounded source, also after a restore.
    await nats.publish(`${stream}.b`, events(5, 6));
    const ctx3 = new RecordingEnumeratorContext<NatsSubjectSplit>(1);
    ctx3.register(0);
    const again = source.restoreEnumerator(ctx3, { ...afterListing, unassigned: [] });
    await again.start();
    again.addReader(0);
    await new Promise((r) => setTimeout(r, 200));
    ctx3.stop();
    await again.close?.();
    assert.deepEqual(ctx3.allAssigned(), []);
    assert.ok(ctx3.noMoreSplits.has(0));
  });

  describe("bad messages", () => {
    const publishMixed = async () => {
      const stream = await nats.createStream(streamName());
      await nats.publish(`${stream}.a`, [{ n: 1 }, "{not json", { n: 2 }, new Uint8Array([0xff, 0xfe]), { n: 3 }]);
      return stream;
    };

    it("fail (the default): the reader fails naming the subject and the sequence", async () => {
      const stream = await publishMixed();
      const reader = builder(stream).build().createReader({ subtaskIndex: 0, parallelism: 1 });
      const output = new CollectingOutput<Event>();
      reader.addSplits!([{ subject: `${stream}.a`, nextSequence: 1 }]);
      await assert.rejects(
        pollUntil(reader, output, () => false, 10_000),
        (err: Error) => {
          assert.ok(err instanceof NatsBadMessageError);
          assert.equal(err.sequence, 2);
          assert.match(err.message, new RegExp(`nats-jetstream source ${stream}@.*sequence 2 on subject '${stream}.a' does not decode.*"skip"`));
          return true;
        },
      );
      assert.deepEqual(ns(output), [1]);
      assert.equal(reader.snapshotState(1)[0]!.nextSequence, 2, "the bad message stays unread: a restart meets it again");
      await reader.close?.();
    });

    it("skip: counted in numRecordsInErrors and logged, the good ones are read", async () => {
      const stream = await publishMixed();
      const warnings: string[] = [];
      const warn = console.warn;
      console.warn = (line: string) => warnings.push(line);
      try {
        const { reader, output, metrics } = await read(builder(stream).setBadMessagePolicy("skip").build(), [{ subject: `${stream}.a`, nextSequence: 1 }], 3);
        assert.deepEqual(ns(output), [1, 2, 3]);
        assert.equal(metrics.errors.getCount(), 2);
        assert.equal(reader.snapshotState(1)[0]!.nextSequence, 6, "skipped messages are behind the position");
        await reader.close?.();
      } finally {
        console.warn = warn;
      }
      assert.equal(warnings.length, 2);
      assert.match(warnings[0]!, new RegExp(`nats-jetstream ${stream}/${stream}.a: skipped message 2 that does not decode`));
    });

    it("side output: each bad message becomes a dead letter with its origin, id and payload", async () => {
      const stream = await publishMixed();
      const deadLetters = new OutputTag<DeadLetter>("dead-letters");
      const { reader, output, metrics } = await read(builder(stream).setBadMessagePolicy({ sideOutput: deadLetters }).build(), [{ subject: `${stream}.a`, nextSequence: 1 }], 3);
      await reader.close?.();
      assert.deepEqual(ns(output), [1, 2, 3]);
      assert.equal(metrics.errors.getCount(), 2);
      assert.deepEqual(
        output.side.map(({ tag, value }) => ({ tag, ...(value as DeadLetter), error: undefined })),
        [
          { tag: "dead-letters", origin: `nats-jetstream ${stream}/${stream}.a`, id: "2", payload: "{not json", error: undefined },
          { tag: "dead-letters", origin: `nats-jetstream ${stream}/${stream}.a`, id: "4", payload: Buffer.from([0xff, 0xfe]).toString("base64"), error: undefined },
        ],
      );
      assert.ok(output.side.every(({ value }) => (value as DeadLetter).error.length > 0));
    });
  });

  it("a durable consumer is acknowledged only when the checkpoint completes; a job killed before sees the messages again", async () => {
    const stream = await nats.createStream(streamName());
    await nats.publish(`${stream}.a`, events(0, 100));
    const source = builder(stream).setDurableConsumer("job1").build();
    const split: NatsSubjectSplit = { subject: `${stream}.a`, nextSequence: 1 };
    const consumerInfo = async () => {
      const list = await nats.jsm.consumers.list(stream).next();
      assert.equal(list.length, 1);
      return list[0]!;
    };
    // Run 1 reads (at least) 60 records; checkpoint 1 covers them, but the run dies before it completes.
    const run1 = await read(source, [split], 60);
    const checkpoint1 = run1.reader.snapshotState(1);
    assert.equal((await consumerInfo()).ack_floor.stream_seq, 0, "nothing is acknowledged at the snapshot");
    await run1.reader.close?.();
    assert.equal((await consumerInfo()).ack_floor.stream_seq, 0, "nothing is acknowledged when the run dies");
    // Run 2 restarts from the last completed checkpoint (none: the start) and reads them again.
    const run2 = await read(source, [split], 100);
    assert.deepEqual(ns(run2.output), events(0, 100).map((e) => e.n));
    const checkpoint2 = run2.reader.snapshotState(2);
    assert.equal((await consumerInfo()).ack_floor.stream_seq, 0);
    await run2.reader.notifyCheckpointComplete!(2);
    await waitFor(async () => (await consumerInfo()).ack_floor.stream_seq === 100, "the acknowledgement after checkpoint completion");
    assert.equal(checkpoint2[0]!.nextSequence, 101);
    assert.equal(checkpoint1[0]!.nextSequence, run1.output.values.length + 1);
    await run2.reader.close?.();
  });

  it("metrics: bytes in and pending messages", async () => {
    const stream = await nats.createStream(streamName());
    const payloads = events(0, 50);
    await nats.publish(`${stream}.a`, payloads);
    const { reader, metrics } = await read(builder(stream).build(), [{ subject: `${stream}.a`, nextSequence: 1 }], 50);
    assert.equal(metrics.bytesIn.getCount(), payloads.reduce((sum, p) => sum + JSON.stringify(p).length, 0));
    assert.equal(metrics.pending!(), 0);
    assert.ok(metrics.fetchLag!() >= 0);
    await reader.close?.();
    const partial = await read(builder(stream).setFetchBufferSize(1).build(), [{ subject: `${stream}.a`, nextSequence: 1 }], 1);
    assert.ok(partial.metrics.pending!() > 0, "messages behind the first one are pending");
    await partial.reader.close?.();
  });

  it("an unknown stream and a wrong password are errors naming the connector", async () => {
    const unknown = builder("NO_SUCH_STREAM").build();
    await assert.rejects(enumerate(unknown, 1, 1), (err: Error) => {
      assert.ok(err instanceof NatsStreamNotFoundError);
      assert.match(err.message, /^nats-jetstream source NO_SUCH_STREAM@.*stream 'NO_SUCH_STREAM' does not exist/);
      return true;
    });
    const stream = await nats.createStream(streamName());
    const wrong = NatsJetStreamSource.builder<Event>().setServers(nats.server.url).setCredentials("app", "wrong").setStream(stream).build();
    await assert.rejects(enumerate(wrong, 1, 1), NatsAuthenticationError);
    const reader = wrong.createReader({ subtaskIndex: 0, parallelism: 1 });
    reader.addSplits!([{ subject: `${stream}.a`, nextSequence: 1 }]);
    await assert.rejects(pollUntil(reader, new CollectingOutput<Event>(), () => false, 10_000), /refused the credentials.*as user 'app'/);
    await reader.close?.();
  });

  it("a server that goes away fails the reader with NatsUnavailableError", async () => {
    const own = await startNats();
    try {
      const { connect } = await import("nats");
      const admin = await connect({ servers: own.url });
      await (await admin.jetstreamManager()).streams.add({ name: "GONE", subjects: ["GONE.>"] });
      await admin.jetstream().publish("GONE.a", JSON.stringify({ n: 1 }));
      await admin.close();
      const source = NatsJetStreamSource.builder<Event>().setServers(own.url).setStream("GONE").build();
      const reader = source.createReader({ subtaskIndex: 0, parallelism: 1 });
      const output = new CollectingOutput<Event>();
      reader.addSplits!([{ subject: "GONE.a", nextSequence: 1 }]);
      await pollUntil(reader, output, () => output.values.length === 1);
      await own.kill();
      await assert.rejects(pollUntil(reader, output, () => false, 10_000), (err: Error) => {
        assert.ok(err instanceof NatsUnavailableError);
        assert.match(err.message, /nats-jetstream source GONE@.*connection to the NATS server was lost/);
        return true;
      });
      await reader.close?.();
    } finally {
      await own.stop();
    }
  });
});
