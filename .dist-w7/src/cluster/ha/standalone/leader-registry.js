/** Flink's HighAvailabilityServices.DEFAULT_LEADER_ID. */
export const DEFAULT_LEADER_SESSION_ID = "00000000-0000-0000-0000-000000000000";
export class StandaloneLeaderRegistry {
    fixedAddresses;
    fixedSessionId;
    confirmed = new Map();
    listeners = new Map();
    constructor(fixedAddresses, fixedSessionId) {
        this.fixedAddresses = fixedAddresses;
        this.fixedSessionId = fixedSessionId;
    }
    /** A session id for a new term: the configured fixed one (cross-process setups) or a fresh one. */
    newSessionId() {
        return this.fixedSessionId ?? crypto.randomUUID();
    }
    current(component) {
        const confirmed = this.confirmed.get(component);
        if (confirmed)
            return confirmed;
        const address = this.fixedAddresses[component];
        return address === undefined ? null : { address, sessionId: this.fixedSessionId ?? DEFAULT_LEADER_SESSION_ID };
    }
    confirm(component, leader) {
        this.confirmed.set(component, leader);
        this.notify(component);
    }
    /** Forgets a confirmed leader, but only the given term's (a newer term may have confirmed since). */
    clear(component, sessionId) {
        if (this.confirmed.get(component)?.sessionId !== sessionId)
            return;
        this.confirmed.delete(component);
        this.notify(component);
    }
    subscribe(component, listener) {
        let set = this.listeners.get(component);
        if (!set)
            this.listeners.set(component, (set = new Set()));
        set.add(listener);
        return () => set.delete(listener);
    }
    notify(component) {
        const leader = this.current(component);
        for (const listener of this.listeners.get(component) ?? [])
            listener(leader);
    }
}
//# sourceMappingURL=leader-registry.js.map