/**
 * The base of the JobMaster's states (docs/architecture.md, "Job states"), after Flink's
 * AdaptiveScheduler: the JobMaster forwards every event to its current state object, and each state
 * overrides only the events that mean something in it. An event a state does not handle is ignored
 * here, with a debug line — a late task update in a terminal state, a slot offer while cancelling —
 * rather than by guards spread over the JobMaster.
 */
import type { SerializedError } from "../../../errors/serialized-error.js";
import type { JobStatus, SlotOffer } from "../../messages.js";

import type { TaskCheckpointAck } from "../../../runtime/checkpoint/checkpoint-metadata.js";
import type { JobResult } from "../../messages.js";
import type { Execution } from "../execution-graph.js";
import type { JobContext } from "../job-context.js";
import type { JobStateName } from "./transitions.js";

/** What a state can do to the JobMaster: change the state, schedule work for as long as it is current, finish. */
export interface StateHost {
  readonly job: JobContext;
  /** Leaves the current state for `next` (checked against the transition table). */
  goTo(next: JobState): void;
  /**
   * Runs `fn` only if `state` is still the current state — now, or after `delayMs` on the clock.
   * A timer or continuation of a state that has been left is a no-op.
   */
  runIfState(state: JobState, fn: () => void, delayMs?: number): void;
  /** Serves the JobMaster's endpoint and starts its periodic work. */
  startServing(): void;
  /** Stops the JobMaster's periodic work (metrics fetching). */
  stopPeriodicWork(): void;
  /** Stops serving the JobMaster's endpoint. */
  closeEndpoint(): void;
  resolveResult(result: JobResult): void;
}

export abstract class JobState {
  abstract readonly name: JobStateName;
  /** What the job reports (REST, JobResult) while in this state. */
  abstract readonly jobStatus: JobStatus;
  /** Whether checkpoints and savepoints may be taken in this state. */
  readonly runsCheckpoints: boolean = false;

  constructor(protected readonly host: StateHost) {}

  protected get job(): JobContext {
    return this.host.job;
  }

  onEnter(): void {}

  // ---- events ----------------------------------------------------------------------------------

  /** The Dispatcher starts the JobMaster; settles when the job is under way. */
  start(): Promise<void> {
    this.ignored("start");
    return Promise.resolve();
  }

  onSlotsOffered(taskManagerId: string, _taskExecutorAddress: string, _dataAddress: string, _offers: SlotOffer[]): SlotOffer[] {
    this.ignored(`slots of TaskManager ${taskManagerId}`);
    return [];
  }

  /** An execution changed its state to a non-failed one (the ExecutionGraph is updated already). */
  onExecutionStateChanged(e: Execution): void {
    this.ignored(`${e.executionId} ${e.state}`);
  }

  /** An execution failed (already FAILED in the ExecutionGraph and in the exception history). */
  onTaskFailure(e: Execution, _error: SerializedError): void {
    this.ignored(`failure of ${e.executionId}`);
  }

  /** A TaskManager is gone; `failed` are its executions that were still going (now FAILED). */
  onTaskManagerLost(taskManagerId: string, _failed: readonly Execution[], _error: SerializedError): void {
    this.ignored(`loss of TaskManager ${taskManagerId}`);
  }

  onCheckpointAcknowledged(executionId: string, checkpointId: number, _ack: TaskCheckpointAck): void {
    this.ignored(`acknowledgement of checkpoint ${checkpointId} by ${executionId}`);
  }

  onCheckpointDeclined(executionId: string, checkpointId: number, _reason: SerializedError): void {
    this.ignored(`decline of checkpoint ${checkpointId} by ${executionId}`);
  }

  onCheckpointFailuresExceeded(cause: Error): void {
    this.ignored(`checkpoint failures (${cause.message})`);
  }

  /** A failure of the job rather than of a task (a split enumerator threw). */
  onGlobalFailure(error: SerializedError): void {
    this.ignored(`job failure (${error.message})`);
  }

  triggerSavepoint(_dir: string | undefined, _stop?: "terminate" | "drain"): Promise<string> {
    return Promise.reject(new Error(`job is ${this.jobStatus}, not RUNNING: a savepoint needs all tasks running`));
  }

  cancel(): void {
    this.ignored("cancel");
  }

  suspend(cause: string): void {
    this.ignored(`suspend (${cause})`);
  }

  protected ignored(event: string): void {
    this.job.log.debug(`${event}: ignored in state ${this.name}`);
  }
}
