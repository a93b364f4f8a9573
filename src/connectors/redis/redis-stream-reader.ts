/**
 * The emitting half of a Redis Streams reader (docs/connectors.md, "Redis Streams"): on the task's turn it
 * decodes what the fetcher fetched, applies the bad-message policy, stamps the event time and moves
 * each split's position to the entry it just emitted. So a checkpoint taken between two pollNext()
 * calls holds exactly what went downstream; whatever was fetched but not emitted is fetched again after
 * a restore.
 *
 * Watermarks are per split: each stream's records go through an output of its own
 * (ReaderOutput.createOutputForSplit), so a stream far ahead in event time does not make the entries of
 * a slower one late (docs/architecture.md, "Watermarks per split").
 */
import type { InputStatus, ReaderOutput, SourceOutput, SourceReader, SourceReaderContext } from "../../api/source.js";
import type { DeadLetter } from "../common/deserialization.js";
import type { Logger } from "../../util/logger.js";
import { RedisBadMessageError, RedisConnectorError } from "./redis-errors.js";
import { RedisStreamFetcher, type FetchedBatch, type RawEntry } from "./redis-stream-fetcher.js";
import type { RedisStreamEntry, RedisStreamSourceSettings } from "./redis-stream-options.js";
import type { RedisStreamSplit } from "./redis-stream-split.js";
import { BEFORE_FIRST_ENTRY, entryIdMillis } from "./stream-entry-id.js";

/** Records per pollNext(): enough to amortize the call, few enough to keep barriers prompt. */
const MAX_RECORDS_PER_POLL = 256;
const utf8 = new TextDecoder("utf-8", { fatal: true });

interface SplitState<T> {
  split: RedisStreamSplit;
  /** Consumer-group mode: ids emitted since the last snapshot, acknowledged after its checkpoint. */
  emittedIds: string[];
  /** The split's output (its own watermarks), created on the first pollNext() after the split came. */
  output: SourceOutput<T> | undefined;
}

export class RedisStreamReader<T> implements SourceReader<T, RedisStreamSplit> {
  private readonly splits = new Map<string, SplitState<T>>();
  /** Splits were added since the last pollNext(): they need their outputs. */
  private splitsWithoutOutput = false;
  private readonly batches: FetchedBatch[] = [];
  private batchIndex = 0;
  private entryIndex = 0;
  private bufferedEntries = 0;
  /**
   * Watermark alignment (pauseOrResumeSplits): the fetched, not yet emitted batches of each paused
   * stream, in fetch order; they go back to the head of the queue when the stream is resumed.
   */
  private readonly held = new Map<string, FetchedBatch[]>();
  /** Entries in `held`: they do not count against the fetcher's buffer, so the streams not paused keep coming. */
  private heldEntries = 0;
  private failure: unknown;
  private noMoreSplits = false;
  private availability: (() => void) | undefined;
  private readonly fetcher: RedisStreamFetcher;
  /** checkpoint id → stream → ids to XACK when it completes (consumer-group mode). */
  private readonly acksByCheckpoint = new Map<number, Map<string, string[]>>();
  private readonly valueField: Buffer;
  private lastFetchLag = 0;

  constructor(
    private readonly settings: RedisStreamSourceSettings<T>,
    private readonly ctx: SourceReaderContext,
    private readonly who: string,
    private readonly log: Logger,
  ) {
    this.valueField = Buffer.from(settings.valueField);
    this.fetcher = new RedisStreamFetcher(
      settings as RedisStreamSourceSettings<unknown>,
      who,
      log,
      () => this.bufferedEntries - this.heldEntries,
      (batch) => this.onBatch(batch),
      (err) => this.onFailure(err),
      ctx.metricGroup !== undefined,
      ctx.reportConnectionRetry && ((err) => ctx.reportConnectionRetry!(err)),
    );
    ctx.metricGroup?.setPendingRecordsGauge(() => this.pendingRecords());
    ctx.metricGroup?.setCurrentFetchEventTimeLagGauge(() => this.lastFetchLag);
  }

  /** Connects before the first poll, so the subtask is INITIALIZING while a server down at start is retried. */
  async start(): Promise<void> {
    await this.fetcher.connect();
  }

