/**
 * The `sluice` command line (docs/architecture.md, "Deployment and configuration"). Each subcommand lives in its own module; this
 * file only declares them.
 */
import { Command, Option } from "commander";
import { SLUICE_VERSION } from "../version.js";
import { infoCommand } from "./info-command.js";
import { runCommand } from "./run-command.js";
import { savepointCommand, stopCommand } from "./savepoint-commands.js";
import { bundleCommand } from "./bundle-command.js";
import { listCommand } from "./list-command.js";
import { cancelCommand } from "./cancel-command.js";
import { jobManagerCommand } from "./jobmanager-command.js";
import { taskManagerCommand } from "./taskmanager-command.js";
import { clusterStartCommand, clusterStopCommand } from "./cluster-command.js";
import { applicationCommand } from "./application-command.js";
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
  .option("--web", "keep the embedded cluster and its web dashboard open after the job ends, until Ctrl-C")
  .option("--web-port <port>", "port of the embedded cluster's web dashboard (default: a free port)", positiveInt("web-port"))
  .option("-s, --from-savepoint <path>", "resume from a savepoint (or retained checkpoint) folder")
  .option("--allow-non-restored-state", "skip savepoint state of operators (uids) the job no longer has")
  .action(runCommand);

program
  .command("savepoint")
  .description("trigger a savepoint of a running job (into DIR or the configured savepoint directory), or --dispose one")
  .argument("[job-id]", "the job")
  .argument("[dir]", "target directory")
  .option("--dispose <path>", "delete the savepoint at PATH (a folder with a _metadata file)")
  .option("-t, --target <url>", "REST address of the cluster")
  .option("-c, --config <file>", "configuration file (YAML)")
  .option("-D <key=value>", "configuration override (repeatable)", collect, [])
  .action(savepointCommand);

program
  .command("stop")
  .description("stop a job with a savepoint (sources end after it; --drain emits the final watermark first)")
  .argument("<job-id>", "the job")
  .option("--drain", "emit the final watermark before stopping, so event-time windows fire")
  .option("-p, --savepoint-path <dir>", "where to write the savepoint")
  .option("-t, --target <url>", "REST address of the cluster")
  .option("-c, --config <file>", "configuration file (YAML)")
  .option("-D <key=value>", "configuration override (repeatable)", collect, [])
  .action(stopCommand);

program
  .command("bundle")
  .description("bundle a job file and its imports into one module, for the dashboard's Submit page (POST /jars/upload)")
  .argument("<job>", "job file (.ts or .js) whose default export is defineJob(...)")
  .option("-o, --output <file>", "where to write the bundle (default: the job's name with .mjs, in the current directory)")
  .action(bundleCommand);

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

program
  .command("jobmanager")
  .description("run a JobManager (Dispatcher, ResourceManager, JobMasters, BlobServer, REST) in the foreground")
  .option("-c, --config <file>", "configuration file (YAML)")
  .option("-D <key=value>", "configuration override (repeatable), e.g. -D jobmanager.rpc.port=6123 -D rest.port=8081", collect, [])
  .option("--pid-file <file>", "write the process id here while running")
  .action(jobManagerCommand);

program
  .command("taskmanager")
  .description("run a TaskManager in the foreground; it registers its slots at the JobManager")
  .option("-j, --jobmanager <host:port>", "RPC address of the JobManager (default: jobmanager.rpc.address:jobmanager.rpc.port)")
  .option("-s, --slots <n>", "number of task slots (taskmanager.numberOfTaskSlots)", positiveInt("slots"))
  .option("-c, --config <file>", "configuration file (YAML)")
  .option("-D <key=value>", "configuration override (repeatable)", collect, [])
  .option("--pid-file <file>", "write the process id here while running")
  .action(taskManagerCommand);

program
  .command("application")
  .description("application mode: a JobManager that runs this one job (evaluated here) and exits when it ends (0 FINISHED, 1 FAILED, 3 CANCELED)")
  .argument("<job>", "job file (.ts or .js) whose default export is defineJob(...)")
  .argument("[args...]", "arguments passed to the job definition")
  .option("-p, --parallelism <n>", "default parallelism", positiveInt("parallelism"))
  .option("-c, --config <file>", "configuration file (YAML)")
  .option("-D <key=value>", "configuration override (repeatable), e.g. -D resourcemanager.provider=process", collect, [])
  .option("--pid-file <file>", "write the process id here while running")
  .action(applicationCommand);

const cluster = program.command("cluster").description("start or stop a local standalone cluster in the background");
cluster
  .command("start")
  .description("start a JobManager and TaskManagers in the background, with pid and log files in the cluster directory")
  .option("-n, --taskmanagers <n>", "number of TaskManagers", positiveInt("taskmanagers"), 1)
  .option("--dir <dir>", "directory for pid and log files (default: env.log.dir, else ./.sluice)")
  .option("-c, --config <file>", "configuration file (YAML), passed to every process")
  .option("-D <key=value>", "configuration override (repeatable), passed to every process", collect, [])
  .action(clusterStartCommand);
cluster
  .command("stop")
  .description("stop the processes of the cluster started from the cluster directory (TaskManagers first)")
  .option("--dir <dir>", "directory for pid and log files (default: env.log.dir, else ./.sluice)")
  .option("-c, --config <file>", "configuration file (YAML)")
  .option("-D <key=value>", "configuration override (repeatable)", collect, [])
  .action(clusterStopCommand);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const err = e as Error;
  process.stderr.write(`error: ${err.message}\n`);
  process.exitCode = e instanceof CliError ? 2 : 1;
}
