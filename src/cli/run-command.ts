import { prepareJob, runPrepared, type RunResult } from "../client/job-runner.js";
import { loadConfiguration, type Configuration } from "../config/configuration.js";
import { withoutSensitive } from "../config/sensitive-keys.js";
import { CliError } from "./cli-error.js";
import { startLocalDashboardCluster, untilInterrupted } from "./local-dashboard.js";
import { restClient } from "./rest-target.js";

interface RunOptions {
  parallelism?: number;
  target: string;
  detached?: boolean;
  config?: string;
  D: string[];
  json?: boolean;
  /** Keep the embedded cluster and its dashboard running after the job ends, until Ctrl-C. */
  web?: boolean;
  webPort?: number;
  /** Resume from this savepoint (or retained checkpoint) folder. */
  fromSavepoint?: string;
  allowNonRestoredState?: boolean;
}

export async function runCommand(job: string, args: string[], options: RunOptions): Promise<void> {
  const config = loadConfiguration(options.config, options.D);
  if (options.target !== "local" && (options.web || options.webPort !== undefined)) {
    throw new CliError("--web and --web-port are for the embedded cluster; a cluster given with --target serves its dashboard on its REST port");
  }
  const local: { linger?: () => Promise<void> } = {};
  const result = options.target === "local" ? await runLocally(job, args, options, config, local) : await runOnCluster(job, args, options, config);
  if (result) report(result, options);
  await local.linger?.();
}

function report(result: RunResult, options: RunOptions): void {
  const seconds = ((result.endTime - result.startTime) / 1000).toFixed(3);
  if (options.json) {
    process.stdout.write(JSON.stringify({ jobId: result.jobId, state: result.state, failure: result.failure }) + "\n");
  } else if (result.state === "FINISHED") {
    process.stderr.write(`Job "${result.jobGraph.name}" (${result.jobId}) finished in ${seconds} s\n`);
  } else if (result.collectedByConsumer) {
    process.stderr.write(`Job "${result.jobGraph.name}" (${result.jobId}) was cancelled by its consumer (collectAsync, executeAndCollect(limit)) after ${seconds} s\n`);
  }
  if (result.state !== "FINISHED" && !result.collectedByConsumer) {
    const f = result.failure;
    process.stderr.write(`Job "${result.jobGraph.name}" (${result.jobId}) ${result.state}${f ? `: ${f.message}\n${f.stack ?? ""}` : ""}\n`);
    process.exitCode = 1;
  }
}

/**
 * Runs the job on an embedded MiniCluster whose Dispatcher also serves the REST API and the
 * dashboard; its address is printed. With --web the cluster stays up after the job (`linger`).
 */
async function runLocally(job: string, args: string[], options: RunOptions, config: Configuration, local: { linger?: () => Promise<void> }): Promise<RunResult> {
  if (options.detached) throw new CliError("--detached needs a cluster to leave the job on: add --target http://host:port");
  const prepared = await prepareJob(job, { args, parallelism: options.parallelism, config });
  const cluster = await startLocalDashboardCluster(prepared.evaluated.jobGraph, config, options.webPort);
  let lingering = false;
  try {
    process.stderr.write(`Dashboard: ${cluster.url}${options.web ? "" : " (open while the job runs; --web keeps it open)"}\n`);
    const result = await runPrepared(prepared, {
      client: cluster.client,
      config,
      savepointPath: options.fromSavepoint,
      allowNonRestoredState: options.allowNonRestoredState,
      onSubmitted: (jobId) => process.stderr.write(`Job ${jobId}: ${cluster.jobUrl(jobId)}\n`),
    });
    if (options.web) {
      lingering = true;
      local.linger = async () => {
        process.stderr.write(`The dashboard stays open at ${cluster.url} — press Ctrl-C to stop it\n`);
        try {
          await untilInterrupted();
        } finally {
          await cluster.close();
        }
      };
    }
    return result;
  } finally {
    if (!lingering) await cluster.close();
  }
}

/** Bundles and evaluates the job here, submits bundle + JobGraph to the cluster's REST API. */
async function runOnCluster(job: string, args: string[], options: RunOptions, config: Configuration): Promise<RunResult | undefined> {
  const client = await restClient(options.target, config);
  // The job's definition sees the configuration; tokens and secrets are not the job's business and
  // must not travel to the cluster inside it.
  const definitionConfig = withoutSensitive(config);
  const prepared = await prepareJob(job, { args, parallelism: options.parallelism, config: definitionConfig });
  const { jobGraph } = prepared.evaluated;
  process.stderr.write(`Submitting job "${jobGraph.name}" to ${client.transport.baseUrl.origin}…\n`);
  if (options.detached) {
    const { bundle, inputs } = prepared;
    const submission = { jobGraph, bundleHash: bundle.hash, definition: inputs, savepointPath: options.fromSavepoint, allowNonRestoredState: options.allowNonRestoredState };
    const jobId = await client.submit(submission, { hash: bundle.hash, code: bundle.code });
    process.stderr.write(`Job has been submitted with JobID ${jobId}\n`);
    if (options.json) process.stdout.write(JSON.stringify({ jobId, state: "SUBMITTED" }) + "\n");
    else process.stdout.write(`${jobId}\n`);
    return undefined;
  }
  return runPrepared(prepared, {
    client,
    config: definitionConfig,
    savepointPath: options.fromSavepoint,
    allowNonRestoredState: options.allowNonRestoredState,
    onSubmitted: (jobId) => {
      process.stderr.write(`Job has been submitted with JobID ${jobId}, waiting for it to end (Ctrl-C leaves it running)\n`);
      process.stderr.write(`Dashboard: ${client.transport.baseUrl.origin}/web/jobs/${jobId}\n`);
    },
  });
}
