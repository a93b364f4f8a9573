/**
 * A task's side of FLIP-147's final checkpoint (docs/checkpoints.md, "The final checkpoint"): once
 * its operators have finished (end of input, or finished on restore), the task stays RUNNING and
 * keeps taking checkpoints until one that it snapshotted after finishing has completed — so
 * everything a two-phase-commit sink pre-committed at that barrier is committed through a completed
 * checkpoint before the task reports FINISHED. Without checkpoints (batch mode, no interval, or
 * `execution.checkpointing.checkpoints-after-tasks-finish: false`) the wait is over at once.
 */
import type { OperatorChain } from "./operator-chain.js";

export class FinalCheckpoint {
  private operatorsFinished = false;
  /** The first checkpoint (not savepoint) this task snapshotted after its operators finished. */
  private firstAfterFinish: number | undefined;
  /** Savepoints snapshotted after finishing: their completion commits nothing, so it does not end the wait. */
  private readonly savepoints = new Set<number>();
  private resolve!: () => void;
  private reached = false;
  /** Resolves when the final checkpoint has completed (and this task's commits for it are done). */
  readonly done = new Promise<void>((resolve) => (this.resolve = resolve));

  constructor(
    /** Whether the JobMaster takes checkpoints after tasks finish (DeploymentShared.finalCheckpoint). */
    private readonly enabled: boolean,
  ) {}

  /** The task's operators have finished: from now on its snapshots say so (TaskCheckpointAck.finished). */
  markOperatorsFinished(): void {
    this.operatorsFinished = true;
    if (!this.enabled) this.reach();
  }

  get finished(): boolean {
    return this.operatorsFinished;
  }

  /** Whether the task is done: its operators finished and the final checkpoint completed. */
  get isReached(): boolean {
    return this.reached;
  }

  snapshotTaken(checkpointId: number, savepoint: boolean): void {
    if (!this.operatorsFinished) return;
    if (savepoint) this.savepoints.add(checkpointId);
    else this.firstAfterFinish ??= checkpointId;
  }

  /**
   * Called after the task's operators were notified (their commits are done). A completed
   * checkpoint at or after the first one snapshotted after finishing is final for this task: the
   * task acknowledged it, so its snapshot was taken after finishing too. Aborted ones change nothing.
   */
  checkpointCompleted(checkpointId: number): void {
    if (this.savepoints.delete(checkpointId)) return;
    if (this.firstAfterFinish !== undefined && checkpointId >= this.firstAfterFinish) this.reach();
  }

  private reach(): void {
    this.reached = true;
    this.resolve();
  }
}

/**
 * The end of a task's operators: finish() at end of input (what they emit then goes out), or taken as
 * finished on restore (finish() ran before the checkpoint, so nothing runs again); either way the
 * consumers get end-of-data and the task's snapshots from then on say it finished.
 */
export class ChainEnd {
  private started = false;

  constructor(
    private readonly chain: Pick<OperatorChain, "operators" | "writers" | "flushAll">,
    readonly finalCheckpoint: FinalCheckpoint,
  ) {}

  /** finish() of the operators has started (they finish once). */
  get finishing(): boolean {
    return this.started;
  }

  async finishOperators(): Promise<void> {
    this.started = true;
    for (const op of this.chain.operators) await op.finish();
    this.chain.flushAll();
    this.announce();
  }

  restoredFinished(): void {
    this.started = true;
    this.announce();
  }

  private announce(): void {
    for (const w of this.chain.writers) w.broadcastEvent({ kind: "end-of-data" });
    this.finalCheckpoint.markOperatorsFinished();
  }
}
