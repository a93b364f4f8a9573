/**
 * The `process` provider: TaskManagers as local child processes of the JobManager
 * (`sluice taskmanager --jobmanager <this JobManager>`), the smallest active provider — what YARN
 * or Kubernetes do with containers and pods, done with processes on one machine.
 *
 * Each TaskManager gets the JobManager's own configuration (security settings, heartbeats, HA
 * included) from a private file (mode 0600: it may hold the cluster secret, which must not show in
 * `ps`), with free ports (several run on one host) and its resource id, by which the
 * ResourceManager recognizes it when it registers. Its log (stderr) and out (stdout) files go to
 * `env.log.dir` when set, else to a temporary folder removed on close.
 *
 * A child is connected to the JobManager by an IPC channel; a TaskManager started this way shuts
 * down when the channel closes, so that no TaskManager outlives a JobManager that was killed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Configuration } from "../../config/configuration.js";
import type { Logger } from "../../util/logger.js";
import { readOption } from "../../config/config-option.js";
import { ProcessOptions } from "../process-options.js";
import { workerPolicy, type ResourceProvider, type WorkerPolicy, type WorkerTerminatedListener } from "./resource-provider.js";

const SLUICE_BIN = fileURLToPath(new URL("../../../../bin/sluice.js", import.meta.url));

/** A TaskManager that ignores SIGTERM this long is killed. */
const STOP_TIMEOUT_MS = 10_000;

/** Keys every TaskManager gets its own value of. */
const PER_PROCESS_KEYS = new Set(["taskmanager.resource-id", "taskmanager.rpc.port", "taskmanager.data.port", "taskmanager.numberOfTaskSlots"]);

export interface ProcessResourceProviderOptions {
  config: Configuration;
  /** tcp://host:port of the JobManager's RPC endpoint, where the TaskManagers register. */
  jobManagerAddress: string;
  logger: Logger;
  /** The sluice command to run; default this installation's bin/sluice.js. */
  sluiceBin?: string;
}

interface ChildWorker {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  /** Set when this provider stopped it: its end is then not a failure. */
  stopping?: string;
}

export class ProcessResourceProvider implements ResourceProvider {
  readonly type = "process";
  readonly active = true;
  readonly policy: WorkerPolicy;
  private readonly workers = new Map<string, ChildWorker>();
  private readonly listeners = new Set<WorkerTerminatedListener>();
  private readonly workDir: string;
  private readonly logDir: string;
  private readonly configFile: string;
  private readonly log: Logger;
  private closed = false;

  constructor(private readonly options: ProcessResourceProviderOptions) {
    this.policy = workerPolicy(options.config);
    this.log = options.logger.child("ProcessResourceProvider");
    // mkdtemp creates the folder with mode 0700.
    this.workDir = mkdtempSync(join(tmpdir(), "sluice-taskmanagers-"));
    const logDir = readOption(options.config, ProcessOptions.LOG_DIR);
    this.logDir = logDir ?? this.workDir;
    mkdirSync(this.logDir, { recursive: true });
    this.configFile = join(this.workDir, "taskmanager.yaml");
    writeFileSync(this.configFile, taskManagerConfigYaml(options.config, this.policy.slotsPerWorker), { mode: 0o600 });
    this.log.info(`starts TaskManager processes with ${this.policy.slotsPerWorker} slot${this.policy.slotsPerWorker === 1 ? "" : "s"} each; their logs go to ${this.logDir}`);
  }

  async startWorker(resourceId: string): Promise<void> {
    if (this.closed) throw new Error("the process resource provider is closed");
    if (this.workers.has(resourceId)) throw new Error(`TaskManager ${resourceId} is already running`);
    const out = openSync(join(this.logDir, `${resourceId}.out`), "a");
    const err = openSync(join(this.logDir, `${resourceId}.log`), "a");
    let child: ChildProcess;
    try {
      const args = [this.options.sluiceBin ?? SLUICE_BIN, "taskmanager", "--jobmanager", this.options.jobManagerAddress, "--config", this.configFile, "-D", `taskmanager.resource-id=${resourceId}`];
      child = spawn(process.execPath, args, { stdio: ["ignore", out, err, "ipc"] });
    } finally {
      closeSync(out);
      closeSync(err);
    }
    const worker: ChildWorker = {
      child,
      exited: new Promise<void>((resolve) => {
        let reported = false;
        const report = (cause: string): void => {
          if (reported) return;
          reported = true;
          this.workers.delete(resourceId);
          const why = worker.stopping ? `stopped (${worker.stopping})` : cause;
          for (const listener of [...this.listeners]) listener(resourceId, why);
          resolve();
        };
        child.once("exit", (code, signal) => report(signal ? `killed by ${signal}` : `exited with code ${code}`));
        // Spawning itself failed (no exit event follows).
        child.once("error", (e) => report(`could not be started: ${e.message}`));
      }),
    };
    this.workers.set(resourceId, worker);
    this.log.info(`started TaskManager ${resourceId} (pid ${child.pid ?? "?"}), log ${join(this.logDir, `${resourceId}.log`)}`);
  }

  async stopWorker(resourceId: string, reason: string): Promise<void> {
    const worker = this.workers.get(resourceId);
    if (!worker) return;
    worker.stopping ??= reason;
    worker.child.kill("SIGTERM");
    const timer = setTimeout(() => {
      this.log.warn(`TaskManager ${resourceId} did not stop within ${STOP_TIMEOUT_MS} ms; killing it`);
      worker.child.kill("SIGKILL");
    }, STOP_TIMEOUT_MS);
    await worker.exited;
    clearTimeout(timer);
  }

  onWorkerTerminated(listener: WorkerTerminatedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.workers.keys()].map((id) => this.stopWorker(id, "the JobManager shuts down")));
    if (this.logDir === this.workDir) rmSync(this.workDir, { recursive: true, force: true });
    else rmSync(this.configFile, { force: true });
  }
}

/** The JobManager's configuration as a YAML file for its TaskManagers (values JSON-quoted, which the parser reads back exactly). */
function taskManagerConfigYaml(config: Configuration, slots: number): string {
  const lines = ["# Written by the JobManager's process resource provider for the TaskManagers it starts."];
  for (const [key, value] of Object.entries(config)) {
    // A key with ":" or a leading "#" cannot be written as YAML; no Sluice key looks like that.
    if (PER_PROCESS_KEYS.has(key) || key.includes(":") || key.trim() !== key || key.startsWith("#")) continue;
    lines.push(`${key}: ${JSON.stringify(value)}`);
  }
  // Several TaskManagers share this host: each takes free ports.
  lines.push(`taskmanager.rpc.port: "0"`, `taskmanager.data.port: "0"`, `taskmanager.numberOfTaskSlots: "${slots}"`);
  return lines.join("\n") + "\n";
}
