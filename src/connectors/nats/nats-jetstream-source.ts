/**
 * The NATS JetStream source (docs/connectors.md, "NATS JetStream"): a stream, split by subject (the
 * enumerator discovers the subjects under a filter, at start and periodically) or by configured
 * subject filters, each split resumed from its stream sequence stored in checkpoints.
 *
 * ```ts
 * const source = NatsJetStreamSource.builder<Order>()
 *   .setServers("nats://127.0.0.1:4222")
 *   .setStream("ORDERS")
 *   .setSubjectFilter("orders.>")
 *   .setStartingPosition(NatsStartingPosition.earliest())
 *   .build();
 * ```
 */
import type { Boundedness, Source, SourceReader, SourceReaderContext, SplitEnumerator, SplitEnumeratorContext } from "../../api/source.js";
import { jsonDeserializer, type BadMessagePolicy, type DeserializationSchema } from "../common/deserialization.js";
import type { NatsConnectionOptions } from "./nats-connection.js";
import { NatsConfigurationError } from "./nats-errors.js";
import type { NatsSourceConfig } from "./nats-source-config.js";
import { NatsSourceReader } from "./nats-source-reader.js";
import { NatsSplitEnumerator, type NatsEnumeratorState } from "./nats-split-enumerator.js";
import { NatsStartingPosition, type NatsSubjectSplit } from "./nats-split.js";

export class NatsJetStreamSource<T> implements Source<T, NatsSubjectSplit, NatsEnumeratorState> {
  readonly boundedness: Boundedness;

  static builder<T>(): NatsJetStreamSourceBuilder<T> {
    return new NatsJetStreamSourceBuilder<T>();
  }

  constructor(readonly config: NatsSourceConfig<T>) {
    this.boundedness = config.bounded ? "bounded" : "unbounded";
  }

  createReader(ctx: SourceReaderContext): SourceReader<T, NatsSubjectSplit> {
    return new NatsSourceReader(this.config, ctx);
  }

  createEnumerator(ctx: SplitEnumeratorContext<NatsSubjectSplit>): SplitEnumerator<NatsSubjectSplit, NatsEnumeratorState> {
    return new NatsSplitEnumerator(this.config, ctx);
  }

  restoreEnumerator(ctx: SplitEnumeratorContext<NatsSubjectSplit>, state: NatsEnumeratorState): SplitEnumerator<NatsSubjectSplit, NatsEnumeratorState> {
    return new NatsSplitEnumerator(this.config, ctx, state);
  }
}

/** Builds a NatsJetStreamSource; `setServers` (or `setConnection`) and `setStream` are required. */
export class NatsJetStreamSourceBuilder<T> {
  private connection: NatsConnectionOptions | undefined;
  private stream: string | undefined;
  private subjectFilter = ">";
  private partitions: readonly string[] | undefined;
  private startingPosition = NatsStartingPosition.earliest();
  private bounded = false;
  private deserializer: DeserializationSchema<T> = jsonDeserializer<T>();
  private badMessagePolicy: BadMessagePolicy = "fail";
  private durableConsumerPrefix: string | undefined;
  private discoveryIntervalMs = 5_000;
  private fetchBufferSize = 4_096;

  /** Server URLs; credentials through setCredentials or setConnection. */
  setServers(servers: string | readonly string[]): this {
    this.connection = { ...this.connection, servers };
    return this;
  }

  setCredentials(user: string, password: string): this {
    this.connection = { servers: this.connection?.servers ?? [], ...this.connection, user, password };
    return this;
  }

  /** Everything about the connection at once (servers, credentials, connect retry budget). */
  setConnection(connection: NatsConnectionOptions): this {
    this.connection = { ...connection };
    return this;
  }

  setStream(stream: string): this {
    this.stream = stream;
    return this;
  }

  /** Read the subjects matching this filter (default `>`: all of the stream), one split each. */
  setSubjectFilter(filter: string): this {
    this.subjectFilter = filter;
    return this;
  }

  /** Split by these subject filters instead of by discovered subject (they must not overlap). */
  setPartitions(filters: readonly string[]): this {
    this.partitions = [...filters];
    return this;
  }

  setStartingPosition(position: NatsStartingPosition): this {
    this.startingPosition = position;
    return this;
  }

  /** Read up to the stream's last sequence when the job starts, then finish (backfills, tests). */
  setBounded(): this {
    this.bounded = true;
    return this;
  }

  /** How the payload becomes a T; JSON by default. */
  setDeserializer(deserializer: DeserializationSchema<T>): this {
    this.deserializer = deserializer;
    return this;
  }

  /** What a message that does not decode does: "fail" (default), "skip", or `{ sideOutput: tag }`. */
  setBadMessagePolicy(policy: BadMessagePolicy): this {
    this.badMessagePolicy = policy;
    return this;
  }

  /**
   * Keep a durable consumer per split, named `<prefix>_<hash of the subject>`, acknowledged only
   * when a checkpoint covering the messages completes.
   */
  setDurableConsumer(prefix: string): this {
    if (!/^[A-Za-z0-9_-]+$/.test(prefix)) throw new NatsConfigurationError(`nats-jetstream source: durable consumer prefix '${prefix}' may only hold letters, digits, '-' and '_'`);
    this.durableConsumerPrefix = prefix;
    return this;
  }

  /** How often new subjects are looked for (unbounded, split by subject). Default 5 s. */
  setDiscoveryIntervalMs(ms: number): this {
    if (!(ms > 0)) throw new NatsConfigurationError(`nats-jetstream source: the discovery interval must be > 0 ms, got ${ms}`);
    this.discoveryIntervalMs = ms;
    return this;
  }

  /** Messages a reader buffers before it stops pulling. Default 4096. */
  setFetchBufferSize(messages: number): this {
    if (!(messages >= 1)) throw new NatsConfigurationError(`nats-jetstream source: the fetch buffer must hold at least one message, got ${messages}`);
    this.fetchBufferSize = messages;
    return this;
  }

  build(): NatsJetStreamSource<T> {
    if (!this.connection || (typeof this.connection.servers !== "string" && this.connection.servers.length === 0)) {
      throw new NatsConfigurationError("nats-jetstream source: no server given; call setServers(\"nats://host:4222\")");
    }
    if (!this.stream) throw new NatsConfigurationError("nats-jetstream source: no stream given; call setStream(name)");
    if (this.partitions?.length === 0) throw new NatsConfigurationError("nats-jetstream source: setPartitions needs at least one subject filter");
    return new NatsJetStreamSource<T>({
      connection: this.connection,
      stream: this.stream,
      subjectFilter: this.subjectFilter,
      partitions: this.partitions,
      startingPosition: this.startingPosition,
      bounded: this.bounded,
      deserializer: this.deserializer,
      badMessagePolicy: this.badMessagePolicy,
      durableConsumerPrefix: this.durableConsumerPrefix,
      discoveryIntervalMs: this.discoveryIntervalMs,
      fetchBufferSize: this.fetchBufferSize,
    });
  }
}
