/**
 * A TaskManager process: one TaskExecutor with `taskmanager.numberOfTaskSlots` slots, its RPC
 * endpoint (`taskmanager.rpc.port`, default any free port) and its data endpoint for the other
 * TaskManagers (`taskmanager.data.port`, default any free port), both on `taskmanager.host`
 * (default 127.0.0.1). It registers at the JobManager's ResourceManager and keeps retrying until
 * the JobManager is up; a JobManager that refuses its cluster secret is fatal. With HA
 * (`high-availability.type: zookeeper`) it finds the leading JobManager through leader retrieval
 * instead of --jobmanager, and registers with each new leader as soon as it is elected.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readOption } from "../../config/config-option.js";
import { ConfigurationError, type Configuration } from "../../config/configuration.js";
import type { LogBuffer, Logger } from "../../util/logger.js";
import { LogFiles, logDirOf } from "../logs/log-files.js";
import { stdioFile } from "../../util/stdio-files.js";
import { resourceManagerLeaderSource, type ResourceManagerLeaderSource } from "../leadership/resource-manager-leader.js";
import { heartbeatSettings } from "../heartbeat.js";
import { TcpRpcService, formatTcpAddress, parseTcpAddress } from "../rpc/tcp-rpc-service.js";
import { RpcOptions } from "../rpc/rpc-options.js";
import { checkListenAddress, clusterSecurity } from "../security/cluster-security.js";
import { TaskExecutor } from "../taskexecutor/task-executor.js";
import {
  NUMBER_OF_TASK_SLOTS,
  TASK_MANAGER_DATA_PORT,
  TASK_MANAGER_HOST,
  TASK_MANAGER_RESOURCE_ID,
  TASK_MANAGER_RPC_PORT,
} from "../taskexecutor/task-manager-options.js";
import { DATA_MAX_FRAME_BYTES } from "../network/network-options.js";
import { TcpDataTransport } from "../network/tcp-data-transport.js";
import { startMetricReporters, type MetricReporters } from "../metrics/metric-reporters.js";
import { configureFileSystems } from "../../fs/file-systems.js";

export interface RunningTaskManager {
  readonly id: string;
  readonly rpcAddress: string;
  readonly dataAddress: string;
  /** The JobManager it registers at: tcp://host:port (with HA: the current leader's). */
  readonly jobManager: string;
  readonly taskExecutor: TaskExecutor;
  readonly dataTransport: TcpDataTransport;
  /** Where the Prometheus reporter answers (metrics.reporter.prom.port), when there is one. */
  readonly prometheusUrl: string | undefined;
  /** Stops the tasks (their JobMasters see the connection go and fail over), closes every socket. */
  close(): Promise<void>;
}

export interface TaskManagerProcessOptions {
  config: Configuration;
  logger: Logger;
  /** tcp://host:port or host:port of the JobManager; default from jobmanager.rpc.address/port. */
  jobManager?: string;
  /** Overrides taskmanager.numberOfTaskSlots. */
  slots?: number;
  /** Called when the TaskManager cannot go on (e.g. its secret is refused). */
  onFatalError?: (error: Error) => void;
  /** The process's log in memory, served as taskmanager.log when its log is no file. */
  logs?: LogBuffer;
}

/** Accepts `host:port`, `[v6]:port` or `tcp://host:port`. */
export function jobManagerAddress(given: string | undefined, config: Configuration): string {
  if (given === undefined) {
    return formatTcpAddress(readOption(config, RpcOptions.JOBMANAGER_ADDRESS), readOption(config, RpcOptions.JOBMANAGER_PORT));
  }
  const address = given.startsWith("tcp://") ? given : `tcp://${given}`;
  try {
    parseTcpAddress(address);
  } catch {
    throw new ConfigurationError(`--jobmanager ${given}: expected HOST:PORT, e.g. localhost:6123`);
  }
  return address;
}

