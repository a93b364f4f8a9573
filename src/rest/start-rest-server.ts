/**
 * Starts the REST endpoint next to a Dispatcher: the JobManager process does this, and so can
 * `sluice run` and tests next to an embedded MiniCluster (`startRestServer({ dispatcher, config })`).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { quietLogger, type LogBuffer, type Logger } from "../util/logger.js";
import type { RestfulGateway } from "../cluster/dispatcher/restful-gateway.js";
import { AsyncOperations } from "./async-operations.js";
import { JarStore } from "./jars/jar-store.js";
import { BundleEvaluator } from "./jars/bundle-evaluator.js";
import { LogFiles, logDirOf } from "../cluster/logs/log-files.js";
import { stdioFile } from "../util/stdio-files.js";
import { restSettings } from "./rest-settings.js";
import { RestServer } from "./rest-server.js";
import { REST_ROUTES } from "./routes/index.js";
import { flameGraphSettings } from "./flamegraph/flame-graph-options.js";
import { VertexCpuSampleTracker } from "./flamegraph/vertex-cpu-sample-tracker.js";
import type { MetricQueryService } from "../cluster/metrics/metric-fetcher.js";

export interface StartRestServerOptions {
  dispatcher: RestfulGateway;
  /** Cluster configuration: rest.*, security.ssl.rest.*, web.* (see rest-settings.ts). */
  config: Readonly<Record<string, string>>;
  /** In-memory log served as jobmanager.log (besides the files of env.log.dir). */
  logs?: LogBuffer;
  logger?: Logger;
  /** The dashboard's files; defaults to the package's web/dist when it exists. */
  webDir?: string;
  /** Where the metrics endpoints read collected metrics (a MetricFetcher); without, they answer 503. */
  metrics?: MetricQueryService;
  /** Check answers against their schemas (tests). */
  validateResponses?: boolean;
}

export interface RunningRestServer {
  /** Base URL, e.g. http://127.0.0.1:8081 */
  readonly url: string;
  readonly port: number;
  readonly server: RestServer;
  close(): Promise<void>;
}

const PACKAGE_WEB_DIST = fileURLToPath(new URL("../../../web/dist", import.meta.url));

export async function startRestServer(options: StartRestServerOptions): Promise<RunningRestServer> {
  const settings = restSettings(options.config);
  const logger = options.logger ?? quietLogger();
  const ownJarDir = settings.jarDir ? undefined : mkdtempSync(join(tmpdir(), "sluice-jars-"));
  const evaluator = new BundleEvaluator(settings.evaluation);
  const { dispatcher } = options;
  const flameGraphs = flameGraphSettings(options.config);
  const server = new RestServer({
    services: {
      dispatcher,
      operations: new AsyncOperations(),
      jars: new JarStore(settings.jarDir ?? ownJarDir!),
      evaluator,
      // The process's own stderr (its log) and stdout, when a launcher pointed them at files.
      logs: new LogFiles(logDirOf(options.config), options.logs, { mainFile: stdioFile(2), stdoutFile: stdioFile(1) }),
      config: options.config,
      settings,
      routes: REST_ROUTES,
      ...(flameGraphs.enabled
        ? { flameGraphs: new VertexCpuSampleTracker(flameGraphs, (job, vertex, request) => dispatcher.requestVertexCpuSamples(job, vertex, request), logger) }
        : {}),
      metrics: options.metrics,
    },
    webDir: options.webDir ?? (existsSync(PACKAGE_WEB_DIST) ? PACKAGE_WEB_DIST : undefined),
    logger,
    validateResponses: options.validateResponses,
  });
  await server.listen();
  return {
    url: server.url,
    port: server.port,
    server,
    async close() {
      await server.close();
      await evaluator.close();
      if (ownJarDir) rmSync(ownJarDir, { recursive: true, force: true });
    },
  };
}
