/**
 * The shared-state registry of a job's checkpoint coordinator (Flink's SharedStateRegistry;
 * docs/checkpoints.md, "Incremental checkpoints"): which retained checkpoints refer to each of the
 * state changelog's files in the job's `shared/` folder. A file no retained checkpoint refers to
 * any more is deleted. A new JobMaster (after a failover) rebuilds it from the retained
 * checkpoints' `_metadata`, so files the previous leader registered are still deleted in time.
 */
export class SharedStateRegistry {
  /** File (relative to the job's checkpoint folder) → the retained checkpoints that refer to it. */
  private readonly refs = new Map<string, Set<number>>();

  register(checkpointId: number, files: readonly string[]): void {
    for (const f of files) {
      let users = this.refs.get(f);
      if (!users) this.refs.set(f, (users = new Set()));
      users.add(checkpointId);
    }
  }

  /** Checkpoint `checkpointId` is no longer retained; returns the files no retained checkpoint refers to now. */
  release(checkpointId: number): string[] {
    const unused: string[] = [];
    for (const [f, users] of this.refs) {
      if (!users.delete(checkpointId) || users.size > 0) continue;
      this.refs.delete(f);
      unused.push(f);
    }
    return unused;
  }

  /** Files some retained checkpoint refers to. */
  files(): string[] {
    return [...this.refs.keys()];
  }
}
