/**
 * In-memory stores for the standalone (`none`) implementation. Same semantics as the ZooKeeper
 * stores, nothing survives the process. Values are copied in and out so that callers cannot change
 * stored data by mutating their objects.
 */
import {
  HighAvailabilityError,
  INITIAL_CHECKPOINT_ID,
  LeadershipLostError,
  type LeadershipFence,
  type CheckpointIdCounter,
  type CompletedCheckpoint,
  type CompletedCheckpointStore,
  type HaPayload,
  type JobGraphStore,
  type JobResultEntry,
  type JobResultStore,
} from "../interface.js";
import { copyPayload } from "../payload.js";
import { validateCheckpointId, validateCounterValue, validateJobId, validateMaxRetained } from "../validation.js";

export class InMemoryJobGraphStore implements JobGraphStore {
  private readonly graphs = new Map<string, HaPayload>();

  async put(jobId: string, jobGraph: HaPayload): Promise<void> {
    validateJobId(jobId);
    this.graphs.set(jobId, copyPayload(jobGraph));
  }
  async get(jobId: string): Promise<HaPayload | undefined> {
    validateJobId(jobId);
    const graph = this.graphs.get(jobId);
    return graph === undefined ? undefined : copyPayload(graph);
  }
  async remove(jobId: string): Promise<void> {
    validateJobId(jobId);
    this.graphs.delete(jobId);
  }
  async jobIds(): Promise<string[]> {
    return [...this.graphs.keys()].sort();
  }
}

export class InMemoryCompletedCheckpointStore implements CompletedCheckpointStore {
  /** Checkpoint id → payload; shared per job by the services, so a store re-created for a job sees them. */
  constructor(
    readonly jobId: string,
    readonly maxRetained: number,
    private readonly checkpoints: Map<number, HaPayload>,
    /** In one process a change is atomic with the check of its term's fence. */
    private readonly fence?: LeadershipFence,
  ) {
    validateJobId(jobId);
    validateMaxRetained(maxRetained);
  }

  private checkFence(what: string): void {
    if (this.fence && !this.fence.holds()) throw new LeadershipLostError(what, this.fence);
  }

  async add(checkpoint: CompletedCheckpoint): Promise<CompletedCheckpoint[]> {
    validateCheckpointId(checkpoint.checkpointId);
    this.checkFence(`adding checkpoint ${checkpoint.checkpointId} of job ${this.jobId}`);
    if (this.checkpoints.has(checkpoint.checkpointId)) {
      throw new HighAvailabilityError(`checkpoint ${checkpoint.checkpointId} of job ${this.jobId} already exists`);
    }
    this.checkpoints.set(checkpoint.checkpointId, copyPayload(checkpoint.payload));
    const ids = [...this.checkpoints.keys()].sort((a, b) => b - a);
    const subsumed: CompletedCheckpoint[] = [];
    for (const id of ids.slice(this.maxRetained).reverse()) {
      subsumed.push({ checkpointId: id, payload: this.checkpoints.get(id)! });
      this.checkpoints.delete(id);
    }
    return subsumed;
  }
  async latest(): Promise<CompletedCheckpoint | undefined> {
    return (await this.list())[0];
  }
  async list(): Promise<CompletedCheckpoint[]> {
    return [...this.checkpoints.entries()]
      .sort(([a], [b]) => b - a)
      .map(([checkpointId, payload]) => ({ checkpointId, payload: copyPayload(payload) }));
  }
  async removeAll(): Promise<void> {
    this.checkFence(`removing the checkpoints of job ${this.jobId}`);
    this.checkpoints.clear();
  }
}

export class InMemoryCheckpointIdCounter implements CheckpointIdCounter {
  constructor(
    readonly jobId: string,
    private readonly cell: { value: number },
  ) {}

  async getAndIncrement(): Promise<number> {
    return this.cell.value++;
  }
  async get(): Promise<number> {
    return this.cell.value;
  }
  async set(value: number): Promise<void> {
    validateCounterValue(value);
    this.cell.value = value;
  }
}

export class InMemoryJobResultStore implements JobResultStore {
  /** jobId → result while dirty, or null once clean (clean entries keep no bytes). */
  private readonly entries = new Map<string, HaPayload | null>();

  async createDirty(jobId: string, result: HaPayload): Promise<void> {
    validateJobId(jobId);
    if (this.entries.has(jobId)) throw new HighAvailabilityError(`job result for ${jobId} already exists`);
    this.entries.set(jobId, copyPayload(result));
  }
  async markClean(jobId: string): Promise<void> {
    validateJobId(jobId);
    if (!this.entries.has(jobId)) throw new HighAvailabilityError(`no job result for ${jobId} to mark clean`);
    this.entries.set(jobId, null);
  }
  async has(jobId: string): Promise<boolean> {
    validateJobId(jobId);
    return this.entries.has(jobId);
  }
  async hasDirty(jobId: string): Promise<boolean> {
    validateJobId(jobId);
    const entry = this.entries.get(jobId);
    return entry !== undefined && entry !== null;
  }
  async hasClean(jobId: string): Promise<boolean> {
    validateJobId(jobId);
    return this.entries.get(jobId) === null;
  }
  async dirtyResults(): Promise<JobResultEntry[]> {
    const dirty: JobResultEntry[] = [];
    for (const [jobId, result] of this.entries) {
      if (result !== null) dirty.push({ jobId, result: copyPayload(result) });
    }
    return dirty.sort((a, b) => (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0));
  }
  async deleteClean(jobId: string): Promise<void> {
    validateJobId(jobId);
    if (this.entries.get(jobId) === null) this.entries.delete(jobId);
  }
  clear(): void {
    this.entries.clear();
  }
}

export function newCounterCell(): { value: number } {
  return { value: INITIAL_CHECKPOINT_ID };
}
