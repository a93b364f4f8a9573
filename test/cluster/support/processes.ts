/**
 * Real cluster processes for the end-to-end tests: `node bin/sluice.js jobmanager|taskmanager`
 * on free loopback ports, with their output captured. Every process started here is killed by
 * killAll() (call it in `after`), and every wait is bounded.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SLUICE_BIN } from "../../support/paths.js";
import { waitFor } from "../../support/wait.js";

export interface SluiceProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** What it wrote so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) once it has exited. */
  readonly exited: Promise<number | string>;
  hasExited(): boolean;
  /** Waits until stdout or stderr matches; fails with both outputs when it exits first or time runs out. */
  waitForOutput(pattern: RegExp, what: string, timeoutMs?: number): Promise<RegExpExecArray>;
  signal(signal: NodeJS.Signals): void;
}

const running = new Set<SluiceProcess>();

/**
 * The CLI compiled in the same tree as this file: dist/ (what bin/sluice.js loads) or a private
 * `tsc --outDir` build, so a test never runs against a dist/ someone else is rebuilding. From
 * source (tsx) there is no compiled sibling and bin/sluice.js is used.
 */
const SLUICE_CLI = ((): string => {
  const sibling = fileURLToPath(new URL("../../../src/cli/main.js", import.meta.url));
  return import.meta.url.endsWith(".js") && existsSync(sibling) ? sibling : SLUICE_BIN;
})();

/** Fast failure detection and metrics for tests; a loaded 2-core machine still answers in time. */
export const TEST_CONFIG: Record<string, string> = {
  "heartbeat.interval": "500",
  "heartbeat.timeout": "4000",
  "metrics.report-interval": "200",
  "metrics.fetcher.update-interval": "200",
};

export function sluice(args: string[], env: NodeJS.ProcessEnv = {}): SluiceProcess {
  const p = watchProcess(spawn(process.execPath, [SLUICE_CLI, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } }));
  running.add(p);
  void p.exited.then(() => running.delete(p));
  return p;
}

/** Collects a child's output and exit, and lets a test wait for a line of it (bounded). */
export function watchProcess(child: ChildProcess): SluiceProcess {
  let out = "";
  let err = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
  let exitedWith: number | string | undefined;
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => {
      exitedWith = code ?? signal ?? -1;
      resolve(exitedWith);
    }),
  );
  return {
    child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    hasExited: () => exitedWith !== undefined,
    async waitForOutput(pattern, what, timeoutMs = 20_000) {
      let match: RegExpExecArray | null = null;
      try {
        await waitFor(() => {
          match = pattern.exec(out) ?? pattern.exec(err);
          if (!match && exitedWith !== undefined) throw new Error(`process exited (${exitedWith}) before ${what}`);
          return match !== null;
        }, what, timeoutMs);
      } catch (e) {
        throw new Error(`${(e as Error).message}\n--- stdout:\n${out}\n--- stderr:\n${err.slice(-4000)}`);
      }
      return match!;
    },
    signal(signal) {
      if (exitedWith === undefined) child.kill(signal);
    },
  };
}

function configArgs(config: Record<string, string>): string[] {
  return Object.entries(config).flatMap(([k, v]) => ["-D", `${k}=${v}`]);
}

export interface JobManagerProcess extends SluiceProcess {
  rpcAddress: string;
  /** host:port, what `taskmanager --jobmanager` takes. */
  rpcHostPort: string;
  restUrl: string;
}

export async function startJobManager(config: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}, extraArgs: string[] = []): Promise<JobManagerProcess> {
  const p = sluice(["jobmanager", ...configArgs({ ...TEST_CONFIG, "jobmanager.rpc.port": "0", "rest.port": "0", ...config }), ...extraArgs], env);
  const [, rpcAddress, restUrl] = await p.waitForOutput(/JobManager ready: RPC (\S+), REST (\S+)/, "the JobManager to be ready");
  return Object.assign(p, { rpcAddress: rpcAddress!, rpcHostPort: rpcAddress!.replace(/^tcp:\/\//, ""), restUrl: restUrl! });
}

export interface TaskManagerProcess extends SluiceProcess {
  id: string;
  dataAddress: string;
}

/** Starts a TaskManager and waits until it is registered (unless `waitForRegistration` is false). */
export async function startTaskManager(
  jobManager: string,
  options: { slots?: number; config?: Record<string, string>; env?: NodeJS.ProcessEnv; waitForRegistration?: boolean; extraArgs?: string[] } = {},
): Promise<TaskManagerProcess> {
  const p = sluice(
    ["taskmanager", "--jobmanager", jobManager, "--slots", String(options.slots ?? 2), ...configArgs({ ...TEST_CONFIG, ...options.config }), ...(options.extraArgs ?? [])],
    options.env,
  );
  const [, id, dataAddress] = await p.waitForOutput(/TaskManager (\S+) ready: RPC \S+, data (\S+)/, "the TaskManager's endpoints");
  if (options.waitForRegistration !== false) await p.waitForOutput(/TaskManager \S+ registered at/, "the TaskManager to register");
  return Object.assign(p, { id: id!, dataAddress: dataAddress! });
}

/** SIGKILLs every process still running (tests' `after`). */
export async function killAll(): Promise<void> {
  const all = [...running];
  for (const p of all) {
    // A stopped process must be continued to die promptly on some systems.
    p.signal("SIGCONT");
    p.signal("SIGKILL");
  }
  await Promise.all(all.map((p) => p.exited));
}

export async function getJson<T>(base: string, path: string): Promise<T> {
  const res = await fetch(new URL(path, base));
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface Overview {
  taskmanagers: number;
  "slots-total": number;
  "slots-available": number;
}

export async function taskManagerIds(base: string): Promise<string[]> {
  return (await getJson<{ taskmanagers: { id: string }[] }>(base, "/taskmanagers")).taskmanagers.map((t) => t.id).sort();
}
