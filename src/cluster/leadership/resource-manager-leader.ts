/**
 * Where a TaskManager finds the ResourceManager (and the BlobServer, which every JobManager serves
 * next to it): without HA at the configured JobManager address with Flink's fixed default leader
 * session id; with HA through leader retrieval, following every change of leader so that the
 * TaskExecutor re-registers with the new leader at once.
 */
import type { Configuration } from "../../config/configuration.js";
import { createHighAvailabilityServices } from "../ha/create-ha-services.js";
import { LeaderComponents, type HighAvailabilityServices } from "../ha/interface.js";
import { DEFAULT_LEADER_SESSION_ID } from "../ha/standalone/leader-registry.js";
import type { LeaderAddress, TaskExecutor } from "../taskexecutor/task-executor.js";
import { LeaderTracker } from "./leader-tracker.js";

export interface ResourceManagerLeaderSource {
  /** The current leader, waiting for one when there is none. */
  resourceManager(): Promise<LeaderAddress>;
  blobServerAddress(): Promise<string>;
  /** The leader's address as known now, for log lines. */
  describe(): string;
  /** Tells the TaskExecutor about every leader change. */
  follow(taskExecutor: TaskExecutor): void;
  close(): Promise<void>;
}

/** `fixedJobManager` (tcp://host:port) is used without HA and ignored with it. */
export async function resourceManagerLeaderSource(config: Configuration, fixedJobManager: string): Promise<ResourceManagerLeaderSource> {
  const ha = await createHighAvailabilityServices(config);
  if (ha.type === "none") {
    await ha.close();
    const fixed: LeaderAddress = { address: fixedJobManager, sessionId: DEFAULT_LEADER_SESSION_ID };
    return {
      resourceManager: async () => fixed,
      blobServerAddress: async () => fixedJobManager,
      describe: () => fixedJobManager,
      follow: () => {},
      close: async () => {},
    };
  }
  return retrievalSource(ha);
}

async function retrievalSource(ha: HighAvailabilityServices): Promise<ResourceManagerLeaderSource> {
  const tracker = await LeaderTracker.start(LeaderComponents.RESOURCE_MANAGER, ha.leaderRetrieval(LeaderComponents.RESOURCE_MANAGER));
  return {
    resourceManager: () => tracker.waitForLeader(),
    blobServerAddress: async () => (await tracker.waitForLeader()).address,
    describe: () => tracker.leader?.address ?? `the leader elected through ${ha.type}`,
    follow: (taskExecutor) => void tracker.onChange((leader) => taskExecutor.resourceManagerLeaderChanged(leader)),
    async close() {
      await tracker.close();
      await ha.close();
    },
  };
}
