/**
 * The JobManager process of a standalone session cluster (docs/architecture.md, "Components"): Dispatcher,
 * ResourceManager, one JobMaster per job and the BlobServer, all served on one TCP RPC port
 * (`jobmanager.rpc.address`, `jobmanager.rpc.port`, default 127.0.0.1:6123), plus the REST endpoint
 * next to the Dispatcher (`rest.address`, `rest.port`). It composes the components exactly as the
 * MiniCluster does; only the RPC transport differs and TaskExecutors live in other processes.
 *
 * The components lead through the HA services (`high-availability.type`, docs/architecture.md, "High availability"): with
 * `zookeeper` several JobManagers run, one leads and the others stand by, each serving REST (a
 * standby forwards to the leader); with `none` this JobManager leads from the start, and the
 * leaders' fencing token is Flink's fixed default leader id, which is how TaskManagers know the
 * ResourceManager's token without a leader-retrieval service.
 */
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Configuration } from "../../config/configuration.js";
import { readOption } from "../../config/config-option.js";
import { RpcOptions } from "../rpc/rpc-options.js";
import { BlobOptions } from "../blob/blob-options.js";
import type { LogBuffer, Logger } from "../../util/logger.js";
import { startRestServer, type RunningRestServer } from "../../rest/start-rest-server.js";
import { BlobServer } from "../blob/blob-server.js";
import type { Dispatcher } from "../dispatcher/dispatcher.js";
import { DEFAULT_LEADER_SESSION_ID } from "../ha/standalone/leader-registry.js";
import { createHighAvailabilityServices } from "../ha/create-ha-services.js";
import { LeaderComponents, type HighAvailabilityServices } from "../ha/interface.js";
import { JobManagerLeadership } from "../leadership/jobmanager-leadership.js";
import { LeaderRestfulGateway } from "../leadership/leader-restful-gateway.js";
import { LeaderTracker } from "../leadership/leader-tracker.js";
import type { ResourceManager } from "../resourcemanager/resource-manager.js";
import { createResourceProvider } from "../resourcemanager/create-resource-provider.js";
import type { ResourceProvider } from "../resourcemanager/resource-provider.js";
import { TcpRpcService } from "../rpc/tcp-rpc-service.js";
import { checkListenAddress, clusterSecurity } from "../security/cluster-security.js";
import { JobManagerMetrics } from "../metrics/jobmanager-metrics.js";
import { MetricFetcher } from "../metrics/metric-fetcher.js";
import { startMetricReporters, type MetricReporters } from "../metrics/metric-reporters.js";
import { metricFetcherSettings, PROMETHEUS_PORT } from "../metrics/metric-options.js";
import { configureFileSystems, probeLocation } from "../../fs/file-systems.js";
import { CHECKPOINTS_DIR, SAVEPOINTS_DIR } from "../jobmaster/checkpoint-options.js";
import { HaOptions } from "../ha/ha-options.js";

/** How long a stopping JobManager waits for its jobs' tasks to be cancelled on the TaskManagers. */
const CANCEL_ON_SHUTDOWN_MS = 5_000;

export interface RunningJobManager {
  /** Where TaskManagers register: tcp://host:port. */
  readonly rpcAddress: string;
  /** The REST endpoint, e.g. http://127.0.0.1:8081. */
  readonly restUrl: string;
  /** The current term's Dispatcher and ResourceManager; they throw while this JobManager is a standby. */
  readonly dispatcher: Dispatcher;
  readonly resourceManager: ResourceManager;
  readonly leadership: JobManagerLeadership;
  readonly ha: HighAvailabilityServices;
  /** Where the Prometheus reporter answers (metrics.reporter.prom.port), when there is one. */
  readonly prometheusUrl: string | undefined;
  /**
   * Without HA: cancels running jobs (bounded wait). With HA: leaves the election, so a standby takes
   * over the jobs at once (their HA data stays). Then closes REST, RPC and every connection.
   */
  close(): Promise<void>;
}

export interface JobManagerProcessOptions {
  config: Configuration;
  logger: Logger;
  /** Served as jobmanager.log by the REST API. */
  logs?: LogBuffer;
  /** The leader election failed for good (not a lost connection): the process should exit. */
  onFatalError?: (error: Error) => void;
  /** DELETE /cluster reached this JobManager's Dispatcher: the process should shut down. */
  onShutdownRequest?: () => void;
}

