/**
 * The properties every simulated run must keep, checked after every step of the world:
 *  - fencing: a fenced call is admitted only with the current leader session's token, at the
 *    leader's own process (so a deposed leader cannot act), and at most one JobManager holds a term;
 *  - slots: a slot worker hosts one job's tasks, at most one subtask per vertex (no slot is used by
 *    two allocations at once);
 *  - attempts: at most one attempt of each subtask runs, except for the window in which a TaskManager
 *    that lost its JobMaster has not yet noticed (bounded by the heartbeat timeout);
 *  - checkpoints: ids drawn only grow, each completed checkpoint is newer than the latest, and the
 *    latest completed one is never lost while the job lives;
 *  - HA data: a submitted job's graph is in the store exactly while the job is not globally
 *    terminal (removed within a grace period after it ends);
 *  - liveness: once faults have ended and healed, every job runs with all its tasks or is over
 *    within the scenario's bound.
 */
import { LeaderComponents } from "../../cluster/ha/interface.js";
import { isGloballyTerminal } from "../../cluster/messages.js";
import type { SimKernel } from "./kernel.js";
import type { JobManagerProcess } from "./processes.js";
import { HEARTBEAT_INTERVAL_MS, HEARTBEAT_TIMEOUT_MS, MAX_FAULT_MS, type Scenario } from "./scenario.js";
import type { SimHaEnsemble } from "./sim-ha.js";
import type { AdmittedFencedCall } from "./sim-network.js";
import type { SimTaskWorld } from "./sim-tasks.js";

/** How long two attempts of one subtask may overlap: until the stale TaskManager's JobMaster heartbeat times out. */
export const ATTEMPT_OVERLAP_BOUND_MS = HEARTBEAT_TIMEOUT_MS + 3 * HEARTBEAT_INTERVAL_MS;
/** Time a terminated job's HA cleanup may take once the world is whole again. */
export const CLEANUP_GRACE_MS = 10_000;
const LIVENESS_CHECK_EVERY_MS = 250;

export interface Violation {
  readonly invariant: "fencing" | "single-leader" | "slot" | "attempts" | "checkpoints" | "ha-data" | "liveness";
  readonly message: string;
}

export interface InvariantWorld {
  readonly kernel: SimKernel;
  readonly ensemble: SimHaEnsemble;
  readonly tasks: SimTaskWorld;
  readonly scenario: Scenario;
  readonly jobManagers: readonly JobManagerProcess[];
}

export class Invariants {
  violation: Violation | undefined;
  private readonly lastDrawn = new Map<string, number>();
  private readonly maxCompleted = new Map<string, number>();
  private readonly endedAt = new Map<string, number>();
  private readonly persisted = new Set<string>();
  private readonly live = new Set<string>();
  private lastLivenessCheck = -Infinity;

  constructor(private readonly w: InvariantWorld) {
    w.ensemble.observer = {
      checkpointIdDrawn: (jobId, id) => {
        const last = this.lastDrawn.get(jobId);
        if (last !== undefined && id <= last) this.fail("checkpoints", `job ${jobId}: checkpoint id ${id} drawn after ${last}`);
        this.lastDrawn.set(jobId, id);
      },
      checkpointAdded: (jobId, id, latestBefore) => {
        if (latestBefore !== undefined && id <= latestBefore) this.fail("checkpoints", `job ${jobId}: checkpoint ${id} completed after ${latestBefore}`);
        this.maxCompleted.set(jobId, Math.max(id, this.maxCompleted.get(jobId) ?? 0));
      },
      jobEnded: (jobId) => {
        if (!this.endedAt.has(jobId)) this.endedAt.set(jobId, w.kernel.elapsed);
      },
    };
  }

  /** For the network: a fenced call got through. */
  admitted(call: AdmittedFencedCall): void {
    const leader = this.w.ensemble.leaderOf(LeaderComponents.CLUSTER);
    const at = call.service.replace("sim://", "");
    if (!leader || call.token !== leader.sessionId || leader.process.name !== at) {
      this.fail(
        "fencing",
        `${at} admitted ${call.endpoint}.${call.method} with token ${call.token?.slice(0, 8) ?? "none"}, ` +
          `but the leader is ${leader ? `${leader.process.name} (session ${leader.sessionId.slice(0, 8)})` : "nobody"}`,
      );
    }
  }

  private fail(invariant: Violation["invariant"], message: string): void {
    this.violation ??= { invariant, message };
  }

  /** Checks everything; returns the first violation found so far. */
  check(): Violation | undefined {
    if (this.violation) return this.violation;
    this.checkLeaders();
    this.checkSlotsAndAttempts();
    this.checkCheckpointsAndHaData();
    this.checkLiveness();
    return this.violation;
  }

