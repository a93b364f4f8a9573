/**
 * Application mode (the seed's "library mode", Flink's application cluster): a JobManager process
 * that runs exactly one job. It bundles the job file and evaluates its definition here, in the
 * JobManager (no client involved), starts the JobManager's components as in a session cluster,
 * submits the job to its own Dispatcher and reports the job's terminal state; TaskManagers connect
 * as usual, or the active resource provider starts them.
 *
 * The job's id is fixed, derived from `high-availability.cluster-id` (Flink does the same with its
 * application job id): with HA, a restarted application JobManager — or a standby that takes over
 * — finds the job among the ones its Dispatcher recovered from the JobGraph store and waits for it
 * instead of submitting a second copy. A job whose result is already in the job result store ended
 * in an earlier run and is not run again; for that the result entry is kept after the cleanup in
 * application mode (`job-result-store.delete-on-commit` defaults to false), as the HA data of an
 * application cluster id belongs to this one application.
 */
import { createHash } from "node:crypto";
import type { Configuration } from "../../config/configuration.js";
import type { Logger, LogBuffer } from "../../util/logger.js";
import { prepareJob, JobFailedError, attachCollectFetcher, collectSucceeded, type PreparedJob } from "../../client/job-runner.js";
import type { CollectResultFetcher } from "../../client/collect-result-fetcher.js";
import { withoutSensitive } from "../../config/sensitive-keys.js";
import { parseHaConfig } from "../ha/config.js";
import { DELETE_ON_COMMIT } from "../dispatcher/job-persistence.js";
import type { LeaderTerm, JobManagerLeadership } from "../leadership/jobmanager-leadership.js";
import { isGloballyTerminal, type JobResult, type JobSubmission } from "../messages.js";
import { startJobManager, type RunningJobManager } from "./jobmanager-entrypoint.js";

/** Exit codes of `sluice application` (2 stays the CLI's usage error). */
export const APPLICATION_EXIT_CODES = {
  FINISHED: 0,
  FAILED: 1,
  CANCELED: 3,
  /** The job had already ended in an earlier run of this application (HA); it is not run again. */
  ENDED_EARLIER: 0,
} as const;

export type ApplicationOutcome =
  /** `collectedByConsumer`: a collectAsync() definition stopped the job itself, which is its success. */
  | { kind: "terminated"; jobName: string; result: JobResult; collectedByConsumer?: boolean }
  | { kind: "ended-earlier"; jobName: string; jobId: string };

export interface ApplicationOptions {
  jobFile: string;
  args?: string[];
  parallelism?: number;
  config: Configuration;
  logger: Logger;
  logs?: LogBuffer;
  onFatalError?: (error: Error) => void;
}

export interface RunningApplication {
  readonly jobManager: RunningJobManager;
  readonly jobId: string;
  readonly jobName: string;
  /** Settles once the job reached a globally terminal state (with HA: in whichever term). */
  readonly outcome: Promise<ApplicationOutcome>;
  close(): Promise<void>;
}

/** The application's fixed job id: 32 hex digits, a function of the HA cluster id. */
export function applicationJobId(config: Configuration): string {
  const { clusterId } = parseHaConfig(config);
  return createHash("sha256").update(`sluice-application:${clusterId}`).digest("hex").slice(0, 32);
}

/**
 * Bundles and evaluates the job (a broken job file fails here, before anything listens), starts the
 * JobManager and drives the job to its end.
 */
export async function startApplication(options: ApplicationOptions): Promise<RunningApplication> {
  const log = options.logger.child("Application");
  // Secrets and tokens are the cluster's, not the job's: its definition never sees them.
  const prepared = await prepareJob(options.jobFile, { args: options.args, parallelism: options.parallelism, config: withoutSensitive(options.config) });
  const jobId = applicationJobId(options.config);
  const jobName = prepared.evaluated.jobGraph.name;
  const config: Configuration = { [DELETE_ON_COMMIT]: "false", ...options.config };
  const jobManager = await startJobManager({ config, logger: options.logger, logs: options.logs, onFatalError: options.onFatalError });
  log.info(`application job "${jobName}" (${jobId}) from ${options.jobFile}`);
  const outcome = driveJob(jobManager, prepared, jobId, log).then(async (o) => {
    if (o.kind !== "terminated") return o;
    await finishDefinition(prepared, o.result);
    const fetcher = fetchers.get(prepared);
    return fetcher && o.result.state === "CANCELED" && collectSucceeded(o.result, fetcher) ? { ...o, collectedByConsumer: true } : o;
  });
  return { jobManager, jobId, jobName, outcome, close: () => jobManager.close() };
}

