/**
 * The test's own ZooKeeper session to the cluster's HA data: which JobManager container leads (its
 * Dispatcher's RPC address names the container), and a REST client to it. Every wait is bounded.
 */
import { ZooKeeperHighAvailabilityServices } from "../../../src/cluster/ha/zookeeper/zookeeper-ha-services.js";
import { LeaderComponents } from "../../../src/cluster/ha/interface.js";
import { LeaderTracker } from "../../../src/cluster/leadership/leader-tracker.js";
import { RestClusterClient } from "../../../src/client/rest-cluster-client.js";
import type { JobResult } from "../../../src/cluster/messages.js";
import { waitFor } from "../../support/wait.js";
import { REST_TOKEN, type Container, type ContainerCluster } from "./container-cluster.js";

export class LeaderWatch {
  private constructor(
    private readonly cluster: ContainerCluster,
    private readonly observer: ZooKeeperHighAvailabilityServices,
    private readonly dispatcher: LeaderTracker,
  ) {}

  static async start(cluster: ContainerCluster): Promise<LeaderWatch> {
    const observer = await ZooKeeperHighAvailabilityServices.create({
      quorum: cluster.zk!.connectString,
      storageDir: `${cluster.dir}/data/ha`,
      clusterId: cluster.config["high-availability.cluster-id"]!,
      rootPath: "/sluice",
      sessionTimeoutMs: 10_000,
      connectionTimeoutMs: 5000,
      tolerateSuspendedConnection: true,
      operationTimeoutMs: 15_000,
    });
    const dispatcher = await LeaderTracker.start(LeaderComponents.DISPATCHER, observer.leaderRetrieval(LeaderComponents.DISPATCHER));
    return new LeaderWatch(cluster, observer, dispatcher);
  }

  /** The leader's session id as published (the fencing token of its calls). */
  get sessionId(): string | undefined {
    return this.dispatcher.leader?.sessionId;
  }

  /** The container whose Dispatcher leads, waiting for one (other than `except`). */
  async leader(timeoutMs = 60_000, except?: Container): Promise<Container> {
    let found: Container | undefined;
    await waitFor(
      () => {
        const host = /^tcp:\/\/([^:/]+)/.exec(this.dispatcher.leader?.address ?? "")?.[1];
        found = this.cluster.containers.find((c) => c.name === host && c !== except);
        return found !== undefined;
      },
      "a leading JobManager container",
      timeoutMs,
      50,
    );
    return found!;
  }

  async client(): Promise<RestClusterClient> {
    return new RestClusterClient({ baseUrl: await (await this.leader()).restUrl(), token: REST_TOKEN, maxPollIntervalMs: 200, timeoutMs: 5000 });
  }

  /** The job's result from whichever JobManager leads while it ends (failovers in between are retried). */
  async result(jobId: string, timeoutMs: number): Promise<JobResult> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`job ${jobId} did not end within ${timeoutMs} ms\n${await this.cluster.logs()}`);
      try {
        const client = await this.client();
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("result timed out")), left)));
        try {
          return await Promise.race([client.result(jobId), timeout]);
        } finally {
          clearTimeout(timer);
        }
      } catch (e) {
        if (Date.now() >= deadline) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close().catch(() => {});
    await this.observer.close().catch(() => {});
  }
}
