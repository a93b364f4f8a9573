/**
 * The settings of the Redis Streams source, as its builder collects them (docs/connectors.md, "Redis
 * Streams"). Connector settings are per source, like the properties of Flink's KafkaSourceBuilder, not
 * cluster configuration keys.
 */
import type { BadMessagePolicy, DeserializationSchema } from "../common/deserialization.js";
import type { RedisConnectionOptions } from "./redis-connection.js";

/** Where a stream is read from when no checkpoint says otherwise. */
export type StartingPosition =
  | { readonly kind: "earliest" }
  | { readonly kind: "latest" }
  /** From this entry id on, inclusive. */
  | { readonly kind: "entry-id"; readonly id: string }
  /** From the first entry added at or after this time (ms since the epoch), inclusive. */
  | { readonly kind: "timestamp"; readonly timestampMs: number };

export const StartingPositions = {
  earliest: (): StartingPosition => ({ kind: "earliest" }),
  latest: (): StartingPosition => ({ kind: "latest" }),
  entryId: (id: string): StartingPosition => ({ kind: "entry-id", id }),
  timestamp: (timestampMs: number): StartingPosition => ({ kind: "timestamp", timestampMs }),
} as const;

/** One stream entry as the entry deserializer sees it. */
export interface RedisStreamEntry {
  readonly stream: string;
  readonly id: string;
  /** Field → value, values as raw bytes. */
  readonly fields: ReadonlyMap<string, Uint8Array>;
}

/** Where a record's event time comes from. */
export type EventTimeSource =
  /** The milliseconds of the entry id (when Redis added it, for ids Redis generated). The default. */
  | "entry-id"
  /** A numeric field (ms since the epoch) of the decoded record. */
  | { readonly field: string }
  | ((value: unknown, entry: { readonly stream: string; readonly id: string }) => number);

export interface ConsumerGroupSettings {
  readonly group: string;
  /** The consumer name in the group. Default "sluice". */
  readonly consumer: string;
}

export interface RedisStreamSourceSettings<T> {
  readonly connection: RedisConnectionOptions;
  /** Fixed streams, by name. */
  readonly streams: readonly string[];
  /** A glob (SCAN MATCH syntax): every stream whose key matches is a split, also streams created later. */
  readonly pattern: string | undefined;
  readonly startingPosition: StartingPosition;
  readonly bounded: boolean;
  /** How the record is decoded from the entry: one field through a schema, or the whole entry. */
  readonly valueField: string;
  readonly deserializer: DeserializationSchema<T> | undefined;
  readonly entryDeserializer: ((entry: RedisStreamEntry) => T) | undefined;
  readonly eventTime: EventTimeSource;
  readonly badMessagePolicy: BadMessagePolicy;
  readonly consumerGroup: ConsumerGroupSettings | undefined;
  /** Period of stream discovery for patterns (ms). */
  readonly discoveryIntervalMs: number;
  /** Entries per XREAD per stream. */
  readonly batchSize: number;
  /** How long one XREAD waits for new entries (ms); also bounds how late new splits are picked up. */
  readonly blockMs: number;
  /** The reader stops fetching while this many entries wait to be emitted. */
  readonly maxBufferedEntries: number;
}

export const DEFAULT_VALUE_FIELD = "data";
export const DEFAULT_DISCOVERY_INTERVAL_MS = 1_000;
export const DEFAULT_BATCH_SIZE = 1_000;
export const DEFAULT_BLOCK_MS = 100;
export const DEFAULT_MAX_BUFFERED_ENTRIES = 10_000;
export const DEFAULT_CONSUMER = "sluice";
