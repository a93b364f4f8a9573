/**
 * The standalone implementation's view of who leads: fixed addresses from the configuration, and the
 * leaders confirmed by elections inside this process. Retrieval in the same process sees confirmed
 * leaders with their real session ids; a process without an election of its own (e.g. a TaskManager)
 * sees the fixed address with the fixed session id, as Flink's standalone mode does.
 */
import type { LeaderInformation, LeaderListener } from "../interface.js";

/** Flink's HighAvailabilityServices.DEFAULT_LEADER_ID. */
export const DEFAULT_LEADER_SESSION_ID = "00000000-0000-0000-0000-000000000000";

export class StandaloneLeaderRegistry {
  private readonly confirmed = new Map<string, LeaderInformation>();
  private readonly listeners = new Map<string, Set<LeaderListener>>();

  constructor(
    private readonly fixedAddresses: Readonly<Record<string, string>>,
    private readonly fixedSessionId: string | undefined,
  ) {}

  /** A session id for a new term: the configured fixed one (cross-process setups) or a fresh one. */
  newSessionId(): string {
    return this.fixedSessionId ?? crypto.randomUUID();
  }

  current(component: string): LeaderInformation | null {
    const confirmed = this.confirmed.get(component);
    if (confirmed) return confirmed;
    const address = this.fixedAddresses[component];
    return address === undefined ? null : { address, sessionId: this.fixedSessionId ?? DEFAULT_LEADER_SESSION_ID };
  }

  confirm(component: string, leader: LeaderInformation): void {
    this.confirmed.set(component, leader);
    this.notify(component);
  }

  /** Forgets a confirmed leader, but only the given term's (a newer term may have confirmed since). */
  clear(component: string, sessionId: string): void {
    if (this.confirmed.get(component)?.sessionId !== sessionId) return;
    this.confirmed.delete(component);
    this.notify(component);
  }

  subscribe(component: string, listener: LeaderListener): () => void {
    let set = this.listeners.get(component);
    if (!set) this.listeners.set(component, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  private notify(component: string): void {
    const leader = this.current(component);
    for (const listener of this.listeners.get(component) ?? []) listener(leader);
  }
}
