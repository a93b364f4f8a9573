/** `sluice jobmanager`: runs the JobManager process of a standalone session cluster in the foreground. */
import { loadConfiguration } from "../config/configuration.js";
import { startJobManager } from "../cluster/entrypoints/jobmanager-entrypoint.js";
import { manageProcess, processLogger } from "../cluster/entrypoints/process-lifecycle.js";

interface JobManagerCommandOptions {
  config?: string;
  D: string[];
  pidFile?: string;
}

export async function jobManagerCommand(options: JobManagerCommandOptions): Promise<void> {
  const config = loadConfiguration(options.config, options.D);
  const { logger, logs } = processLogger(config);
  let shutdown: ((exitCode: number, reason: string) => Promise<void>) | undefined;
  const jm = await startJobManager({
    config,
    logger,
    logs,
    // The leader election broke for good (not a lost connection, which it survives): exit non-zero.
    onFatalError: (e) => void (shutdown ? shutdown(1, `fatal: ${e.message}`) : process.exit(1)),
    // DELETE /cluster: a clean stop, as on SIGTERM (the TaskManagers this JobManager started follow it).
    onShutdownRequest: () => void shutdown?.(0, "shutdown requested through REST (DELETE /cluster)"),
  });
  shutdown = manageProcess({ name: "JobManager", logger, pidFile: options.pidFile, close: () => jm.close() });
  // The line `sluice cluster start` and scripts wait for; it starts with the pid to tell runs apart.
  process.stdout.write(`[pid ${process.pid}] JobManager ready: RPC ${jm.rpcAddress}, REST ${jm.restUrl}\n`);
  if (jm.prometheusUrl) process.stdout.write(`[pid ${process.pid}] JobManager Prometheus reporter: ${jm.prometheusUrl}\n`);
}
