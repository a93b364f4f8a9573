/**
 * Fault injection: from the start until the scenario's end of faults, at seeded moments, one of the
 * enabled faults hits the world. Every fault is over within MAX_FAULT_MS (partitions heal, slow links
 * speed up, crashed processes are replaced), so liveness can be judged after that.
 */
import { LeaderComponents } from "../../cluster/ha/interface.js";
import type { JobManagerProcess, TaskManagerProcess } from "./processes.js";
import { HEARTBEAT_TIMEOUT_MS, MAX_FAULT_MS, type FaultKind, type Scenario } from "./scenario.js";
import type { SimKernel, SimProcess } from "./kernel.js";
import type { SimHaEnsemble } from "./sim-ha.js";
import type { SimNetwork } from "./sim-network.js";
import type { SimTaskWorld } from "./sim-tasks.js";
import type { Trace } from "./trace.js";

/** JobManager processes kept alive (a leader and a standby). */
export const JOB_MANAGERS = 2;

export interface FaultTarget {
  readonly kernel: SimKernel;
  readonly net: SimNetwork;
  readonly ensemble: SimHaEnsemble;
  readonly trace: Trace;
  readonly tasks: SimTaskWorld;
  readonly scenario: Scenario;
  readonly jobManagers: JobManagerProcess[];
  readonly taskManagers: TaskManagerProcess[];
  ackLossChance: number;
  addJobManager(): void;
  addTaskManager(): void;
}

export class FaultInjector {
  private readonly kinds: FaultKind[];

  constructor(
    private readonly w: FaultTarget,
    enabled: ReadonlySet<FaultKind>,
  ) {
    this.kinds = [...enabled].sort();
  }

  start(): void {
    if (this.kinds.length > 0) this.scheduleNext();
  }

  private scheduleNext(): void {
    const { kernel, scenario } = this.w;
    const pause = Math.round(-Math.log(1 - kernel.prng.next()) * scenario.faultEveryMs);
    if (kernel.elapsed + pause >= scenario.faultsEndMs) {
      kernel.schedule(() => this.w.trace.log("FAULTS END"), scenario.faultsEndMs - kernel.elapsed, null);
      return;
    }
    kernel.schedule(
      () => {
        this.inject(kernel.prng.pick(this.kinds));
        this.scheduleNext();
      },
      pause,
      null,
    );
  }

  private alive<T extends { process: SimProcess }>(list: T[]): T[] {
    return list.filter((p) => p.process.alive);
  }

  private leader(): JobManagerProcess | undefined {
    const leader = this.w.ensemble.leaderOf(LeaderComponents.CLUSTER);
    return this.w.jobManagers.find((jm) => jm.process === leader?.process && jm.process.alive);
  }

  inject(kind: FaultKind): void {
    const { kernel, net, ensemble, trace, tasks } = this.w;
    const p = kernel.prng;
    const tms = this.alive(this.w.taskManagers);
    const jms = this.alive(this.w.jobManagers);
    switch (kind) {
      case "tm-crash": {
        if (tms.length === 0) return;
        const tm = p.pick(tms);
        trace.log(`FAULT crash ${tm.process.name}`);
        tm.process.crash();
        kernel.schedule(() => this.w.addTaskManager(), p.int(500, MAX_FAULT_MS / 2), null);
        return;
      }
      case "jm-crash": {
        if (jms.length === 0) return;
        const jm = p.chance(0.7) ? (this.leader() ?? p.pick(jms)) : p.pick(jms);
        trace.log(`FAULT crash ${jm.process.name}`);
        jm.process.crash();
        ensemble.processCrashed(jm.process, p.int(1_000, 6_000));
        kernel.schedule(() => this.w.addJobManager(), p.int(1_000, MAX_FAULT_MS / 2), null);
        return;
      }
      case "session-expiry": {
        const leader = this.leader();
        if (leader) ensemble.expireSession(leader.process);
        return;
      }
      case "rpc-loss":
        net.breakRandomConnection();
        return;
      case "slow-heartbeat": {
        const jm = this.leader();
        if (!jm || tms.length === 0) return;
        net.slowDown(jm.process, p.pick(tms).process, HEARTBEAT_TIMEOUT_MS + p.int(0, 2_000), p.int(2_000, MAX_FAULT_MS));
        return;
      }
      case "partition": {
        const jm = this.leader();
        const peers = [...tms.map((t) => t.process), ...jms.map((j) => j.process)];
        if (peers.length < 2) return;
        const a = jm && p.chance(0.6) ? jm.process : p.pick(peers);
        const others = peers.filter((x) => x !== a);
        net.partition(a, p.pick(others), p.int(500, MAX_FAULT_MS));
        return;
      }
      case "ack-loss": {
        const chance = p.int(3, 10) / 10;
        const duration = p.int(1_000, MAX_FAULT_MS);
        trace.log(`FAULT checkpoint acks lost with chance ${chance} for ${duration} ms`);
        this.w.ackLossChance = chance;
        kernel.schedule(() => (this.w.ackLossChance = 0), duration, null);
        return;
      }
      case "task-failure": {
        const running = tasks.running();
        if (running.length > 0) tasks.fail(p.pick(running), "simulated task failure");
        return;
      }
    }
  }
}
