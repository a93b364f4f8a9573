/** What the NATS connector tests share: a server per file, an admin connection, streams and reads. */
import { after, before } from "node:test";
import type { Counter, SourceReaderMetricGroup } from "../../../src/api/metrics.js";
import type { OutputTag } from "../../../src/api/output-tag.js";
import type { ReaderInfo, ReaderOutput, SourceReader, SplitEnumeratorContext } from "../../../src/api/source.js";
import { connect, type JetStreamManager, type NatsConnection } from "nats";
import { startNats, type NatsServer, type StartNatsOptions } from "../../support/nats.js";

export interface NatsForTests {
  readonly server: NatsServer;
  readonly nc: NatsConnection;
  readonly jsm: JetStreamManager;
  /** A fresh stream capturing `<name>.>` with a 2-minute duplicate window. */
  createStream(name: string, options?: { duplicateWindowMs?: number }): Promise<string>;
  /** Publishes payloads (strings or objects as JSON) to a subject and waits for their acks. */
  publish(subject: string, payloads: readonly unknown[]): Promise<number[]>;
  /** Every message of a stream, in stream order, as text. */
  readAll(stream: string): Promise<{ subject: string; seq: number; data: string; msgId?: string }[]>;
}

/** Starts a server before the file's tests, stops it after them. */
export function useNats(options: StartNatsOptions = {}): NatsForTests {
  let server: NatsServer | undefined;
  let nc: NatsConnection | undefined;
  let jsm: JetStreamManager | undefined;
  before(async () => {
    server = await startNats(options);
    nc = await connect({ servers: server.url, user: options.user, pass: options.password });
    jsm = await nc.jetstreamManager();
  });
  after(async () => {
    await nc?.close().catch(() => undefined);
    await server?.stop();
  });
  const started = () => {
    if (!server || !nc || !jsm) throw new Error("NATS is started before the tests: use it inside a test");
    return { server, nc, jsm };
  };
  return {
    get server() {
      return started().server;
    },
    get nc() {
      return started().nc;
    },
    get jsm() {
      return started().jsm;
    },
    async createStream(name, o = {}) {
      await started().jsm.streams.add({ name, subjects: [`${name}.>`], duplicate_window: (o.duplicateWindowMs ?? 120_000) * 1_000_000 });
      return name;
    },
    async publish(subject, payloads) {
      const js = started().nc.jetstream();
      const seqs: number[] = [];
      for (const p of payloads) {
        const ack = await js.publish(subject, typeof p === "string" || p instanceof Uint8Array ? p : JSON.stringify(p));
        seqs.push(ack.seq);
      }
      return seqs;
    },
    async readAll(stream) {
      const { nc, jsm } = started();
      const info = await jsm.streams.info(stream);
      const out: { subject: string; seq: number; data: string; msgId?: string }[] = [];
      if (info.state.messages === 0) return out;
      const consumer = await nc.jetstream().consumers.get(stream, {});
      while (out.length < info.state.messages) {
        const m = await consumer.next({ expires: 5_000 });
        if (!m) throw new Error(`stream ${stream}: read ${out.length} of ${info.state.messages} messages`);
        out.push({ subject: m.subject, seq: m.seq, data: m.string(), msgId: m.headers?.get("Nats-Msg-Id") || undefined });
      }
      await consumer.delete().catch(() => undefined);
      return out;
    },
  };
}

let streamCounter = 0;
/** A stream name unique in the test file. */
export function streamName(prefix = "S"): string {
  return `${prefix}${++streamCounter}`;
}

// ---- driving a source's reader and enumerator without a cluster ------------------------------------


function counter(): Counter {
  let n = 0;
  return { inc: (k = 1) => void (n += k), dec: (k = 1) => void (n -= k), getCount: () => n };
}

