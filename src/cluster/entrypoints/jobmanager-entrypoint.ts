/**
 * The JobManager process of a standalone session cluster (DESIGN.md section 2): Dispatcher,
 * ResourceManager, one JobMaster per job and the BlobServer, all served on one TCP RPC port
 * (`jobmanager.rpc.address`, `jobmanager.rpc.port`, default 127.0.0.1:6123), plus the REST endpoint
 * next to the Dispatcher (`rest.address`, `rest.port`). It composes the components exactly as the
 * MiniCluster does; only the RPC transport differs and TaskExecutors live in other processes.
 *
 * Without HA the leaders' fencing tokens are Flink's fixed default leader id, which is how
 * TaskManagers know the ResourceManager's token without a leader-retrieval service.
 */
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { intOption, type Configuration } from "../../config/configuration.js";
import type { LogBuffer, Logger } from "../../util/logger.js";
import { startRestServer, type RunningRestServer } from "../../rest/start-rest-server.js";
import { BlobServer } from "../blob/blob-server.js";
import { Dispatcher } from "../dispatcher/dispatcher.js";
import { DEFAULT_LEADER_SESSION_ID } from "../ha/standalone/leader-registry.js";
import { heartbeatSettings } from "../heartbeat.js";
import { ResourceManager } from "../resourcemanager/resource-manager.js";
import { TcpRpcService } from "../rpc/tcp-rpc-service.js";
import { checkListenAddress, clusterSecurity } from "../security/cluster-security.js";

export const JobManagerOptions = {
  RPC_ADDRESS: "jobmanager.rpc.address",
  RPC_PORT: "jobmanager.rpc.port",
  BLOB_DIR: "blob.storage.directory",
} as const;

export const DEFAULT_JOBMANAGER_RPC_PORT = 6123;

/** How long a stopping JobManager waits for its jobs' tasks to be cancelled on the TaskManagers. */
const CANCEL_ON_SHUTDOWN_MS = 5_000;

export interface RunningJobManager {
  /** Where TaskManagers register: tcp://host:port. */
  readonly rpcAddress: string;
  /** The REST endpoint, e.g. http://127.0.0.1:8081. */
  readonly restUrl: string;
  readonly dispatcher: Dispatcher;
  readonly resourceManager: ResourceManager;
  /** Cancels running jobs (bounded wait), then closes REST, RPC and every connection. */
  close(): Promise<void>;
}

export interface JobManagerProcessOptions {
  config: Configuration;
  logger: Logger;
  /** Served as jobmanager.log by the REST API. */
  logs?: LogBuffer;
}

export async function startJobManager({ config, logger, logs }: JobManagerProcessOptions): Promise<RunningJobManager> {
  const log = logger.child("JobManager");
  const security = clusterSecurity(config);
  const host = config[JobManagerOptions.RPC_ADDRESS]?.trim() || "127.0.0.1";
  checkListenAddress(host, JobManagerOptions.RPC_ADDRESS, security);
  const rpc = await TcpRpcService.start({
    host,
    port: intOption(config, JobManagerOptions.RPC_PORT, DEFAULT_JOBMANAGER_RPC_PORT),
    secret: security.secret,
    tls: security.tls,
    logger: { warn: (m) => log.warn(m) },
  });
  const ownBlobDir = config[JobManagerOptions.BLOB_DIR] ? undefined : mkdtempSync(join(tmpdir(), "sluice-jobmanager-blobs-"));
  const blobDir = config[JobManagerOptions.BLOB_DIR] ?? ownBlobDir!;
  mkdirSync(blobDir, { recursive: true });
  const resourceManager = new ResourceManager({ rpc, heartbeat: heartbeatSettings(config), logger, sessionId: DEFAULT_LEADER_SESSION_ID });
  const dispatcher = new Dispatcher({ rpc, blobServer: new BlobServer(blobDir), resourceManager, config, logger, sessionId: DEFAULT_LEADER_SESSION_ID });
  resourceManager.start();
  dispatcher.start();
  let rest: RunningRestServer;
  try {
    rest = await startRestServer({ dispatcher, config, logs, logger });
  } catch (e) {
    resourceManager.stop();
    await rpc.stop();
    throw e;
  }
  log.info(
    `started: RPC ${rpc.address}${security.secret ? " (cluster secret required)" : ""}${security.tls ? " (TLS)" : ""}, REST ${rest.url}`,
  );

  let closing: Promise<void> | undefined;
  return {
    rpcAddress: rpc.address,
    restUrl: rest.url,
    dispatcher,
    resourceManager,
    close() {
      closing ??= (async () => {
        log.info("shutting down: cancelling running jobs");
        await rest.close().catch((e: Error) => log.warn(`closing REST: ${e.message}`));
        const results = dispatcher.listJobs().map((j) => dispatcher.requestJobResult(j.jid));
        dispatcher.stop();
        await Promise.race([Promise.allSettled(results), new Promise((r) => setTimeout(r, CANCEL_ON_SHUTDOWN_MS).unref())]);
        resourceManager.stop();
        await rpc.stop();
        if (ownBlobDir) rmSync(ownBlobDir, { recursive: true, force: true });
        log.info("stopped");
      })();
      return closing;
    },
  };
}
