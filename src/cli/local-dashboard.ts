/**
 * The embedded MiniCluster of `sluice run` with its REST endpoint and web dashboard: the
 * Dispatcher serves the dashboard on every cluster, the embedded one included. It listens on
 * loopback only, on --web-port or a free port (not rest.port: a configuration written for a session
 * cluster would otherwise collide with that cluster's port).
 */
import { requiredSlots, type JobGraph } from "../graph/job-graph.js";
import { MiniCluster } from "../cluster/minicluster.js";
import { MiniClusterClient } from "../client/cluster-client.js";
import type { Configuration } from "../config/configuration.js";
import { startRestServer } from "../rest/start-rest-server.js";
import { LogBuffer, Logger, formatLogRecord, teeSinks, type LogSink } from "../util/logger.js";
import { CliError } from "./cli-error.js";

export interface LocalDashboardCluster {
  client: MiniClusterClient;
  /** The dashboard's address, e.g. http://127.0.0.1:39211/ */
  url: string;
  jobUrl(jobId: string): string;
  close(): Promise<void>;
}

export async function startLocalDashboardCluster(jobGraph: JobGraph, config: Configuration, port: number | undefined): Promise<LocalDashboardCluster> {
  // The cluster's log goes to memory, where the dashboard's JobManager page shows it; the terminal
  // gets only warnings and errors, as without the dashboard, so the job's own output stays readable.
  const logs = new LogBuffer();
  const terminal: LogSink = (r) => {
    if (r.level === "warn" || r.level === "error") process.stderr.write(formatLogRecord(r) + "\n");
  };
  const logger = new Logger(teeSinks(logs.sink, terminal), "sluice", "info");
  const restConfig: Record<string, string> = { ...config, "rest.bind-address": "127.0.0.1", "rest.port": String(port ?? 0) };
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: requiredSlots(jobGraph), config, logger });
  let rest;
  try {
    rest = await startRestServer({ dispatcher: cluster.dispatcher, config: restConfig, logs, logger, metrics: cluster.metricQuery });
  } catch (e) {
    await cluster.close();
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EADDRINUSE") throw new CliError(`--web-port ${port}: the port is in use; pick another or leave --web-port out for a free one`);
    throw e;
  }
  const base = rest.url;
  return {
    client: new MiniClusterClient(cluster),
    url: `${base}/`,
    jobUrl: (jobId) => `${base}/web/jobs/${jobId}`,
    async close() {
      await rest.close();
      await cluster.close();
    },
  };
}

/** Resolves on Ctrl-C (or SIGTERM), for keeping the dashboard open after the job (--web). */
export function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off("SIGINT", done);
      process.off("SIGTERM", done);
      resolve();
    };
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
}
