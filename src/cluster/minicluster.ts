/**
 * The embedded MiniCluster (DESIGN.md principle 1): a Dispatcher, a ResourceManager, a BlobServer
 * and TaskExecutors in one process, talking through the in-process RPC transport and the
 * in-process data transport. It is the same composition as a real cluster; only transports differ.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalRpcService } from "./rpc/local-rpc-service.js";
import { BlobServer } from "./blob/blob-server.js";
import { Dispatcher } from "./dispatcher/dispatcher.js";
import { ResourceManager } from "./resourcemanager/resource-manager.js";
import { TaskExecutor } from "./taskexecutor/task-executor.js";
import { LocalDataTransport } from "./taskexecutor/data-transport.js";
import { heartbeatSettings } from "./heartbeat.js";
import { quietLogger, type Logger } from "../util/logger.js";

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
    readonly dispatcher: Dispatcher,
    readonly resourceManager: ResourceManager,
    private readonly jmRpc: LocalRpcService,
    private readonly workDir: string,
    config: Record<string, string>,
    logger: Logger,
  ) {
    this.config = config;
    this.logger = logger;
    this.services.push(jmRpc);
  }

  static async start(options: MiniClusterOptions = {}): Promise<MiniCluster> {
    const config = { ...(options.config ?? {}) };
    const logger = options.logger ?? quietLogger();
    const workDir = mkdtempSync(join(tmpdir(), "sluice-minicluster-"));
    const jmRpc = new LocalRpcService();
    const resourceManager = new ResourceManager({ rpc: jmRpc, heartbeat: heartbeatSettings(config), logger });
    const dispatcher = new Dispatcher({ rpc: jmRpc, blobServer: new BlobServer(join(workDir, "blobs")), resourceManager, config, logger });
    resourceManager.start();
    dispatcher.start();
    const cluster = new MiniCluster(dispatcher, resourceManager, jmRpc, workDir, config, logger);
    const slots = options.slotsPerTaskManager ?? Number(config["taskmanager.numberOfTaskSlots"] ?? 1);
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
      resourceManager: async () => ({ address: this.jmRpc.address, sessionId: this.resourceManager.sessionId }),
      blobServerAddress: async () => this.jmRpc.address,
      heartbeat: heartbeatSettings(this.config),
      logger: this.logger,
      metricsIntervalMs: Number(this.config["metrics.report-interval"] ?? 1000),
      maxWorkerHeapMb: this.config["taskmanager.memory.task.heap.mb"] ? Number(this.config["taskmanager.memory.task.heap.mb"]) : undefined,
      blobCacheDir: join(this.workDir, `blob-cache-${this.taskExecutors.length}`),
    });
    this.taskExecutors.push(te);
    this.rpcOf.set(te, rpc);
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

  get activeWorkers(): number {
    return this.taskExecutors.reduce((n, te) => n + te.activeWorkers, 0);
  }

  async close(): Promise<void> {
    this.dispatcher.stop();
    await Promise.all(this.taskExecutors.map((te) => te.stop()));
    this.resourceManager.stop();
    await Promise.all(this.services.map((s) => s.stop()));
    rmSync(this.workDir, { recursive: true, force: true });
  }
}
