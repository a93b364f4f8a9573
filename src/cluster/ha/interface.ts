/**
 * The high-availability contract (Flink's HighAvailabilityServices).
 *
 * A JobManager process obtains one HighAvailabilityServices instance and gets from it
 *  - leader election per component (dispatcher, resource manager, one JobMaster per job, or one shared
 *    "cluster" leader): which process leads, and a fresh leader session id per term that serves as
 *    the fencing token of every RPC call to the leader;
 *  - leader retrieval (service discovery): the current leader's address and session id;
 *  - the persistent metadata a new leader needs to take over: submitted JobGraphs, completed
 *    checkpoints, the checkpoint id counter and the results of finished jobs.
 *
 * Implementations: `none` (standalone, in memory, nothing survives the process) and `zookeeper`
 * (pointers in ZooKeeper, bytes in `high-availability.storageDir`).
 */
import { registerErrorClass, SluiceError } from "../../errors/sluice-error.js";

/** A JSON document as stored by the HA stores. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * What the stores keep: opaque bytes or a JSON document. A value comes back in the form it was put
 * (bytes stay bytes, JSON is parsed back), so callers may use either without an extra codec.
 */
export type HaPayload = Uint8Array | JsonValue;

// ---------------------------------------------------------------------------------------------
// Leader election and retrieval
// ---------------------------------------------------------------------------------------------

/** Well-known component names. Any string is allowed; these keep the processes in agreement. */
export const LeaderComponents = {
  CLUSTER: "cluster",
  DISPATCHER: "dispatcher",
  RESOURCE_MANAGER: "resourcemanager",
  REST_SERVER: "rest_server",
  jobMaster: (jobId: string): string => `jobmaster-${jobId}`,
} as const;

/** The component that takes part in an election (Flink's LeaderContender). */
export interface LeaderContender {
  /**
   * This contender is now the leader; `sessionId` is new for every grant. The contender starts its
   * leader duties and then calls `confirmLeadership(sessionId, address)` to publish itself.
   */
  grantLeadership(sessionId: string): void;
  /** Leadership is gone (another leader, suspended connection, close). Stop acting as leader now. */
  revokeLeadership(): void;
  /** An error the election cannot recover from; the contender usually fails its process. */
  handleError(error: Error): void;
}

export interface LeaderElection {
  /** Joins the election. Resolves once the candidate is registered (not when it leads). */
  start(contender: LeaderContender): Promise<void>;
  /**
   * Publishes `address` as the leader for this component with `sessionId`. Ignored (resolves
   * without effect) when `sessionId` is not the current term's id, so a late confirmation from a
   * revoked term cannot overwrite the new leader's information.
   *
   * `component` (default: the election's own component) lets one election publish the addresses of
   * several components that lead together under it, as the JobManager's Dispatcher, ResourceManager
   * and REST endpoint do under the "cluster" election (Flink 1.15+ does the same with one latch and
   * one connection-info node per component). Everything published is withdrawn with the term.
   */
  confirmLeadership(sessionId: string, address: string, component?: string): Promise<void>;
  /** True while this candidate leads and `sessionId` is the current term's id. */
  hasLeadership(sessionId: string): boolean;
  /**
   * The fence of the term `sessionId`, for the writes the term makes to the HA stores (see
   * LeadershipFence). The fence of a term that is not the current one never holds.
   */
  fence(sessionId: string): LeadershipFence;
  /** Leaves the election; revokes leadership first if held. Idempotent. */
  close(): Promise<void>;
}

/**
 * The proof of one leadership term that guards the term's writes to the HA stores
 * (docs/architecture.md, "High availability"). A leader cut off from the HA store is deposed before
 * it hears of it, and a write it had under way would otherwise land whenever its connection comes
 * back — after the next leader has read the store and gone on from there. A store obtained with a
 * fence applies a write only while the term lasts (ZooKeeper checks the term in the same
 * transaction as the write) and refuses it with LeadershipLostError afterwards.
 */
export interface LeadershipFence {
  readonly sessionId: string;
  /** Whether the term lasts as far as this process knows; fenced stores refuse at once when not. */
  holds(): boolean;
}

export interface LeaderInformation {
  readonly address: string;
  readonly sessionId: string;
}

export type LeaderListener = (leader: LeaderInformation | null) => void;