  private checkLeaders(): void {
    const leading = this.w.jobManagers.filter((jm) => jm.process.alive && jm.leadership.term);
    if (leading.length > 1) this.fail("single-leader", `${leading.map((jm) => jm.process.name).join(" and ")} both hold a leadership term`);
    const truth = this.w.ensemble.leaderOf(LeaderComponents.CLUSTER);
    for (const jm of leading) {
      if (jm.leadership.term!.sessionId !== truth?.sessionId) this.fail("single-leader", `${jm.process.name} acts in session ${jm.leadership.term!.sessionId.slice(0, 8)}, which is not the current one`);
    }
  }

  private checkSlotsAndAttempts(): void {
    const now = this.w.kernel.clock.now();
    const byWorker = new Map<object, { jobId: string; vertices: Set<string> }>();
    const bySubtask = new Map<string, number[]>();
    for (const t of this.w.tasks.tasks.values()) {
      if (t.state !== "DEPLOYING" && t.state !== "INITIALIZING" && t.state !== "RUNNING") continue;
      const slot = byWorker.get(t.worker);
      if (!slot) byWorker.set(t.worker, { jobId: t.jobId, vertices: new Set([t.vertexId]) });
      else if (slot.jobId !== t.jobId || slot.vertices.has(t.vertexId)) {
        this.fail("slot", `slot ${t.workerKey} runs ${t.vertexId}#${t.subtask} (${t.executionId.slice(0, 12)}) of job ${t.jobId.slice(0, 8)} while it already holds ${slot.jobId.slice(0, 8)}:${[...slot.vertices].join(",")}`);
      } else slot.vertices.add(t.vertexId);
      if (t.state === "RUNNING") {
        const key = `${t.jobId}/${t.vertexId}#${t.subtask}`;
        const list = bySubtask.get(key);
        if (list) list.push(t.runningSince!);
        else bySubtask.set(key, [t.runningSince!]);
      }
    }
    for (const [key, since] of bySubtask) {
      if (since.length < 2) continue;
      const overlap = now - Math.max(...since);
      if (overlap > ATTEMPT_OVERLAP_BOUND_MS) this.fail("attempts", `${since.length} attempts of ${key} have been running at once for ${overlap} ms`);
    }
  }

  private checkCheckpointsAndHaData(): void {
    const { ensemble, kernel, scenario } = this.w;
    const healedAt = scenario.faultsEndMs + MAX_FAULT_MS;
    for (const job of scenario.jobs) {
      const id = job.jobId;
      const ended = this.endedAt.get(id);
      const hasGraph = ensemble.graphs.ids.has(id);
      if (hasGraph) this.persisted.add(id);
      if (ended === undefined) {
        if (this.persisted.has(id) && !hasGraph) this.fail("ha-data", `job ${id} lost its JobGraph in the store while not globally terminal`);
        const max = this.maxCompleted.get(id);
        if (max !== undefined) {
          const cells = ensemble.checkpoints.get(id);
          const latest = cells && cells.size > 0 ? Math.max(...cells.keys()) : undefined;
          if (latest === undefined || latest < max) this.fail("checkpoints", `job ${id}: completed checkpoint ${max} lost (latest in the store: ${latest ?? "none"})`);
        }
      } else if (hasGraph && kernel.elapsed > Math.max(ended, healedAt) + CLEANUP_GRACE_MS) {
        this.fail("ha-data", `job ${id} ended at ${ended} ms but its JobGraph is still in the store`);
      }
    }
  }

  private checkLiveness(): void {
    const { kernel, scenario } = this.w;
    const from = scenario.faultsEndMs + MAX_FAULT_MS;
    if (kernel.elapsed < from || kernel.elapsed - this.lastLivenessCheck < LIVENESS_CHECK_EVERY_MS) return;
    this.lastLivenessCheck = kernel.elapsed;
    const leader = this.w.jobManagers.find((jm) => jm.process.alive && jm.leadership.term);
    const overview = leader?.leadership.term?.dispatcher.listJobs() ?? [];
    for (const job of scenario.jobs) {
      if (this.live.has(job.jobId)) continue;
      const o = overview.find((x) => x.jobId === job.jobId);
      const running = o?.state === "RUNNING" && o.tasks.RUNNING === o.tasks.total;
      if (this.endedAt.has(job.jobId) || running || (o && isGloballyTerminal(o.state))) this.live.add(job.jobId);
    }
    if (kernel.elapsed < from + scenario.livenessBoundMs) return;
    for (const job of scenario.jobs) {
      if (this.live.has(job.jobId)) continue;
      const o = overview.find((x) => x.jobId === job.jobId);
      this.fail(
        "liveness",
        `job ${job.jobId} neither runs nor is over ${scenario.livenessBoundMs} ms after the faults healed ` +
          `(leader ${leader?.process.name ?? "none"}: ${o ? `${o.state}, tasks ${JSON.stringify(o.tasks)}` : "job unknown"})`,
      );
    }
  }
}
