/**
 * How the control plane's cost grows with the job: a real JobMaster on the in-process RPC service
 * against simulated TaskManagers (TestingTaskExecutorGateways whose tasks report RUNNING and
 * acknowledge checkpoints at once), for jobs of 100, 1,000 and 10,000 subtasks on 10, 100 and 1,000
 * TaskManagers. Prints the CPU time (process.cpuUsage, this whole process: JobMaster, RPC and the
 * simulated tasks) of each phase and its growth per 10× step. Target: near-linear growth (≈10×
 * per step), and 10,000 subtasks deployed in under 2 s of CPU.
 * Run: npx tsc -p tsconfig.json && node dist/bench/control-plane-scale.js [--max 10000]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalRpcService } from "../src/cluster/rpc/local-rpc-service.js";
import { JobMaster } from "../src/cluster/jobmaster/job-master.js";
import { ExecutionGraph } from "../src/cluster/jobmaster/execution-graph.js";
import type { JobContext } from "../src/cluster/jobmaster/job-context.js";
import { assignSlots } from "../src/cluster/jobmaster/slot-assignment.js";
import type { JobGraph, JobVertex } from "../src/graph/job-graph.js";
import { Logger } from "../src/util/logger.js";
import { TestingResourceManagerGateway } from "../src/testing/cluster/testing-resource-manager-gateway.js";
import { SimulatedTaskManagers } from "../src/testing/cluster/simulated-task-managers.js";
import { argNumber, machine } from "./support.js";

const PHASES = ["ExecutionGraph build", "slot assignment", "deployment", "one checkpoint", "one failover"] as const;
type Phase = (typeof PHASES)[number];

/** A source and a map of parallelism subtasks/2 each, in one slot-sharing group: subtasks/2 slots. */
function graphOf(subtasks: number): JobGraph {
  const vertex = (i: number): JobVertex => ({
    id: `vertex-${i}-000000000000`,
    name: i === 0 ? "Source" : "Map",
    parallelism: subtasks / 2,
    maxParallelism: Math.max(128, subtasks),
    slotSharingGroup: "default",
    operators: [],
    isSource: i === 0,
  });
  return { name: `scale-${subtasks}`, vertices: [vertex(0), vertex(1)], edges: [], settings: {}, fingerprint: "scale" };
}

async function cpu<T>(fn: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const start = process.cpuUsage();
  const result = await fn();
  const used = process.cpuUsage(start);
  return { result, ms: (used.user + used.system) / 1000 };
}

/** Measures one phase into `out`, with a progress line (large sizes take a while). */
async function phase(out: Record<Phase, number>, name: Phase, subtasks: number, fn: () => Promise<unknown> | unknown): Promise<void> {
  out[name] = (await cpu(fn)).ms;
  console.error(`  ${subtasks} subtasks, ${name}: ${out[name].toFixed(0)} ms CPU`);
}

async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((r) => setImmediate(r));
}

async function measure(subtasks: number, taskManagers: number): Promise<Record<Phase, number>> {
  const graph = graphOf(subtasks);
  const slotsPerTaskManager = subtasks / 2 / taskManagers;
  const dir = mkdtempSync(join(tmpdir(), "sluice-bench-scale-"));
  // CPU is measured, not latency: long RPC timeouts, so that a loaded machine does not fail calls.
  const rpc = new LocalRpcService({ defaultTimeoutMs: 3_600_000 });
  const rmRpc = new LocalRpcService({ defaultTimeoutMs: 3_600_000 });
  new TestingResourceManagerGateway().serve(rmRpc);
  const tms = new SimulatedTaskManagers({ count: taskManagers, slotsPerTaskManager, autoRun: true, recording: false, rpcTimeoutMs: 3_600_000 });
  const out = {} as Record<Phase, number>;
  try {
    await phase(out, "ExecutionGraph build", subtasks, () => new ExecutionGraph("00000000job", graph));
    const slots = tms.taskManagers.flatMap((tm) => Array.from({ length: slotsPerTaskManager }, (_, slotIndex) => ({ taskManagerId: tm.id, slotIndex })));
    await phase(out, "slot assignment", subtasks, () => assignSlots(graph, slots));

    const jm = new JobMaster({
      jobId: `scale${subtasks}`.padEnd(32, "0"),
      jobGraph: graph,
      bundleHash: "bundle",
      definition: { args: [], config: {}, defaultParallelism: 1 },
      rpc,
      resourceManager: async () => ({ address: rmRpc.address, sessionId: "" }),
      config: {
        "execution.checkpointing.dir": dir,
        "restart-strategy.type": "fixed-delay",
        "restart-strategy.fixed-delay.attempts": "100",
        "restart-strategy.fixed-delay.delay": "0",
        // A 10,000-subtask deployment keeps the event loop busy for longer than the default heartbeat
        // timeout (50 s): the TaskManagers would be declared lost and the job would fail over again.
        "heartbeat.timeout": "3600000",
      },
      logger: new Logger(() => {}, "bench", "error"),
    });
    const graphOfJob = (): ExecutionGraph => (jm as unknown as { job: JobContext }).job.graph;
    await jm.start();
    await tms.connect(jm.address, jm.jobId);
    await phase(out, "deployment", subtasks, async () => {
      await tms.offerAllSlots();
      await until(() => graphOfJob().allIn("RUNNING"));
    });
    await phase(out, "one checkpoint", subtasks, () => jm.checkpoints.triggerCheckpoint());
    await phase(out, "one failover", subtasks, async () => {
      const victim = graphOfJob().executions[0]!.executionId;
      await tms.report(victim, "FAILED", { name: "Error", message: "injected" });
      await until(() => graphOfJob().attempt >= 1 && graphOfJob().allIn("RUNNING"));
    });
    if (jm.details().restarts !== 1) throw new Error(`expected exactly one restart, saw ${jm.details().restarts}`);
    jm.cancel();
    await jm.result;
  } finally {
    await tms.stop();
    await Promise.all([rpc.stop(), rmRpc.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

const max = argNumber("max", 10_000);
const min = argNumber("min", 100);
const sizes = [
  { subtasks: 100, taskManagers: 10 },
  { subtasks: 1_000, taskManagers: 100 },
  { subtasks: 10_000, taskManagers: 1_000 },
].filter((s) => s.subtasks >= min && s.subtasks <= max);

console.log(`control-plane scale (CPU ms per phase; growth per 10× step) on ${machine()}`);
await measure(100, 10); // warm-up: JIT and module loading out of the figures
const rows: Record<Phase, number>[] = [];
for (const s of sizes) rows.push(await measure(s.subtasks, s.taskManagers));
const header = ["phase", ...sizes.map((s) => `${s.subtasks} subtasks / ${s.taskManagers} TMs`), ...sizes.slice(1).map((_, i) => `growth ${i + 1}`)];
console.log(header.join(" | "));
for (const phase of PHASES) {
  const values = rows.map((r) => r[phase]);
  const growth = values.slice(1).map((v, i) => `${(v / Math.max(values[i]!, 0.01)).toFixed(1)}×`);
  console.log([phase, ...values.map((v) => v.toFixed(1)), ...growth].join(" | "));
}
