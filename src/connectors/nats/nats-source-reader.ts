/**
 * The NATS JetStream source's reader (docs/connectors.md, "NATS JetStream"). Each split is read by a
 * consumer filtered on the split's subject, from the split's next stream sequence:
 *
 *  - by default an ordered consumer (ephemeral, flow-controlled, no acks): the server keeps nothing
 *    for the job, and the position lives in Sluice's checkpoints only;
 *  - with a durable-consumer prefix, a durable pull consumer per split with AckPolicy.All, created
 *    at the split's position when the split starts, and acknowledged up to the last message a
 *    checkpoint covers only when that checkpoint completes (like Flink's Kafka source commits offsets).
 *    Its ack floor shows the job's committed progress to NATS tools; restores use the checkpoint.
 *
 * Fetching is asynchronous, one loop per split, into one buffer that pollNext() drains on the task's
 * turn; a full buffer stops the loops (backpressure) until the task catches up. A lost connection
 * fails the task, which recovers from the last checkpoint (see nats-connection.ts for why).
 *
 * Each split emits through an output of its own (ReaderOutput.createOutputForSplit), so watermarks are
 * per subject: one read far ahead does not make the others' events late (docs/architecture.md,
 * "Watermarks per split").
 */
import type { AckPolicy, ConsumerMessages, DeliverPolicy, JetStreamClient, JetStreamManager, JsMsg, NatsConnection } from "nats";
import type { Counter } from "../../api/metrics.js";
import type { InputStatus, ReaderOutput, SourceOutput, SourceReader, SourceReaderContext } from "../../api/source.js";
import { handleBadMessage } from "../common/bad-messages.js";
import { connectNats, watchConnection } from "./nats-connection.js";
import { NatsBadMessageError, NatsConnectorError, natsErrorText } from "./nats-errors.js";
import { sourceName, type NatsSourceConfig } from "./nats-source-config.js";
import type { NatsSubjectSplit } from "./nats-split.js";
import { shortHash } from "../common/string-hash.js";

interface SplitState {
  /** The live position (nextSequence moves as records are emitted). */
  readonly split: NatsSubjectSplit;
  finished: boolean;
  messages: ConsumerMessages | undefined;
  /** Messages after the last one fetched, as the server counted them then (the split's lag). */
  pending: number;
  /** Durable mode: the last message emitted, acknowledged (with all before it) once a checkpoint covers it. */
  lastMessage: JsMsg | undefined;
  /**
   * Watermark alignment (pauseOrResumeSplits): while set, the split's fetch loop waits and its
   * messages already buffered are held here, in order, until the resume puts them back at the head.
   */
  held: JsMsg[] | undefined;
  /** Wakes the fetch loop of a paused split (resumed, stopped or closing). */
  wakeFetch: (() => void) | undefined;
}

interface Connected {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
}

/** Records emitted per pollNext() at most, so a busy source still lets barriers and timers in. */
const MAX_RECORDS_PER_POLL = 512;
/** A durable consumer redelivers unacknowledged messages after this; far beyond any checkpoint interval. */
const DURABLE_ACK_WAIT_NS = 3600 * 1e9;
// nats.js's enum values, spelled out so that the module loads only when a connection is made.
const START_SEQUENCE = "by_start_sequence" as DeliverPolicy;
/** JetStream's error code for "no message found". */
const NO_MESSAGE_FOUND = 10037;

export class NatsSourceReader<T> implements SourceReader<T, NatsSubjectSplit> {
  private readonly who: string;
  private readonly splits = new Map<string, SplitState>();
  /** The output of each split not finished (by subject), kept in step with `splits` by syncSplitOutputs(). */
  private readonly splitOutputs = new Map<string, SourceOutput<T>>();
  private splitsChanged = false;
  private buffer: { state: SplitState; msg: JsMsg }[] = [];
  private head = 0;
  private noMoreSplits = false;
  private failure: unknown;
  private available: (() => void) | undefined;
  private drained: (() => void)[] = [];
  private connection: Promise<Connected> | undefined;
  private closing = false;
  /** Durable mode: checkpoint id → the last message of each split it covers. */
  private readonly toAcknowledge = new Map<number, JsMsg[]>();
  private readonly bytesIn: Counter | undefined;
  private readonly errors: Counter | undefined;
  private lastFetchLagMs = 0;
  private wakeScheduled = false;

