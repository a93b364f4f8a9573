export class LeaderUnavailableError extends Error {
    name = "LeaderUnavailableError";
}
export class LeaderTracker {
    component;
    retrieval;
    current = null;
    listeners = new Set();
    waiters = new Set();
    closed = false;
    constructor(component, retrieval) {
        this.component = component;
        this.retrieval = retrieval;
    }
    /** Starts following; resolves once the retrieval has delivered its first answer (or registered). */
    static async start(component, retrieval) {
        const tracker = new LeaderTracker(component, retrieval);
        await retrieval.start((leader) => tracker.update(leader));
        return tracker;
    }
    get leader() {
        return this.current;
    }
    /** Called with every change (null: no leader known right now). Returns the unsubscribe function. */
    onChange(listener) {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }
    /**
     * The current leader, waiting for one when there is none. Rejects with LeaderUnavailableError
     * after `timeoutMs` (default: wait as long as it takes, until close()).
     */
    async waitForLeader(timeoutMs) {
        const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
        for (;;) {
            if (this.current)
                return this.current;
            if (this.closed)
                throw new LeaderUnavailableError(`no leader for ${this.component}: leader retrieval closed`);
            const left = deadline - Date.now();
            if (left <= 0)
                throw new LeaderUnavailableError(`no leader for ${this.component} within ${timeoutMs} ms`);
            await new Promise((resolve) => {
                const done = () => {
                    clearTimeout(timer);
                    this.waiters.delete(done);
                    resolve();
                };
                const timer = Number.isFinite(left) ? setTimeout(done, left) : undefined;
                this.waiters.add(done);
            });
        }
    }
    async close() {
        this.closed = true;
        await this.retrieval.close();
        for (const wake of [...this.waiters])
            wake();
    }
    update(leader) {
        if (this.closed)
            return;
        this.current = leader;
        for (const listener of [...this.listeners])
            listener(leader);
        if (leader)
            for (const wake of [...this.waiters])
                wake();
    }
}
//# sourceMappingURL=leader-tracker.js.map