/**
 * The splits of the NATS JetStream source (docs/connectors.md, "NATS JetStream"): one per subject (or
 * per configured subject filter) of one stream. The position is a stream sequence, which orders every
 * message of the stream; a split's consumer filters by its subject, so "the next sequence to read"
 * is all a split needs to resume — the same shape as a Kafka partition and its offset.
 */
import { stringHash32 } from "../common/string-hash.js";

export interface NatsSubjectSplit {
  /** A subject, or a configured partition's subject filter (wildcards allowed); the split's id. */
  subject: string;
  /** The next stream sequence to read. */
  nextSequence: number;
  /** Bounded mode: the stream's last sequence when the job started; later messages are not read. */
  stopSequence?: number;
}

/** Where a source starts reading the subjects it finds (Flink's OffsetsInitializer for Kafka). */
export type NatsStartingPosition =
  | { readonly kind: "earliest" }
  | { readonly kind: "latest" }
  | { readonly kind: "sequence"; readonly sequence: number }
  | { readonly kind: "timestamp"; readonly timestampMs: number };

export const NatsStartingPosition = {
  /** Every message still stored (the default). */
  earliest: (): NatsStartingPosition => ({ kind: "earliest" }),
  /** Only messages published after the job started. */
  latest: (): NatsStartingPosition => ({ kind: "latest" }),
  /** From this stream sequence on. */
  sequence: (sequence: number): NatsStartingPosition => {
    if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`a stream sequence starts at 1, got ${sequence}`);
    return { kind: "sequence", sequence };
  },
  /** From the first message stored at or after this time (ms since the epoch). */
  timestamp: (timestampMs: number): NatsStartingPosition => ({ kind: "timestamp", timestampMs }),
};

/**
 * The position every split starts at, resolved once when the job starts (a start time becomes the
 * sequence of the first message stored at or after it), and kept in the enumerator's state.
 */
export interface ResolvedStart {
  nextSequence: number;
  stopSequence?: number;
}

export function newSplit(subject: string, start: ResolvedStart): NatsSubjectSplit {
  const split: NatsSubjectSplit = { subject, nextSequence: start.nextSequence };
  if (start.stopSequence !== undefined) split.stopSequence = start.stopSequence;
  return split;
}

/** Which reader owns a split: stable for a parallelism, so a subject always goes to the same reader. */
export function ownerOf(subject: string, parallelism: number): number {
  return stringHash32(subject) % parallelism;
}
