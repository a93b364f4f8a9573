/**
 * Starts a private, throwaway redis-server for connector tests (docs/architecture.md, "Testing"): its own
 * directory and loopback port, `--appendonly yes` so that kill() + restart() behaves like a crash of the
 * server process and AOF recovery (docs/connectors.md, "Redis Streams"). Installs Debian's redis-server
 * when it is missing, as test/support/postgres.ts does for PostgreSQL.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { freePort } from "./free-port.js";

export interface RedisServer {
  readonly host: "127.0.0.1";
  readonly port: number;
  /** `redis://[:password@]127.0.0.1:port` */
  readonly url: string;
  readonly password: string | undefined;
  readonly dir: string;
  /** A new client connected to the server (the caller quits it). */
  client(): Redis;
  /** SIGKILLs the server (a process crash); its AOF stays for restart(). */
  kill(): Promise<void>;
  /** Starts the server again on the same port and directory; it replays its AOF. */
  restart(): Promise<void>;
  /** Kills the server (if running) and deletes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartRedisOptions {
  /** `requirepass`: clients must authenticate. */
  password?: string;
  /** appendfsync policy (default everysec, Redis's default). */
  appendfsync?: "always" | "everysec" | "no";
  /** Bound on starting and the first PING. Default 30 s. */
  timeoutMs?: number;
}

const INSTALL_TIMEOUT_MS = 10 * 60_000;

export async function startRedis(options: StartRedisOptions = {}): Promise<RedisServer> {
  const binary = findOrInstallRedisServer();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const dir = mkdtempSync(join(tmpdir(), "sluice-redis-"));
  const port = await freePort();
  const logFile = join(dir, "redis.log");
  const args = [
    "--port", String(port),
    "--bind", "127.0.0.1",
    "--dir", dir,
    "--appendonly", "yes",
    "--appendfsync", options.appendfsync ?? "everysec",
    "--save", "",
    "--daemonize", "no",
    "--logfile", logFile,
    ...(options.password ? ["--requirepass", options.password] : []),
  ];
  let child: ChildProcess | undefined;
  const onExit = (): void => {
    child?.kill("SIGKILL");
  };
  process.once("exit", onExit);

  const start = async (): Promise<void> => {
    const started = spawn(binary, args, { stdio: "ignore" });
    child = started;
    const exited = new Promise<never>((_, reject) =>
      started.once("exit", (code, signal) => reject(new Error(`redis-server exited at start (${signal ?? code}): ${logTail(logFile)}`))),
    );
    exited.catch(() => undefined);
    await Promise.race([waitUntilPing(port, options.password, timeoutMs), exited]);
  };

  try {
    await start();
  } catch (err) {
    child?.kill("SIGKILL");
    process.removeListener("exit", onExit);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  const kill = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => running.once("exit", () => resolve()));
    running.kill("SIGKILL");
    await gone;
  };
  let stopped = false;
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : "";
  return {
    host: "127.0.0.1",
    port,
    url: `redis://${auth}127.0.0.1:${port}`,
    password: options.password,
    dir,
    client: () => new Redis({ host: "127.0.0.1", port, password: options.password, maxRetriesPerRequest: 3 }),
    kill,
    async restart() {
      if (child) throw new Error("redis-server is still running");
      await start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await kill();
      process.removeListener("exit", onExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function findOrInstallRedisServer(): string {
  const found = which("redis-server");
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error("redis-server is not installed and installing it needs root: apt-get install -y redis-server");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update"], { stdio: "ignore", timeout: INSTALL_TIMEOUT_MS, env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "redis-server"], { stdio: "ignore", timeout: INSTALL_TIMEOUT_MS, env });
  const installed = which("redis-server");
  if (!installed) throw new Error("apt-get install redis-server finished but no redis-server is on the PATH");
  return installed;
}

function which(command: string): string | undefined {
  const r = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  const path = r.stdout.trim();
  return r.status === 0 && path ? path : undefined;
}

async function waitUntilPing(port: number, password: string | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const client = new Redis({ host: "127.0.0.1", port, password, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on("error", () => undefined);
    try {
      await client.connect();
      // While it replays its AOF, Redis answers LOADING; PING succeeds only once it serves data.
      await client.ping();
      client.disconnect();
      return;
    } catch (err) {
      lastError = err;
      client.disconnect();
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMs} ms`, { cause: lastError });
}

function logTail(logFile: string): string {
  try {
    return readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n");
  } catch {
    return "(no log)";
  }
}
