/** `sluice taskmanager --jobmanager HOST:PORT [--slots N]`: runs a TaskManager process in the foreground. */
import { loadConfiguration } from "../config/configuration.js";
import { startTaskManager } from "../cluster/entrypoints/taskmanager-entrypoint.js";
import { manageProcess, processLogger } from "../cluster/entrypoints/process-lifecycle.js";

interface TaskManagerCommandOptions {
  jobmanager?: string;
  slots?: number;
  config?: string;
  D: string[];
  pidFile?: string;
}

export async function taskManagerCommand(options: TaskManagerCommandOptions): Promise<void> {
  const config = loadConfiguration(options.config, options.D);
  const { logger, logs } = processLogger(config);
  let shutdown: ((exitCode: number, reason: string) => Promise<void>) | undefined;
  const tm = await startTaskManager({
    config,
    logger,
    logs,
    jobManager: options.jobmanager,
    slots: options.slots,
    // A refused secret does not fix itself: exit non-zero so that the operator (and scripts) see it.
    onFatalError: (e) => void (shutdown ? shutdown(1, `fatal: ${e.message}`) : process.exit(1)),
  });
  shutdown = manageProcess({ name: "TaskManager", logger, pidFile: options.pidFile, close: () => tm.close() });
  // Started by a JobManager's process resource provider (an IPC channel to it): stop with it, even
  // when it was killed, instead of waiting forever for a JobManager that will not come back.
  if (process.channel) process.once("disconnect", () => void shutdown?.(0, "the JobManager that started this TaskManager is gone"));
  process.stdout.write(`[pid ${process.pid}] TaskManager ${tm.id} ready: RPC ${tm.rpcAddress}, data ${tm.dataAddress}\n`);
  if (tm.prometheusUrl) process.stdout.write(`[pid ${process.pid}] TaskManager ${tm.id} Prometheus reporter: ${tm.prometheusUrl}\n`);
  await tm.registered;
  if (tm.taskExecutor.isRegistered) process.stdout.write(`[pid ${process.pid}] TaskManager ${tm.id} registered at ${tm.jobManager}\n`);
}
