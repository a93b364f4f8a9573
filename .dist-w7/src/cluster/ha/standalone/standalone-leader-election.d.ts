/**
 * Standalone leader election and retrieval: there is no competitor, so a candidate leads as soon as
 * it starts, with a fresh session id per term; retrieval reports the registry's view.
 */
import type { LeaderContender, LeaderElection, LeaderListener, LeaderRetrieval } from "../interface.js";
import type { StandaloneLeaderRegistry } from "./leader-registry.js";
export declare class StandaloneLeaderElection implements LeaderElection {
    private readonly registry;
    private readonly component;
    private contender;
    private sessionId;
    private closed;
    /** Components this term published (its own and those that lead along with it). */
    private readonly published;
    constructor(registry: StandaloneLeaderRegistry, component: string);
    start(contender: LeaderContender): Promise<void>;
    confirmLeadership(sessionId: string, address: string, component?: string): Promise<void>;
    hasLeadership(sessionId: string): boolean;
    close(): Promise<void>;
}
export declare class StandaloneLeaderRetrieval implements LeaderRetrieval {
    private readonly registry;
    private readonly component;
    private unsubscribe;
    private last;
    constructor(registry: StandaloneLeaderRegistry, component: string);
    start(listener: LeaderListener): Promise<void>;
    close(): Promise<void>;
}