/** Resolves once the RPC and data endpoints are up; registration continues in the background. */
export async function startTaskManager(options: TaskManagerProcessOptions): Promise<RunningTaskManager & { registered: Promise<void> }> {
  const { config, logger } = options;
  const log = logger.child("TaskManager");
  configureFileSystems(config);
  const security = clusterSecurity(config);
  const host = readOption(config, TASK_MANAGER_HOST);
  checkListenAddress(host, TASK_MANAGER_HOST.key, security);
  const jobManager = jobManagerAddress(options.jobManager, config);
  const slots = options.slots ?? readOption(config, NUMBER_OF_TASK_SLOTS);
  if (!Number.isInteger(slots) || slots < 1) throw new ConfigurationError(`${NUMBER_OF_TASK_SLOTS.key} must be a positive integer, got ${slots}`);
  const resourceId = readOption(config, TASK_MANAGER_RESOURCE_ID);
  // The id travels in every data frame's destination and in REST paths: keep it to a safe alphabet.
  if (resourceId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(resourceId)) {
    throw new ConfigurationError(`${TASK_MANAGER_RESOURCE_ID.key} must be letters, digits, ".", "_", ":" or "-" (at most 128), got "${resourceId}"`);
  }

  const rpc = await TcpRpcService.start({
    host,
    port: readOption(config, TASK_MANAGER_RPC_PORT),
    secret: security.secret,
    tls: security.tls,
    logger: { warn: (m) => log.warn(m) },
  });
  let data: TcpDataTransport;
  try {
    data = await TcpDataTransport.start({
      host,
      port: readOption(config, TASK_MANAGER_DATA_PORT),
      secret: security.secret,
      tls: security.tls,
      maxFrameBytes: readOption(config, DATA_MAX_FRAME_BYTES),
      logger: logger.child("DataTransport"),
    });
  } catch (e) {
    await rpc.stop();
    throw e;
  }
  let leaders: ResourceManagerLeaderSource;
  try {
    leaders = await resourceManagerLeaderSource(config, jobManager);
  } catch (e) {
    await rpc.stop();
    await data.close();
    throw e;
  }
  // The reporter starts first so that the TaskExecutor registers with its port; it collects from
  // the TaskExecutor once that exists (docs/architecture.md, "Metrics").
  let collectFrom: TaskExecutor | undefined;
  let reporters: MetricReporters;
  try {
    reporters = await startMetricReporters(config, host, () => collectFrom?.requestMetricDump(false) ?? [], log);
  } catch (e) {
    await rpc.stop();
    await data.close();
    await leaders.close().catch(() => {});
    throw e;
  }
  const cacheDir = mkdtempSync(join(tmpdir(), "sluice-taskmanager-blobs-"));
  const taskExecutor = new TaskExecutor({
    prometheusPort: reporters.prometheus?.port,
    rpc,
    data,
    numberOfSlots: slots,
    id: resourceId,
    resourceManager: () => leaders.resourceManager(),
    blobServerAddress: () => leaders.blobServerAddress(),
    heartbeat: heartbeatSettings(config),
    logger,
    config,
    blobCacheDir: cacheDir,
    onFatalError: options.onFatalError,
    // Served to the REST API through the ResourceManager: the log directory, the process's stderr
    // (its log) and stdout when a launcher points them at files (docs/architecture.md, "Logs").
    logs: new LogFiles(logDirOf(config), options.logs, { memoryName: "taskmanager.log", mainFile: stdioFile(2), stdoutFile: stdioFile(1) }),
  });
  collectFrom = taskExecutor;
  log.info(`TaskManager ${taskExecutor.id} started: RPC ${rpc.address}, data ${data.address}, ${slots} slot${slots === 1 ? "" : "s"}; registering at ${leaders.describe()}`);
  const registered = taskExecutor.start();
  leaders.follow(taskExecutor);

  let closing: Promise<void> | undefined;
  return {
    id: taskExecutor.id,
    rpcAddress: rpc.address,
    dataAddress: data.address,
    get jobManager() {
      return leaders.describe();
    },
    taskExecutor,
    dataTransport: data,
    prometheusUrl: reporters.prometheus?.url,
    registered,
    close() {
      closing ??= (async () => {
        log.info(`shutting down TaskManager ${taskExecutor.id}`);
        await reporters.close().catch((e: Error) => log.warn(`closing the metric reporters: ${e.message}`));
        await taskExecutor.stop();
        await leaders.close().catch(() => {});
        await rpc.stop();
        const t = data.traffic;
        log.info(`data plane traffic: sent ${t.framesSent} frames / ${t.bytesSent} bytes, received ${t.framesReceived} frames / ${t.bytesReceived} bytes`);
        rmSync(cacheDir, { recursive: true, force: true });
        log.info("stopped");
      })();
      return closing;
    },
  };
}
