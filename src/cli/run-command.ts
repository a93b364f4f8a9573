import { runJob } from "../client/job-runner.js";
import { loadConfiguration } from "../config/configuration.js";
import { CliError } from "./cli-error.js";

interface RunOptions {
  parallelism?: number;
  target: string;
  detached?: boolean;
  config?: string;
  D: string[];
  json?: boolean;
}

export async function runCommand(job: string, args: string[], options: RunOptions): Promise<void> {
  const config = loadConfiguration(options.config, options.D);
  if (options.target !== "local") throw new CliError(`--target ${options.target}: remote clusters are reached through their REST address (http://host:port)`);
  const result = await runJob(job, { args, parallelism: options.parallelism, config });
  const seconds = ((result.endTime - result.startTime) / 1000).toFixed(3);
  if (options.json) {
    process.stdout.write(JSON.stringify({ jobId: result.jobId, state: result.state, failure: result.failure }) + "\n");
  } else if (result.state === "FINISHED") {
    process.stderr.write(`Job "${result.jobGraph.name}" (${result.jobId}) finished in ${seconds} s\n`);
  }
  if (result.state !== "FINISHED") {
    const f = result.failure;
    process.stderr.write(`Job "${result.jobGraph.name}" (${result.jobId}) ${result.state}${f ? `: ${f.message}\n${f.stack ?? ""}` : ""}\n`);
    process.exitCode = 1;
  }
}
