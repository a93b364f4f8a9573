/**
 * Starts a private, throwaway PostgreSQL server for end-to-end tests (docs/architecture.md, "Testing": the test
 * setup installs and starts what it needs). Each call gets its own data directory, TCP port and unix
 * socket directory, so parallel test files never share a server.
 *
 * The server runs with max_prepared_transactions=64 because the two-phase-commit sink needs
 * PREPARE TRANSACTION, which PostgreSQL disables by default; `logicalReplication` adds wal_level=logical
 * for the CDC source.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { freePort } from "./free-port.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";

export interface PostgresServer {
  readonly host: "127.0.0.1";
  readonly port: number;
  /** Points at the test database (`sluice`) as the superuser `postgres`, no password (trust auth). */
  readonly connectionString: string;
  readonly database: string;
  readonly dataDir: string;
  /** Fast shutdown (if running), then deletes the data directory. Safe to call twice. */
  stop(): Promise<void>;
  /** SIGKILLs the postmaster, as a machine crash would; the data directory stays for `restart()`. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and data directory (crash recovery runs here). */
  restart(): Promise<void>;
}

export interface StartPostgresOptions {
  database?: string;
  maxPreparedTransactions?: number;
  /** wal_level=logical with replication slots and senders, for the CDC source. */
  logicalReplication?: boolean;
  /** Bound on every step (install excluded): initdb, start, first connection. Default 60 s. */
  timeoutMs?: number;
}

const INSTALL_TIMEOUT_MS = 10 * 60_000;

export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const database = options.database ?? "sluice";
  const timeoutMs = options.timeoutMs ?? 60_000;
  const bin = findOrInstallPostgresBin();
  const asRoot = process.getuid?.() === 0;
  // initdb and postgres refuse to run as root; as root we hand everything to the postgres user.
  const owner = asRoot ? postgresUser() : undefined;
  const run = (tool: string, args: string[], timeout = timeoutMs): void => {
    const [cmd, argv] = owner ? ["runuser", ["-u", "postgres", "--", join(bin, tool), ...args]] : [join(bin, tool), args];
    const r = spawnSync(cmd, argv, { encoding: "utf8", timeout });
    if (r.status !== 0) {
      throw new Error(`${tool} ${args.join(" ")} failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}\n${r.stderr}`);
    }
  };

  const root = mkdtempSync(join(tmpdir(), "sluice-pg-"));
  const dataDir = join(root, "data");
  const socketDir = root;
  const logFile = join(root, "server.log");
  if (owner) chownSync(root, owner.uid, owner.gid);

  let postmasterPid: number | undefined;
  // If the test process dies without calling stop(), do not leave a server running on the machine.
  const onExit = (): void => {
    if (postmasterPid !== undefined) killQuietly(postmasterPid);
  };
  process.once("exit", onExit);

  const port = await freePort();
  const serverOptions = [
    `-p ${port}`,
    `-k ${socketDir}`,
    "-c listen_addresses=127.0.0.1",
    `-c max_prepared_transactions=${options.maxPreparedTransactions ?? 64}`,
    // Durability against an OS crash is not what these tests check; a postmaster SIGKILL keeps the
    // page cache, so prepared transactions still survive kill() + restart().
    ...(options.logicalReplication ? ["-c wal_level=logical", "-c max_replication_slots=16", "-c max_wal_senders=16"] : []),
    "-c fsync=off",
    "-c full_page_writes=off",
  ].join(" ");

  const start = async (): Promise<void> => {
    const seconds = String(Math.ceil(timeoutMs / 1000));
    run("pg_ctl", ["start", "-w", "-t", seconds, "-D", dataDir, "-l", logFile, "-o", serverOptions], timeoutMs + 5_000);
    postmasterPid = readPostmasterPid(dataDir);
    await waitUntilAccepting(port, "postgres", timeoutMs);
  };

  try {
    run("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-instructions"]);
    await start();
    const admin = new Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres" });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    } finally {
      await admin.end();
    }
  } catch (err) {
    if (postmasterPid !== undefined) killQuietly(postmasterPid);
    process.removeListener("exit", onExit);
    const log = readLogTail(logFile);
    rmSync(root, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL (log: ${log})`, { cause: err });
  }

  let stopped = false;
  return {
    host: "127.0.0.1",
    port,
    database,
    dataDir,
    connectionString: `postgresql://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (postmasterPid !== undefined && isAlive(postmasterPid)) {
        try {
          run("pg_ctl", ["stop", "-w", "-t", "30", "-m", "fast", "-D", dataDir], 35_000);
        } catch {
          killQuietly(postmasterPid);
        }
      }
      postmasterPid = undefined;
      process.removeListener("exit", onExit);
      rmSync(root, { recursive: true, force: true });
    },
    async kill() {
      if (postmasterPid === undefined) return;
      const pid = postmasterPid;
      // A machine crash takes the backends down with the postmaster, so kill them all at once.
      const processes = [pid, ...childPids(pid)];
      for (const p of processes) killQuietly(p);
      await waitFor(() => processes.every((p) => !isAlive(p)), timeoutMs, "PostgreSQL processes to die after SIGKILL");
      // In a container whose init never reaps orphans the dead postmaster stays a zombie, and the
      // next postmaster would take the zombie's pid in the lock file for a live server. Everything
      // that could use the data directory is dead now, so the stale lock files can go.
      rmSync(join(dataDir, "postmaster.pid"), { force: true });
      rmSync(join(socketDir, `.s.PGSQL.${port}.lock`), { force: true });
      rmSync(join(socketDir, `.s.PGSQL.${port}`), { force: true });
      postmasterPid = undefined;
    },
    async restart() {
      if (postmasterPid !== undefined && isAlive(postmasterPid)) throw new Error("PostgreSQL is still running");
      await start();
    },
  };
}

/** The newest installed major version's bin directory; installs Debian's package when none is. */
function findOrInstallPostgresBin(): string {
  const found = findPostgresBin();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error("PostgreSQL is not installed and installing it needs root: apt-get install -y postgresql");
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update"], { stdio: "ignore", timeout: INSTALL_TIMEOUT_MS, env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "postgresql"], {
    stdio: "ignore",
    timeout: INSTALL_TIMEOUT_MS,
    env,
  });
  const installed = findPostgresBin();
  if (!installed) throw new Error("apt-get install postgresql finished but no initdb was found under /usr/lib/postgresql");
  return installed;
}

function findPostgresBin(): string | undefined {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(base, versions[0]!, "bin") : undefined;
}

function postgresUser(): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}


async function waitUntilAccepting(port: number, database: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const client = new Client({ host: "127.0.0.1", port, user: "postgres", database, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      return;
    } catch (err) {
      lastError = err;
      await client.end().catch(() => undefined);
      await sleep(100);
    }
  }
  throw new Error(`PostgreSQL on port ${port} did not accept connections within ${timeoutMs} ms`, { cause: lastError });
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

function readPostmasterPid(dataDir: string): number {
  // The first line of postmaster.pid; readable here because we are root or the server's owner.
  const pid = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`bad postmaster.pid in ${dataDir}`);
  return pid;
}

/** Direct children of `pid` (the postmaster's backends and auxiliary processes), from /proc. */
function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may itself contain spaces or parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return children;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A killed process whose new parent (init in a container) never reaps it stays a zombie: dead.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

function readLogTail(logFile: string): string {
  try {
    return readFileSync(logFile, "utf8").split("\n").slice(-20).join("\n");
  } catch {
    return "(no log)";
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
