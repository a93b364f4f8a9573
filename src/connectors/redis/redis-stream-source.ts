/**
 * The Redis Streams source (docs/connectors.md, "Redis Streams"): each stream is a split, its position
 * the last entry id delivered; an enumerator in the JobMaster finds the streams and deals them out.
 *
 * ```ts
 * const orders = RedisStreamSource.builder<Order>()
 *   .setConnection({ url: "redis://127.0.0.1:6379" })
 *   .setStreams("orders")
 *   .setStartingPosition(StartingPositions.earliest())
 *   .build();
 * env.fromSource(orders, WatermarkStrategy.forBoundedOutOfOrderness(1000), "orders");
 * ```
 */
import type { SplitEnumerator, SplitEnumeratorContext, Source, SourceReader, SourceReaderContext } from "../../api/source.js";
import { jsonDeserializer, type BadMessagePolicy, type DeserializationSchema } from "../common/deserialization.js";
import { connectorLogger, describeServer, type RedisConnectionOptions } from "./redis-connection.js";
import { RedisConnectorError } from "./redis-errors.js";
import { RedisStreamEnumerator } from "./redis-stream-enumerator.js";
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_BLOCK_MS,
  DEFAULT_CONSUMER,
  DEFAULT_DISCOVERY_INTERVAL_MS,
  DEFAULT_MAX_BUFFERED_ENTRIES,
  DEFAULT_VALUE_FIELD,
  type EventTimeSource,
  type RedisStreamEntry,
  type RedisStreamSourceSettings,
  type StartingPosition,
} from "./redis-stream-options.js";
import { RedisStreamReader } from "./redis-stream-reader.js";
import type { RedisStreamEnumeratorState, RedisStreamSplit } from "./redis-stream-split.js";
import { parseEntryId } from "./stream-entry-id.js";

export class RedisStreamSource<T> implements Source<T, RedisStreamSplit, RedisStreamEnumeratorState> {
  readonly boundedness: "bounded" | "unbounded";

  static builder<T>(): RedisStreamSourceBuilder<T> {
    return new RedisStreamSourceBuilder<T>();
  }

  constructor(readonly settings: RedisStreamSourceSettings<T>) {
    this.boundedness = settings.bounded ? "bounded" : "unbounded";
  }

  /** `redis-stream source orders@127.0.0.1:6379`: how errors and logs name this source. */
  get description(): string {
    const what = this.settings.pattern ?? this.settings.streams.join(",");
    return `redis-stream source ${what}@${describeServer(this.settings.connection)}`;
  }

  createReader(ctx: SourceReaderContext): SourceReader<T, RedisStreamSplit> {
    // No split request: the enumerator pushes each stream to its owner when the reader registers.
    return new RedisStreamReader(this.settings, ctx, this.description, connectorLogger("redis-stream-source"));
  }

  createEnumerator(ctx: SplitEnumeratorContext<RedisStreamSplit>): SplitEnumerator<RedisStreamSplit, RedisStreamEnumeratorState> {
    return new RedisStreamEnumerator(this.settings as RedisStreamSourceSettings<unknown>, ctx, this.description, connectorLogger("redis-stream-source"));
  }

  restoreEnumerator(ctx: SplitEnumeratorContext<RedisStreamSplit>, state: RedisStreamEnumeratorState): SplitEnumerator<RedisStreamSplit, RedisStreamEnumeratorState> {
    return new RedisStreamEnumerator(this.settings as RedisStreamSourceSettings<unknown>, ctx, this.description, connectorLogger("redis-stream-source"), state);
  }
}

export class RedisStreamSourceBuilder<T> {
  private connection: RedisConnectionOptions | undefined;
  private streams: string[] = [];
  private pattern: string | undefined;
  private startingPosition: StartingPosition = { kind: "earliest" };
  private bounded = false;
  private valueField = DEFAULT_VALUE_FIELD;
  private deserializer: DeserializationSchema<T> | undefined;
  private entryDeserializer: ((entry: RedisStreamEntry) => T) | undefined;
  private eventTime: EventTimeSource = "entry-id";
  private badMessagePolicy: BadMessagePolicy = "fail";
  private consumerGroup: { group: string; consumer: string } | undefined;
  private discoveryIntervalMs = DEFAULT_DISCOVERY_INTERVAL_MS;
  private batchSize = DEFAULT_BATCH_SIZE;
  private blockMs = DEFAULT_BLOCK_MS;
  private maxBufferedEntries = DEFAULT_MAX_BUFFERED_ENTRIES;

