/**
 * How connectors turn bytes into typed records, and what they do with a message that does not
 * decode (docs/connectors.md, "Deserialization and bad messages"). One contract for every
 * connector, so a job switches brokers without relearning this.
 */
import type { OutputTag } from "../../api/output-tag.js";

export interface DeserializationSchema<T> {
  /** Throws when the message is not a T; the bad-message policy decides what happens then. */
  deserialize(message: Uint8Array): T;
}

/** Turns a function into a schema: `deserializer((bytes) => decode(bytes))`. */
export function deserializer<T>(fn: (message: Uint8Array) => T): DeserializationSchema<T> {
  return { deserialize: fn };
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The default: UTF-8 JSON. */
export function jsonDeserializer<T>(): DeserializationSchema<T> {
  return { deserialize: (message) => JSON.parse(decoder.decode(message)) as T };
}

/** A message that failed to decode, as sent to a dead-letter side output. */
export interface DeadLetter {
  /** Which connector, and where: `redis-stream orders`, `nats-jetstream ORDERS/orders.eu`. */
  readonly origin: string;
  /** The message's id at its origin (stream entry id, stream sequence). */
  readonly id: string;
  /** The raw message, as UTF-8 text where it decodes, else base64. */
  readonly payload: string;
  readonly error: string;
}

/**
 * `fail` (the default): the job fails with an error naming the origin and id.
 * `skip`: the message is counted (numRecordsInErrors) and logged, then dropped.
 * `{ sideOutput: tag }`: the message goes to that side output of the source as a DeadLetter.
 */
export type BadMessagePolicy = "fail" | "skip" | { readonly sideOutput: OutputTag<DeadLetter> };
