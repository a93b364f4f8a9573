import { sameLeader } from "../leader-information.js";
import { validateComponent } from "../validation.js";
export class StandaloneLeaderElection {
    registry;
    component;
    contender;
    sessionId;
    closed = false;
    /** Components this term published (its own and those that lead along with it). */
    published = new Set();
    constructor(registry, component) {
        this.registry = registry;
        this.component = component;
    }
    async start(contender) {
        if (this.closed)
            throw new Error(`leader election for ${this.component} is closed`);
        if (this.contender)
            throw new Error(`leader election for ${this.component} already started`);
        this.contender = contender;
        this.sessionId = this.registry.newSessionId();
        contender.grantLeadership(this.sessionId);
    }
    async confirmLeadership(sessionId, address, component = this.component) {
        validateComponent(component);
        if (this.closed || sessionId !== this.sessionId)
            return;
        this.published.add(component);
        this.registry.confirm(component, { address, sessionId });
    }
    hasLeadership(sessionId) {
        return !this.closed && sessionId === this.sessionId;
    }
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        const sessionId = this.sessionId;
        this.sessionId = undefined;
        if (sessionId !== undefined) {
            for (const component of this.published)
                this.registry.clear(component, sessionId);
            this.contender?.revokeLeadership();
        }
    }
}
export class StandaloneLeaderRetrieval {
    registry;
    component;
    unsubscribe;
    last;
    constructor(registry, component) {
        this.registry = registry;
        this.component = component;
    }
    async start(listener) {
        if (this.unsubscribe)
            throw new Error(`leader retrieval for ${this.component} already started`);
        const deliver = (leader) => {
            if (sameLeader(leader, this.last))
                return;
            this.last = leader;
            listener(leader);
        };
        this.unsubscribe = this.registry.subscribe(this.component, deliver);
        deliver(this.registry.current(this.component));
    }
    async close() {
        this.unsubscribe?.();
        this.unsubscribe = () => { };
    }
}
//# sourceMappingURL=standalone-leader-election.js.map