/**
 * The JobMaster's connections to the TaskExecutors that hold its slots (docs/architecture.md,
 * "Control plane"): one RPC connection per TaskManager, heartbeats over it, and two ways to call:
 * `request` for calls whose failure the caller handles (deployment, checkpoint triggers) and `tell`
 * for fire-and-forget calls whose failure only matters as a log line (a lost TaskManager is
 * noticed through its disconnect or its heartbeat, not through a failed call).
 */
import type { Gateway, RemoteGateway, RpcService } from "../rpc/interface.js";
import { ENDPOINTS } from "../endpoints.js";
import type { TaskExecutorGateway } from "../taskexecutor/task-executor-gateway.js";
import type { TaskMetrics } from "../../runtime/tasks/deployment.js";
import type { Logger } from "../../util/logger.js";
import type { Clock } from "../../util/clock.js";
import { HeartbeatMonitor, type HeartbeatSettings } from "../heartbeat.js";

export interface TaskManagerConnectionsOptions {
  jobId: string;
  rpc: RpcService;
  clock: Clock;
  logger: Logger;
  heartbeat: HeartbeatSettings;
  /** The connection broke, could not be made, or the heartbeat timed out. */
  onLost(taskManagerId: string, cause: string): void;
  /** Task metrics that came with a heartbeat answer. */
  onMetrics(metrics: Record<string, TaskMetrics>): void;
}

interface Connection {
  remote: Promise<RemoteGateway<TaskExecutorGateway>>;
  dataAddress: string;
}

type TaskExecutorCall<T> = (gateway: Gateway<TaskExecutorGateway>) => Promise<T>;

export class TaskManagerConnections {
  private readonly connections = new Map<string, Connection>();
  /**
   * A killed TaskManager is noticed at once through its lost connection; the heartbeat timeout
   * catches one that is alive but silent (frozen, partitioned).
   */
  private readonly heartbeats: HeartbeatMonitor;

  constructor(private readonly options: TaskManagerConnectionsOptions) {
    this.heartbeats = new HeartbeatMonitor(
      options.heartbeat,
      (id, ms) => options.onLost(id, `heartbeat timed out: no answer for ${ms} ms`),
      options.clock,
    );
  }

  has(taskManagerId: string): boolean {
    return this.connections.has(taskManagerId);
  }

  get size(): number {
    return this.connections.size;
  }

  /** Connects (once) to the TaskExecutor of `taskManagerId` and starts its heartbeats. */
  connect(taskManagerId: string, address: string, dataAddress: string): void {
    if (this.connections.has(taskManagerId)) return;
    const remote = this.options.rpc.connect<TaskExecutorGateway>(address, ENDPOINTS.taskExecutor);
    this.connections.set(taskManagerId, { remote, dataAddress });
    remote.then(
      (g) => g.onDisconnect((cause) => this.options.onLost(taskManagerId, `connection lost: ${cause.message}`)),
      (err: Error) => this.options.onLost(taskManagerId, `cannot connect: ${err.message}`),
    );
    this.heartbeats.monitor(taskManagerId, () => this.fetchMetricsOf(taskManagerId));
  }

  /** The data-plane address of every connected TaskManager (what tasks need to reach their peers). */
  dataAddresses(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [id, c] of this.connections) out[id] = c.dataAddress;
    return out;
  }

  /** Calls the TaskExecutor; rejects when it is not connected or the call fails. */
  async request<T>(taskManagerId: string | undefined, call: TaskExecutorCall<T>): Promise<T> {
    const connection = taskManagerId === undefined ? undefined : this.connections.get(taskManagerId);
    if (!connection) throw new Error(`TaskManager ${taskManagerId ?? "(none)"} is not connected`);
    return call((await connection.remote).gateway);
  }

  /** Calls the TaskExecutor without waiting; a failure is logged, nothing else. */
  tell(taskManagerId: string | undefined, what: string, call: TaskExecutorCall<unknown>): void {
    if (taskManagerId === undefined || !this.connections.has(taskManagerId)) return;
    this.request(taskManagerId, call).catch((e: Error) => this.options.logger.debug(`${what} on TaskManager ${taskManagerId} failed: ${e.message}`));
  }

  /**
   * Forgets a TaskManager: no more heartbeats or calls. With `farewell`, that call is made first
   * (e.g. disconnectJobManager, so that a TaskManager that was only silent frees the job's slots when
   * it wakes up) and the connection closes after it. False if the TaskManager was not connected.
   */
  remove(taskManagerId: string, farewell?: TaskExecutorCall<unknown>): boolean {
    const connection = this.connections.get(taskManagerId);
    if (!connection) return false;
    this.connections.delete(taskManagerId);
    this.heartbeats.unmonitor(taskManagerId);
    void connection.remote
      .then(async (g) => {
        try {
          if (farewell) await farewell(g.gateway);
        } finally {
          g.close();
        }
      })
      .catch((e: Error) => this.options.logger.debug(`closing the connection to TaskManager ${taskManagerId}: ${e.message}`));
    return true;
  }

  /** Asks every TaskManager for the job's task metrics now. */
  async fetchMetrics(): Promise<void> {
    for (const id of [...this.connections.keys()]) {
      await this.fetchMetricsOf(id).catch(() => {
        // A TaskManager that does not answer is handled by its disconnect or heartbeat timeout.
      });
    }
  }

  private async fetchMetricsOf(taskManagerId: string): Promise<void> {
    const { metrics } = await this.request(taskManagerId, (g) => g.heartbeatFromJobManager(this.options.jobId));
    this.options.onMetrics(metrics);
  }

  stopHeartbeats(): void {
    this.heartbeats.stop();
  }

  /** Stops heartbeats and closes every connection. */
  closeAll(): void {
    this.heartbeats.stop();
    for (const id of [...this.connections.keys()]) this.remove(id);
  }
}
