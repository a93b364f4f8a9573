/**
 * A split of the Redis Streams source is one stream (docs/connectors.md, "Redis Streams"), as a partition
 * is one split of a Kafka source. It is plain data: it travels from the enumerator to a reader and sits in
 * checkpoints.
 */
export interface RedisStreamSplit {
  readonly stream: string;
  /** The last entry id delivered downstream; reading resumes right after it. */
  lastId: string;
  /** Bounded mode: the last entry id to read (inclusive); the split is finished after it. */
  readonly endId?: string;
  /**
   * Entries added to the stream up to `lastId` (Redis's `entries-added` counting), when known: with it
   * the reader reports its lag as Redis does for consumer groups. Unknown for a start at an id or time.
   */
  entriesRead?: number;
  /** Consumer-group mode: where the group starts if it does not exist yet (`lastId` is then 0-0). */
  readonly groupStartId?: string;
}

/** What the enumerator keeps in checkpoints. */
export interface RedisStreamEnumeratorState {
  /** Streams already made splits (assigned or pending), so discovery never makes one twice. */
  readonly discovered: readonly string[];
  /** Splits not yet handed to a reader. */
  readonly pending: readonly RedisStreamSplit[];
  /** True once the first discovery ran: streams found later start at the earliest entry. */
  readonly initialDiscoveryDone: boolean;
}
