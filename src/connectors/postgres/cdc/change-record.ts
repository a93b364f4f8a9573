/**
 * What the PostgreSQL CDC source emits: Debezium's change-event envelope (docs/connectors.md,
 * "PostgreSQL CDC"), with `before`/`after` typed by the user's row type.
 */

/** r: read in the snapshot; c: insert; u: update; d: delete. */
export type ChangeOp = "r" | "c" | "u" | "d";

export interface ChangeSource {
  /** The LSN of the commit (the slot's consistent point for snapshot reads), "X/Y". */
  lsn: string;
  /** The transaction id; null for snapshot reads. */
  txId: number | null;
  schema: string;
  table: string;
  /** Commit time (snapshot reads: the time the snapshot was taken), Unix ms. */
  ts_ms: number;
  /** True for rows read in the initial snapshot. */
  snapshot: boolean;
}

export interface ChangeRecord<T> {
  op: ChangeOp;
  /**
   * The row before an update or delete. Only the key columns unless the table has
   * REPLICA IDENTITY FULL; null for reads and inserts.
   */
  before: T | null;
  /** The row after a read, insert or update; null for deletes. */
  after: T | null;
  source: ChangeSource;
  /** When Sluice read the change, Unix ms. */
  ts_ms: number;
}

export interface TableRef {
  schema: string;
  table: string;
}

/** A part of the initial snapshot: the rows of one table whose key lies in [lo, hi). */
export interface SnapshotSplit {
  kind: "snapshot";
  id: string;
  schema: string;
  table: string;
  keyColumns: string[];
  /** Inclusive lower bound of a single-column key; absent: from the first row. */
  lo?: string;
  /** Exclusive upper bound; absent: to the last row. */
  hi?: string;
  /** The key of the last row emitted (the split's progress); absent: nothing emitted yet. */
  after?: unknown[];
  snapshotName: string;
  consistentPoint: string;
  snapshotTsMs: number;
}

/** The change stream from the slot, after the snapshot; one reader has it. */
export interface StreamSplit {
  kind: "stream";
  /** End LSN of the last transaction fully emitted (or the consistent point). */
  lsn: string;
  /** A transaction emitted partly at the checkpoint: its end LSN and how many of its changes were emitted. */
  partial?: { endLsn: string; emitted: number };
}

/**
 * A snapshot split its reader has finished, kept in the reader's state: the enumerator's state in
 * the same checkpoint may predate the reader's report, so a restored reader reports it again.
 */
export interface FinishedSplit {
  kind: "finished";
  id: string;
}

export type CdcSplit = SnapshotSplit | StreamSplit | FinishedSplit;

/** A reader finished a snapshot split (all its rows emitted). */
export interface SnapshotSplitFinished {
  finishedSplit: string;
}
