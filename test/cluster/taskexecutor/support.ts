/**
 * A real TaskExecutor on the in-process RPC service and a manual clock, with doubles around it: a
 * ResourceManager and JobMasters (Testing*Gateway), fake slot workers and an in-memory bundle cache.
 */
import { ENDPOINTS } from "../../../src/cluster/endpoints.js";
import type { TaskDeploymentDescriptor, TaskSubmission } from "../../../src/cluster/messages.js";
import { encodeDeploymentShared, type DeploymentShared } from "../../../src/runtime/tasks/deployment.js";
import type { DataTransport, FrameReceiver, PeerLostListener } from "../../../src/cluster/network/data-transport.js";
import { LocalDataTransport } from "../../../src/cluster/network/data-transport.js";
import type { ResourceManagerGateway } from "../../../src/cluster/resourcemanager/resource-manager-gateway.js";
import type { Gateway } from "../../../src/cluster/rpc/interface.js";
import { LocalRpcService } from "../../../src/cluster/rpc/local-rpc-service.js";
import type { BundleCache } from "../../../src/cluster/taskexecutor/blob-cache.js";
import type { ControlFromWorker, SlotWorkerHandle, SlotWorkerOptions } from "../../../src/cluster/taskexecutor/slot-worker-handle.js";
import type { TaskExecutorGateway } from "../../../src/cluster/taskexecutor/task-executor-gateway.js";
import { TaskExecutor, type LeaderAddress } from "../../../src/cluster/taskexecutor/task-executor.js";
import type { Configuration } from "../../../src/config/configuration.js";
import { workerKey, type DataFrame, type WorkerKey } from "../../../src/runtime/network/frames.js";
import type { ToWorker } from "../../../src/runtime/worker/worker-protocol.js";
import { ManualClock } from "../../../src/util/clock.js";
import { Logger } from "../../../src/util/logger.js";
import { TestingJobMasterGateway } from "../../../src/testing/cluster/testing-job-master-gateway.js";
import { TestingResourceManagerGateway } from "../../../src/testing/cluster/testing-resource-manager-gateway.js";

export { TestingResourceManagerGateway };

export const HEARTBEAT = { intervalMs: 1000, timeoutMs: 5000 };

/** A slot worker that records what it is told; the test speaks for it through `emit`, `sendData` and `die`. */
export class FakeWorker implements SlotWorkerHandle {
  readonly posted: ToWorker[] = [];
  readonly delivered: DataFrame[] = [];
  readonly peers: WorkerKey[] = [];
  terminated = false;
  constructor(readonly options: SlotWorkerOptions) {}
  get key(): WorkerKey {
    return this.options.key;
  }
  post(message: ToWorker): void {
    this.posted.push(message);
  }
  deliver(frame: DataFrame): void {
    this.delivered.push(frame);
  }
  connectTo(other: SlotWorkerHandle): void {
    this.peers.push(other.key);
    (other as FakeWorker).peers.push(this.key);
  }
  async terminate(): Promise<void> {
    this.terminated = true;
  }
  /** A message from this worker's tasks to the TaskExecutor. */
  emit(message: ControlFromWorker): void {
    this.options.onMessage(message);
  }
  /** A data frame this worker has no direct channel for. */
  sendData(to: WorkerKey, frame: DataFrame): void {
    this.options.onData(to, frame);
  }
  die(error: Error): void {
    this.options.onExit(error);
  }
  postedOf<T extends ToWorker["type"]>(type: T): Extract<ToWorker, { type: T }>[] {
    return this.posted.filter((m): m is Extract<ToWorker, { type: T }> => m.type === type);
  }
}

export class MemoryBundleCache implements BundleCache {
  readonly requested: string[] = [];
  async path(hash: string): Promise<string> {
    this.requested.push(hash);
    return `/memory/${hash}.mjs`;
  }
}

/** A data transport whose sends and lost peers the test controls. */
export class StubDataTransport implements DataTransport {
  readonly address = "stub-data://self";
  readonly sent: { address: string; to: WorkerKey; frame: DataFrame }[] = [];
  failSends: Error | undefined;
  private lostListeners: PeerLostListener[] = [];
  receiver: FrameReceiver = () => {};
  send(address: string, to: WorkerKey, frame: DataFrame): void {
    if (this.failSends) throw this.failSends;
    this.sent.push({ address, to, frame });
  }
  onReceive(receiver: FrameReceiver): void {
    this.receiver = receiver;
  }
  onPeerLost(listener: PeerLostListener): void {
    this.lostListeners.push(listener);
  }
  lose(address: string, cause: Error): void {
    for (const l of this.lostListeners) l(address, cause);
  }
  async close(): Promise<void> {}
}