  constructor(
    private readonly config: NatsSourceConfig<T>,
    private readonly ctx: SourceReaderContext,
  ) {
    this.who = sourceName(config);
    const metrics = ctx.metricGroup;
    this.bytesIn = metrics?.getNumBytesInCounter();
    this.errors = metrics?.getNumRecordsInErrorsCounter();
    metrics?.setPendingRecordsGauge(() => {
      let sum = 0;
      for (const s of this.splits.values()) if (!s.finished) sum += s.pending;
      return sum;
    });
    metrics?.setCurrentFetchEventTimeLagGauge(() => this.lastFetchLagMs);
  }

  /** Connects before the first poll, so the subtask is INITIALIZING while a server down at start is retried. */
  async start(): Promise<void> {
    await this.connect();
  }

  pollNext(output: ReaderOutput<T>): InputStatus {
    if (this.failure !== undefined) throw this.failure;
    this.syncSplitOutputs(output);
    let emitted = 0;
    while (this.head < this.buffer.length && emitted < MAX_RECORDS_PER_POLL) {
      const { state, msg } = this.buffer[this.head++]!;
      if (state.held) {
        state.held.push(msg);
        continue;
      }
      if (this.emit(state, msg, this.splitOutputs.get(state.split.subject) ?? output)) emitted++;
    }
    this.syncSplitOutputs(output);
    if (this.head === this.buffer.length) {
      this.buffer = [];
      this.head = 0;
    } else if (this.head > 4096) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
    if (this.buffered() < this.config.fetchBufferSize / 2) for (const wake of this.drained.splice(0)) wake();
    if (this.buffered() > 0) return "more";
    if (this.isFinished()) return "end-of-input";
    return "nothing-available";
  }

  isAvailable(): Promise<void> {
    if (this.buffered() > 0 || this.failure !== undefined || this.isFinished()) return Promise.resolve();
    return new Promise((resolve) => {
      this.available = resolve;
    });
  }

  snapshotState(checkpointId?: number): NatsSubjectSplit[] {
    if (this.config.durableConsumerPrefix !== undefined && checkpointId !== undefined) {
      const last: JsMsg[] = [];
      for (const s of this.splits.values()) if (s.lastMessage) last.push(s.lastMessage);
      this.toAcknowledge.set(checkpointId, last);
    }
    const out: NatsSubjectSplit[] = [];
    for (const s of this.splits.values()) if (!s.finished) out.push({ ...s.split });
    return out;
  }

  restoreState(splits: NatsSubjectSplit[]): void {
    for (const s of this.splits.values()) this.stopSplit(s);
    this.splits.clear();
    this.splitsChanged = true;
    this.addSplits(splits);
  }

  addSplits(splits: NatsSubjectSplit[]): void {
    for (const split of splits) {
      if (this.splits.has(split.subject)) continue;
      const state: SplitState = { split: { ...split }, finished: false, messages: undefined, pending: 0, lastMessage: undefined, held: undefined, wakeFetch: undefined };
      this.splits.set(split.subject, state);
      this.splitsChanged = true;
      this.fetch(state).catch((err: unknown) => this.fail(err, `reading subject '${split.subject}' from sequence ${state.split.nextSequence} failed`));
    }
  }

  notifyNoMoreSplits(): void {
    this.noMoreSplits = true;
    this.signalAvailable();
  }

  /** Watermark alignment per split (docs/connectors.md, "NATS JetStream"): a paused subject is neither fetched nor emitted. */
  pauseOrResumeSplits(toPause: string[], toResume: string[]): void {
    for (const subject of toPause) {
      const state = this.splits.get(subject);
      if (state && !state.finished) state.held ??= [];
    }
    const back: { state: SplitState; msg: JsMsg }[] = [];
    for (const subject of toResume) {
      const state = this.splits.get(subject);
      if (!state?.held) continue;
      for (const msg of state.held) back.push({ state, msg });
      state.held = undefined;
      const wake = state.wakeFetch;
      state.wakeFetch = undefined;
      wake?.();
    }
    if (back.length === 0) return;
    // Held messages were buffered before any of their split's messages still in the buffer.
    this.buffer.splice(this.head, 0, ...back);
    this.signalAvailable();
  }