  pollNext(output: ReaderOutput<T>): InputStatus {
    if (this.failure !== undefined) throw this.failure;
    if (this.splitsWithoutOutput) {
      // Every split gets its output at once, so one without entries yet holds the watermark back.
      for (const s of this.splits.values()) s.output ??= output.createOutputForSplit(s.split.stream);
      this.splitsWithoutOutput = false;
    }
    let emitted = 0;
    while (emitted < MAX_RECORDS_PER_POLL && this.batchIndex < this.batches.length) {
      const batch = this.batches[this.batchIndex]!;
      const state = this.splits.get(batch.stream);
      const held = state && this.held.get(batch.stream);
      if (held) {
        // Paused: the rest of the batch waits, in order, for the stream's resume.
        const rest = this.entryIndex === 0 ? batch : { ...batch, entries: batch.entries.slice(this.entryIndex) };
        held.push(rest);
        this.heldEntries += rest.entries.length;
        this.batchIndex++;
        this.entryIndex = 0;
        continue;
      }
      if (state && this.entryIndex < batch.entries.length) {
        const entry = batch.entries[this.entryIndex++]!;
        this.bufferedEntries--;
        try {
          this.emit(state, entry, state.output!);
        } catch (err) {
          // Sticky: a reader that failed on an entry never goes on past it.
          this.failure = err;
          throw err;
        }
        emitted++;
        continue;
      }
      // The batch is done.
      if (batch.last && this.splits.delete(batch.stream)) output.releaseOutputForSplit(batch.stream);
      this.bufferedEntries -= batch.entries.length - this.entryIndex;
      this.batchIndex++;
      this.entryIndex = 0;
    }
    this.compact();
    if (this.batchIndex < this.batches.length) return "more";
    if (this.noMoreSplits && this.splits.size === 0) return "end-of-input";
    return "nothing-available";
  }

  isAvailable(): Promise<void> {
    if (this.failure !== undefined || this.batchIndex < this.batches.length || (this.noMoreSplits && this.splits.size === 0)) {
      return Promise.resolve();
    }
    return new Promise((resolve) => (this.availability = resolve));
  }

  snapshotState(checkpointId?: number): RedisStreamSplit[] {
    if (this.settings.consumerGroup) {
      const acks = new Map<string, string[]>();
      for (const [stream, state] of this.splits) {
        if (state.emittedIds.length > 0) acks.set(stream, state.emittedIds);
        state.emittedIds = [];
      }
      if (acks.size > 0) this.acksByCheckpoint.set(checkpointId ?? -1, acks);
    }
    return [...this.splits.values()].map((s) => ({ ...s.split }));
  }

  restoreState(splits: RedisStreamSplit[]): void {
    this.addSplits(splits);
  }

  addSplits(splits: RedisStreamSplit[]): void {
    for (const split of splits) {
      if (this.splits.has(split.stream)) continue;
      const copy = { ...split };
      this.splits.set(split.stream, { split: copy, emittedIds: [], output: undefined });
      this.splitsWithoutOutput = true;
      this.fetcher.add(split.stream, copy.lastId, copy.endId, split.groupStartId);
    }
  }

  /** Watermark alignment per split (docs/connectors.md, "Redis Streams"): paused streams are neither read nor emitted. */
  pauseOrResumeSplits(toPause: string[], toResume: string[]): void {
    for (const stream of toPause) {
      if (!this.splits.has(stream) || this.held.has(stream)) continue;
      this.held.set(stream, []);
      this.fetcher.setPaused(stream, true);
    }
    const back: FetchedBatch[] = [];
    for (const stream of toResume) {
      const held = this.held.get(stream);
      if (!held) continue;
      this.held.delete(stream);
      for (const b of held) this.heldEntries -= b.entries.length;
      back.push(...held);
      this.fetcher.setPaused(stream, false);
    }
    if (back.length === 0) return;
    // Before the current batch's rest: held batches were fetched before any batch of theirs still queued.
    if (this.entryIndex > 0) {
      const current = this.batches[this.batchIndex]!;
      this.batches[this.batchIndex] = { ...current, entries: current.entries.slice(this.entryIndex) };
      this.entryIndex = 0;
    }
    this.batches.splice(this.batchIndex, 0, ...back);
    this.signal();
  }

  notifyNoMoreSplits(): void {
    this.noMoreSplits = true;
    this.signal();
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    const due = [...this.acksByCheckpoint.keys()].filter((id) => id <= checkpointId).sort((a, b) => a - b);
    for (const id of due) {
      const acks = this.acksByCheckpoint.get(id)!;
      this.acksByCheckpoint.delete(id);
      for (const [stream, ids] of acks) await this.fetcher.ack(stream, ids);
    }
  }

  notifyCheckpointAborted(checkpointId: number): void {
    // Its entries stay unacknowledged until a later checkpoint completes: fold them into the next one.
    const acks = this.acksByCheckpoint.get(checkpointId);
    if (!acks) return;
    this.acksByCheckpoint.delete(checkpointId);
    for (const [stream, ids] of acks) this.splits.get(stream)?.emittedIds.unshift(...ids);
  }

  async close(): Promise<void> {
    await this.fetcher.close();
  }

