/**
 * The `sluice` command line (DESIGN.md section 8). Each subcommand lives in its own module; this
 * file only declares them.
 */
import { Command, Option } from "commander";
import { SLUICE_VERSION } from "../version.js";
import { infoCommand } from "./info-command.js";
import { runCommand } from "./run-command.js";
import { listCommand } from "./list-command.js";
import { cancelCommand } from "./cancel-command.js";
import { CliError } from "./cli-error.js";

const collect = (value: string, previous: string[]): string[] => [...previous, value];
const positiveInt = (name: string) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${name} must be a positive integer, got "${v}"`);
  return n;
};

const program = new Command()
  .name("sluice")
  .description("A distributed, stateful stream processor for TypeScript")
  .version(SLUICE_VERSION)
  .showHelpAfterError();

program
  .command("run")
  .description("run a job file (on the embedded MiniCluster unless --target names a cluster)")
  .argument("<job>", "job file (.ts or .js) whose default export is defineJob(...)")
  .argument("[args...]", "arguments passed to the job definition")
  .option("-p, --parallelism <n>", "default parallelism", positiveInt("parallelism"))
  .option("-t, --target <target>", "local, or the REST address of a cluster (http://host:8081)", "local")
  .option("-d, --detached", "submit and return without waiting for the job to end")
  .option("-c, --config <file>", "configuration file (YAML)")
  .option("-D <key=value>", "configuration override (repeatable)", collect, [])
  .addOption(new Option("--json", "print the job result as JSON"))
  .action(runCommand);

program
  .command("info")
  .description("print the JobGraph of a job file: vertices, chained operators, parallelism, edges")
  .argument("<job>", "job file")
  .argument("[args...]", "arguments passed to the job definition")
  .option("-p, --parallelism <n>", "default parallelism", positiveInt("parallelism"))
  .option("-c, --config <file>", "configuration file (YAML)")
  .option("-D <key=value>", "configuration override (repeatable)", collect, [])
  .option("--json", "print the JobGraph as JSON")
  .action(infoCommand);

program
  .command("list")
  .description("list the jobs of a cluster (running ones unless --all)")
  .option("-t, --target <url>", "REST address of the cluster (default: rest.address and rest.port, http://127.0.0.1:8081)")
  .option("-a, --all", "also list jobs that have ended")
  .option("--json", "print the jobs as JSON")
  .option("-c, --config <file>", "configuration file (YAML)")
  .option("-D <key=value>", "configuration override, e.g. -D rest.auth.token=… (or set SLUICE_REST_TOKEN)", collect, [])
  .action(listCommand);

program
  .command("cancel")
  .description("cancel a job on a cluster and wait until it is cancelled")
  .argument("<job-id>", "id of the job (see sluice list)")
  .option("-t, --target <url>", "REST address of the cluster (default: rest.address and rest.port, http://127.0.0.1:8081)")
  .option("-c, --config <file>", "configuration file (YAML)")
  .option("-D <key=value>", "configuration override, e.g. -D rest.auth.token=… (or set SLUICE_REST_TOKEN)", collect, [])
  .action(cancelCommand);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const err = e as Error;
  process.stderr.write(`error: ${err.message}\n`);
  process.exitCode = e instanceof CliError ? 2 : 1;
}
