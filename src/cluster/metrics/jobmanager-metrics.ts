/**
 * The JobManager's metrics (docs/metrics.md, "JobManager" and "Job"): the `jobmanager` scope
 * (TaskManagers, slots, running jobs, the process) and one `jobmanager.job` group per running job
 * (uptime, restarts, checkpoints). Every gauge reads the leading components' own answers when the
 * metrics are collected — nothing is counted a second time. A standby JobManager reports its
 * process and zero for what only a leader knows.
 */
import type { MetricGroupDump } from "../../runtime/metrics/metric-dump.js";
import { MetricRegistry, type MetricGroupImpl } from "../../runtime/metrics/metric-group.js";
import { registerProcessMetrics, registerThreadMetrics } from "../../runtime/metrics/runtime-metrics.js";
import { jobManagerGroup, jobManagerJobGroup } from "../../runtime/metrics/scopes.js";
import type { Dispatcher } from "../dispatcher/dispatcher.js";
import { isGloballyTerminal } from "../messages.js";
import type { ResourceManager } from "../resourcemanager/resource-manager.js";

/** The components of the current leader term, or undefined on a standby. */
export type LeadingComponents = () => { dispatcher: Pick<Dispatcher, "listJobs" | "requestJob" | "requestCheckpointStats">; resourceManager: Pick<ResourceManager, "requestTaskManagers" | "slotCounts"> } | undefined;

export class JobManagerMetrics {
  readonly registry = new MetricRegistry();
  private readonly jobs = new Map<string, MetricGroupImpl>();
  private readonly stopThread: () => void;
  /** Answers read during one collection: a job's gauges share one JobDetails and one checkpoint snapshot. */
  private readonly memo = new Map<string, unknown>();

  constructor(
    private readonly leading: LeadingComponents,
    private readonly now: () => number = Date.now,
  ) {
    const g = jobManagerGroup(this.registry);
    g.gauge("numRegisteredTaskManagers", () => leading()?.resourceManager.requestTaskManagers().length ?? 0);
    g.gauge("numRunningJobs", () => leading()?.dispatcher.listJobs().filter((j) => !isGloballyTerminal(j.state)).length ?? 0);
    g.gauge("taskSlotsAvailable", () => leading()?.resourceManager.slotCounts().free ?? 0);
    g.gauge("taskSlotsTotal", () => leading()?.resourceManager.slotCounts().total ?? 0);
    this.stopThread = registerThreadMetrics(g).stop;
    registerProcessMetrics(g, () => 1);
  }

  /** Every metric of this JobManager now. */
  collect(): MetricGroupDump[] {
    this.memo.clear();
    try {
      this.syncJobGroups();
      return this.registry.dump();
    } finally {
      this.memo.clear();
    }
  }

  private once<T>(key: string, read: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, read());
    return this.memo.get(key) as T;
  }

  stop(): void {
    this.stopThread();
  }

  /** As in Flink, a job's group lives while the job is not globally terminal. */
  private syncJobGroups(): void {
    const dispatcher = this.leading()?.dispatcher;
    const live = new Map((dispatcher?.listJobs() ?? []).filter((j) => !isGloballyTerminal(j.state)).map((j) => [j.jobId, j.name]));
    for (const [id, group] of this.jobs) {
      if (!live.has(id)) {
        group.close();
        this.jobs.delete(id);
      }
    }
    for (const [id, name] of live) if (!this.jobs.has(id)) this.jobs.set(id, this.jobGroup(id, name));
  }

  private jobGroup(jobId: string, name: string): MetricGroupImpl {
    const g = jobManagerJobGroup(this.registry, jobId, name);
    const job = () => this.once(`job ${jobId}`, () => this.leading()!.dispatcher.requestJob(jobId));
    const checkpoints = () => this.once(`checkpoints ${jobId}`, () => this.leading()!.dispatcher.requestCheckpointStats(jobId));
    g.gauge("uptime", () => {
      const j = job();
      const since = j.timestamps.RUNNING;
      return j.state === "RUNNING" && since !== undefined ? this.now() - since : 0;
    });
    g.gauge("numRestarts", () => job().restarts);
    // Flink keeps fullRestarts as the older name of numRestarts.
    g.gauge("fullRestarts", () => job().restarts);
    g.gauge("numberOfCompletedCheckpoints", () => checkpoints().counts.completed);
    g.gauge("numberOfFailedCheckpoints", () => checkpoints().counts.failed);
    g.gauge("numberOfInProgressCheckpoints", () => checkpoints().counts.in_progress);
    g.gauge("totalNumberOfCheckpoints", () => checkpoints().counts.total);
    g.gauge("lastCheckpointDuration", () => checkpoints().latest.completed?.end_to_end_duration ?? -1);
    g.gauge("lastCheckpointSize", () => checkpoints().latest.completed?.state_size ?? -1);
    g.gauge("lastCheckpointRestoreTimestamp", () => checkpoints().latest.restored?.restore_timestamp ?? -1);
    return g;
  }
}
