/**
 * podman for the container tests: installed with apt-get when missing, every call pointed at
 * docker/podman/containers.conf (runc, ulimits this machine allows) and bounded in time; every
 * container and network a test process creates carries its pid in a label and is removed when the
 * process ends, and those of dead test processes are removed before new ones are made.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../support/paths.js";

export const CONTAINERS_CONF = join(REPO_ROOT, "docker", "podman", "containers.conf");
const PODMAN_ENV = { ...process.env, CONTAINERS_CONF };
/** The label that ties a container or network to the test process that made it. */
export const OWNER_LABEL = "sluice-test-pid";
const PACKAGES = ["podman", "runc", "mmdebstrap", "netavark", "aardvark-dns", "iptables", "uidmap", "fuse-overlayfs", "slirp4netns"];

export class PodmanError extends Error {
  constructor(
    readonly args: string[],
    readonly exitCode: number | string,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`podman ${args.join(" ")} failed (${exitCode}): ${stderr.trim() || stdout.trim()}`);
  }
}

/** podman, resolving with its exit code and both outputs. */
export function podmanResult(args: string[], timeoutMs = 120_000): Promise<{ code: number | string; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("podman", args, { env: PODMAN_ENV, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? ((error as NodeJS.ErrnoException & { code?: number | string }).code ?? error.signal ?? -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs podman; resolves with its stdout, rejects with a PodmanError (exit code and both outputs). */
export async function podman(args: string[], timeoutMs?: number): Promise<string> {
  const r = await podmanResult(args, timeoutMs);
  if (r.code !== 0) throw new PodmanError(args, r.code, r.stdout, r.stderr);
  return r.stdout;
}

/** The environment the build script and other podman users run with. */
export function podmanEnv(): NodeJS.ProcessEnv {
  return PODMAN_ENV;
}

/** Installs podman and its companions with apt-get (root, Debian) when podman or runc is missing. */
export function ensurePodman(): void {
  const missing = ["/usr/bin/podman", "/usr/sbin/runc", "/usr/bin/mmdebstrap", "/usr/lib/podman/netavark"].some((f) => !existsSync(f));
  if (!missing) return;
  process.stderr.write(`installing ${PACKAGES.join(" ")} for the container tests\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { env, stdio: ["ignore", "ignore", "inherit"], timeout: 300_000 });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...PACKAGES], { env, stdio: ["ignore", "ignore", "inherit"], timeout: 600_000 });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the containers and networks of test processes that no longer run (a crashed run's leftovers). */
export async function removeOrphans(): Promise<void> {
  const listed = await podman(["ps", "-a", "--filter", `label=${OWNER_LABEL}`, "--format", `{{.ID}} {{index .Labels "${OWNER_LABEL}"}}`]);
  const dead = listed.split("\n").map((l) => l.trim().split(" ")).filter(([id, pid]) => id && pid && !isAlive(Number(pid))).map(([id]) => id!);
  if (dead.length > 0) await podman(["rm", "-f", "-t", "0", ...dead]);
  // JSON: `podman network ls` renders .Labels as a string, which a Go template cannot index.
  const networks = JSON.parse(await podman(["network", "ls", "--filter", `label=${OWNER_LABEL}`, "--format", "json"])) as { name: string; labels?: Record<string, string> }[];
  for (const { name, labels } of networks) {
    const pid = labels?.[OWNER_LABEL];
    if (pid && !isAlive(Number(pid))) await podmanResult(["network", "rm", "-f", name]);
  }
}

const owned = { containers: new Set<string>(), networks: new Set<string>() };

/** Labels for a container or network this process owns; remember it for removal. */
export function ownedBy(kind: "containers" | "networks", name: string): string[] {
  owned[kind].add(name);
  return ["--label", `${OWNER_LABEL}=${process.pid}`];
}

/** Removes every container and network this process made (call in `after`). */
export async function removeOwned(): Promise<void> {
  const containers = [...owned.containers];
  owned.containers.clear();
  if (containers.length > 0) await podmanResult(["rm", "-f", "-t", "0", ...containers], 60_000);
  for (const network of owned.networks) await podmanResult(["network", "rm", "-f", network], 60_000);
  owned.networks.clear();
}

// Whatever ends the test process, its containers go with it.
process.on("exit", () => {
  if (owned.containers.size === 0 && owned.networks.size === 0) return;
  try {
    execFileSync("podman", ["rm", "-f", "-t", "0", ...owned.containers], { env: PODMAN_ENV, stdio: "ignore", timeout: 60_000 });
    for (const network of owned.networks) execFileSync("podman", ["network", "rm", "-f", network], { env: PODMAN_ENV, stdio: "ignore", timeout: 30_000 });
  } catch {
    // the next run's removeOrphans() takes care of it
  }
});
