/** A ResourceManager on a manual clock, with TaskExecutor doubles served on local RPC services. */
import { ResourceManager, type ResourceManagerOptions } from "../../../src/cluster/resourcemanager/resource-manager.js";
import { LocalRpcService } from "../../../src/cluster/rpc/local-rpc-service.js";
import type { SlotStatus, TaskExecutorRegistration } from "../../../src/cluster/messages.js";
import type { TaskExecutorGateway } from "../../../src/cluster/taskexecutor/task-executor-gateway.js";
import { ManualClock } from "../../../src/util/clock.js";
import { quietLogger } from "../../../src/util/logger.js";
import { TestingTaskExecutorGateway } from "../../../src/testing/cluster/testing-task-executor-gateway.js";

export const HEARTBEAT = { intervalMs: 1_000, timeoutMs: 5_000 };

/** Lets the promise callbacks (and local RPC calls) queued so far run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
}

export interface ServedTaskExecutor {
  id: string;
  gateway: TestingTaskExecutorGateway;
  rpc: LocalRpcService;
  registration: TaskExecutorRegistration;
}

export class ResourceManagerHarness {
  readonly clock = new ManualClock();
  readonly rpc = new LocalRpcService();
  readonly resourceManager: ResourceManager;
  private readonly services: LocalRpcService[] = [this.rpc];
  private ids = 0;

  constructor(options: Partial<ResourceManagerOptions> = {}) {
    this.resourceManager = new ResourceManager({
      rpc: this.rpc,
      heartbeat: HEARTBEAT,
      logger: quietLogger(),
      clock: this.clock,
      newId: () => `id-${++this.ids}`,
      sessionId: "rm-session",
      ...options,
    });
  }

  /** Serves a TaskExecutor double with `slots` free slots (their report follows what the RM allocated unless overridden). */
  serveTaskExecutor(id: string, slots: SlotStatus[] | number, overrides: Partial<TaskExecutorGateway> = {}): ServedTaskExecutor {
    const rpc = new LocalRpcService();
    this.services.push(rpc);
    const slotList = typeof slots === "number" ? Array.from({ length: slots }, (_, slotIndex) => ({ slotIndex })) : slots;
    const gateway = new TestingTaskExecutorGateway(overrides);
    gateway.serve(rpc);
    const registration: TaskExecutorRegistration = {
      taskManagerId: id,
      address: rpc.address,
      dataAddress: "",
      host: "localhost",
      numberOfSlots: slotList.length,
      slotReport: { slots: slotList },
      hardware: { cpuCores: 1, memoryBytes: 1 },
    };
    return { id, gateway, rpc, registration };
  }

  /** Moves the clock in heartbeat-sized steps, letting the RPC answers arrive in between. */
  async advance(ms: number, step = 500): Promise<void> {
    for (let done = 0; done < ms; done += step) {
      this.clock.advance(Math.min(step, ms - done));
      await settle();
    }
  }

  async close(): Promise<void> {
    this.resourceManager.stop();
    await Promise.all(this.services.map((s) => s.stop()));
  }
}
