/**
 * Follows one component's leader through a LeaderRetrieval and keeps the latest answer, so that
 * callers can ask "who leads now?" synchronously, wait for a leader to appear, or be told of every
 * change. TaskExecutors use it to find the ResourceManager, the REST endpoints of standby
 * JobManagers to find the leading Dispatcher, and the CLI to find the leader's REST address.
 */
import type { LeaderInformation, LeaderRetrieval } from "../ha/interface.js";
export declare class LeaderUnavailableError extends Error {
    name: string;
}
export declare class LeaderTracker {
    readonly component: string;
    private readonly retrieval;
    private current;
    private readonly listeners;
    private readonly waiters;
    private closed;
    private constructor();
    /** Starts following; resolves once the retrieval has delivered its first answer (or registered). */
    static start(component: string, retrieval: LeaderRetrieval): Promise<LeaderTracker>;
    get leader(): LeaderInformation | null;
    /** Called with every change (null: no leader known right now). Returns the unsubscribe function. */
    onChange(listener: (leader: LeaderInformation | null) => void): () => void;
    /**
     * The current leader, waiting for one when there is none. Rejects with LeaderUnavailableError
     * after `timeoutMs` (default: wait as long as it takes, until close()).
     */
    waitForLeader(timeoutMs?: number): Promise<LeaderInformation>;
    close(): Promise<void>;
    private update;
}