/** A reader metric group that only keeps what readers set (the metrics system is not needed here). */
export class RecordingReaderMetrics {
  readonly bytesIn = counter();
  readonly errors = counter();
  pending: (() => number) | undefined;
  fetchLag: (() => number) | undefined;
  readonly group = {
    getNumBytesInCounter: () => this.bytesIn,
    getNumRecordsInErrorsCounter: () => this.errors,
    setPendingRecordsGauge: (g: () => number) => void (this.pending = g),
    setCurrentFetchEventTimeLagGauge: (g: () => number) => void (this.fetchLag = g),
  } as unknown as SourceReaderMetricGroup;
}

/** Collects what a reader emits, side outputs included. */
export class CollectingOutput<T> implements ReaderOutput<T> {
  readonly values: T[] = [];
  readonly timestamps: (number | undefined)[] = [];
  readonly side: { tag: string; value: unknown }[] = [];
  collect(value: T, timestamp?: number): void {
    this.values.push(value);
    this.timestamps.push(timestamp);
  }
  collectSideOutput<X>(tag: OutputTag<X>, value: X): void {
    this.side.push({ tag: tag.id, value });
  }
  /** Split ids the reader asked an output for, and those it released. */
  readonly splitOutputs: string[] = [];
  readonly releasedSplitOutputs: string[] = [];
  createOutputForSplit(splitId: string): this {
    if (!this.splitOutputs.includes(splitId)) this.splitOutputs.push(splitId);
    return this;
  }
  releaseOutputForSplit(splitId: string): void {
    this.releasedSplitOutputs.push(splitId);
  }
}

/** Polls as the task loop would, until `done()` or end of input; fails after `timeoutMs`. */
export async function pollUntil<T>(reader: SourceReader<T, unknown>, output: ReaderOutput<T>, done: () => boolean, timeoutMs = 20_000): Promise<"done" | "end-of-input"> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (done()) return "done";
    const status = reader.pollNext(output);
    if (done()) return "done";
    if (status === "end-of-input") return "end-of-input";
    if (Date.now() > deadline) throw new Error("timed out polling the reader");
    if (status === "nothing-available") await Promise.race([reader.isAvailable(), new Promise((r) => setTimeout(r, 100))]);
  }
}

/** An enumerator context that records what the enumerator does; callAsync runs on real timers. */
export class RecordingEnumeratorContext<Split> implements SplitEnumeratorContext<Split> {
  readonly readers = new Map<number, ReaderInfo>();
  readonly assigned = new Map<number, Split[]>();
  readonly noMoreSplits = new Set<number>();
  readonly failures: unknown[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  constructor(readonly currentParallelism: number) {}
  register(subtaskIndex: number): void {
    this.readers.set(subtaskIndex, { subtaskIndex, location: "test" });
  }
  registeredReaders(): ReadonlyMap<number, ReaderInfo> {
    return this.readers;
  }
  assignSplits(assignment: ReadonlyMap<number, readonly Split[]>): void {
    for (const [subtask, splits] of assignment) for (const s of splits) this.assignSplit(s, subtask);
  }
  assignSplit(split: Split, subtaskIndex: number): void {
    if (!this.assigned.has(subtaskIndex)) this.assigned.set(subtaskIndex, []);
    this.assigned.get(subtaskIndex)!.push(structuredClone(split));
  }
  signalNoMoreSplits(subtaskIndex: number): void {
    this.noMoreSplits.add(subtaskIndex);
  }
  sendEventToSourceReader(): void {}
  callAsync<R>(work: () => Promise<R>, handler: (result: R | undefined, error?: unknown) => void, initialDelayMs = 0, periodMs?: number): void {
    const run = () =>
      work().then(
        (r) => handler(r),
        (e: unknown) => handler(undefined, e),
      );
    this.timers.push(setTimeout(() => void run(), initialDelayMs));
    if (periodMs !== undefined) this.timers.push(setInterval(() => void run(), periodMs));
  }
  failJob(cause: unknown): void {
    this.failures.push(cause);
  }
  stop(): void {
    for (const t of this.timers) clearInterval(t);
  }
  /** Every split assigned so far, by subject-like id. */
  allAssigned(): Split[] {
    return [...this.assigned.values()].flat();
  }
}
