/**
 * Application-mode processes for the end-to-end tests: `sluice application …` and the container
 * entrypoint script run directly (no Docker engine here), on free loopback ports, with their
 * output captured; and what the JobManager's log says about the TaskManager processes its
 * `process` resource provider started. Every process started here is killed by killApplications()
 * (call it in `after`), and every wait is bounded.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../../support/paths.js";
import { waitFor } from "../../support/wait.js";
import { TEST_CONFIG, sluice, watchProcess, type SluiceProcess } from "../../cluster/support/processes.js";
import { isAlive } from "../../../src/cluster/entrypoints/process-lifecycle.js";

export const ENTRYPOINT = join(REPO_ROOT, "docker", "entrypoint.sh");

export interface ApplicationProcess extends SluiceProcess {
  /** host:port, what `taskmanager --jobmanager` takes. */
  rpcHostPort: string;
  restUrl: string;
  jobId: string;
}

/** Free ports and quick failure detection, for every process of these tests. */
export function applicationConfig(config: Record<string, string> = {}): Record<string, string> {
  return { ...TEST_CONFIG, "jobmanager.rpc.port": "0", "rest.port": "0", ...config };
}

export function configArgs(config: Record<string, string>): string[] {
  return Object.entries(config).flatMap(([k, v]) => ["-D", `${k}=${v}`]);
}

/** Waits for the application JobManager's readiness lines: its addresses and the job's id. */
export async function ready(p: SluiceProcess): Promise<ApplicationProcess> {
  const [, rpcAddress, restUrl] = await p.waitForOutput(/JobManager ready: RPC (\S+), REST (\S+)/, "the application JobManager to be ready", 30_000);
  const [, jobId] = await p.waitForOutput(/Application job ".*" \(([0-9a-f]{32})\)/, "the application's job id");
  return Object.assign(p, { rpcHostPort: rpcAddress!.replace(/^tcp:\/\//, ""), restUrl: restUrl!, jobId: jobId! });
}

/** `sluice application <job> [args] -D …`, once it is ready. */
export async function startApplication(job: string, args: string[], config: Record<string, string>): Promise<ApplicationProcess> {
  return ready(sluice(["application", job, ...args, ...configArgs(applicationConfig(config))]));
}

const entrypoints = new Set<SluiceProcess>();

/** Runs docker/entrypoint.sh with `env` as a container would (SLUICE_HOME is this checkout). */
export function runEntrypoint(env: Record<string, string>, args: string[] = []): SluiceProcess {
  const p = watchProcess(spawn("sh", [ENTRYPOINT, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, SLUICE_HOME: REPO_ROOT, ...env } }));
  entrypoints.add(p);
  void p.exited.then(() => entrypoints.delete(p));
  return p;
}

export async function killEntrypoints(): Promise<void> {
  const all = [...entrypoints];
  for (const p of all) p.signal("SIGKILL");
  await Promise.all(all.map((p) => p.exited));
}

export interface StartedTaskManager {
  id: string;
  pid: number;
}

/** The TaskManagers a JobManager's process provider started, from its log, in order. */
export function startedTaskManagers(jobManagerLog: string): StartedTaskManager[] {
  return [...jobManagerLog.matchAll(/started TaskManager (\S+) \(pid (\d+)\)/g)].map((m) => ({ id: m[1]!, pid: Number(m[2]) }));
}

/** Waits until none of the processes is alive any more. */
export async function waitForExit(pids: number[], what: string, timeoutMs = 15_000): Promise<void> {
  await waitFor(() => pids.every((pid) => !isAlive(pid)), what, timeoutMs, 50);
}

/** The exit code (or signal name) of a process, failing when it runs longer than `timeoutMs`. */
export async function exitOf(p: SluiceProcess, timeoutMs = 60_000): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the application did not exit within ${timeoutMs} ms\n--- stderr:\n${p.stderr().slice(-4000)}`)), timeoutMs);
  });
  try {
    return await Promise.race([p.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
