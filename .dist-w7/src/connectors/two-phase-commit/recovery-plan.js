/**
 * What a two-phase-commit sink keeps in its checkpoints, and what a restarted subtask does with it.
 *
 * Every subtask stores one entry in union list state: its pre-committed, not yet committed
 * transactions. Union state gives every restarted subtask the entries of all old subtasks, so the
 * question "who commits old subtask j's transactions and aborts j's leftovers?" has one answer
 * everywhere: new subtask j mod p. Splitting the entries instead would let one subtask commit a
 * transaction while another, scanning j's leftovers, deletes it.
 */
export function recoveryPlan(restored, subtask, parallelism) {
    const highestParallelism = Math.max(parallelism, ...restored.map((e) => e.parallelism));
    const ownedSubtasks = [];
    for (let j = subtask; j < highestParallelism; j += parallelism)
        ownedSubtasks.push(j);
    const owned = new Set(ownedSubtasks);
    const toCommit = restored
        .filter((e) => owned.has(e.subtask))
        .flatMap((e) => e.pending)
        .sort((a, b) => a.checkpointId - b.checkpointId)
        .map((p) => p.txn);
    return { toCommit, ownedSubtasks, highestParallelism };
}
//# sourceMappingURL=recovery-plan.js.map