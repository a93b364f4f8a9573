/**
 * The `zookeeper` HA implementation: one ZooKeeper session per process, shared by all elections,
 * retrievals and stores of this cluster id; bytes in the storage directory.
 */
import type {
  CheckpointIdCounter,
  CompletedCheckpointStore,
  HighAvailabilityServices,
  JobGraphStore,
  JobResultStore,
  LeaderElection,
  LeaderRetrieval,
  LeadershipFence,
} from "../interface.js";
import { validateComponent, validateJobId } from "../validation.js";
import { FileStateStore } from "./file-state-store.js";
import { ZooKeeperLayout } from "./layout.js";
import { ZooKeeperCheckpointIdCounter } from "./zookeeper-checkpoint-id-counter.js";
import { ZooKeeperCompletedCheckpointStore } from "./zookeeper-checkpoint-store.js";
import { isZooKeeperError, ZooKeeperClient } from "./zookeeper-client.js";
import { ZooKeeperJobGraphStore } from "./zookeeper-job-graph-store.js";
import { ZooKeeperJobResultStore } from "./zookeeper-job-result-store.js";
import { ZooKeeperLeaderElection } from "./zookeeper-leader-election.js";
import { ZooKeeperLeaderRetrieval } from "./zookeeper-leader-retrieval.js";
import { ZooKeeperLeadershipFence } from "./zookeeper-leadership-fence.js";

export interface ZooKeeperHaOptions {
  quorum: string;
  storageDir: string;
  clusterId: string;
  rootPath: string;
  sessionTimeoutMs: number;
  connectionTimeoutMs: number;
  tolerateSuspendedConnection: boolean;
  /** Deadline of one ZooKeeper operation including reconnect waits; default connectionTimeoutMs. */
  operationTimeoutMs?: number;
}

export class ZooKeeperHighAvailabilityServices implements HighAvailabilityServices {
  readonly type = "zookeeper";
  readonly layout: ZooKeeperLayout;
  readonly files: FileStateStore;
  private readonly graphs: ZooKeeperJobGraphStore;
  private readonly results: ZooKeeperJobResultStore;
  private readonly elections = new Set<ZooKeeperLeaderElection>();
  private readonly retrievals = new Set<ZooKeeperLeaderRetrieval>();
  private closed = false;

  private constructor(
    /** The session; exposed for diagnostics and fault-injection tests. */
    readonly client: ZooKeeperClient,
    private readonly options: ZooKeeperHaOptions,
  ) {
    this.layout = new ZooKeeperLayout(options.rootPath, options.clusterId);
    this.files = new FileStateStore(options.storageDir, options.clusterId);
    this.graphs = new ZooKeeperJobGraphStore(client, this.layout, this.files);
    this.results = new ZooKeeperJobResultStore(client, this.layout, this.files);
  }

  /** Connects to the quorum; rejects when it is unreachable within the connection timeout. */
  static async create(options: ZooKeeperHaOptions): Promise<ZooKeeperHighAvailabilityServices> {
    const client = await ZooKeeperClient.connect({
      connectString: options.quorum,
      sessionTimeoutMs: options.sessionTimeoutMs,
      connectionTimeoutMs: options.connectionTimeoutMs,
      operationTimeoutMs: options.operationTimeoutMs,
    });
    const services = new ZooKeeperHighAvailabilityServices(client, options);
    try {
      await client.ensurePath(services.layout.clusterPath);
    } catch (error) {
      await client.close();
      throw error;
    }
    return services;
  }

  leaderElection(component: string): LeaderElection {
    this.ensureOpen();
    validateComponent(component);
    const election = new ZooKeeperLeaderElection(this.client, this.layout, component, {
      tolerateSuspendedConnection: this.options.tolerateSuspendedConnection,
    });
    this.elections.add(election);
    return election;
  }

  leaderRetrieval(component: string): LeaderRetrieval {
    this.ensureOpen();
    validateComponent(component);
    const retrieval = new ZooKeeperLeaderRetrieval(this.client, this.layout.connectionInfoPath(component), {
      tolerateSuspendedConnection: this.options.tolerateSuspendedConnection,
    });
    this.retrievals.add(retrieval);
    return retrieval;
  }

  jobGraphStore(): JobGraphStore {
    return this.graphs;
  }

  completedCheckpointStore(jobId: string, maxRetained = 1, fence?: LeadershipFence): CompletedCheckpointStore {
    if (fence !== undefined && !(fence instanceof ZooKeeperLeadershipFence)) {
      throw new TypeError("a leadership fence for the ZooKeeper stores must come from a ZooKeeper leader election");
    }
    return new ZooKeeperCompletedCheckpointStore(this.client, this.layout, this.files, jobId, maxRetained, fence);
  }

  checkpointIdCounter(jobId: string): CheckpointIdCounter {
    return new ZooKeeperCheckpointIdCounter(this.client, this.layout, jobId);
  }

  jobResultStore(): JobResultStore {
    return this.results;
  }

  async cleanupJobData(jobId: string): Promise<void> {
    validateJobId(jobId);
    // Pointers first, then the files they point to: never a pointer to a missing file.
    for (const path of this.layout.jobDataPaths(jobId)) await this.client.deleteRecursive(path);
    await this.files.deleteDir(ZooKeeperLayout.jobFilesDir(jobId));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const election of this.elections) await election.close();
    for (const retrieval of this.retrievals) await retrieval.close();
    this.elections.clear();
    this.retrievals.clear();
    await this.client.close();
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error("HA services are closed");
  }

  async closeAndCleanupAllData(): Promise<void> {
    if (this.closed) throw new Error("HA services already closed: cannot clean up their data");
    for (const election of this.elections) await election.close();
    for (const retrieval of this.retrievals) await retrieval.close();
    await this.client.deleteRecursive(this.layout.clusterPath);
    // The root is shared by all cluster ids: remove it only when this was the last one.
    await this.client.delete(this.layout.rootPath).catch((error: unknown) => {
      if (!isZooKeeperError(error, "NOT_EMPTY")) throw error;
    });
    await this.files.deleteAll();
    await this.close();
  }
}
