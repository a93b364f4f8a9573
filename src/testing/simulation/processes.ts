/**
 * The simulated processes of a cluster: JobManagers (Dispatcher, ResourceManager and JobMasters
 * leading together under one election, exactly as jobmanager-entrypoint.ts composes them), and
 * TaskManagers (one TaskExecutor each), each on its own simulated RPC service and HA client.
 */
import { join } from "node:path";
import { BlobServer } from "../../cluster/blob/blob-server.js";
import { LeaderComponents } from "../../cluster/ha/interface.js";
import { heartbeatSettings } from "../../cluster/heartbeat.js";
import { JobManagerLeadership } from "../../cluster/leadership/jobmanager-leadership.js";
import { LeaderTracker } from "../../cluster/leadership/leader-tracker.js";
import type { DataTransport } from "../../cluster/network/data-transport.js";
import { TaskExecutor } from "../../cluster/taskexecutor/task-executor.js";
import { Logger, type LogLevel } from "../../util/logger.js";
import type { SimKernel, SimProcess } from "./kernel.js";
import type { SimHaEnsemble } from "./sim-ha.js";
import type { SimNetwork, SimRpcService } from "./sim-network.js";
import type { SimTaskWorld } from "./sim-tasks.js";
import type { Trace } from "./trace.js";

export interface ProcessContext {
  readonly kernel: SimKernel;
  readonly net: SimNetwork;
  readonly ensemble: SimHaEnsemble;
  readonly trace: Trace;
  readonly dir: string;
  readonly config: Record<string, string>;
  readonly tasks: SimTaskWorld;
}

/** Log lines go into the trace, with the process that wrote them. */
export function traceLogger(ctx: ProcessContext, level: LogLevel = "info"): Logger {
  // The world's folder has a random name: keep it out of the trace, which must be the same every run.
  return new Logger(
    (r) => ctx.trace.log(`LOG ${ctx.kernel.current()?.name ?? "-"} ${r.level} ${r.component}: ${r.message.replaceAll(ctx.dir, "<dir>")}`),
    "sluice",
    level,
  );
}

export interface JobManagerProcess {
  readonly kind: "jobmanager";
  readonly process: SimProcess;
  readonly rpc: SimRpcService;
  readonly leadership: JobManagerLeadership;
}

export function startJobManager(ctx: ProcessContext): JobManagerProcess {
  const process = ctx.kernel.spawn("jm");
  return process.run(() => {
    const rpc = ctx.net.service(process);
    const ha = ctx.ensemble.services(process);
    const blobServer = new BlobServer(join(ctx.dir, `blobs-${process.name}`));
    const leadership = new JobManagerLeadership({
      rpc,
      ha,
      blobServer,
      config: ctx.config,
      logger: traceLogger(ctx),
      clock: ctx.kernel.processClock(process),
      newId: ctx.kernel.ids(),
    });
    void leadership.start();
    return { kind: "jobmanager", process, rpc, leadership } as const;
  });
}

export interface TaskManagerProcess {
  readonly kind: "taskmanager";
  readonly process: SimProcess;
  readonly rpc: SimRpcService;
  readonly taskExecutor: TaskExecutor;
}

/** Sim tasks exchange no records: frames are dropped, and no data connection is ever lost. */
class SimDataTransport implements DataTransport {
  constructor(readonly address: string) {}
  send(): void {}
  onReceive(): void {}
  onPeerLost(): void {}
  async close(): Promise<void> {}
}

export function startTaskManager(ctx: ProcessContext, slots: number): TaskManagerProcess {
  const process = ctx.kernel.spawn("tm");
  return process.run(() => {
    const rpc = ctx.net.service(process);
    const ha = ctx.ensemble.services(process);
    const clock = ctx.kernel.processClock(process);
    const trackerReady = LeaderTracker.start(LeaderComponents.RESOURCE_MANAGER, ha.leaderRetrieval(LeaderComponents.RESOURCE_MANAGER), clock);
    const leader = async () => (await (await trackerReady).waitForLeader());
    const taskExecutor = new TaskExecutor({
      id: process.name,
      rpc,
      data: new SimDataTransport(`sim-data://${process.name}`),
      numberOfSlots: slots,
      resourceManager: leader,
      blobServerAddress: async () => (await leader()).address,
      heartbeat: heartbeatSettings(ctx.config),
      logger: traceLogger(ctx),
      config: { "metrics.report-interval": "5000" },
      clock,
      newId: ctx.kernel.ids(),
      createWorker: ctx.tasks.workerFactory(process),
      blobCacheDir: join(ctx.dir, `blob-cache-${process.name}`),
    });
    void trackerReady.then((tracker) => tracker.onChange((l) => taskExecutor.resourceManagerLeaderChanged(l)));
    void taskExecutor.start();
    return { kind: "taskmanager", process, rpc, taskExecutor } as const;
  });
}
