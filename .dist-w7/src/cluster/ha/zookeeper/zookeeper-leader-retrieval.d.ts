/**
 * Follows one component's leader by watching leader/<component>/connection_info.
 *
 * ZooKeeper watches fire once, so every notification re-reads the node and sets the next watch
 * (getData when the node exists, exists otherwise, so that its creation is noticed too). While the
 * connection is suspended the leader cannot be verified and "no leader" is reported (unless
 * suspended connections are tolerated); after a reconnect the node is read again.
 */
import type { LeaderListener, LeaderRetrieval } from "../interface.js";
import { type ZooKeeperClient } from "./zookeeper-client.js";
export interface ZooKeeperLeaderRetrievalOptions {
    tolerateSuspendedConnection: boolean;
}
export declare class ZooKeeperLeaderRetrieval implements LeaderRetrieval {
    private readonly client;
    private readonly infoPath;
    private readonly options;
    private listener;
    private last;
    private closed;
    private unsubscribe;
    private work;
    private watchGeneration;
    private retryTimer;
    private retryDelayMs;
    constructor(client: ZooKeeperClient, infoPath: string, options: ZooKeeperLeaderRetrievalOptions);
    start(listener: LeaderListener): Promise<void>;
    close(): Promise<void>;
    private onConnectionState;
    private enqueueRefresh;
    private refresh;
    private deliver;
}
