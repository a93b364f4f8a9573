/**
 * Fills the MetricStore for the REST API (Flink's MetricFetcher; docs/architecture.md, "Metrics"):
 * at most once per `metrics.fetcher.update-interval`, and only when a metrics endpoint is asked,
 * it collects the JobManager's own metrics and asks every registered TaskManager for its dump over
 * RPC (TaskExecutorGateway.requestMetricDump). A TaskManager that fails or does not answer in
 * time keeps its previous values until it is no longer registered; a request never fails because
 * of one TaskManager.
 */
import type { MetricGroupDump } from "../../runtime/metrics/metric-dump.js";
import type { RestfulGateway } from "../dispatcher/restful-gateway.js";
import { ENDPOINTS } from "../endpoints.js";
import type { RemoteGateway, RpcService } from "../rpc/interface.js";
import type { TaskExecutorGateway } from "../taskexecutor/task-executor-gateway.js";
import type { Logger } from "../../util/logger.js";
import { MetricStore } from "./metric-store.js";

/** What the REST API's metrics routes need (RestServices.metrics). */
export interface MetricQueryService {
  /** The store, refreshed first when its last collection is older than the update interval. */
  store(): Promise<MetricStore>;
}

export interface MetricFetcherOptions {
  rpc: RpcService;
  gateway: Pick<RestfulGateway, "requestTaskManagers" | "listJobs">;
  /** The JobManager's own metrics (jobmanager-metrics.ts). */
  jobManager: () => MetricGroupDump[];
  updateIntervalMs: number;
  /** How long one TaskManager may take to answer (metricFetcherSettings: longer than its own wait for its workers). */
  timeoutMs: number;
  logger?: Logger;
  now?: () => number;
}

export class MetricFetcher implements MetricQueryService {
  private readonly current = new MetricStore();
  private lastUpdate = Number.NEGATIVE_INFINITY;
  private updating: Promise<void> | undefined;
  private readonly connections = new Map<string, Promise<RemoteGateway<TaskExecutorGateway>>>();
  private readonly now: () => number;

  constructor(private readonly options: MetricFetcherOptions) {
    this.now = options.now ?? Date.now;
  }

  async store(): Promise<MetricStore> {
    if (this.now() - this.lastUpdate >= this.options.updateIntervalMs) {
      this.updating ??= this.update().finally(() => {
        this.lastUpdate = this.now();
        this.updating = undefined;
      });
      await this.updating;
    }
    return this.current;
  }

  close(): void {
    for (const c of this.connections.values()) void c.then((g) => g.close(), () => {});
    this.connections.clear();
  }

  private async update(): Promise<void> {
    const store = this.current;
    store.add(this.options.jobManager());
    let taskManagers: { id: string; address: string }[];
    let jobIds: Set<string>;
    try {
      [taskManagers, jobIds] = await Promise.all([this.options.gateway.requestTaskManagers(), Promise.resolve(this.options.gateway.listJobs()).then((l) => new Set(l.map((j) => j.jobId)))]);
    } catch (e) {
      // No leader right now (a failover): serve what was collected last.
      this.options.logger?.debug(`metrics: cannot list TaskManagers and jobs: ${(e as Error).message}`);
      return;
    }
    const dumps = await Promise.all(taskManagers.map((tm) => this.fetchFrom(tm.id, tm.address)));
    for (const d of dumps) if (d) store.add(d);
    const tmIds = new Set(taskManagers.map((t) => t.id));
    store.retain(tmIds, jobIds);
    for (const id of this.connections.keys()) if (!tmIds.has(id.split("\u0000")[0]!)) this.drop(id);
  }

  private async fetchFrom(id: string, address: string): Promise<MetricGroupDump[] | undefined> {
    const key = `${id}\u0000${address}`;
    let connection = this.connections.get(key);
    if (!connection) this.connections.set(key, (connection = this.options.rpc.connect<TaskExecutorGateway>(address, ENDPOINTS.taskExecutor)));
    let timer: NodeJS.Timeout | undefined;
    // The bound covers connecting too: an unreachable TaskManager must not hold the request up.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
    });
    try {
      const ask = async (): Promise<MetricGroupDump[]> => {
        const remote = await connection;
        if (!remote.connected) throw new Error("connection lost");
        return remote.gateway.requestMetricDump();
      };
      return await Promise.race([ask(), timeout]);
    } catch (e) {
      this.options.logger?.debug(`metrics: TaskManager ${id} (${address}) did not answer: ${(e as Error).message}`);
      this.drop(key);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  private drop(key: string): void {
    const c = this.connections.get(key);
    this.connections.delete(key);
    void c?.then((g) => g.close(), () => {});
  }
}
