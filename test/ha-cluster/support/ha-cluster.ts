/**
 * An HA cluster of real processes for the end-to-end tests: a private ZooKeeper, JobManager and
 * TaskManager processes started with `-D high-availability.type=zookeeper …`, and the test's own
 * ZooKeeper session to see who leads and which nodes a job has. Every wait is bounded.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { ZooKeeperHighAvailabilityServices } from "../../../src/cluster/ha/zookeeper/zookeeper-ha-services.js";
import { LeaderComponents } from "../../../src/cluster/ha/interface.js";
import { LeaderTracker } from "../../../src/cluster/leadership/leader-tracker.js";
import { prepareJob } from "../../../src/client/job-runner.js";
import { RestClusterClient } from "../../../src/client/rest-cluster-client.js";
import type { JobResult } from "../../../src/cluster/messages.js";
import { startZooKeeper, type ZooKeeperServer } from "../../support/zookeeper.js";
import { waitFor } from "../../support/wait.js";
import { killAll, startJobManager, startTaskManager, type JobManagerProcess, type TaskManagerProcess } from "../../cluster/support/processes.js";

/** Short enough for quick failovers in tests; ZooKeeper (tick 500 ms) accepts 1 to 10 s. */
export const SESSION_TIMEOUT_MS = 2000;

export class HaCluster {
  readonly jobManagers: JobManagerProcess[] = [];
  readonly taskManagers: TaskManagerProcess[] = [];

  private constructor(
    readonly zk: ZooKeeperServer,
    readonly dir: string,
    readonly config: Record<string, string>,
    /** The test's own session: reads what the cluster keeps in ZooKeeper. */
    readonly observer: ZooKeeperHighAvailabilityServices,
    readonly restLeader: LeaderTracker,
    readonly dispatcherLeader: LeaderTracker,
  ) {}

  static async start(extraConfig: Record<string, string> = {}): Promise<HaCluster> {
    const zk = await startZooKeeper();
    const dir = mkdtempSync(join(tmpdir(), "sluice-ha-cluster-"));
    const config: Record<string, string> = {
      "high-availability.type": "zookeeper",
      "high-availability.zookeeper.quorum": zk.connectString,
      "high-availability.storageDir": join(dir, "ha"),
      "high-availability.cluster-id": `test-${randomUUID().slice(0, 8)}`,
      "high-availability.zookeeper.client.session-timeout": String(SESSION_TIMEOUT_MS),
      "high-availability.zookeeper.client.connection-timeout": "5000",
      "execution.checkpointing.dir": join(dir, "checkpoints"),
      ...extraConfig,
    };
    const observer = await ZooKeeperHighAvailabilityServices.create({
      quorum: zk.connectString,
      storageDir: config["high-availability.storageDir"]!,
      clusterId: config["high-availability.cluster-id"]!,
      rootPath: "/sluice",
      sessionTimeoutMs: 10_000,
      connectionTimeoutMs: 5000,
      tolerateSuspendedConnection: true,
      operationTimeoutMs: 15_000,
    });
    const restLeader = await LeaderTracker.start(LeaderComponents.REST_SERVER, observer.leaderRetrieval(LeaderComponents.REST_SERVER));
    const dispatcherLeader = await LeaderTracker.start(LeaderComponents.DISPATCHER, observer.leaderRetrieval(LeaderComponents.DISPATCHER));
    return new HaCluster(zk, dir, config, observer, restLeader, dispatcherLeader);
  }

  /**
   * The cluster most failover tests run: a leader (elected before the next one starts, so which one
   * leads is known), a standby JobManager, and TaskManagers with the given slot counts.
   */
  static async startWithStandby(extraConfig: Record<string, string> = {}, taskManagerSlots: number[] = [1, 1]): Promise<HaCluster> {
    const cluster = await HaCluster.start(extraConfig);
    await cluster.startJobManager();
    await cluster.leader();
    await cluster.startJobManager();
    await Promise.all(taskManagerSlots.map((slots) => cluster.startTaskManager(slots)));
    return cluster;
  }

  async startJobManager(): Promise<JobManagerProcess> {
    const jm = await startJobManager(this.config);
    this.jobManagers.push(jm);
    return jm;
  }

  /** With HA the TaskManager finds the leader itself; --jobmanager is only syntax here. */
  async startTaskManager(slots = 1): Promise<TaskManagerProcess> {
    const tm = await startTaskManager("127.0.0.1:1", { slots, config: this.config });
    this.taskManagers.push(tm);
    return tm;
  }

  get liveJobManagers(): JobManagerProcess[] {
    return this.jobManagers.filter((jm) => !jm.hasExited());
  }

  /** The JobManager process that leads (per the REST leader in ZooKeeper), waiting for one. */
  async leader(timeoutMs = 20_000, except?: JobManagerProcess): Promise<JobManagerProcess> {
    let found: JobManagerProcess | undefined;
    await waitFor(
      () => {
        const url = this.restLeader.leader?.address;
        found = this.liveJobManagers.find((jm) => jm.restUrl === url && jm !== except);
        return found !== undefined;
      },
      "a leading JobManager",
      timeoutMs,
      25,
    );
    return found!;
  }

  /**
   * SIGKILLs the leading JobManager, starts a replacement standby (the old standby is being elected
   * meanwhile) and waits until the next leader says it recovered `jobId`; returns that leader.
   */
  async killLeaderAndAwaitRecovery(jobId: string, what: string): Promise<JobManagerProcess> {
    const leader = await this.leader();
    leader.signal("SIGKILL");
    await leader.exited;
    const replacement = this.startJobManager();
    const next = await this.leader(30_000, leader);
    await next.waitForOutput(new RegExp(`recovered job .*\\(${jobId}\\)`), what, 30_000);
    await replacement;
    return next;
  }

