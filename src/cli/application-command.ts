/**
 * `sluice application job.ts [args…]`: application mode. A JobManager that runs exactly this job and
 * exits when it ends: 0 FINISHED, 1 FAILED, 3 CANCELED (the cause on stderr). A SIGTERM before the
 * job ends stops the JobManager (without HA the job is cancelled; with HA it goes on under a standby
 * or the restarted application) and exits 143, so that a supervisor sees the application did not end.
 */
import { loadConfiguration } from "../config/configuration.js";
import { describeOutcome, startApplication } from "../cluster/entrypoints/application-entrypoint.js";
import { manageProcess, processLogger } from "../cluster/entrypoints/process-lifecycle.js";

interface ApplicationCommandOptions {
  parallelism?: number;
  config?: string;
  D: string[];
  pidFile?: string;
}

/** 128 + SIGTERM, the shell's convention for "terminated by a signal". */
const STOPPED_BY_SIGNAL = 143;

export async function applicationCommand(job: string, args: string[], options: ApplicationCommandOptions): Promise<void> {
  const config = loadConfiguration(options.config, options.D);
  const { logger, logs } = processLogger(config);
  let shutdown: ((exitCode: number, reason: string) => Promise<void>) | undefined;
  const app = await startApplication({
    jobFile: job,
    args,
    parallelism: options.parallelism,
    config,
    logger,
    logs,
    onFatalError: (e) => void (shutdown ? shutdown(1, `fatal: ${e.message}`) : process.exit(1)),
  });
  shutdown = manageProcess({ name: "Application", logger, pidFile: options.pidFile, close: () => app.close(), signalExitCode: STOPPED_BY_SIGNAL });
  const jm = app.jobManager;
  // The same readiness line as `sluice jobmanager`, so that scripts find the RPC address for TaskManagers.
  process.stdout.write(`[pid ${process.pid}] JobManager ready: RPC ${jm.rpcAddress}, REST ${jm.restUrl}\n`);
  process.stdout.write(`[pid ${process.pid}] Application job "${app.jobName}" (${app.jobId})\n`);
  let exitCode: number;
  let message: string;
  try {
    ({ exitCode, message } = describeOutcome(await app.outcome));
  } catch (e) {
    exitCode = 1;
    message = `the application's job could not be run: ${(e as Error).message}`;
  }
  process.stderr.write(`${message}\n`);
  await shutdown(exitCode, "the application's job ended");
}
