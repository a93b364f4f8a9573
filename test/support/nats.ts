/**
 * A private NATS server with JetStream for tests (docs/architecture.md, "Testing"): Debian's
 * `nats-server -js` on a free loopback port with its own store directory, optionally with a user and
 * password. Installs the `nats-server` package with apt-get when it is missing (as root), so the tests
 * also run on a fresh CI machine. The server is a child of the test process and is killed when that
 * process exits, whatever the outcome of the tests.
 *
 * kill() SIGKILLs the server and keeps its store; restart() starts it again on the same port and store,
 * so a test can restart the broker under a running job. The store lives in the page cache, which a
 * process kill keeps: JetStream recovers every acknowledged message from it.
 */
import { freePort } from "./free-port.js";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const START_TIMEOUT_MS = 30_000;
const INSTALL_TIMEOUT_MS = 10 * 60_000;

export interface StartNatsOptions {
  /** Clients must log in with this user and password. */
  user?: string;
  password?: string;
  /** A fixed port (e.g. one reserved while the server was "down"); a free one when absent. */
  port?: number;
}

export interface NatsServer {
  /** `nats://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  /** The server's pid while it runs. */
  readonly pid: number | undefined;
  /** SIGKILLs the server (a crash); the store stays for restart(). */
  kill(): Promise<void>;
  /** Starts the server again on the same port and store. */
  restart(): Promise<void>;
  /** Stops the server (if running) and deletes the store. Safe to call twice. */
  stop(): Promise<void>;
  /** The server's log so far (for failure messages). */
  log(): string;
}

export async function startNats(options: StartNatsOptions = {}): Promise<NatsServer> {
  const bin = findOrInstallNatsServer();
  const root = mkdtempSync(join(tmpdir(), "sluice-nats-"));
  const storeDir = join(root, "jetstream");
  const logFile = join(root, "server.log");
  const configFile = join(root, "server.conf");
  const port = options.port ?? (await freePort());
  const auth =
    options.user !== undefined
      ? `authorization { user: ${JSON.stringify(options.user)}, password: ${JSON.stringify(options.password ?? "")} }\n`
      : "";
  writeFileSync(
    configFile,
    `listen: "127.0.0.1:${port}"\n` +
      `jetstream { store_dir: ${JSON.stringify(storeDir)}, max_memory_store: 64MB, max_file_store: 2GB }\n` +
      auth,
  );

  let child: ChildProcess | undefined;
  const onExit = (): void => {
    child?.kill("SIGKILL");
  };
  process.once("exit", onExit);

  const start = async (): Promise<void> => {
    // The log is appended to across restarts: only what this start writes counts.
    const logOffset = readLog(logFile).length;
    const proc = spawn(bin, ["-c", configFile, "-l", logFile], { stdio: "ignore" });
    child = proc;
    let exited = false;
    proc.once("exit", () => {
      exited = true;
    });
    const deadline = Date.now() + START_TIMEOUT_MS;
    // Ready when the log says JetStream is up and the port accepts connections.
    for (;;) {
      if (exited) throw new Error(`nats-server exited at start (log: ${readLog(logFile).slice(-2000)})`);
      if (readLog(logFile).slice(logOffset).includes("Server is ready") && (await accepts(port))) return;
      if (Date.now() > deadline) throw new Error(`nats-server on port ${port} not ready within ${START_TIMEOUT_MS} ms`);
      await sleep(50);
    }
  };

  const killChild = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    proc.kill(signal);
    await exited;
  };

  try {
    await start();
  } catch (err) {
    await killChild("SIGKILL");
    process.removeListener("exit", onExit);
    rmSync(root, { recursive: true, force: true });
    throw err;
  }

  let stopped = false;
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    get pid() {
      return child?.pid;
    },
    kill: () => killChild("SIGKILL"),
    async restart() {
      if (child) throw new Error("nats-server is still running");
      await start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await killChild("SIGTERM");
      process.removeListener("exit", onExit);
      rmSync(root, { recursive: true, force: true });
    },
    log: () => readLog(logFile),
  };
}


function findOrInstallNatsServer(): string {
  for (const candidate of ["/usr/sbin/nats-server", "/usr/bin/nats-server"]) if (existsSync(candidate)) return candidate;
  if (process.getuid?.() !== 0) throw new Error("nats-server is not installed and installing it needs root: apt-get install -y nats-server");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update"], { stdio: "ignore", timeout: INSTALL_TIMEOUT_MS, env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "nats-server"], { stdio: "ignore", timeout: INSTALL_TIMEOUT_MS, env });
  for (const candidate of ["/usr/sbin/nats-server", "/usr/bin/nats-server"]) if (existsSync(candidate)) return candidate;
  throw new Error("apt-get install nats-server finished but no nats-server binary was found");
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function readLog(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A port nobody listens on, for "server down" tests (a server may be started on it later). */
export { freePort };