  private emit(state: SplitState<T>, [rawId, fields]: RawEntry, output: SourceOutput<T>): void {
    const id = rawId.toString();
    const split = state.split;
    split.lastId = id;
    if (split.entriesRead !== undefined) split.entriesRead++;
    if (this.settings.consumerGroup) state.emittedIds.push(id);
    // An entry deleted while it was pending in the group comes back without fields: nothing to emit.
    if (fields === null) return;
    let bytes = rawId.length;
    for (const f of fields) bytes += f.length;
    this.ctx.metricGroup?.getNumBytesInCounter().inc(bytes);
    let value: T;
    try {
      value = this.decode(split.stream, id, fields);
    } catch (err) {
      this.badMessage(split.stream, id, fields, err, output);
      return;
    }
    const timestamp = this.eventTime(value, split.stream, id);
    this.lastFetchLag = Date.now() - timestamp;
    output.collect(value, timestamp);
  }

  private decode(stream: string, id: string, fields: Buffer[]): T {
    const s = this.settings;
    if (s.entryDeserializer) {
      const map = new Map<string, Uint8Array>();
      for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!.toString(), fields[i + 1]!);
      const entry: RedisStreamEntry = { stream, id, fields: map };
      return s.entryDeserializer(entry);
    }
    for (let i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i]!.equals(this.valueField)) return s.deserializer!.deserialize(fields[i + 1]!);
    }
    throw new Error(`the entry has no field "${s.valueField}" (its fields: ${fieldNames(fields).join(", ") || "none"})`);
  }

  private eventTime(value: T, stream: string, id: string): number {
    const source = this.settings.eventTime;
    if (source === "entry-id") return entryIdMillis(id);
    if (typeof source === "function") return source(value, { stream, id });
    const ts = (value as Record<string, unknown>)?.[source.field];
    if (typeof ts !== "number" || !Number.isFinite(ts)) {
      throw new RedisConnectorError(`${this.who}: entry ${id} of stream ${stream} has no numeric event-time field "${source.field}" (got ${JSON.stringify(ts)})`);
    }
    return ts;
  }

  private badMessage(stream: string, id: string, fields: Buffer[], err: unknown, output: SourceOutput<T>): void {
    const policy = this.settings.badMessagePolicy;
    const reason = err instanceof Error ? err.message : String(err);
    this.ctx.metricGroup?.getNumRecordsInErrorsCounter().inc();
    if (policy === "fail") {
      throw new RedisBadMessageError(
        `${this.who}: entry ${id} of stream ${stream} does not decode (${reason}); fix the entry, or set the bad-message policy to "skip" or a side output`,
        stream,
        id,
        { cause: err },
      );
    }
    if (policy === "skip") {
      this.log.warn(`${this.who}: skipped entry ${id} of stream ${stream}: it does not decode (${reason})`);
      return;
    }
    if (!output.collectSideOutput) throw new RedisConnectorError(`${this.who}: this runtime has no side outputs for sources; use the "skip" or "fail" policy`);
    const letter: DeadLetter = { origin: `redis-stream ${stream}`, id, payload: payloadText(fields, this.valueField), error: reason };
    output.collectSideOutput(policy.sideOutput, letter, entryIdMillis(id));
  }

  private onBatch(batch: FetchedBatch): void {
    this.batches.push(batch);
    this.bufferedEntries += batch.entries.length;
    this.signal();
  }

  private onFailure(err: unknown): void {
    this.failure ??= err;
    this.signal();
  }

  private signal(): void {
    const wake = this.availability;
    this.availability = undefined;
    wake?.();
  }

  private compact(): void {
    if (this.batchIndex > 64 || this.batchIndex === this.batches.length) {
      this.batches.splice(0, this.batchIndex);
      this.batchIndex = 0;
      if (this.bufferedEntries < this.settings.maxBufferedEntries / 2) this.fetcher.poke();
    }
  }

  /**
   * Entries behind the end of the streams (`entries-added` minus what this reader emitted), over the
   * splits whose count is known; fetched-but-not-emitted entries count as behind.
   */
  private pendingRecords(): number {
    let pending = 0;
    for (const { split } of this.splits.values()) {
      const counters = this.fetcher.streamCounters(split.stream);
      if (!counters) continue;
      // Read from the start: entries trimmed or deleted before count as read, as Redis counts them.
      if (split.entriesRead === undefined && split.lastId === BEFORE_FIRST_ENTRY && !this.settings.consumerGroup) split.entriesRead = counters.entriesAdded - counters.length;
      if (split.entriesRead !== undefined) pending += Math.max(0, counters.entriesAdded - split.entriesRead);
    }
    return pending;
  }
}

function fieldNames(fields: Buffer[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < fields.length; i += 2) names.push(fields[i]!.toString());
  return names;
}

/** The dead letter's payload: the value field (or all fields), as UTF-8 where it decodes, else base64. */
function payloadText(fields: Buffer[], valueField: Buffer): string {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i]!.equals(valueField)) return text(fields[i + 1]!);
  return JSON.stringify(Object.fromEntries(fieldNames(fields).map((n, k) => [n, text(fields[2 * k + 1]!)])));
}

function text(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes.toString("base64");
  }
}
