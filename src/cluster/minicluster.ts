/**
 * The embedded MiniCluster (docs/architecture.md, principle 1): a Dispatcher, a ResourceManager, a BlobServer
 * and TaskExecutors in one process, talking through the in-process RPC transport and the
 * in-process data transport. It is the same composition as a real cluster; only transports differ.
 *
 * Its components lead through the HA services named by `high-availability.type` (docs/architecture.md,
 * "High availability"): `none` (default) grants leadership at once and keeps nothing; with `zookeeper` the
 * MiniCluster waits to be elected, persists its jobs, and close() leaves them (SUSPENDED, HA data
 * kept) for the next JobManager of the same cluster id, as a JobManager process does.
 */
import { JobManagerMetrics } from "./metrics/jobmanager-metrics.js";
import { MetricFetcher, type MetricQueryService } from "./metrics/metric-fetcher.js";
import { metricFetcherSettings } from "./metrics/metric-options.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalRpcService } from "./rpc/local-rpc-service.js";
import { BlobServer } from "./blob/blob-server.js";
import type { Dispatcher } from "./dispatcher/dispatcher.js";
import type { ResourceManager } from "./resourcemanager/resource-manager.js";
import { TaskExecutor } from "./taskexecutor/task-executor.js";
import { NUMBER_OF_TASK_SLOTS } from "./taskexecutor/task-manager-options.js";
import { readOption } from "../config/config-option.js";
import { LocalDataTransport } from "./network/data-transport.js";
import { heartbeatSettings } from "./heartbeat.js";
import { quietLogger, type Logger } from "../util/logger.js";
import { createHighAvailabilityServices } from "./ha/create-ha-services.js";
import { parseHaConfig } from "./ha/config.js";
import { LeaderComponents, type HighAvailabilityServices } from "./ha/interface.js";
import { JobManagerLeadership } from "./leadership/jobmanager-leadership.js";
import { LeaderTracker } from "./leadership/leader-tracker.js";
import { configureFileSystems } from "../fs/file-systems.js";

export interface MiniClusterOptions {
  numTaskManagers?: number;
  slotsPerTaskManager?: number;
  config?: Record<string, string>;
  logger?: Logger;
}

export class MiniCluster {
  readonly taskExecutors: TaskExecutor[] = [];
  private readonly services: LocalRpcService[] = [];
  private readonly rpcOf = new Map<TaskExecutor, LocalRpcService>();
  private readonly config: Record<string, string>;
  private readonly logger: Logger;

  private constructor(
    readonly leadership: JobManagerLeadership,
    readonly ha: HighAvailabilityServices,
    private readonly rmLeader: LeaderTracker,
    private readonly jmRpc: LocalRpcService,
    private readonly workDir: string,
    config: Record<string, string>,
    logger: Logger,
  ) {
    this.config = config;
    this.logger = logger;
    this.services.push(jmRpc);
  }

  /** The Dispatcher of the current leadership term. */
  get dispatcher(): Dispatcher {
    return this.term().dispatcher;
  }

  get resourceManager(): ResourceManager {
    return this.term().resourceManager;
  }

  private term(): NonNullable<JobManagerLeadership["term"]> {
    const term = this.leadership.term;
    if (!term) throw new Error("the MiniCluster's JobManager is not the leader (it lost its leadership)");
    return term;
  }

  static async start(options: MiniClusterOptions = {}): Promise<MiniCluster> {
    const config = { ...(options.config ?? {}) };
    const logger = options.logger ?? quietLogger();
    configureFileSystems(config);
    const workDir = mkdtempSync(join(tmpdir(), "sluice-minicluster-"));
    const ha = await createHighAvailabilityServices(config);
    const jmRpc = new LocalRpcService();
    const leadership = new JobManagerLeadership({ rpc: jmRpc, ha, blobServer: new BlobServer(join(workDir, "blobs")), config, logger });
    await leadership.start();
    // With ZooKeeper an earlier leader of the same cluster id may hold the latch until its session expires.
    const haConfig = parseHaConfig(config);
    await leadership.waitForLeadership(ha.type === "none" ? 10_000 : haConfig.connectionTimeoutMs + haConfig.sessionTimeoutMs);
    const rmLeader = await LeaderTracker.start(LeaderComponents.RESOURCE_MANAGER, ha.leaderRetrieval(LeaderComponents.RESOURCE_MANAGER));
    const cluster = new MiniCluster(leadership, ha, rmLeader, jmRpc, workDir, config, logger);
    const slots = options.slotsPerTaskManager ?? readOption(config, NUMBER_OF_TASK_SLOTS);
    await Promise.all(Array.from({ length: options.numTaskManagers ?? 1 }, () => cluster.addTaskExecutor(slots)));
    return cluster;
  }

  /** Starts one more TaskExecutor; it registers its slots and can take waiting jobs. */
  async addTaskExecutor(slots: number): Promise<TaskExecutor> {
    const rpc = new LocalRpcService();
    this.services.push(rpc);
    const te = new TaskExecutor({
      rpc,
      data: new LocalDataTransport(),
      numberOfSlots: slots,
      resourceManager: () => this.rmLeader.waitForLeader(),
      blobServerAddress: async () => (await this.rmLeader.waitForLeader()).address,
      heartbeat: heartbeatSettings(this.config),
      logger: this.logger,
      config: this.config,
      blobCacheDir: join(this.workDir, `blob-cache-${this.taskExecutors.length}`),
    });
    this.taskExecutors.push(te);
    this.rpcOf.set(te, rpc);
    this.rmLeader.onChange((leader) => te.resourceManagerLeaderChanged(leader));
    await te.start();
    return te;
  }

  /** Stops a TaskExecutor as if its process died: its tasks fail and the JobMasters react. */
  async killTaskExecutor(te: TaskExecutor): Promise<void> {
    const i = this.taskExecutors.indexOf(te);
    if (i >= 0) this.taskExecutors.splice(i, 1);
    await te.stop();
    await this.rpcOf.get(te)?.stop();
    this.rpcOf.delete(te);
  }

  private metrics: { jobManager: JobManagerMetrics; fetcher: MetricFetcher } | undefined;

  /**
   * What the REST metrics endpoints read (docs/architecture.md, "Metrics"): the embedded
   * JobManager's metrics and every TaskExecutor's, collected on demand. Made when first asked for.
   */
  get metricQuery(): MetricQueryService {
    if (!this.metrics) {
      const jobManager = new JobManagerMetrics(() => this.leadership.term);
      const fetcher = new MetricFetcher({
        rpc: this.jmRpc,
        gateway: { requestTaskManagers: () => this.dispatcher.requestTaskManagers(), listJobs: () => this.dispatcher.listJobs() },
        jobManager: () => jobManager.collect(),
        ...metricFetcherSettings(this.config),
        logger: this.logger,
      });
      this.metrics = { jobManager, fetcher };
    }
    return this.metrics.fetcher;
  }

  get activeWorkers(): number {
    return this.taskExecutors.reduce((n, te) => n + te.activeWorkers, 0);
  }

  /** Without HA cancels the jobs; with HA leaves them (SUSPENDED) to the next leader. */
  async close(): Promise<void> {
    this.metrics?.fetcher.close();
    this.metrics?.jobManager.stop();
    if (this.ha.type === "none") this.leadership.term?.dispatcher.stop();
    await Promise.all(this.taskExecutors.map((te) => te.stop()));
    await this.leadership.close();
    await this.rmLeader.close();
    await this.ha.close();
    await Promise.all(this.services.map((s) => s.stop()));
    rmSync(this.workDir, { recursive: true, force: true });
  }
}
