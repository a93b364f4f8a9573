/**
 * The `none` HA implementation: fixed leader addresses, immediate leadership, in-memory stores.
 * Enough for the embedded MiniCluster and a single JobManager; nothing survives a JobManager crash.
 */
import type {
  CheckpointIdCounter,
  CompletedCheckpointStore,
  HaPayload,
  HighAvailabilityServices,
  JobGraphStore,
  JobResultStore,
  LeaderElection,
  LeaderRetrieval,
  LeadershipFence,
} from "../interface.js";
import { validateComponent, validateJobId } from "../validation.js";
import {
  InMemoryCheckpointIdCounter,
  InMemoryCompletedCheckpointStore,
  InMemoryJobGraphStore,
  InMemoryJobResultStore,
  newCounterCell,
} from "./in-memory-stores.js";
import { StandaloneLeaderRegistry } from "./leader-registry.js";
import { StandaloneLeaderElection, StandaloneLeaderRetrieval } from "./standalone-leader-election.js";

export interface StandaloneHaOptions {
  /** Component name → address, reported by retrieval until a local election confirms a leader. */
  addresses?: Readonly<Record<string, string>>;
  /**
   * When set, every leadership term uses this session id instead of a fresh one, so that processes
   * without a local election (TaskManagers) know the fencing token. Flink uses an all-zero id here.
   */
  fixedLeaderSessionId?: string;
}

export class StandaloneHighAvailabilityServices implements HighAvailabilityServices {
  readonly type = "none";
  private readonly registry: StandaloneLeaderRegistry;
  private readonly graphs = new InMemoryJobGraphStore();
  private readonly results = new InMemoryJobResultStore();
  /** Per job, so that stores obtained again for the same job (after a JobMaster restart) see the data. */
  private readonly checkpoints = new Map<string, Map<number, HaPayload>>();
  private readonly counters = new Map<string, { value: number }>();
  private readonly elections = new Set<StandaloneLeaderElection>();
  private readonly retrievals = new Set<StandaloneLeaderRetrieval>();

  constructor(options: StandaloneHaOptions = {}) {
    this.registry = new StandaloneLeaderRegistry({ ...options.addresses }, options.fixedLeaderSessionId);
  }

  leaderElection(component: string): LeaderElection {
    validateComponent(component);
    const election = new StandaloneLeaderElection(this.registry, component);
    this.elections.add(election);
    return election;
  }

  leaderRetrieval(component: string): LeaderRetrieval {
    validateComponent(component);
    const retrieval = new StandaloneLeaderRetrieval(this.registry, component);
    this.retrievals.add(retrieval);
    return retrieval;
  }

  jobGraphStore(): JobGraphStore {
    return this.graphs;
  }

  completedCheckpointStore(jobId: string, maxRetained = 1, fence?: LeadershipFence): CompletedCheckpointStore {
    validateJobId(jobId);
    let checkpoints = this.checkpoints.get(jobId);
    if (!checkpoints) this.checkpoints.set(jobId, (checkpoints = new Map()));
    return new InMemoryCompletedCheckpointStore(jobId, maxRetained, checkpoints, fence);
  }

  checkpointIdCounter(jobId: string): CheckpointIdCounter {
    validateJobId(jobId);
    let cell = this.counters.get(jobId);
    if (!cell) this.counters.set(jobId, (cell = newCounterCell()));
    return new InMemoryCheckpointIdCounter(jobId, cell);
  }

  jobResultStore(): JobResultStore {
    return this.results;
  }

  async cleanupJobData(jobId: string): Promise<void> {
    validateJobId(jobId);
    await this.graphs.remove(jobId);
    this.checkpoints.get(jobId)?.clear();
    this.checkpoints.delete(jobId);
    this.counters.delete(jobId);
    // A JobMaster's leadership lives only in its election object: nothing stored to delete.
  }

  async close(): Promise<void> {
    for (const election of this.elections) await election.close();
    for (const retrieval of this.retrievals) await retrieval.close();
    this.elections.clear();
    this.retrievals.clear();
  }

  async closeAndCleanupAllData(): Promise<void> {
    await this.close();
    for (const jobId of await this.graphs.jobIds()) await this.graphs.remove(jobId);
    this.checkpoints.clear();
    this.counters.clear();
    this.results.clear();
  }
}
