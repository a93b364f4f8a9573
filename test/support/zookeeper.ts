/**
 * A private ZooKeeper server for tests: Debian's ZooKeeper 3.8 on a free loopback port.
 *
 * Installs the `zookeeper` package with apt-get when it is missing, so that tests also run on a
 * fresh CI machine. The server runs as a child of the test process and is killed when that process
 * exits, whatever the outcome of the tests.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { freePort } from "./free-port.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as zookeeper from "node-zookeeper-client";
import { closeLibraryClient } from "../../src/cluster/ha/zookeeper/zookeeper-client.js";

const ZOOKEEPER_JAR = "/usr/share/java/zookeeper.jar";
const CONF_DIR = "/etc/zookeeper/conf";
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface StartZooKeeperOptions {
  /** Kept across restart(); a fresh temporary directory (deleted by stop()) when not given. */
  dataDir?: string;
  /** ZooKeeper's tick; sessions may last 2 to 20 ticks. 500 ms allows session timeouts of 1 to 10 s. */
  tickTimeMs?: number;
  /** The address it listens on; default 127.0.0.1 (containers reach a host's server through their network's gateway). */
  clientPortAddress?: string;
}

export interface ZooKeeperServer {
  readonly connectString: string;
  readonly port: number;
  readonly dataDir: string;
  /** The JVM's pid, while running. */
  readonly pid: number | undefined;
  /** Stops the server. Deletes a temporary data directory unless `keepData` (for a later restart()). */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /**
   * Sends a signal to the JVM: SIGSTOP/SIGCONT to freeze and thaw it, SIGKILL to crash it. Returns
   * after a SIGSTOP has taken effect (the kernel stops the threads shortly after the call).
   */
  kill(signal: NodeJS.Signals): void;
  /** Stops the server if running and starts it again on the same port with the same data. */
  restart(): Promise<void>;
}

export async function startZooKeeper(options: StartZooKeeperOptions = {}): Promise<ZooKeeperServer> {
  ensureZooKeeperInstalled();
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "sluice-zk-"));
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const configFile = join(dataDir, "zoo.cfg");
  writeFileSync(
    configFile,
    [
      `tickTime=${options.tickTimeMs ?? 500}`,
      `dataDir=${dataDir}`,
      `clientPort=${port}`,
      `clientPortAddress=${options.clientPortAddress ?? "127.0.0.1"}`,
      "admin.enableServer=false",
      // Tests restart the server a lot: no fsync per write (the OS still has the data after a crash
      // of the JVM alone, which is the failure tests simulate).
      "forceSync=no",
      "",
    ].join("\n"),
  );

  let child: ChildProcess | undefined;
  let output = "";

  const launch = async (): Promise<void> => {
    output = "";
    const jvm = spawn(
      "java",
      [
        "-Xmx256m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-cp",
        `${CONF_DIR}:${ZOOKEEPER_JAR}`,
        "org.apache.zookeeper.server.ZooKeeperServerMain",
        configFile,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString("utf8")).slice(-8000);
    };
    jvm.stdout?.on("data", keep);
    jvm.stderr?.on("data", keep);
    child = jvm;
    liveServers.add(jvm);
    jvm.once("exit", () => liveServers.delete(jvm));
    await waitUntilServing(port, jvm, () => output);
  };

  const stopProcess = async (): Promise<void> => {
    const jvm = child;
    child = undefined;
    if (!jvm || jvm.exitCode !== null || jvm.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => jvm.once("exit", () => resolve()));
    jvm.kill("SIGTERM");
    jvm.kill("SIGCONT"); // a frozen JVM acts on SIGTERM only once thawed
    const timer = setTimeout(() => jvm.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  await launch();

  return {
    connectString: `127.0.0.1:${port}`,
    port,
    dataDir,
    get pid() {
      return child?.pid;
    },
    async stop(stopOptions = {}) {
      await stopProcess();
      if (ownsDataDir && !stopOptions.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
    kill(signal) {
      const jvm = child;
      if (!jvm?.pid) return;
      jvm.kill(signal);
      if (signal === "SIGSTOP") waitUntilStopped(jvm.pid);
    },
    async restart() {
      await stopProcess();
      await launch();
    },
  };
}

/**
 * Ends a client's session from the server side, as if it had expired: a second client takes over
 * the session with its credentials and closes it. The original client then learns on its next
 * contact that the session is gone.
 */
export async function expireSession(
  connectString: string,
  credentials: { sessionId: Buffer; password: Buffer },
  timeoutMs = 5000,
): Promise<void> {
  const options = { sessionTimeout: 10_000, sessionId: credentials.sessionId, sessionPassword: credentials.password };
  const impostor = zookeeper.createClient(connectString, options);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("expireSession: could not connect")), timeoutMs);
      impostor.once("connected", () => {
        clearTimeout(timer);
        resolve();
      });
      impostor.once("expired", () => {
        clearTimeout(timer);
        resolve(); // already gone
      });
      impostor.connect();
    });
  } finally {
    await closeLibraryClient(impostor, 2000);
  }
}

// ---------------------------------------------------------------------------------------------

const liveServers = new Set<ChildProcess>();
process.once("exit", () => {
  for (const jvm of liveServers) jvm.kill("SIGKILL");
});

let installChecked = false;

function ensureZooKeeperInstalled(): void {
  if (installChecked || existsSync(ZOOKEEPER_JAR)) {
    installChecked = true;
    return;
  }
  const sudo = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
  const run = (args: string[]): void => {
    const [command, ...rest] = [...sudo, ...args];
    execFileSync(command!, rest, {
      stdio: "inherit",
      timeout: 600_000,
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  };
  try {
    run(["apt-get", "install", "-y", "--no-install-recommends", "zookeeper"]);
  } catch {
    run(["apt-get", "update"]);
    run(["apt-get", "install", "-y", "--no-install-recommends", "zookeeper"]);
  }
  if (!existsSync(ZOOKEEPER_JAR)) throw new Error(`apt-get installed zookeeper but ${ZOOKEEPER_JAR} is missing`);
  installChecked = true;
}

/** Spins (at most a second) until /proc shows the process stopped; tests need the freeze in effect. */
function waitUntilStopped(pid: number): void {
  const statFile = `/proc/${pid}/stat`;
  if (!existsSync(statFile)) return;
  const deadline = Date.now() + 1000;
  while (Date.now() < deadline) {
    try {
      // The state follows the parenthesized command name: "pid (java) T ...".
      const stat = readFileSync(statFile, "utf8");
      if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("T")) return;
    } catch {
      return; // gone
    }
  }
}


/** Polls with real client connections (four-letter words like ruok are disabled by default). */
async function waitUntilServing(port: number, jvm: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (jvm.exitCode !== null || jvm.signalCode !== null) {
      throw new Error(`ZooKeeper exited during startup (${jvm.exitCode ?? jvm.signalCode}):\n${output()}`);
    }
    if (await canConnect(port, Math.min(1000, deadline - Date.now()))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  jvm.kill("SIGKILL");
  throw new Error(`ZooKeeper did not answer on port ${port} within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

function canConnect(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const client = zookeeper.createClient(`127.0.0.1:${port}`, { sessionTimeout: 2000, spinDelay: 100 });
    const finish = (ok: boolean): void => {
      clearTimeout(timer);
      void closeLibraryClient(client, 1000).then(() => resolve(ok));
    };
    const timer = setTimeout(() => finish(false), Math.max(1, timeoutMs));
    client.once("connected", () => finish(true));
    client.connect();
  });
}
