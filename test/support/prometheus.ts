/**
 * A private Prometheus server for tests: Debian's `prometheus` package (installed with apt-get
 * when missing, as scripts/install-test-deps.sh does), on a free loopback port with a generated
 * configuration, a short scrape interval and a temporary TSDB. Its targets come from a file
 * (file_sd_configs) that setTargets() rewrites, so processes can come and go during a test. The
 * server is a child of the test process and is killed by stop() (or when that process exits).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";
import { waitFor } from "./wait.js";

const PROMETHEUS_BIN = "/usr/bin/prometheus";

export interface PrometheusTarget {
  /** host:port of a /metrics endpoint. */
  hostPort: string;
  /** Becomes the `process` label (jobmanager, tm-1, …). */
  process: string;
}

export interface PrometheusSample {
  metric: Record<string, string>;
  value: number;
}

export interface PrometheusServer {
  readonly url: string;
  /** Replaces the scraped targets (Prometheus rereads the file within a second or so). */
  setTargets(targets: PrometheusTarget[]): void;
  /** An instant query through the HTTP API (/api/v1/query). */
  query(expr: string): Promise<PrometheusSample[]>;
  /** The state of every active target (/api/v1/targets). */
  targets(): Promise<{ process: string; health: string; lastError: string }[]>;
  stop(): Promise<void>;
}

function ensurePrometheusInstalled(): void {
  if (existsSync(PROMETHEUS_BIN)) return;
  const sudo = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
  const run = (args: string[]): void => {
    const [command, ...rest] = [...sudo, ...args];
    execFileSync(command!, rest, { stdio: "inherit", timeout: 600_000, env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  };
  try {
    run(["apt-get", "install", "-y", "--no-install-recommends", "prometheus"]);
  } catch {
    run(["apt-get", "update"]);
    run(["apt-get", "install", "-y", "--no-install-recommends", "prometheus"]);
  }
  if (!existsSync(PROMETHEUS_BIN)) throw new Error(`apt-get installed prometheus but ${PROMETHEUS_BIN} is missing`);
}

export async function startPrometheus(targets: PrometheusTarget[], options: { scrapeIntervalMs?: number } = {}): Promise<PrometheusServer> {
  ensurePrometheusInstalled();
  const dir = mkdtempSync(join(tmpdir(), "sluice-prometheus-"));
  const targetsFile = join(dir, "targets.json");
  const writeTargets = (list: PrometheusTarget[]): void => {
    // Written aside and renamed, so Prometheus never reads half a file.
    writeFileSync(`${targetsFile}.tmp`, JSON.stringify(list.map((t) => ({ targets: [t.hostPort], labels: { process: t.process } }))));
    renameSync(`${targetsFile}.tmp`, targetsFile);
  };
  writeTargets(targets);
  const interval = `${options.scrapeIntervalMs ?? 500}ms`;
  const configFile = join(dir, "prometheus.yml");
  writeFileSync(
    configFile,
    [
      "global:",
      `  scrape_interval: ${interval}`,
      `  scrape_timeout: ${interval}`,
      "scrape_configs:",
      "  - job_name: sluice",
      "    file_sd_configs:",
      `      - files: ["${targetsFile}"]`,
      "        refresh_interval: 1s",
      "",
    ].join("\n"),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [`--config.file=${configFile}`, `--web.listen-address=127.0.0.1:${port}`, `--storage.tsdb.path=${join(dir, "data")}`, "--log.level=warn"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-8000)));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on("exit", () => ((exited = true), resolve())));
  const killOnExit = (): void => void child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const stop = async (): Promise<void> => {
    process.off("exit", killOnExit);
    if (!exited) child.kill("SIGKILL");
    await exit;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => {
      if (exited) throw new Error(`prometheus exited at start:\n${stderr}`);
      return (await fetch(`${url}/-/ready`).catch(() => undefined))?.status === 200;
    }, "Prometheus to be ready", 30_000, 100);
  } catch (e) {
    await stop();
    throw e;
  }
  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${url}${path}`);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== "success") throw new Error(`Prometheus ${path}: ${body.error ?? res.status}`);
    return body.data;
  };
  return {
    url,
    setTargets: writeTargets,
    async query(expr) {
      const data = await api<{ result: { metric: Record<string, string>; value: [number, string] }[] }>(`/api/v1/query?query=${encodeURIComponent(expr)}`);
      return data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
    },
    async targets() {
      const data = await api<{ activeTargets: { labels: Record<string, string>; health: string; lastError: string }[] }>("/api/v1/targets");
      return data.activeTargets.map((t) => ({ process: t.labels.process ?? "", health: t.health, lastError: t.lastError }));
    },
    stop,
  };
}
