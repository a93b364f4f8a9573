/**
 * The embedded MiniCluster of `sluice run` with its REST endpoint and web dashboard (issue 7): the
 * Dispatcher serves the dashboard on every cluster, the embedded one included. It listens on
 * loopback only, on --web-port or a free port (not rest.port: a configuration written for a session
 * cluster would otherwise collide with that cluster's port).
 */
import { type JobGraph } from "../graph/job-graph.js";
import { MiniClusterClient } from "../client/cluster-client.js";
import type { Configuration } from "../config/configuration.js";
export interface LocalDashboardCluster {
    client: MiniClusterClient;
    /** The dashboard's address, e.g. http://127.0.0.1:39211/ */
    url: string;
    jobUrl(jobId: string): string;
    close(): Promise<void>;
}
export declare function startLocalDashboardCluster(jobGraph: JobGraph, config: Configuration, port: number | undefined): Promise<LocalDashboardCluster>;
/** Resolves on Ctrl-C (or SIGTERM), for keeping the dashboard open after the job (--web). */
export declare function untilInterrupted(): Promise<void>;
