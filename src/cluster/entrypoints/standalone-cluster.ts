/**
 * A local standalone cluster in the background, like Flink's start-cluster.sh / stop-cluster.sh:
 * one JobManager and N TaskManager processes, detached from the terminal, each with a pid file,
 * a log file (its stderr: the structured log) and an out file (its stdout: readiness lines and what
 * jobs print) in one directory. `stop` sends SIGTERM to the TaskManagers, then to the JobManager,
 * waits for them to exit (SIGKILL after a bound) and removes what pid files remain.
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isAlive, readPid } from "./process-lifecycle.js";
import { readOption } from "../../config/config-option.js";
import { ProcessOptions } from "../process-options.js";

const SLUICE_BIN = fileURLToPath(new URL("../../../../bin/sluice.js", import.meta.url));
export const JOBMANAGER_READY = /JobManager ready: RPC (\S+), REST (\S+)/;
export const TASKMANAGER_REGISTERED = /TaskManager (\S+) registered at (\S+)/;

/** The cluster's directory: --dir, else env.log.dir (Flink's key) or log.dir, else ./.sluice. */
export function clusterDir(given: string | undefined, config: Readonly<Record<string, string>>): string {
  return resolve(given ?? readOption(config, ProcessOptions.LOG_DIR) ?? ".sluice");
}

export interface StartClusterOptions {
  dir: string;
  taskManagers: number;
  /** Passed to every process: --config FILE and -D key=value pairs. */
  configArgs: string[];
  /** Bound on each process's start-up. */
  timeoutMs?: number;
  report?: (line: string) => void;
}

export interface StartedCluster {
  rpcAddress: string;
  restUrl: string;
  pids: { jobManager: number; taskManagers: number[] };
}

export async function startCluster(options: StartClusterOptions): Promise<StartedCluster> {
  const { dir } = options;
  mkdirSync(dir, { recursive: true });
  const running = runningProcesses(dir);
  if (running.length > 0) {
    throw new Error(`a cluster is already running from ${dir} (${running.map((p) => `${p.name} pid ${p.pid}`).join(", ")}); run \`sluice cluster stop\` first`);
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  const jm = spawnDetached(dir, "jobmanager", ["jobmanager", ...options.configArgs]);
  const [, rpcAddress, restUrl] = await waitForLine(dir, "jobmanager", jm, JOBMANAGER_READY, timeoutMs);
  options.report?.(`Started JobManager (pid ${jm.pid}): RPC ${rpcAddress}, REST ${restUrl}`);
  const tms: Spawned[] = [];
  for (let i = 1; i <= options.taskManagers; i++) {
    tms.push(spawnDetached(dir, `taskmanager-${i}`, ["taskmanager", "--jobmanager", rpcAddress!.replace(/^tcp:\/\//, ""), ...options.configArgs]));
  }
  for (let i = 1; i <= options.taskManagers; i++) {
    const [, id] = await waitForLine(dir, `taskmanager-${i}`, tms[i - 1]!, TASKMANAGER_REGISTERED, timeoutMs);
    options.report?.(`Started TaskManager ${id} (pid ${tms[i - 1]!.pid})`);
  }
  return { rpcAddress: rpcAddress!, restUrl: restUrl!, pids: { jobManager: jm.pid, taskManagers: tms.map((t) => t.pid) } };
}

export interface ClusterProcess {
  name: string;
  pid: number;
  pidFile: string;
}

/** Processes whose pid files are in `dir`, TaskManagers first (the order to stop them in). */
export function clusterProcesses(dir: string): ClusterProcess[] {
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir).filter((f) => /^(jobmanager|taskmanager-\d+)\.pid$/.test(f));
  names.sort((a, b) => (a.startsWith("jobmanager") ? 1 : 0) - (b.startsWith("jobmanager") ? 1 : 0) || a.localeCompare(b, undefined, { numeric: true }));
  const out: ClusterProcess[] = [];
  for (const f of names) {
    const pid = readPid(join(dir, f));
    if (pid !== undefined) out.push({ name: f.replace(/\.pid$/, ""), pid, pidFile: join(dir, f) });
  }
  return out;
}

function runningProcesses(dir: string): ClusterProcess[] {
  return clusterProcesses(dir).filter((p) => isAlive(p.pid) && looksLikeSluice(p.pid));
}

export async function stopCluster(dir: string, report: (line: string) => void, timeoutMs = 15_000): Promise<number> {
  const processes = clusterProcesses(dir);
  let stopped = 0;
  // TaskManagers first, so that the JobManager is still there to see their tasks end.
  const groups = [processes.filter((p) => p.name !== "jobmanager"), processes.filter((p) => p.name === "jobmanager")];
  for (const group of groups) {
    const live = group.filter((p) => {
      const alive = isAlive(p.pid) && looksLikeSluice(p.pid);
      if (!alive) {
        report(`${p.name}: no process ${p.pid} (stale pid file removed)`);
        rmSync(p.pidFile, { force: true });
      }
      return alive;
    });
    for (const p of live) process.kill(p.pid, "SIGTERM");
    await Promise.all(
      live.map(async (p) => {
        const deadline = Date.now() + timeoutMs;
        while (isAlive(p.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        if (isAlive(p.pid)) {
          report(`${p.name} (pid ${p.pid}) did not stop within ${timeoutMs} ms; killing it`);
          process.kill(p.pid, "SIGKILL");
        } else {
          report(`Stopped ${p.name} (pid ${p.pid})`);
        }
        rmSync(p.pidFile, { force: true });
        stopped++;
      }),
    );
  }
  return stopped;
}

/** Guards against a recycled pid: on Linux, only signal processes that run sluice. */
function looksLikeSluice(pid: number): boolean {
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync("/proc/self/cmdline")) return true;
  try {
    return readFileSync(cmdline, "utf8").includes("sluice");
  } catch {
    return false;
  }
}

interface Spawned {
  pid: number;
  /** Set from the child's exit event: a dead child of ours is a zombie that kill(pid, 0) still finds. */
  exitCode: number | null | undefined;
}

function spawnDetached(dir: string, name: string, args: string[]): Spawned {
  const out = openSync(join(dir, `${name}.out`), "a");
  const err = openSync(join(dir, `${name}.log`), "a");
  try {
    const child = spawn(process.execPath, [SLUICE_BIN, ...args, "--pid-file", join(dir, `${name}.pid`)], {
      detached: true,
      stdio: ["ignore", out, err],
    });
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${name}`);
    const spawned: Spawned = { pid: child.pid, exitCode: undefined };
    child.on("exit", (code) => (spawned.exitCode = code));
    return spawned;
  } finally {
    closeSync(out);
    closeSync(err);
  }
}

/** Waits until the process writes a line matching `pattern` to its .out file (after its start offset). */
async function waitForLine(dir: string, name: string, child: Spawned, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  const { pid } = child;
  const outFile = join(dir, `${name}.out`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = existsSync(outFile) ? readFileSync(outFile, "utf8") : "";
    // The files are appended to across runs: only lines this run wrote count; the processes start
    // their readiness lines with their pid.
    const marker = text.indexOf(`[pid ${pid}] `);
    const match = marker >= 0 ? pattern.exec(text.slice(marker)) : null;
    if (match) return match;
    if (child.exitCode !== undefined) throw new Error(`${name} exited during start-up:\n${tail(join(dir, `${name}.log`))}`);
    if (Date.now() > deadline) throw new Error(`${name} (pid ${pid}) did not become ready within ${timeoutMs} ms:\n${tail(join(dir, `${name}.log`))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
