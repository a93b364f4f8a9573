/** What the NATS JetStream source's builder produces, shared by its enumerator and readers. */
import type { BadMessagePolicy, DeserializationSchema } from "../common/deserialization.js";
import { describeServers, type NatsConnectionOptions } from "./nats-connection.js";
import type { NatsStartingPosition } from "./nats-split.js";

export interface NatsSourceConfig<T> {
  readonly connection: NatsConnectionOptions;
  readonly stream: string;
  /** Split by subject: the subjects matching this filter, discovered periodically. Default `>`. */
  readonly subjectFilter: string;
  /** Split by configured partitioning instead: one split per filter (they must not overlap). */
  readonly partitions: readonly string[] | undefined;
  readonly startingPosition: NatsStartingPosition;
  /** Read up to the stream's last sequence at start, then finish. */
  readonly bounded: boolean;
  readonly deserializer: DeserializationSchema<T>;
  readonly badMessagePolicy: BadMessagePolicy;
  /** Acknowledge a durable consumer per split (named `<prefix>_<hash of the subject>`) on checkpoint completion. */
  readonly durableConsumerPrefix: string | undefined;
  /** How often the enumerator looks for new subjects (unbounded, split by subject). */
  readonly discoveryIntervalMs: number;
  /** Messages a reader buffers before it stops pulling. */
  readonly fetchBufferSize: number;
}

/** The connector and its stream, for messages and logs: `nats-jetstream source ORDERS@nats://…`. */
export function sourceName(config: NatsSourceConfig<unknown>): string {
  return `nats-jetstream source ${config.stream}@${describeServers(config.connection)}`;
}
