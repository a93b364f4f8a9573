import { sameLeader } from "../leader-information.js";
import { decodeLeaderInformation } from "./leader-information-codec.js";
import { ZooKeeperClosedError } from "./zookeeper-client.js";
const MAX_RETRY_DELAY_MS = 2000;
export class ZooKeeperLeaderRetrieval {
    client;
    infoPath;
    options;
    listener;
    last;
    closed = false;
    unsubscribe;
    work = Promise.resolve();
    watchGeneration = 0;
    retryTimer;
    retryDelayMs = 100;
    constructor(client, infoPath, options) {
        this.client = client;
        this.infoPath = infoPath;
        this.options = options;
    }
    async start(listener) {
        if (this.listener)
            throw new Error(`leader retrieval of ${this.infoPath} already started`);
        this.listener = listener;
        this.unsubscribe = this.client.onConnectionStateChange((state) => this.onConnectionState(state));
        await this.enqueueRefresh();
    }
    async close() {
        this.closed = true;
        this.watchGeneration++;
        this.unsubscribe?.();
        clearTimeout(this.retryTimer);
        await this.work;
    }
    onConnectionState(state) {
        if (this.closed)
            return;
        if (state === "SUSPENDED" && !this.options.tolerateSuspendedConnection)
            this.deliver(null);
        else if (state === "LOST")
            this.deliver(null);
        else if (state === "RECONNECTED")
            void this.enqueueRefresh();
    }
    enqueueRefresh() {
        this.work = this.work.then(async () => {
            if (this.closed)
                return;
            try {
                await this.refresh();
                this.retryDelayMs = 100;
            }
            catch (error) {
                if (this.closed || error instanceof ZooKeeperClosedError)
                    return;
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
    async refresh() {
        const generation = ++this.watchGeneration;
        const watcher = () => {
            if (generation === this.watchGeneration && !this.closed)
                void this.enqueueRefresh();
        };
        const node = await this.client.getData(this.infoPath, watcher);
        if (node) {
            this.deliver(decodeLeaderInformation(node.data));
            return;
        }
        // No node: watch for its creation. If it was created in between, exists() reports it: read again.
        if (await this.client.exists(this.infoPath, watcher)) {
            if (generation === this.watchGeneration)
                void this.enqueueRefresh();
            return;
        }
        this.deliver(null);
    }
    deliver(leader) {
        if (this.closed || !this.listener || sameLeader(leader, this.last))
            return;
        this.last = leader;
        this.listener(leader);
    }
}
//# sourceMappingURL=zookeeper-leader-retrieval.js.map