export async function startJobManager({ config, logger, logs, onFatalError, onShutdownRequest }: JobManagerProcessOptions): Promise<RunningJobManager> {
  const log = logger.child("JobManager");
  configureFileSystems(config);
  probeStorage(config, log);
  const security = clusterSecurity(config);
  const host = readOption(config, RpcOptions.JOBMANAGER_ADDRESS);
  checkListenAddress(host, RpcOptions.JOBMANAGER_ADDRESS.key, security);
  const rpc = await TcpRpcService.start({
    host,
    port: readOption(config, RpcOptions.JOBMANAGER_PORT),
    secret: security.secret,
    tls: security.tls,
    logger: { warn: (m) => log.warn(m) },
  });
  const configuredBlobDir = readOption(config, BlobOptions.STORAGE_DIRECTORY);
  const ownBlobDir = configuredBlobDir ? undefined : mkdtempSync(join(tmpdir(), "sluice-jobmanager-blobs-"));
  const blobDir = configuredBlobDir ?? ownBlobDir!;
  mkdirSync(blobDir, { recursive: true });
  let ha: HighAvailabilityServices;
  let resourceProvider: ResourceProvider;
  try {
    resourceProvider = createResourceProvider(config, { jobManagerAddress: rpc.address, logger });
  } catch (e) {
    await rpc.stop();
    throw e;
  }
  try {
    ha = await createHighAvailabilityServices(config, { standalone: { fixedLeaderSessionId: DEFAULT_LEADER_SESSION_ID } });
  } catch (e) {
    await resourceProvider.close();
    await rpc.stop();
    throw e;
  }
  let rest: RunningRestServer | undefined;
  const leadership = new JobManagerLeadership({ rpc, ha, blobServer: new BlobServer(blobDir), config, logger, restUrl: () => rest?.url, onFatalError, onShutdownRequest, resourceProvider });
  const dispatcherLeader = await LeaderTracker.start(LeaderComponents.DISPATCHER, ha.leaderRetrieval(LeaderComponents.DISPATCHER));
  const restDispatcher = new LeaderRestfulGateway(rpc, () => leadership.term?.dispatcher, dispatcherLeader);
  // docs/architecture.md, "Metrics": the JobManager's metrics, the fetcher behind the REST metrics
  // endpoints, and the configured reporters.
  const jobManagerMetrics = new JobManagerMetrics(() => leadership.term);
  const metricFetcher = new MetricFetcher({
    rpc,
    gateway: restDispatcher,
    jobManager: () => jobManagerMetrics.collect(),
    ...metricFetcherSettings(config),
    logger: log,
  });
  let reporters: MetricReporters | undefined;
  try {
    reporters = await startMetricReporters(config, host, () => jobManagerMetrics.collect(), log);
    // /jobmanager/config shows the port the reporter took out of the configured range.
    const restConfig = reporters.prometheus ? { ...config, [PROMETHEUS_PORT.key]: String(reporters.prometheus.port) } : config;
    rest = await startRestServer({ dispatcher: restDispatcher, config: restConfig, logs, logger, metrics: metricFetcher });
    await leadership.start();
  } catch (e) {
    await reporters?.close().catch(() => {});
    jobManagerMetrics.stop();
    await rest?.close().catch(() => {});
    await leadership.close().catch(() => {});
    await resourceProvider.close().catch(() => {});
    await ha.close().catch(() => {});
    await rpc.stop();
    throw e;
  }
  const restServer = rest;
  log.info(
    `started: RPC ${rpc.address}${security.secret ? " (cluster secret required)" : ""}${security.tls ? " (TLS)" : ""}, REST ${restServer.url}, ` +
      (ha.type === "none" ? "high availability: none" : `high availability: ${ha.type}, ${leadership.isLeader ? "leading" : "standby until elected"}`),
  );
  const leading = <T>(component: (term: NonNullable<JobManagerLeadership["term"]>) => T): T => {
    const term = leadership.term;
    if (!term) throw new Error("this JobManager is a standby: it has no leading components");
    return component(term);
  };

  let closing: Promise<void> | undefined;
  return {
    rpcAddress: rpc.address,
    restUrl: restServer.url,
    get dispatcher() {
      return leading((t) => t.dispatcher);
    },
    get resourceManager() {
      return leading((t) => t.resourceManager);
    },
    leadership,
    ha,
    prometheusUrl: reporters?.prometheus?.url,
    close() {
      closing ??= (async () => {
        const term = leadership.term;
        log.info(ha.type === "none" || !term ? "shutting down: cancelling running jobs" : "shutting down: leaving the leader election, the jobs go on under the next leader");
        await restServer.close().catch((e: Error) => log.warn(`closing REST: ${e.message}`));
        await reporters?.close().catch((e: Error) => log.warn(`closing the metric reporters: ${e.message}`));
        metricFetcher.close();
        jobManagerMetrics.stop();
        if (ha.type === "none" && term) {
          const results = term.dispatcher.listJobs().map((j) => term.dispatcher.requestJobResult(j.jobId));
          term.dispatcher.stop();
          await Promise.race([Promise.allSettled(results), new Promise((r) => setTimeout(r, CANCEL_ON_SHUTDOWN_MS).unref())]);
        }
        await leadership.close().catch((e: Error) => log.warn(`leaving the election: ${e.message}`));
        // The TaskManagers this JobManager started stop with it.
        await resourceProvider.close().catch((e: Error) => log.warn(`stopping the TaskManagers it started: ${e.message}`));
        restDispatcher.close();
        await dispatcherLeader.close().catch(() => {});
        await ha.close().catch((e: Error) => log.warn(`closing the HA services: ${e.message}`));
        await rpc.stop();
        if (ownBlobDir) rmSync(ownBlobDir, { recursive: true, force: true });
        log.info("stopped");
      })();
      return closing;
    },
  };
}

/**
 * Reaches the configured remote storage once at start, in the background: a wrong endpoint, wrong
 * credentials or a missing bucket show in the log at once, naming the key, rather than with the
 * first checkpoint. Not fatal: the storage may come up after the JobManager.
 */
function probeStorage(config: Configuration, log: Logger): void {
  for (const option of [CHECKPOINTS_DIR, SAVEPOINTS_DIR, HaOptions.STORAGE_DIR]) {
    const uri = readOption(config, option);
    if (!uri) continue;
    probeLocation(uri, option.key).catch((e: Error) => log.error(`${e.message} (checked at start; writes there fail until this is fixed)`));
  }
}
