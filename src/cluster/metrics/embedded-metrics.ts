/**
 * The metrics endpoints of an embedded MiniCluster (`sluice run` with its dashboard, tests): the same
 * JobManagerMetrics and MetricFetcher the JobManager process wires (docs/architecture.md, "Metrics"),
 * reaching the MiniCluster's TaskExecutors over the in-process RPC.
 */
import { readOption } from "../../config/config-option.js";
import type { Configuration } from "../../config/configuration.js";
import type { MiniCluster } from "../minicluster.js";
import { METRICS_FETCH_INTERVAL } from "../jobmaster/job-master-options.js";
import { LocalRpcService } from "../rpc/local-rpc-service.js";
import { METRIC_COLLECTION_TIMEOUT } from "../taskexecutor/task-manager-options.js";
import type { Logger } from "../../util/logger.js";
import { JobManagerMetrics } from "./jobmanager-metrics.js";
import { MetricFetcher, type MetricQueryService } from "./metric-fetcher.js";

export interface EmbeddedMetrics {
  service: MetricQueryService;
  close(): Promise<void>;
}

export function embeddedMetrics(cluster: MiniCluster, config: Readonly<Configuration>, logger?: Logger): EmbeddedMetrics {
  const rpc = new LocalRpcService();
  const jobManager = new JobManagerMetrics(() => cluster.leadership.term);
  const fetcher = new MetricFetcher({
    rpc,
    gateway: cluster.dispatcher,
    jobManager: () => jobManager.collect(),
    updateIntervalMs: readOption(config, METRICS_FETCH_INTERVAL),
    timeoutMs: readOption(config, METRIC_COLLECTION_TIMEOUT),
    ...(logger ? { logger } : {}),
  });
  return {
    service: fetcher,
    async close() {
      fetcher.close();
      jobManager.stop();
      await rpc.stop();
    },
  };
}