  /** Submits a job file through the leader's REST endpoint. */
  async submit(file: string, args: string[]): Promise<string> {
    const { bundle, evaluated, inputs } = await prepareJob(file, { args });
    const leader = await this.leader();
    const client = new RestClusterClient({ baseUrl: leader.restUrl });
    return client.submit({ jobGraph: evaluated.jobGraph, bundleHash: bundle.hash, definition: inputs }, { hash: bundle.hash, code: bundle.code });
  }

  /** The job's result, from whichever JobManager leads while it ends (failovers in between are retried). */
  async result(jobId: string, timeoutMs = 45_000): Promise<JobResult> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) {
        const status = JSON.stringify(await this.jobStatus(jobId));
        throw new Error(`job ${jobId} did not end within ${timeoutMs} ms (last status ${status})\n${this.processLogs()}`);
      }
      try {
        const leader = await this.leader(left);
        const client = new RestClusterClient({ baseUrl: leader.restUrl, maxPollIntervalMs: 200, timeoutMs: 5000 });
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("result timed out")), left)));
        try {
          return await Promise.race([client.result(jobId), timeout]);
        } finally {
          clearTimeout(timer);
        }
      } catch (e) {
        if (Date.now() >= deadline) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  /** The job's state and checkpoint count as the leader reports them (undefined while unknown). */
  async jobStatus(jobId: string): Promise<{ state: string; running: number; completedCheckpoints: number } | undefined> {
    const url = this.restLeader.leader?.address;
    if (!url) return undefined;
    try {
      const [job, checkpoints] = await Promise.all([
        fetchJson<{ state: string; "status-counts": Record<string, number>; vertices: { parallelism: number }[] }>(url, `/jobs/${jobId}`),
        fetchJson<{ counts: { completed: number } }>(url, `/jobs/${jobId}/checkpoints`),
      ]);
      const tasks = job.vertices.reduce((n, v) => n + v.parallelism, 0);
      const running = job["status-counts"].RUNNING ?? 0;
      return { state: job.state, running: running === tasks ? running : -running, completedCheckpoints: checkpoints.counts.completed };
    } catch {
      return undefined;
    }
  }

  /** Waits until the job runs with all its tasks under the current leader and has completed a checkpoint there. */
  async waitUntilRunningWithCheckpoint(jobId: string, timeoutMs = 30_000): Promise<void> {
    await waitFor(async () => {
      const s = await this.jobStatus(jobId);
      return s !== undefined && s.state === "RUNNING" && s.running > 0 && s.completedCheckpoints >= 1;
    }, `job ${jobId} running with a completed checkpoint`, timeoutMs, 50).catch(async (e: Error) => {
      throw new Error(`${e.message}\n${await this.diagnostics(jobId)}\n${this.processLogs()}`);
    });
  }

  /** What the leader says of the job's tasks and checkpoints, for a failed wait's message. */
  private async diagnostics(jobId: string): Promise<string> {
    const url = this.restLeader.leader?.address;
    if (!url) return "no REST leader known";
    const get = (path: string): Promise<string> => fetchJson<unknown>(url, path).then((j) => JSON.stringify(j), (e: Error) => `(${e.message})`);
    const [job, checkpoints] = await Promise.all([get(`/jobs/${jobId}`), get(`/jobs/${jobId}/checkpoints`)]);
    return `--- /jobs/${jobId}: ${job}\n--- /jobs/${jobId}/checkpoints: ${checkpoints}`;
  }

  /** Every ZooKeeper node and storage-directory file that belongs to the job. */
  async haDataOf(jobId: string): Promise<{ nodes: string[]; files: string[] }> {
    const { layout, client } = this.observer;
    const nodes: string[] = [];
    const walk = async (path: string): Promise<void> => {
      if (!(await client.exists(path))) return;
      nodes.push(path);
      for (const child of (await client.getChildren(path)) ?? []) await walk(`${path}/${child}`);
    };
    for (const path of [...layout.jobDataPaths(jobId), layout.jobResultPath(jobId)]) await walk(path);
    const base = join(this.config["high-availability.storageDir"]!, this.config["high-availability.cluster-id"]!);
    const files: string[] = [];
    const list = (d: string): void => {
      if (!existsSync(d)) return;
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        const path = join(d, entry.name);
        if (entry.isDirectory()) list(path);
        else if (path.includes(jobId)) files.push(path);
      }
    };
    list(base);
    if (existsSync(join(base, "jobs", jobId))) files.push(join(base, "jobs", jobId));
    return { nodes, files };
  }

  /** The logs of every process, for failure messages. */
  processLogs(): string {
    return `${this.jobManagerLogs()}\n${this.taskManagers.map((tm) => `--- TaskManager ${tm.id}:\n${tm.stderr().slice(-6000)}`).join("\n")}`;
  }

  /** The structured logs of every JobManager started so far. */
  jobManagerLogs(): string {
    return this.jobManagers.map((jm, i) => `--- JobManager ${i} (pid ${jm.pid}):\n${jm.stderr()}`).join("\n");
  }

  async close(): Promise<void> {
    await killAll();
    await this.restLeader.close().catch(() => {});
    await this.dispatcherLeader.close().catch(() => {});
    await this.observer.close().catch(() => {});
    await this.zk.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function fetchJson<T>(base: string, path: string): Promise<T> {
  const res = await fetch(new URL(path, base), { signal: AbortSignal.timeout(3000) });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return (await res.json()) as T;
}
