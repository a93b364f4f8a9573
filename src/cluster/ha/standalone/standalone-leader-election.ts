/**
 * Standalone leader election and retrieval: there is no competitor, so a candidate leads as soon as
 * it starts, with a fresh session id per term; retrieval reports the registry's view.
 */
import type { LeaderContender, LeaderElection, LeaderInformation, LeaderListener, LeaderRetrieval, LeadershipFence } from "../interface.js";
import { localLeadershipFence } from "./local-leadership-fence.js";
import { sameLeader } from "../leader-information.js";
import type { StandaloneLeaderRegistry } from "./leader-registry.js";
import { validateComponent } from "../validation.js";

export class StandaloneLeaderElection implements LeaderElection {
  private contender: LeaderContender | undefined;
  private sessionId: string | undefined;
  private closed = false;
  /** Components this term published (its own and those that lead along with it). */
  private readonly published = new Set<string>();

  constructor(
    private readonly registry: StandaloneLeaderRegistry,
    private readonly component: string,
  ) {}

  async start(contender: LeaderContender): Promise<void> {
    if (this.closed) throw new Error(`leader election for ${this.component} is closed`);
    if (this.contender) throw new Error(`leader election for ${this.component} already started`);
    this.contender = contender;
    this.sessionId = this.registry.newSessionId();
    contender.grantLeadership(this.sessionId);
  }

  async confirmLeadership(sessionId: string, address: string, component: string = this.component): Promise<void> {
    validateComponent(component);
    if (this.closed || sessionId !== this.sessionId) return;
    this.published.add(component);
    this.registry.confirm(component, { address, sessionId });
  }

  hasLeadership(sessionId: string): boolean {
    return !this.closed && sessionId === this.sessionId;
  }

  fence(sessionId: string): LeadershipFence {
    return localLeadershipFence(sessionId, () => this.hasLeadership(sessionId));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const sessionId = this.sessionId;
    this.sessionId = undefined;
    if (sessionId !== undefined) {
      for (const component of this.published) this.registry.clear(component, sessionId);
      this.contender?.revokeLeadership();
    }
  }
}

export class StandaloneLeaderRetrieval implements LeaderRetrieval {
  private unsubscribe: (() => void) | undefined;
  private last: LeaderInformation | null | undefined;

  constructor(
    private readonly registry: StandaloneLeaderRegistry,
    private readonly component: string,
  ) {}

  async start(listener: LeaderListener): Promise<void> {
    if (this.unsubscribe) throw new Error(`leader retrieval for ${this.component} already started`);
    const deliver = (leader: LeaderInformation | null): void => {
      if (sameLeader(leader, this.last)) return;
      this.last = leader;
      listener(leader);
    };
    this.unsubscribe = this.registry.subscribe(this.component, deliver);
    deliver(this.registry.current(this.component));
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = () => {};
  }
}