  notifyCheckpointComplete(checkpointId: number): void {
    for (const [id, messages] of this.toAcknowledge) {
      if (id > checkpointId) continue;
      // AckPolicy.All: acknowledging a split's last covered message acknowledges all before it.
      for (const msg of messages) msg.ack();
      this.toAcknowledge.delete(id);
    }
  }

  notifyCheckpointAborted(checkpointId: number): void {
    // Its messages are acknowledged with the next completed checkpoint, which covers them too.
    this.toAcknowledge.delete(checkpointId);
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const s of this.splits.values()) this.stopSplit(s);
    for (const wake of this.drained.splice(0)) wake();
    const connection = this.connection;
    if (!connection) return;
    const { nc } = await connection.catch(() => ({ nc: undefined }));
    // Flushes pending acknowledgements before closing.
    await nc?.drain().catch(() => nc.close());
  }

  /**
   * New splits get their outputs (all at once, so one without messages yet holds the watermark back);
   * finished or removed ones release theirs, so they no longer hold it back.
   */
  private syncSplitOutputs(output: ReaderOutput<T>): void {
    if (!this.splitsChanged) return;
    this.splitsChanged = false;
    for (const [subject, state] of this.splits) {
      if (!state.finished && !this.splitOutputs.has(subject)) this.splitOutputs.set(subject, output.createOutputForSplit(subject));
    }
    for (const subject of this.splitOutputs.keys()) {
      if (this.splits.get(subject)?.finished === false) continue;
      this.splitOutputs.delete(subject);
      output.releaseOutputForSplit(subject);
    }
  }

  /** Emits one message; false when it was not a record (skipped, finished split, bad message). */
  private emit(state: SplitState, msg: JsMsg, output: SourceOutput<T>): boolean {
    if (state.finished) return false;
    const split = state.split;
    const seq = msg.seq;
    // A durable consumer may redeliver what the job already has.
    if (seq < split.nextSequence) return false;
    if (split.stopSequence !== undefined && seq > split.stopSequence) {
      this.finishSplit(state);
      return false;
    }
    this.bytesIn?.inc(msg.data.length);
    const timestampMs = Math.floor(msg.info.timestampNanos / 1e6);
    this.lastFetchLagMs = Math.max(0, Date.now() - timestampMs);
    let value: T;
    let decoded = true;
    try {
      value = this.config.deserializer.deserialize(msg.data);
    } catch (error) {
      decoded = false;
      handleBadMessage(
        this.config.badMessagePolicy,
        { origin: `nats-jetstream ${this.config.stream}/${msg.subject}`, id: String(seq), payload: msg.data, error },
        output as SourceOutput<unknown>,
        this.errors,
        (bad) =>
          new NatsBadMessageError(
            `${this.who}: the message at stream sequence ${seq} on subject '${msg.subject}' does not decode: ${natsErrorText(error)} ` +
              `(bad-message policy "fail"; choose "skip" or a side output to go on without it)`,
            msg.subject,
            seq,
            { cause: bad.error },
          ),
      );
    }
    if (decoded) output.collect(value!, timestampMs);
    split.nextSequence = seq + 1;
    state.pending = msg.info.pending;
    if (this.config.durableConsumerPrefix !== undefined) state.lastMessage = msg;
    if (split.stopSequence !== undefined && (seq >= split.stopSequence || msg.info.pending === 0)) this.finishSplit(state);
    return decoded;
  }

  private async fetch(state: SplitState): Promise<void> {
    const { js, jsm } = await this.connect();
    const split = state.split;
    if (state.finished || this.closing) return;
    if (split.stopSequence !== undefined && !(await this.hasMessageUpTo(jsm, split, split.stopSequence))) {
      this.finishSplit(state);
      return;
    }
    const consumer =
      this.config.durableConsumerPrefix === undefined
        ? await js.consumers.get(this.config.stream, {
            filterSubjects: split.subject,
            deliver_policy: START_SEQUENCE,
            opt_start_seq: split.nextSequence,
          })
        : await js.consumers.get(this.config.stream, await this.durableConsumerAt(jsm, split));
    if (state.finished || this.closing) return;
    const messages = await consumer.consume({ max_messages: Math.min(1024, this.config.fetchBufferSize) });
    state.messages = messages;
    if (state.finished || this.closing) {
      messages.stop();
      return;
    }
    for await (const msg of messages) {
      if (state.finished || this.closing) break;
      this.buffer.push({ state, msg });
      this.signalAvailableSoon();
      if (this.buffered() >= this.config.fetchBufferSize) await new Promise<void>((resolve) => this.drained.push(resolve));
      // Paused: what the consumer delivers meanwhile waits in it (nothing is acknowledged before it is emitted).
      while (state.held && !state.finished && !this.closing) await new Promise<void>((resolve) => (state.wakeFetch = resolve));
    }
    // The consumer ended without being stopped (deleted on the server, stream gone): the split
    // would stall silently, so the task fails and recovers from its checkpoint.
    if (!state.finished && !this.closing) throw new Error("the consumer stopped delivering (was it or the stream deleted?)");
  }

  /** Bounded mode: whether the split has a message between its position and the stop sequence. */
  private async hasMessageUpTo(jsm: JetStreamManager, split: NatsSubjectSplit, stop: number): Promise<boolean> {
    if (split.nextSequence > stop) return false;
    try {
      // STREAM.MSG.GET takes next_by_subj (first message at or after seq on the subject, wildcards
      // allowed) since server 2.9; nats.js's type does not list it yet.
      const request = { seq: split.nextSequence, next_by_subj: split.subject } as { seq: number };
      const next = await jsm.streams.getMessage(this.config.stream, request);
      return next.seq <= stop;
    } catch (err) {
      if ((err as { api_error?: { err_code?: number } }).api_error?.err_code === NO_MESSAGE_FOUND) return false;
      throw err;
    }
  }

  /** (Re)creates the split's durable consumer at the split's position; the checkpoint is the truth. */
  private async durableConsumerAt(jsm: JetStreamManager, split: NatsSubjectSplit): Promise<string> {
    const name = `${this.config.durableConsumerPrefix}_${shortHash(split.subject)}`;
    await jsm.consumers.delete(this.config.stream, name).catch(() => undefined);
    await jsm.consumers.add(this.config.stream, {
      durable_name: name,
      filter_subject: split.subject,
      ack_policy: "all" as AckPolicy,
      deliver_policy: START_SEQUENCE,
      opt_start_seq: split.nextSequence,
      ack_wait: DURABLE_ACK_WAIT_NS,
      max_ack_pending: -1,
    });
    return name;
  }

  private connect(): Promise<Connected> {
    this.connection ??= (async () => {
      const nc = await connectNats(this.config.connection, this.who, this.ctx.reportConnectionRetry && ((err) => this.ctx.reportConnectionRetry!(err)));
      watchConnection(nc, this.who, () => this.closing, (err) => this.fail(err));
      return { nc, js: nc.jetstream(), jsm: await nc.jetstreamManager() };
    })();
    return this.connection;
  }

  private finishSplit(state: SplitState): void {
    this.stopSplit(state);
    this.signalAvailable();
  }

  private stopSplit(state: SplitState): void {
    state.finished = true;
    this.splitsChanged = true;
    state.messages?.stop();
    state.wakeFetch?.();
  }

  private isFinished(): boolean {
    if (!this.noMoreSplits) return false;
    for (const s of this.splits.values()) if (!s.finished) return false;
    return true;
  }

  private buffered(): number {
    return this.buffer.length - this.head;
  }

  /**
   * Wakes the task after the messages already received are buffered (setImmediate runs after the
   * socket's data has been handed out), so that a wake-up drains a batch, not a single message.
   */
  private signalAvailableSoon(): void {
    if (this.wakeScheduled || !this.available) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      this.signalAvailable();
    });
  }

  private signalAvailable(): void {
    const wake = this.available;
    this.available = undefined;
    wake?.();
  }

  private fail(err: unknown, what?: string): void {
    if (this.closing || this.failure !== undefined) return;
    this.failure = err instanceof NatsConnectorError || what === undefined ? err : new NatsConnectorError(`${this.who}: ${what}: ${natsErrorText(err)}`, { cause: err });
    this.signalAvailable();
  }
}
