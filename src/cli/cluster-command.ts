/** `sluice cluster start|stop`: a local standalone cluster in the background (Flink's start-cluster.sh). */
import { loadConfiguration } from "../config/configuration.js";
import { clusterDir, startCluster, stopCluster } from "../cluster/entrypoints/standalone-cluster.js";
import { resolve } from "node:path";

interface ClusterCommandOptions {
  config?: string;
  D: string[];
  dir?: string;
  taskmanagers?: number;
}

/** What every process of the cluster gets: the same configuration file and overrides. */
function configArgs(options: ClusterCommandOptions): string[] {
  return [...(options.config ? ["--config", resolve(options.config)] : []), ...options.D.flatMap((d) => ["-D", d])];
}

export async function clusterStartCommand(options: ClusterCommandOptions): Promise<void> {
  const config = loadConfiguration(options.config, options.D);
  const dir = clusterDir(options.dir, config);
  const started = await startCluster({
    dir,
    taskManagers: options.taskmanagers ?? 1,
    configArgs: configArgs(options),
    report: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`Cluster running: REST ${started.restUrl}; logs and pid files in ${dir}\n`);
}

export async function clusterStopCommand(options: ClusterCommandOptions): Promise<void> {
  const config = loadConfiguration(options.config, options.D);
  const dir = clusterDir(options.dir, config);
  const stopped = await stopCluster(dir, (line) => process.stdout.write(`${line}\n`));
  if (stopped === 0) process.stdout.write(`No cluster processes running from ${dir}\n`);
}
