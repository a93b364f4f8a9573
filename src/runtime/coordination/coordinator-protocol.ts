/**
 * Messages between the JobMaster and its job's coordinator worker, the thread that runs the job's
 * split enumerators (docs/architecture.md, "Sources and split enumerators"). Everything is tagged
 * with the job attempt it belongs to, so that a late message of an earlier attempt is dropped.
 * Timers are the JobMaster's: the worker asks for them and is told when they fire, so enumerator
 * discovery runs on the JobMaster's (possibly manual) clock.
 */
import type { SerializedError } from "../../errors/serialized-error.js";
import type { EnumeratorToReader, ReaderToEnumerator } from "./source-events.js";

/** A source operator whose source has an enumerator (the head of a source vertex). */
export interface CoordinatedSource {
  vertexId: string;
  nodeId: number;
  uid: string;
  name: string;
  parallelism: number;
}

export type ToCoordinator =
  /** Creates (or, with state, restores) and starts the enumerators of `attempt`; earlier ones are closed. */
  | { type: "start"; attempt: number; sources: CoordinatedSource[]; restore?: Record<string, unknown> }
  | { type: "reader-event"; attempt: number; vertexId: string; subtask: number; event: ReaderToEnumerator }
  | { type: "snapshot"; attempt: number; checkpointId: number }
  | { type: "checkpoint-complete"; attempt: number; checkpointId: number }
  | { type: "checkpoint-aborted"; attempt: number; checkpointId: number }
  | { type: "timer"; attempt: number; timerId: number }
  /** Closes the enumerators of `attempt` (failover, cancellation, end of the job). */
  | { type: "stop"; attempt: number };

export type FromCoordinator =
  | { type: "to-reader"; attempt: number; vertexId: string; subtask: number; event: EnumeratorToReader }
  /** Enumerator states by operator uid (plain data). */
  | { type: "snapshot"; attempt: number; checkpointId: number; states: Record<string, unknown> }
  | { type: "snapshot-failed"; attempt: number; checkpointId: number; error: SerializedError }
  | { type: "schedule"; attempt: number; timerId: number; delayMs: number; periodMs?: number }
  | { type: "cancel-timer"; attempt: number; timerId: number }
  /** An enumerator threw or called failJob(): the job fails over through its restart strategy. */
  | { type: "failed"; attempt: number; vertexId: string; error: SerializedError }
  /** The bundle is loaded and its definition evaluated (the evaluation timeout stops). */
  | { type: "bound" }
  /** The bundle could not be loaded or evaluated. */
  | { type: "load-failed"; error: SerializedError };