export interface LeaderRetrieval {
  /**
   * Starts following the leader of one component. The listener is called with the current leader
   * (or null when there is none or the connection to the HA store is suspended) and again on every
   * change; repeated identical values are not reported.
   */
  start(listener: LeaderListener): Promise<void>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Persistent job metadata
// ---------------------------------------------------------------------------------------------

/** Submitted jobs, so that a new leader can recover them (Flink's JobGraphStore). */
export interface JobGraphStore {
  /** Adds or replaces the job's graph. */
  put(jobId: string, jobGraph: HaPayload): Promise<void>;
  get(jobId: string): Promise<HaPayload | undefined>;
  /** Removes the job's graph; no error when absent. */
  remove(jobId: string): Promise<void>;
  jobIds(): Promise<string[]>;
}

export interface CompletedCheckpoint {
  readonly checkpointId: number;
  /** What the CheckpointCoordinator stored: typically the checkpoint's metadata path and handles. */
  readonly payload: HaPayload;
}

/** The completed checkpoints of one job, newest `maxRetained` kept (Flink's CompletedCheckpointStore). */
export interface CompletedCheckpointStore {
  readonly jobId: string;
  readonly maxRetained: number;
  /**
   * Adds a completed checkpoint and removes the oldest ones beyond `maxRetained`. Returns the removed
   * (subsumed) checkpoints so that the caller can discard their state.
   */
  add(checkpoint: CompletedCheckpoint): Promise<CompletedCheckpoint[]>;
  /** The newest checkpoint, if any. */
  latest(): Promise<CompletedCheckpoint | undefined>;
  /** All retained checkpoints, newest first. */
  list(): Promise<CompletedCheckpoint[]>;
  /** Removes every checkpoint of the job from the store. */
  removeAll(): Promise<void>;
}

/** The first checkpoint id a job gets (as in Flink). */
export const INITIAL_CHECKPOINT_ID = 1;

/** Checkpoint ids of one job, unique across leader changes (Flink's CheckpointIDCounter). */
export interface CheckpointIdCounter {
  readonly jobId: string;
  /** Atomically returns the current value and increments it. */
  getAndIncrement(): Promise<number>;
  get(): Promise<number>;
  /** Sets the next value, e.g. after restoring from a savepoint with a higher id. */
  set(value: number): Promise<void>;
}

export interface JobResultEntry {
  readonly jobId: string;
  readonly result: HaPayload;
}

/**
 * Results of globally terminated jobs (Flink's JobResultStore). A dirty entry is written when a job
 * reaches FINISHED/CANCELED/FAILED, before its HA data is cleaned up; it is marked clean once the
 * cleanup is done. A new leader re-runs the cleanup of dirty entries and never re-runs a job that
 * has an entry. Clean entries keep only the fact that the job is done (their bytes are deleted).
 */
export interface JobResultStore {
  /** Fails when an entry for the job already exists. */
  createDirty(jobId: string, result: HaPayload): Promise<void>;
  /** Marks the job's entry clean; a clean entry stays clean. Fails when there is no entry. */
  markClean(jobId: string): Promise<void>;
  has(jobId: string): Promise<boolean>;
  hasDirty(jobId: string): Promise<boolean>;
  hasClean(jobId: string): Promise<boolean>;
  /** All entries whose cleanup has not been confirmed. */
  dirtyResults(): Promise<JobResultEntry[]>;
  /**
   * Deletes the job's entry once it is clean (Flink's `job-result-store.delete-on-commit`, on by
   * default): then nothing of the job is left. A dirty entry stays (its cleanup is not done); no
   * error when there is no entry.
   */
  deleteClean(jobId: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// The services
// ---------------------------------------------------------------------------------------------

export type HighAvailabilityType = "none" | "zookeeper";

export interface HighAvailabilityServices {
  readonly type: HighAvailabilityType;
  /** A new election candidate for `component` (see LeaderComponents). */
  leaderElection(component: string): LeaderElection;
  /** A new follower of `component`'s leader. */
  leaderRetrieval(component: string): LeaderRetrieval;
  jobGraphStore(): JobGraphStore;
  /**
   * `maxRetained` defaults to 1 (Flink's `state.checkpoints.num-retained`). With `fence` (from this
   * services' own elections) every change to the store — add, subsume, remove — is applied only
   * while the fence's term lasts; a leader's JobMasters use one, readers need none.
   */
  completedCheckpointStore(jobId: string, maxRetained?: number, fence?: LeadershipFence): CompletedCheckpointStore;
  checkpointIdCounter(jobId: string): CheckpointIdCounter;
  jobResultStore(): JobResultStore;
  /**
   * Deletes all HA data of a globally terminated job: its JobGraph, checkpoints, checkpoint id
   * counter and JobMaster leader nodes, with their files. The job result entry is kept: it records
   * that the job is done and is marked clean by the caller afterwards. Call it after the job's
   * JobMaster has left its election, or the JobMaster's candidate node is re-created.
   */
  cleanupJobData(jobId: string): Promise<void>;
  /** Releases connections; keeps all data (a standby may take over). */
  close(): Promise<void>;
  /** Deletes everything of this cluster id (ZooKeeper nodes and files), then closes. */
  closeAndCleanupAllData(): Promise<void>;
}

/** HA data is inconsistent or contended (a duplicate entry, a corrupt node, too many concurrent writers). */
export class HighAvailabilityError extends SluiceError {
  /** Writes to `what` kept losing races with another writer. */
  static contended(what: string): HighAvailabilityError {
    return new HighAvailabilityError(
      `${what}: too many concurrent modifications. Is another cluster using the same high-availability.cluster-id on this quorum? Give each cluster its own.`,
    );
  }
}
registerErrorClass(HighAvailabilityError);

/** A fenced write came after its leadership term ended: it was not applied (see LeadershipFence). */
export class LeadershipLostError extends HighAvailabilityError {
  constructor(what: string, fence: LeadershipFence, options?: { cause?: unknown }) {
    super(`${what} refused: the leadership term ${fence.sessionId} is over, so this JobManager no longer writes to the HA stores; the current leader goes on from what they hold`, options);
  }
}
registerErrorClass(LeadershipLostError);
