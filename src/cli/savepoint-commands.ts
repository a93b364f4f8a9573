/** `sluice savepoint <job-id> [dir]`, `sluice savepoint --dispose PATH` and `sluice stop <job-id> [--drain]`. */
import { loadConfiguration } from "../config/configuration.js";
import { disposeSavepoint } from "../cluster/jobmaster/checkpoint-storage.js";
import { configureFileSystems } from "../fs/file-systems.js";
import { CliError } from "./cli-error.js";
import { checkJobId, restClient } from "./rest-target.js";

interface CommonOptions {
  target?: string;
  config?: string;
  D: string[];
}

export async function savepointCommand(jobId: string | undefined, dir: string | undefined, options: CommonOptions & { dispose?: string }): Promise<void> {
  if (options.dispose) {
    configureFileSystems(loadConfiguration(options.config, options.D));
    await disposeSavepoint(options.dispose);
    process.stdout.write(`Disposed savepoint ${options.dispose}\n`);
    return;
  }
  if (!jobId) throw new CliError("give the job id (or --dispose PATH)");
  checkJobId(jobId);
  const client = await restClient(options.target, loadConfiguration(options.config, options.D));
  process.stderr.write(`Triggering a savepoint of job ${jobId}…\n`);
  const path = await client.triggerSavepoint(jobId, dir);
  process.stdout.write(`Savepoint completed: ${path}\n`);
}

export async function stopCommand(jobId: string, options: CommonOptions & { drain?: boolean; savepointPath?: string }): Promise<void> {
  checkJobId(jobId);
  const client = await restClient(options.target, loadConfiguration(options.config, options.D));
  process.stderr.write(`Stopping job ${jobId} with a savepoint${options.drain ? " (draining)" : ""}…\n`);
  const path = await client.stopWithSavepoint(jobId, options.savepointPath, options.drain);
  process.stdout.write(`Savepoint completed: ${path}\n`);
}
