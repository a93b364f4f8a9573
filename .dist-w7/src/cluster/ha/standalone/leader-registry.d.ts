/**
 * The standalone implementation's view of who leads: fixed addresses from the configuration, and the
 * leaders confirmed by elections inside this process. Retrieval in the same process sees confirmed
 * leaders with their real session ids; a process without an election of its own (e.g. a TaskManager)
 * sees the fixed address with the fixed session id, as Flink's standalone mode does.
 */
import type { LeaderInformation, LeaderListener } from "../interface.js";
/** Flink's HighAvailabilityServices.DEFAULT_LEADER_ID. */
export declare const DEFAULT_LEADER_SESSION_ID = "00000000-0000-0000-0000-000000000000";
export declare class StandaloneLeaderRegistry {
    private readonly fixedAddresses;
    private readonly fixedSessionId;
    private readonly confirmed;
    private readonly listeners;
    constructor(fixedAddresses: Readonly<Record<string, string>>, fixedSessionId: string | undefined);
    /** A session id for a new term: the configured fixed one (cross-process setups) or a fresh one. */
    newSessionId(): string;
    current(component: string): LeaderInformation | null;
    confirm(component: string, leader: LeaderInformation): void;
    /** Forgets a confirmed leader, but only the given term's (a newer term may have confirmed since). */
    clear(component: string, sessionId: string): void;
    subscribe(component: string, listener: LeaderListener): () => void;
    private notify;
}
