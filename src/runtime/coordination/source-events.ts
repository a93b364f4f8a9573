/**
 * Source events (docs/architecture.md, "Sources and split enumerators"): what a reader and its
 * enumerator say to each other. They travel as plain data through the slot worker's port, the RPC
 * between TaskExecutor and JobMaster, and the JobMaster's coordinator worker.
 */

/** From a reader (a source subtask) to its enumerator. */
export type ReaderToEnumerator =
  /** The reader has opened (at start, or after a restart): its enumerator's addReader(). */
  | { kind: "register"; location: string }
  /** The reader called sendSplitRequest(). */
  | { kind: "split-request"; location: string }
  | { kind: "custom"; event: unknown }
  /** Watermark alignment: the reader's current watermark (+∞ once it has ended), for its group. */
  | { kind: "watermark"; group: string; maxAllowedDriftMs: number; watermark: number };

/** From an enumerator to one of its readers. */
export type EnumeratorToReader =
  | { kind: "add-splits"; splits: unknown[] }
  | { kind: "no-more-splits" }
  | { kind: "custom"; event: unknown }
  /** Watermark alignment: the reader may read while its watermark is at most this. */
  | { kind: "align"; maxAllowedWatermark: number };
