/** Everything route handlers use, handed to them with each request (routes themselves are static data). */
import type { RestfulGateway } from "../cluster/dispatcher/restful-gateway.js";
import type { AsyncOperations } from "./async-operations.js";
import type { JarStore } from "./jars/jar-store.js";
import type { BundleEvaluator } from "./jars/bundle-evaluator.js";
import type { LogFiles } from "../cluster/logs/log-files.js";
import type { RestSettings } from "./rest-settings.js";
import type { Route } from "./route.js";
import type { VertexCpuSampleTracker } from "./flamegraph/vertex-cpu-sample-tracker.js";
import type { MetricQueryService } from "../cluster/metrics/metric-fetcher.js";

export interface RestServices {
  dispatcher: RestfulGateway;
  operations: AsyncOperations;
  jars: JarStore;
  evaluator: BundleEvaluator;
  logs: LogFiles;
  /** The cluster configuration (served redacted). */
  config: Readonly<Record<string, string>>;
  settings: RestSettings;
  routes: readonly Route[];
  /** Vertices' CPU samples for flame graphs; absent when rest.flamegraph.enabled is false. */
  flameGraphs?: VertexCpuSampleTracker;
  /** Collected metrics for the metrics endpoints (metric-routes.ts); without, they answer 503. */
  metrics?: MetricQueryService;
}
