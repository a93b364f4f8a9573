/**
 * The bad-message policies of docs/connectors.md, "Deserialization and bad messages", applied in one
 * place for every connector: `fail` throws the connector's error, `skip` counts and logs, a side output
 * receives a DeadLetter. In every case the message counts in numRecordsInErrors.
 */
import type { Counter } from "../../api/metrics.js";
import type { SourceOutput } from "../../api/source.js";
import type { BadMessagePolicy, DeadLetter } from "./deserialization.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The payload as UTF-8 text where it decodes, else base64 (DeadLetter.payload). */
export function deadLetterPayload(message: Uint8Array): string {
  try {
    return utf8.decode(message);
  } catch {
    return Buffer.from(message.buffer, message.byteOffset, message.byteLength).toString("base64");
  }
}

export interface BadMessage {
  /** Connector and place: `nats-jetstream ORDERS/orders.eu`. */
  readonly origin: string;
  readonly id: string;
  readonly payload: Uint8Array;
  readonly error: unknown;
}

/**
 * Applies `policy` to a message that did not decode. `failure` builds the error thrown under `fail`;
 * its message should name the origin and id and say how to go on.
 */
export function handleBadMessage(
  policy: BadMessagePolicy,
  bad: BadMessage,
  output: SourceOutput<unknown>,
  errors: Counter | undefined,
  failure: (bad: BadMessage) => Error,
): void {
  errors?.inc();
  if (policy === "fail") throw failure(bad);
  const error = bad.error instanceof Error ? bad.error.message : String(bad.error);
  if (policy === "skip") {
    console.warn(`${bad.origin}: skipped message ${bad.id} that does not decode (${error})`);
    return;
  }
  if (!output.collectSideOutput) throw new Error(`${bad.origin}: this runtime has no side outputs for sources; use the "fail" or "skip" policy`);
  const letter: DeadLetter = { origin: bad.origin, id: bad.id, payload: deadLetterPayload(bad.payload), error };
  output.collectSideOutput(policy.sideOutput, letter);
}
