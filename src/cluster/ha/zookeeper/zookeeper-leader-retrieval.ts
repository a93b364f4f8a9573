/**
 * Follows one component's leader by watching leader/<component>/connection_info.
 *
 * ZooKeeper watches fire once, so every notification re-reads the node and sets the next watch
 * (getData when the node exists, exists otherwise, so that its creation is noticed too). While the
 * connection is suspended the leader cannot be verified and "no leader" is reported (unless
 * suspended connections are tolerated); after a reconnect the node is read again.
 */
import type { LeaderInformation, LeaderListener, LeaderRetrieval } from "../interface.js";
import { sameLeader } from "../leader-information.js";
import { decodeLeaderInformation } from "./leader-information-codec.js";
import { ZooKeeperClosedError, type ConnectionState, type ZooKeeperClient } from "./zookeeper-client.js";

export interface ZooKeeperLeaderRetrievalOptions {
  tolerateSuspendedConnection: boolean;
}

const MAX_RETRY_DELAY_MS = 2000;

export class ZooKeeperLeaderRetrieval implements LeaderRetrieval {
  private listener: LeaderListener | undefined;
  private last: LeaderInformation | null | undefined;
  private closed = false;
  private unsubscribe: (() => void) | undefined;
  private work: Promise<void> = Promise.resolve();
  private watchGeneration = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs = 100;

  constructor(
    private readonly client: ZooKeeperClient,
    private readonly infoPath: string,
    private readonly options: ZooKeeperLeaderRetrievalOptions,
  ) {}

  async start(listener: LeaderListener): Promise<void> {
    if (this.listener) throw new Error(`leader retrieval of ${this.infoPath} already started`);
    this.listener = listener;
    this.unsubscribe = this.client.onConnectionStateChange((state) => this.onConnectionState(state));
    await this.enqueueRefresh();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watchGeneration++;
    this.unsubscribe?.();
    clearTimeout(this.retryTimer);
    await this.work;
  }

  private onConnectionState(state: ConnectionState): void {
    if (this.closed) return;
    if (state === "SUSPENDED" && !this.options.tolerateSuspendedConnection) this.deliver(null);
    else if (state === "LOST") this.deliver(null);
    else if (state === "RECONNECTED") void this.enqueueRefresh();
  }

  private enqueueRefresh(): Promise<void> {
    this.work = this.work.then(async () => {
      if (this.closed) return;
      try {
        await this.refresh();
        this.retryDelayMs = 100;
      } catch (error) {
        if (this.closed || error instanceof ZooKeeperClosedError) return;
        if (!this.client.isConnected()) {
          this.deliver(null); // unknown until the reconnect, which refreshes again
          return;
        }
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => void this.enqueueRefresh(), this.retryDelayMs);
        this.retryDelayMs = Math.min(this.retryDelayMs * 2, MAX_RETRY_DELAY_MS);
      }
    });
    return this.work;
  }

  private async refresh(): Promise<void> {
    const generation = ++this.watchGeneration;
    const watcher = (): void => {
      if (generation === this.watchGeneration && !this.closed) void this.enqueueRefresh();
    };
    const node = await this.client.getData(this.infoPath, watcher);
    if (node) {
      this.deliver(decodeLeaderInformation(node.data));
      return;
    }
    // No node: watch for its creation. If it was created in between, exists() reports it: read again.
    if (await this.client.exists(this.infoPath, watcher)) {
      if (generation === this.watchGeneration) void this.enqueueRefresh();
      return;
    }
    this.deliver(null);
  }

  private deliver(leader: LeaderInformation | null): void {
    if (this.closed || !this.listener || sameLeader(leader, this.last)) return;
    this.last = leader;
    this.listener(leader);
  }
}
