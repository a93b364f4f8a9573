/**
 * One simulated world (docs/architecture.md, "Deterministic simulation"): the real Dispatcher,
 * ResourceManager, JobMasters and TaskExecutors in simulated processes on one manual clock, talking
 * over the simulated network, leading through the simulated HA ensemble, running simulated tasks,
 * with faults from one seed. `run()` steps the clock timer by timer, lets the promise continuations
 * of each step run, and checks the invariants after every step.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SimKernel } from "./kernel.js";
import { detachShim, installShim, realSetImmediate, type ShimHost } from "./determinism-shim.js";
import { FaultInjector, JOB_MANAGERS, type FaultTarget } from "./faults.js";
import { Invariants, type Violation } from "./invariants.js";
import { startJobManager, startTaskManager, type JobManagerProcess, type ProcessContext, type TaskManagerProcess } from "./processes.js";
import { drawScenario, type Scenario, type SimulationOptions } from "./scenario.js";
import { SimClient } from "./sim-client.js";
import { SimHaEnsemble } from "./sim-ha.js";
import { DEFAULT_NETWORK, SimNetwork } from "./sim-network.js";
import { SimTaskWorld } from "./sim-tasks.js";
import { Trace } from "./trace.js";
import { fileSystemFor } from "../../fs/file-systems.js";

export interface SimulationResult {
  readonly seed: number;
  readonly violation: Violation | undefined;
  /** Fingerprint of the whole trace: equal for two runs of one seed. */
  readonly digest: string;
  readonly traceTail: string[];
  readonly trace: string[] | undefined;
  readonly simulatedMs: number;
  readonly steps: number;
  /** Uses of globals (setTimeout, Date.now, …) that the shim had to catch, by kind. */
  readonly globalUses: ReadonlyMap<string, number>;
  readonly audit: ReadonlyMap<string, number> | undefined;
}

/** Checkpoint metadata and bundles are real files: keep them in memory where the system offers it. */
const WORLD_DIR_BASE = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();

const letPromisesRun = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));

export class SimulatedWorld implements FaultTarget, ProcessContext, ShimHost {
  readonly kernel: SimKernel;
  readonly trace: Trace;
  readonly net: SimNetwork;
  readonly ensemble: SimHaEnsemble;
  readonly tasks: SimTaskWorld;
  readonly scenario: Scenario;
  readonly dir: string;
  readonly config: Record<string, string>;
  readonly jobManagers: JobManagerProcess[] = [];
  readonly taskManagers: TaskManagerProcess[] = [];
  readonly invariants: Invariants;
  readonly audit: Map<string, number> | undefined;
  ackLossChance = 0;
  private client: SimClient | undefined;

  constructor(readonly options: SimulationOptions) {
    this.kernel = new SimKernel(options.seed);
    this.trace = new Trace(() => this.kernel.elapsed, 200, options.keepTrace);
    // The scenario has its own stream, so the same seed gives the same cluster whatever else differs.
    this.scenario = drawScenario(this.kernel.prng.fork(), options.durationMs);
    this.dir = mkdtempSync(join(WORLD_DIR_BASE, "sluice-sim-"));
    // In memory: a JobMaster writing _metadata must not wait on real I/O, or the file system's timing
    // would decide the order of events (docs/simulation.md).
    this.config = { ...this.scenario.config, "execution.checkpointing.dir": `memory://${join(this.dir, "checkpoints")}`, "state.savepoints.dir": `memory://${join(this.dir, "savepoints")}` };
    this.net = new SimNetwork(this.kernel, this.trace, { ...DEFAULT_NETWORK, noFencing: options.bug === "no-fencing" });
    this.ensemble = new SimHaEnsemble(this.kernel, this.trace);
    const behaviour = {
      boundedRunMs: (jobId: string) => this.scenario.jobs.find((j) => j.jobId === jobId)?.boundedRunMs,
      ackLossChance: () => this.ackLossChance,
    };
    this.tasks = new SimTaskWorld(this.kernel, this.trace, behaviour);
    this.invariants = new Invariants(this);
    this.net.onAdmittedFencedCall = (call) => this.invariants.admitted(call);
    this.audit = options.audit ? new Map() : undefined;
  }

  addJobManager(): void {
    if (this.jobManagers.filter((jm) => jm.process.alive).length >= JOB_MANAGERS) return;
    const jm = startJobManager(this);
    this.trace.log(`START ${jm.process.name}`);
    this.jobManagers.push(jm);
  }

  addTaskManager(): void {
    if (this.taskManagers.filter((tm) => tm.process.alive).length >= this.scenario.taskManagers) return;
    const tm = startTaskManager(this, this.scenario.slotsPerTaskManager);
    this.trace.log(`START ${tm.process.name} (${this.scenario.slotsPerTaskManager} slots)`);
    this.taskManagers.push(tm);
  }

  private setUp(): void {
    const s = this.scenario;
    this.trace.log(
      `SEED ${this.options.seed}: ${s.taskManagers} TaskManagers x ${s.slotsPerTaskManager} slots, ` +
        `jobs ${s.jobs.map((j) => `${j.jobId.slice(0, 8)}(${j.slots} slots${j.boundedRunMs ? `, bounded ${j.boundedRunMs} ms` : ""}${j.cancelAtMs ? `, cancel at ${j.cancelAtMs}` : ""})`).join(" ")}, ` +
        `faults [${[...this.options.faults].join(",")}] until ${s.faultsEndMs} ms${this.options.bug ? `, bug ${this.options.bug}` : ""}`,
    );
    for (let i = 0; i < JOB_MANAGERS; i++) this.addJobManager();
    for (let i = 0; i < s.taskManagers; i++) this.addTaskManager();
    const client = new SimClient(this);
    this.client = client;
    for (const job of s.jobs) {
      client.submit(job);
      if (job.cancelAtMs !== undefined) client.cancel(job, job.cancelAtMs);
    }
    new FaultInjector(this, this.options.faults).start();
  }

  async run(): Promise<SimulationResult> {
    installShim(this);
    let steps = 0;
    const end = this.kernel.clock.now() + this.options.durationMs;
    try {
      this.setUp();
      for (;;) {
        await letPromisesRun();
        if (this.invariants.check()) break;
        const next = this.kernel.clock.nextDue();
        if (next === undefined || next > end) {
          this.kernel.clock.advanceTo(end);
          break;
        }
        this.kernel.clock.runNext();
        steps++;
      }
    } finally {
      detachShim(this);
      rmSync(this.dir, { recursive: true, force: true });
      // The in-memory checkpoints of this world (they settle at once: no real I/O).
      void fileSystemFor(`memory://${this.dir}`).deleteRecursive(`memory://${this.dir}`);
    }
    const violation = this.invariants.violation;
    if (violation) this.trace.log(`VIOLATION ${violation.invariant}: ${violation.message}`);
    return {
      seed: this.options.seed,
      violation,
      digest: this.trace.digest,
      traceTail: this.trace.tail(),
      trace: this.trace.all,
      simulatedMs: this.kernel.elapsed,
      steps,
      globalUses: this.kernel.globalUses,
      audit: this.audit,
    };
  }
}

export function simulate(options: SimulationOptions): Promise<SimulationResult> {
  return new SimulatedWorld(options).run();
}
