/** A Dispatcher on doubles: a testing JobMaster factory, a ResourceManager double over local RPC, a manual clock. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlobServer, hashBundle } from "../../../src/cluster/blob/blob-server.js";
import { Dispatcher, type DispatcherOptions } from "../../../src/cluster/dispatcher/dispatcher.js";
import type { JobBundle, JobSubmission, TaskManagerInfo } from "../../../src/cluster/messages.js";
import type { ResourceManagerGateway } from "../../../src/cluster/resourcemanager/resource-manager-gateway.js";
import { LocalRpcService } from "../../../src/cluster/rpc/local-rpc-service.js";
import { ENDPOINTS } from "../../../src/cluster/endpoints.js";
import type { JobGraph } from "../../../src/graph/job-graph.js";
import { ManualClock } from "../../../src/util/clock.js";
import { quietLogger } from "../../../src/util/logger.js";
import { TestingJobMasterFactory } from "../../../src/testing/cluster/testing-job-master-service.js";
import { TestingResourceManagerGateway } from "../../../src/testing/cluster/testing-resource-manager-gateway.js";

export const BUNDLE: JobBundle = { code: "export default () => {};\n", hash: hashBundle("export default () => {};\n") };

export function submissionOf(name = "job", settings: Record<string, string | number> = {}): JobSubmission {
  const jobGraph = { name, vertices: [], edges: [], settings, fingerprint: "f" } as unknown as JobGraph;
  return { jobGraph, bundleHash: BUNDLE.hash, definition: { args: [], config: {}, defaultParallelism: 1 } };
}

export function taskManager(id: string, slots: number, free: number): TaskManagerInfo {
  return {
    id,
    address: `local://${id}`,
    dataAddress: "",
    host: "localhost",
    slotsNumber: slots,
    freeSlots: free,
    hardware: { cpuCores: 1, memoryBytes: 1 },
    timeSinceLastHeartbeat: 0,
    slots: [],
  };
}

/** The ResourceManager the Dispatcher sees: a double whose TaskManagers a test sets. */
export class ResourceManagerDouble extends TestingResourceManagerGateway {
  taskManagers: TaskManagerInfo[] = [];
  constructor() {
    super({ requestTaskManagers: () => this.taskManagers });
  }
}

export interface DispatcherHarness {
  dispatcher: Dispatcher;
  factory: TestingJobMasterFactory;
  resourceManager: ResourceManagerDouble;
  clock: ManualClock;
  blobServer: BlobServer;
  close(): Promise<void>;
}

export async function startDispatcher(options: Partial<DispatcherOptions> = {}): Promise<DispatcherHarness> {
  const dir = mkdtempSync(join(tmpdir(), "sluice-dispatcher-test-"));
  const rmRpc = new LocalRpcService();
  const dispatcherRpc = new LocalRpcService();
  const resourceManager = new ResourceManagerDouble();
  resourceManager.serve(rmRpc);
  const rm = await dispatcherRpc.connect<ResourceManagerGateway>(rmRpc.address, ENDPOINTS.resourceManager);
  const factory = new TestingJobMasterFactory();
  const clock = new ManualClock();
  const blobServer = new BlobServer(join(dir, "blobs"));
  let n = 0;
  const dispatcher = new Dispatcher({
    blobServer,
    resourceManager: async () => rm.gateway,
    jobMasterFactory: factory,
    config: {},
    logger: quietLogger(),
    clock,
    newId: () => `${++n}`.padStart(32, "0"),
    ...options,
  });
  return {
    dispatcher,
    factory,
    resourceManager,
    clock,
    blobServer,
    async close() {
      rm.close();
      await Promise.all([rmRpc.stop(), dispatcherRpc.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
