/**
 * User functions that take part in checkpoints (Flink's CheckpointedFunction and
 * CheckpointListener). Any rich function object — of map, flatMap, filter, process, keyed process,
 * window functions, triggers, sinks, joins, async functions — may implement these methods; the
 * runtime calls them around the operator's own checkpointing (docs/architecture.md,
 * "User functions in checkpoints").
 */
import type { KeyedStateStore, OperatorStateStore } from "./state/state.js";

/** What `initializeState` gets: where the function's state lives and whether it was restored. */
export interface FunctionInitializationContext {
  /** True when the operator's state comes from a checkpoint or savepoint (after a failure or rescaling). */
  isRestored(): boolean;
  /** Operator (non-keyed) state: list state is redistributed on rescaling, union list state given to all. */
  getOperatorStateStore(): OperatorStateStore;
  /** Keyed state, on keyed streams only (scoped to the current key while an element is processed). */
  getKeyedStateStore(): KeyedStateStore | undefined;
}

/** What `snapshotState` gets: which checkpoint is being taken. */
export interface FunctionSnapshotContext {
  getCheckpointId(): number;
  /** When the checkpoint was triggered, in ms since the epoch. */
  getCheckpointTimestamp(): number;
}

/**
 * A function with state of its own (buffers, counters, pending side effects). `initializeState`
 * runs before `open()`, on the first run and on every restore; `snapshotState` runs synchronously
 * when the checkpoint barrier reaches the operator and must put everything the function needs
 * after a failure into the state from `initializeState` (it may not return a promise: the state is
 * read right after it returns).
 */
export interface CheckpointedFunction {
  initializeState(ctx: FunctionInitializationContext): void | Promise<void>;
  snapshotState(ctx: FunctionSnapshotContext): void;
}

/**
 * Told when a checkpoint completed everywhere (the point to make side effects of that checkpoint
 * visible: exactly-once needs them to be idempotent, since after a failure the restored state may
 * commit them again) or was aborted. Savepoints are not notified: failover never restores them,
 * so their completion is no commit point; a job resumed from a savepoint finds its pending work in
 * the restored state.
 */
export interface CheckpointListener {
  notifyCheckpointComplete(checkpointId: number): void | Promise<void>;
  notifyCheckpointAborted?(checkpointId: number): void;
}

/** The optional checkpoint methods every rich function may have. */
export type CheckpointHooks = Partial<CheckpointedFunction> & Partial<CheckpointListener>;