/** Submits the job in the term this JobManager leads (or finds it recovered) and waits for its end. */
async function driveJob(jm: RunningJobManager, prepared: PreparedJob, jobId: string, log: Logger): Promise<ApplicationOutcome> {
  const { bundle, evaluated, inputs } = prepared;
  const jobName = evaluated.jobGraph.name;
  const submission: JobSubmission = { jobGraph: evaluated.jobGraph, bundleHash: bundle.hash, definition: inputs };
  for (;;) {
    const term = await leadingTerm(jm.leadership, log);
    let result: JobResult;
    try {
      if (term.dispatcher.listJobs().some((j) => j.jobId === jobId)) {
        log.info(`job ${jobId} was recovered from the HA services: waiting for it instead of submitting it again`);
      } else {
        await term.dispatcher.submitJob(submission, { hash: bundle.hash, code: bundle.code }, jobId);
      }
      const resultPromise = term.dispatcher.requestJobResult(jobId);
      const execution = evaluated.execution;
      // collectAsync() in an application: the definition fetches through this term's Dispatcher.
      if (execution?.mode === "iterator" && !fetchers.has(prepared)) {
        const dispatcher = term.dispatcher;
        fetchers.set(
          prepared,
          attachCollectFetcher(evaluated.jobGraph, execution, {
            request: async (uid, r) => dispatcher.deliverCoordinationRequest(jobId, uid, r),
            cancel: () => dispatcher.cancelJob(jobId),
            result: resultPromise,
          }),
        );
      }
      result = await resultPromise;
    } catch (e) {
      if (await jm.ha.jobResultStore().has(jobId).catch(() => false)) return { kind: "ended-earlier", jobName, jobId };
      // Leadership went while submitting: the next term recovers the job (or submits it).
      if (jm.leadership.term !== term) continue;
      throw e;
    }
    if (isGloballyTerminal(result.state)) return { kind: "terminated", jobName, result };
    log.warn(`job ${jobId} is ${result.state}: this JobManager lost its leadership; the job goes on under the next leader`);
  }
}

async function leadingTerm(leadership: JobManagerLeadership, log: Logger): Promise<LeaderTerm> {
  for (;;) {
    try {
      return await leadership.waitForLeadership(60_000);
    } catch {
      log.info("standby: waiting to become the leader before running the application's job");
    }
  }
}

/** The fetchers of collectAsync() (and executeAndCollect(limit)) definitions, attached once per application. */
const fetchers = new WeakMap<PreparedJob, CollectResultFetcher>();

/** Hands executeAndCollect() its records (or the failure), so that the definition finishes as under `sluice run`. */
async function finishDefinition(prepared: PreparedJob, result: JobResult): Promise<void> {
  const execution = prepared.evaluated.execution;
  if (!execution) return;
  const fetcher = fetchers.get(prepared);
  if (fetcher) {
    if (!collectSucceeded(result, fetcher)) execution.reject(new JobFailedError(`job ${result.state}: ${result.failure?.message ?? ""}`));
  } else if (result.state === "FINISHED") execution.resolve(result.collected[execution.collectSinkId] ?? []);
  else execution.reject(new JobFailedError(`job ${result.state}: ${result.failure?.message ?? ""}`));
  await prepared.evaluated.completion.catch(() => {});
}

/** The exit code for an outcome, and the line(s) that say it. */
export function describeOutcome(outcome: ApplicationOutcome): { exitCode: number; message: string } {
  if (outcome.kind === "ended-earlier") {
    return {
      exitCode: APPLICATION_EXIT_CODES.ENDED_EARLIER,
      message: `Job "${outcome.jobName}" (${outcome.jobId}) already ended in an earlier run of this application; it is not run again (use another high-availability.cluster-id to run it anew)`,
    };
  }
  const { result, jobName } = outcome;
  const head = `Job "${jobName}" (${result.jobId})`;
  const seconds = ((result.endTime - result.startTime) / 1000).toFixed(3);
  if (result.state === "FINISHED") return { exitCode: APPLICATION_EXIT_CODES.FINISHED, message: `${head} finished in ${seconds} s` };
  if (outcome.collectedByConsumer) return { exitCode: APPLICATION_EXIT_CODES.FINISHED, message: `${head} was cancelled by its consumer (collectAsync, executeAndCollect(limit)) after ${seconds} s` };
  const f = result.failure;
  const cause = f ? `: ${f.stack?.includes(f.message) ? f.stack : `${f.name}: ${f.message}${f.stack ? `\n${f.stack}` : ""}`}` : "";
  const exitCode = result.state === "CANCELED" ? APPLICATION_EXIT_CODES.CANCELED : APPLICATION_EXIT_CODES.FAILED;
  return { exitCode, message: `${head} ${result.state} after ${seconds} s${cause}` };
}