/** Lets every pending in-process RPC call and its continuations run. */
export async function flush(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

export interface HarnessOptions {
  slots?: number;
  config?: Configuration;
  data?: DataTransport;
  /** The leader session of the ResourceManager (and so of fenced JobMasters). */
  session?: string;
  rmOverrides?: Partial<ResourceManagerGateway>;
}

export class Harness {
  readonly clock = new ManualClock(1_000_000);
  readonly jmRpc = new LocalRpcService();
  readonly rmRpc = new LocalRpcService();
  readonly teRpc = new LocalRpcService();
  readonly workers: FakeWorker[] = [];
  readonly bundles = new MemoryBundleCache();
  readonly rm: TestingResourceManagerGateway;
  readonly te: TaskExecutor;
  readonly data: DataTransport;
  leader: LeaderAddress;
  /** How often the TaskExecutor looked the ResourceManager leader up (once per registration attempt). */
  leaderLookups = 0;
  /** The TaskExecutor's gateway, reached through RPC as its callers do. */
  gateway!: Gateway<TaskExecutorGateway>;
  private ids = 0;

  constructor(options: HarnessOptions = {}) {
    this.rm = new TestingResourceManagerGateway(options.rmOverrides);
    this.data = options.data ?? new LocalDataTransport();
    this.leader = { address: this.rmRpc.address, sessionId: options.session ?? "session-1" };
    this.te = new TaskExecutor({
      rpc: this.teRpc,
      data: this.data,
      numberOfSlots: options.slots ?? 2,
      resourceManager: async () => {
        this.leaderLookups++;
        return this.leader;
      },
      blobServerAddress: async () => this.rmRpc.address,
      heartbeat: HEARTBEAT,
      logger: new Logger(() => {}, "test", "error"),
      config: options.config,
      clock: this.clock,
      newId: () => `id-${++this.ids}-of-the-simulation`,
      createWorker: (o) => {
        const w = new FakeWorker(o);
        this.workers.push(w);
        return w;
      },
      bundles: this.bundles,
    });
  }

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const h = new Harness(options);
    h.rm.serve(h.rmRpc);
    await h.te.start();
    h.gateway = (await h.jmRpc.connect<TaskExecutorGateway>(h.teRpc.address, ENDPOINTS.taskExecutor)).gateway;
    return h;
  }

  /** Serves a JobMaster double for `jobId`, fenced with `token` when given; accepts every offer unless told otherwise. */
  serveJobMaster(jobId: string, overrides: ConstructorParameters<typeof TestingJobMasterGateway>[0] = {}, token?: string, rpc = this.jmRpc): TestingJobMasterGateway {
    const jm = new TestingJobMasterGateway({ offerSlots: (_tm, _addr, _data, offers) => offers, ...overrides });
    rpc.serve(ENDPOINTS.jobMaster(jobId), jm, token === undefined ? {} : { fencingToken: () => token });
    return jm;
  }

  /** Allocates slot `slotIndex` to `jobId` as the ResourceManager would, and lets the offer go through. */
  async allocate(slotIndex: number, jobId: string, token?: string, allocationId = `alloc-${jobId}-${slotIndex}`): Promise<string> {
    await this.gateway.requestSlot(slotIndex, allocationId, jobId, this.jmRpc.address, token);
    await flush();
    return allocationId;
  }

  worker(slotIndex: number): FakeWorker {
    const key = workerKey(this.te.id, slotIndex);
    const live = this.workers.filter((w) => w.key === key && !w.terminated);
    if (live.length === 0) throw new Error(`no live worker for slot ${slotIndex}`);
    return live[live.length - 1]!;
  }

  async stop(): Promise<void> {
    await this.te.stop();
    await Promise.all([this.teRpc.stop(), this.jmRpc.stop(), this.rmRpc.stop()]);
  }
}

/**
 * A submission for subtask 0 of vertex "v" of `jobId`, placed in slot `slotIndex` of `taskManagerId`,
 * carrying its own shared part (each call names a different one).
 */
export function descriptor(
  jobId: string,
  executionId: string,
  taskManagerId: string,
  slotIndex: number,
  extra: Partial<TaskDeploymentDescriptor> = {},
): TaskSubmission {
  const tdd: TaskDeploymentDescriptor = {
    jobId,
    executionId,
    attempt: 0,
    vertexId: "v",
    subtaskIndex: 0,
    jobGraph: { name: "job", vertices: [], edges: [], settings: {}, fingerprint: "f" },
    locations: { v: [workerKey(taskManagerId, slotIndex)] },
    dataAddresses: {},
    bundle: { hash: "b".repeat(64), path: "" },
    definition: { args: [], config: {}, defaultParallelism: 1 },
    ...extra,
  };
  const { jobGraph, locations, dataAddresses, bundle, definition, restore, stateBackend, ...task } = tdd;
  const shared: DeploymentShared = { jobGraph, locations, dataAddresses, bundle, definition };
  if (restore) shared.restore = restore;
  if (stateBackend) shared.stateBackend = stateBackend;
  return { ...task, sharedId: `${jobId}/${executionId}`, shared: encodeDeploymentShared(shared) };
}
