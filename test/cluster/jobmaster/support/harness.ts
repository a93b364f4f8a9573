/**
 * A real JobMaster on the in-process RPC service against simulated TaskManagers and a
 * TestingResourceManagerGateway, on a manual clock.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalRpcService } from "../../../../src/cluster/rpc/local-rpc-service.js";
import { JobMaster } from "../../../../src/cluster/jobmaster/job-master.js";
import type { JobGraph, JobVertex } from "../../../../src/graph/job-graph.js";
import type { JsonObject } from "../../../../src/graph/stream-graph.js";
import type { CompletedCheckpointStore } from "../../../../src/cluster/ha/interface.js";
import { ManualClock } from "../../../../src/util/clock.js";
import { Logger } from "../../../../src/util/logger.js";
import { TestingResourceManagerGateway } from "../../../../src/testing/cluster/testing-resource-manager-gateway.js";
import { SimulatedTaskManagers } from "../../../../src/testing/cluster/simulated-task-managers.js";
import type { CoordinatorChannelFactory } from "../../../../src/cluster/jobmaster/source-coordinators.js";

/** A pipeline of vertices of the given parallelism in one slot-sharing group; the first is the source. */
export function pipelineGraph(parallelisms: number[], settings: JsonObject = {}): JobGraph {
  const vertices: JobVertex[] = parallelisms.map((parallelism, i) => ({
    id: `vertex-${i}-0000000000`,
    name: i === 0 ? "Source" : `Map ${i}`,
    parallelism,
    maxParallelism: 128,
    slotSharingGroup: "default",
    operators: [],
    isSource: i === 0,
  }));
  return { name: "test job", vertices, edges: [], settings, fingerprint: "test" };
}

export interface HarnessOptions {
  parallelisms?: number[];
  settings?: JsonObject;
  config?: Record<string, string>;
  taskManagers?: number;
  slotsPerTaskManager?: number;
  autoRun?: boolean;
  fencingToken?: string;
  checkpointStore?: CompletedCheckpointStore;
  /** Instead of pipelineGraph(parallelisms, settings). */
  jobGraph?: JobGraph;
  /** Runs the job's split enumerators (e.g. inProcessCoordinatorChannel). */
  coordinatorChannel?: CoordinatorChannelFactory;
}

export class JobMasterHarness {
  readonly clock = new ManualClock(1_000_000);
  readonly rpc = new LocalRpcService();
  readonly resourceManager = new TestingResourceManagerGateway();
  readonly rmRpc = new LocalRpcService();
  readonly tms: SimulatedTaskManagers;
  readonly jm: JobMaster;
  readonly logs: string[] = [];
  readonly dir = mkdtempSync(join(tmpdir(), "sluice-jm-"));

  constructor(options: HarnessOptions = {}) {
    this.resourceManager.serve(this.rmRpc, "rm-session");
    this.tms = new SimulatedTaskManagers({
      count: options.taskManagers ?? 2,
      slotsPerTaskManager: options.slotsPerTaskManager ?? 2,
      autoRun: options.autoRun ?? true,
    });
    const jobId = "00000000000000000000000000000abc";
    // In memory: on a ManualClock the JobMaster must not wait on real I/O to store and load checkpoints.
    const config = { "execution.checkpointing.dir": `memory://${join(this.dir, "checkpoints")}`, "heartbeat.interval": "1000", "heartbeat.timeout": "5000", ...options.config };
    this.jm = new JobMaster({
      jobId,
      jobGraph: options.jobGraph ?? pipelineGraph(options.parallelisms ?? [2, 2], options.settings),
      bundleHash: "bundle",
      definition: { args: [], config: {}, defaultParallelism: 1 },
      rpc: this.rpc,
      resourceManager: async () => ({ address: this.rmRpc.address, sessionId: "rm-session" }),
      config,
      logger: new Logger((r) => this.logs.push(`${r.level} ${r.component}: ${r.message}`), "test", "debug"),
      clock: this.clock,
      ...(options.fencingToken === undefined ? {} : { fencingToken: options.fencingToken }),
      ...(options.checkpointStore === undefined ? {} : { checkpointStore: options.checkpointStore }),
      ...(options.coordinatorChannel === undefined ? {} : { coordinatorChannel: options.coordinatorChannel }),
    });
  }

  async start(): Promise<void> {
    await this.jm.start();
    await this.tms.connect(this.jm.address, this.jm.jobId, this.jmToken());
  }

  private jmToken(): string | undefined {
    return (this.jm as unknown as { options: { fencingToken?: string } }).options.fencingToken;
  }

  /** Lets every RPC call and continuation in flight run (the in-process RPC answers on later turns). */
  async settle(): Promise<void> {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  }

  /** Advances the manual clock, then lets what the timers started run. */
  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await this.settle();
  }

  async stop(): Promise<void> {
    await this.tms.stop();
    await Promise.all([this.rpc.stop(), this.rmRpc.stop()]);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Execution ids of the current attempt, as deployed. */
  deployedIds(): string[] {
    return this.tms.taskManagers.flatMap((tm) => tm.gateway.callsOf("submitTask").map(([tdd]) => tdd.executionId));
  }

  runningIds(): string[] {
    return this.tms.taskManagers.flatMap((tm) => [...tm.tasks.keys()]);
  }
}
