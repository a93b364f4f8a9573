/**
 * The local copies of one task's checkpointed state (Flink's TaskLocalStateStore; docs/checkpoints.md,
 * "Task-local recovery"). A task keeps a copy of each state file it writes to the checkpoint storage;
 * restarted on the same TaskManager, it restores from the copy of the checkpoint the JobMaster chose.
 *
 * A copy names what it copies (the state file's URI in the checkpoint storage): a restore takes a
 * copy only for exactly that file, never for another checkpoint that happens to have the same id
 * (a savepoint of another job, say). Copies are a cache: losing one costs a remote read, so a failure
 * to keep or delete one is the caller's warning, never a failed checkpoint.
 */
export interface TaskLocalStateStore {
  /** Where the copies are (messages, tests). */
  readonly location: string;
  /** Keeps `bytes`, the state file written to `sourceUri` for checkpoint `checkpointId`, as its local copy. */
  store(checkpointId: number, sourceUri: string, bytes: Uint8Array): Promise<void>;
  /**
   * The copy of `sourceUri` kept for checkpoint `checkpointId`, or undefined when there is none. The
   * bytes are unchecked: the state file's own checksum tells whether they are intact.
   */
  retrieve(checkpointId: number, sourceUri: string): Promise<Buffer | undefined>;
  /** Checkpoint `checkpointId` completed: the copies of older checkpoints are subsumed and deleted. */
  confirm(checkpointId: number): Promise<void>;
  /** Checkpoint `checkpointId` was aborted: its copy is deleted. */
  abort(checkpointId: number): Promise<void>;
  /** The checkpoints that have a copy, oldest first. */
  checkpoints(): Promise<number[]>;
}
