/**
 * What a two-phase-commit sink keeps in its checkpoints, and what a restarted subtask does with it.
 *
 * Every subtask stores one entry in union list state: its pre-committed, not yet committed
 * transactions. Union state gives every restarted subtask the entries of all old subtasks, so the
 * question "who commits old subtask j's transactions and aborts j's leftovers?" has one answer
 * everywhere: new subtask j mod p. Splitting the entries instead would let one subtask commit a
 * transaction while another, scanning j's leftovers, deletes it.
 */

export interface PendingTransaction<Txn> {
  /** The checkpoint (or savepoint) whose barrier pre-committed it. */
  checkpointId: number;
  txn: Txn;
}

export interface SubtaskTransactions<Txn> {
  subtask: number;
  /**
   * The highest parallelism this sink has run at: after scaling down, leftovers of subtasks that
   * no longer exist must still be looked for.
   */
  parallelism: number;
  pending: PendingTransaction<Txn>[];
}

export interface RecoveryPlan<Txn> {
  /** Pre-committed by the restored checkpoint for subtasks this one owns, oldest first. */
  toCommit: Txn[];
  /** Old subtask indexes whose leftovers this subtask aborts (its own index first). */
  ownedSubtasks: number[];
  /** What this subtask records as `parallelism` from now on. */
  highestParallelism: number;
}

export function recoveryPlan<Txn>(
  restored: readonly SubtaskTransactions<Txn>[],
  subtask: number,
  parallelism: number,
): RecoveryPlan<Txn> {
  const highestParallelism = Math.max(parallelism, ...restored.map((e) => e.parallelism));
  const ownedSubtasks: number[] = [];
  for (let j = subtask; j < highestParallelism; j += parallelism) ownedSubtasks.push(j);
  const owned = new Set(ownedSubtasks);
  const toCommit = restored
    .filter((e) => owned.has(e.subtask))
    .flatMap((e) => e.pending)
    .sort((a, b) => a.checkpointId - b.checkpointId)
    .map((p) => p.txn);
  return { toCommit, ownedSubtasks, highestParallelism };
}
