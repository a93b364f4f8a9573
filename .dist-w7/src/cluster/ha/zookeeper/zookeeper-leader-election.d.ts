import type { LeaderContender, LeaderElection } from "../interface.js";
import type { ZooKeeperLayout } from "./layout.js";
import { type ZooKeeperClient } from "./zookeeper-client.js";
export interface ZooKeeperLeaderElectionOptions {
    tolerateSuspendedConnection: boolean;
}
export declare class ZooKeeperLeaderElection implements LeaderElection {
    private readonly client;
    private readonly layout;
    readonly component: string;
    private readonly options;
    private latch;
    private contender;
    /** The current term's session id, set while this candidate leads. */
    private sessionId;
    private closed;
    private readonly latchPath;
    /** Connection-info nodes this candidate published (its own component's and those it leads along). */
    private readonly published;
    constructor(client: ZooKeeperClient, layout: ZooKeeperLayout, component: string, options: ZooKeeperLeaderElectionOptions);
    start(contender: LeaderContender): Promise<void>;
    confirmLeadership(sessionId: string, address: string, component?: string): Promise<void>;
    /** Replaces the connection info, provided this candidate's latch node still exists. */
    private publish;
    hasLeadership(sessionId: string): boolean;
    close(): Promise<void>;
    private onGrant;
    private onRevoke;
    /** Deletes the connection info this term published, where it is still this term's. */
    private removeOwnInformation;
}
