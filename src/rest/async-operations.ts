/**
 * Savepoints, stop-with-savepoint, checkpoint triggers and savepoint disposals run as Flink's
 * asynchronous operations: the POST answers with a trigger id at once, and the status endpoint
 * reports IN_PROGRESS, then the operation's result (a location, a checkpoint id) or its failure.
 * Finished operations are kept for a while (Flink: rest.async.store-duration, 5 min). Operations
 * are keyed by their job; cluster-level ones (disposal) by CLUSTER_OPERATIONS.
 */
import { randomUUID } from "node:crypto";
import type { SerializedError } from "../errors/serialized-error.js";
import { serializeError } from "../errors/serialized-error.js";

export type OperationState = { status: "IN_PROGRESS" } | { status: "COMPLETED"; result: Record<string, unknown> } | { status: "FAILED"; error: SerializedError };

/** The key of operations that belong to no job (savepoint disposal). */
export const CLUSTER_OPERATIONS = "cluster";

interface Entry {
  jobId: string;
  state: OperationState;
  finishedAt?: number;
}

export class AsyncOperations {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly retainMs = 300_000,
    private readonly maxEntries = 10_000,
  ) {}

  /** Starts tracking an operation; a repeated triggerId of the same job returns the existing one. */
  start(jobId: string, run: () => Promise<Record<string, unknown>>, triggerId?: string): string {
    this.evict();
    if (triggerId) {
      const existing = this.entries.get(triggerId);
      if (existing && existing.jobId === jobId) return triggerId;
    }
    const id = triggerId ?? randomUUID().replaceAll("-", "");
    const entry: Entry = { jobId, state: { status: "IN_PROGRESS" } };
    this.entries.set(id, entry);
    void (async () => {
      try {
        entry.state = { status: "COMPLETED", result: await run() };
      } catch (e) {
        entry.state = { status: "FAILED", error: serializeError(e) };
      }
      entry.finishedAt = Date.now();
    })();
    return id;
  }

  get(jobId: string, triggerId: string): OperationState | undefined {
    const e = this.entries.get(triggerId);
    return e && e.jobId === jobId ? e.state : undefined;
  }

  private evict(): void {
    const now = Date.now();
    for (const [id, e] of this.entries) if (e.finishedAt !== undefined && now - e.finishedAt > this.retainMs) this.entries.delete(id);
    // Never grow without bound, whatever clients trigger.
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
