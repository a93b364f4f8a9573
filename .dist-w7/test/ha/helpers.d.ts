import type { LeaderContender, LeaderElection, LeaderInformation, LeaderRetrieval } from "../../src/cluster/ha/interface.js";
/** Polls `condition` until it holds; fails with `message` at the deadline. Never waits unbounded. */
export declare function waitFor(condition: () => boolean | Promise<boolean>, message: string, timeoutMs?: number, intervalMs?: number): Promise<void>;
export declare function sleep(ms: number): Promise<void>;
export type ContenderEvent = ({
    type: "grant";
    sessionId: string;
} | {
    type: "revoke";
} | {
    type: "error";
    error: Error;
}) & {
    at: number;
};
/** A contender that confirms each grant with its address and records what happened. */
export declare class RecordingContender implements LeaderContender {
    readonly name: string;
    readonly address: string;
    readonly events: ContenderEvent[];
    leaderSessionId: string | undefined;
    election: LeaderElection | undefined;
    constructor(name: string, address?: string);
    join(election: LeaderElection): Promise<void>;
    grantLeadership(sessionId: string): void;
    revokeLeadership(): void;
    handleError(error: Error): void;
    get isLeader(): boolean;
    get grants(): string[];
    get errors(): Error[];
}
/** Follows a retrieval and keeps every notification. */
export declare class RecordingListener {
    readonly seen: (LeaderInformation | null)[];
    follow(retrieval: LeaderRetrieval): Promise<void>;
    get current(): LeaderInformation | null | undefined;
}
/**
 * A TCP proxy in front of ZooKeeper for one client, to cut that client off alone:
 *  - "refuse":    drops the connections and refuses new ones (a crashed link: the client notices);
 *  - "blackhole": keeps the connections but forwards nothing (a partition: only timeouts notice).
 */
export declare class FaultyProxy {
    private readonly targetPort;
    private server;
    private readonly pairs;
    private mode;
    port: number;
    constructor(targetPort: number);
    get connectString(): string;
    start(): Promise<void>;
    setMode(mode: "pass" | "refuse" | "blackhole"): void;
    stop(): Promise<void>;
    private accept;
}