  /** Where Redis is: `{ url: "redis://:password@host:6379/0" }` or host/port/password, and the retry budget. */
  setConnection(connection: RedisConnectionOptions): this {
    this.connection = connection;
    return this;
  }

  /** Reads these streams; each must exist when the job starts. */
  setStreams(...streams: string[]): this {
    this.streams = streams;
    return this;
  }

  /** Reads every stream whose key matches (SCAN MATCH glob), including streams created while the job runs. */
  setStreamPattern(pattern: string): this {
    this.pattern = pattern;
    return this;
  }

  /** Where to start without a checkpoint: earliest (default), latest, an entry id or a timestamp. */
  setStartingPosition(position: StartingPosition): this {
    if (position.kind === "entry-id") parseEntryId(position.id);
    this.startingPosition = position;
    return this;
  }

  /** Reads up to the entries present when the job starts, then finishes (tests, backfills). */
  setBounded(): this {
    this.bounded = true;
    return this;
  }

  /** Decodes the value of one field of each entry (default field "data", default schema JSON). */
  setDeserializer(schema: DeserializationSchema<T>, valueField: string = DEFAULT_VALUE_FIELD): this {
    this.deserializer = schema;
    this.valueField = valueField;
    return this;
  }

  /** The field whose value is decoded (default "data"). */
  setValueField(field: string): this {
    this.valueField = field;
    return this;
  }

  /** Decodes a whole entry (all its fields); throwing counts as a bad message. */
  setEntryDeserializer(fn: (entry: RedisStreamEntry) => T): this {
    this.entryDeserializer = fn;
    return this;
  }

  /** Event time from the entry id's milliseconds (default), a numeric field of the record, or a function. */
  setEventTime(source: EventTimeSource): this {
    this.eventTime = source;
    return this;
  }

  /** What a message that does not decode does: fail the job (default), skip it, or go to a side output. */
  setBadMessagePolicy(policy: BadMessagePolicy): this {
    this.badMessagePolicy = policy;
    return this;
  }

  /**
   * Reads through a consumer group (created at the starting position if absent), XACKing entries only
   * when the checkpoint that covers them completes.
   */
  setConsumerGroup(group: string, consumer: string = DEFAULT_CONSUMER): this {
    this.consumerGroup = { group, consumer };
    return this;
  }

  setDiscoveryInterval(ms: number): this {
    this.discoveryIntervalMs = positive("discovery interval", ms);
    return this;
  }

  /** Entries per stream per XREAD (default 1000). */
  setBatchSize(entries: number): this {
    this.batchSize = positive("batch size", entries);
    return this;
  }

  /** How long one XREAD blocks waiting for entries (default 100 ms). */
  setBlockTime(ms: number): this {
    this.blockMs = positive("block time", ms);
    return this;
  }

  setMaxBufferedEntries(entries: number): this {
    this.maxBufferedEntries = positive("max buffered entries", entries);
    return this;
  }

  build(): RedisStreamSource<T> {
    const fail = (why: string): never => {
      throw new RedisConnectorError(`redis-stream source: ${why}`);
    };
    if (!this.connection) fail("no connection; call setConnection({ url: \"redis://host:6379\" })");
    if (this.streams.length === 0 && this.pattern === undefined) fail("no streams; call setStreams(...) or setStreamPattern(...)");
    if (this.streams.length > 0 && this.pattern !== undefined) fail("both streams and a pattern are set; use one");
    if (this.consumerGroup && this.bounded) {
      fail("bounded mode cannot use a consumer group (entries read past the end would stay pending in the group); drop one of them");
    }
    if (this.deserializer && this.entryDeserializer) fail("both a deserializer and an entry deserializer are set; use one");
    return new RedisStreamSource<T>({
      connection: this.connection!,
      streams: [...this.streams],
      pattern: this.pattern,
      startingPosition: this.startingPosition,
      bounded: this.bounded,
      valueField: this.valueField,
      deserializer: this.entryDeserializer ? undefined : (this.deserializer ?? jsonDeserializer<T>()),
      entryDeserializer: this.entryDeserializer,
      eventTime: this.eventTime,
      badMessagePolicy: this.badMessagePolicy,
      consumerGroup: this.consumerGroup,
      discoveryIntervalMs: this.discoveryIntervalMs,
      batchSize: this.batchSize,
      blockMs: this.blockMs,
      maxBufferedEntries: this.maxBufferedEntries,
    });
  }
}

function positive(what: string, n: number): number {
  if (!Number.isInteger(n) || n <= 0) throw new RedisConnectorError(`redis-stream source: ${what} must be a positive integer, got ${n}`);
  return n;
}
