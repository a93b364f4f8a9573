/**
 * Simulated HA services: the contracts of src/cluster/ha/interface.ts over one shared in-memory
 * "ensemble" (what ZooKeeper is to the real implementation), with leader election whose sessions
 * can expire. A process's HA session ending (expiry, crash) revokes its leadership first; only then
 * does the next contender get a new session — as a ZooKeeper client is suspended (and Flink revokes
 * leadership) before its session times out and another latch wins. Stores reuse the standalone
 * in-memory stores, which share their semantics with the ZooKeeper ones (test/ha/store-cases.ts).
 */
import {
  type CheckpointIdCounter,
  type CompletedCheckpoint,
  type CompletedCheckpointStore,
  type HaPayload,
  type HighAvailabilityServices,
  type JobGraphStore,
  type JobResultStore,
  type LeaderContender,
  type LeaderElection,
  type LeaderInformation,
  type LeaderListener,
  type LeaderRetrieval,
  type LeadershipFence,
} from "../../cluster/ha/interface.js";
import { localLeadershipFence } from "../../cluster/ha/standalone/local-leadership-fence.js";
import { sameLeader } from "../../cluster/ha/leader-information.js";
import {
  InMemoryCheckpointIdCounter,
  InMemoryCompletedCheckpointStore,
  InMemoryJobGraphStore,
  InMemoryJobResultStore,
  newCounterCell,
} from "../../cluster/ha/standalone/in-memory-stores.js";
import type { SimKernel, SimProcess } from "./kernel.js";
import type { Trace } from "./trace.js";

interface Candidate {
  readonly election: SimLeaderElection;
  readonly contender: LeaderContender;
}

interface ElectionState {
  queue: Candidate[];
  leader: Candidate | undefined;
  sessionId: string | undefined;
}

/** What the invariants watch in the stores. */
export interface HaObserver {
  checkpointAdded(jobId: string, checkpointId: number, latestBefore: number | undefined): void;
  checkpointIdDrawn(jobId: string, id: number): void;
  /** A job result was recorded: the job is globally terminal. */
  jobEnded(jobId: string): void;
}

/** The JobGraph store, with the job ids readable synchronously (the invariants look after every step). */
class ObservedJobGraphStore extends InMemoryJobGraphStore {
  readonly ids = new Set<string>();
  override async put(jobId: string, jobGraph: HaPayload): Promise<void> {
    await super.put(jobId, jobGraph);
    this.ids.add(jobId);
  }
  override async remove(jobId: string): Promise<void> {
    await super.remove(jobId);
    this.ids.delete(jobId);
  }
}

class ObservedJobResultStore extends InMemoryJobResultStore {
  constructor(private readonly ensemble: SimHaEnsemble) {
    super();
  }
  override async createDirty(jobId: string, result: HaPayload): Promise<void> {
    await super.createDirty(jobId, result);
    this.ensemble.observer.jobEnded(jobId);
  }
}

export class SimHaEnsemble {
  readonly graphs = new ObservedJobGraphStore();
  readonly results: InMemoryJobResultStore = new ObservedJobResultStore(this);
  readonly checkpoints = new Map<string, Map<number, HaPayload>>();
  private readonly counters = new Map<string, { value: number }>();
  private readonly elections = new Map<string, ElectionState>();
  private readonly published = new Map<string, LeaderInformation>();
  private readonly listeners = new Map<string, Set<{ process: SimProcess; listener: LeaderListener }>>();
  observer: HaObserver = { checkpointAdded() {}, checkpointIdDrawn() {}, jobEnded() {} };

  constructor(
    readonly kernel: SimKernel,
    readonly trace: Trace,
  ) {}

  /** One process's view (its "ZooKeeper client"). */
  services(process: SimProcess): HighAvailabilityServices {
    return new SimHaServices(this, process);
  }

  /** The session id of the component's current leader, and its process (undefined between terms). */
  leaderOf(component: string): { sessionId: string; process: SimProcess } | undefined {
    const e = this.elections.get(component);
    return e?.leader && e.sessionId ? { sessionId: e.sessionId, process: e.leader.election.process } : undefined;
  }

  checkpointCells(jobId: string): Map<number, HaPayload> {
    let cells = this.checkpoints.get(jobId);
    if (!cells) this.checkpoints.set(jobId, (cells = new Map()));
    return cells;
  }

  counterCell(jobId: string): { value: number } {
    let cell = this.counters.get(jobId);
    if (!cell) this.counters.set(jobId, (cell = newCounterCell()));
    return cell;
  }

  dropJobData(jobId: string): void {
    this.checkpoints.get(jobId)?.clear();
    this.checkpoints.delete(jobId);
    this.counters.delete(jobId);
  }

  // ---- elections -----------------------------------------------------------------------------------

  private state(component: string): ElectionState {
    let s = this.elections.get(component);
    if (!s) this.elections.set(component, (s = { queue: [], leader: undefined, sessionId: undefined }));
    return s;
  }

  join(component: string, candidate: Candidate): void {
    const s = this.state(component);
    s.queue.push(candidate);
    if (!s.leader) this.grantNext(component);
  }

  leave(component: string, election: SimLeaderElection, reason: string): void {
    const s = this.state(component);
    s.queue = s.queue.filter((c) => c.election !== election);
    if (s.leader?.election === election) this.endTerm(component, reason);
  }

  /** The process's HA session ended: its leaderships are revoked, then it rejoins at the back of the queue. */
  expireSession(process: SimProcess): void {
    for (const [component, s] of this.elections) {
      const leader = s.leader;
      if (!leader || leader.election.process !== process) continue;
      this.trace.log(`FAULT session of ${process.name} expired (${component})`);
      s.queue = s.queue.filter((c) => c !== leader);
      if (process.alive) s.queue.push(leader);
      this.endTerm(component, "session expired");
    }
  }

  /** A crashed process's session times out after `sessionTimeoutMs`: its candidates go, then another leads. */
  processCrashed(process: SimProcess, sessionTimeoutMs: number): void {
    this.kernel.schedule(
      () => {
        for (const [component, s] of this.elections) {
          s.queue = s.queue.filter((c) => c.election.process !== process);
          if (s.leader?.election.process === process) this.endTerm(component, `session of crashed ${process.name} timed out`);
        }
      },
      sessionTimeoutMs,
      null,
    );
  }

  private endTerm(component: string, reason: string): void {
    const s = this.state(component);
    const leader = s.leader;
    const sessionId = s.sessionId;
    s.leader = undefined;
    s.sessionId = undefined;
    if (leader && sessionId) {
      this.trace.log(`HA revoke ${component} from ${leader.election.process.name} (${reason})`);
      for (const [c, info] of this.published) if (info.sessionId === sessionId) this.publish(c, undefined);
      if (leader.election.process.alive) leader.election.process.run(() => leader.contender.revokeLeadership());
    }
    // ZooKeeper tells the next latch holder a moment later.
    this.kernel.schedule(() => this.grantNext(component), this.kernel.prng.int(10, 500), null);
  }

  private grantNext(component: string): void {
    const s = this.state(component);
    if (s.leader) return;
    const next = s.queue.find((c) => c.election.process.alive && !c.election.closed);
    if (!next) return;
    const sessionId = this.kernel.prng.uuid();
    s.leader = next;
    s.sessionId = sessionId;
    this.trace.log(`HA grant ${component} to ${next.election.process.name} session ${sessionId.slice(0, 8)}`);
    next.election.process.run(() => next.contender.grantLeadership(sessionId));
  }

  confirm(election: SimLeaderElection, sessionId: string, address: string, component: string): void {
    const s = this.state(election.component);
    if (s.leader?.election !== election || s.sessionId !== sessionId) return;
    this.publish(component, { address, sessionId });
  }

  hasLeadership(election: SimLeaderElection, sessionId: string): boolean {
    const s = this.state(election.component);
    return s.leader?.election === election && s.sessionId === sessionId;
  }

  // ---- retrieval -----------------------------------------------------------------------------------

  private publish(component: string, info: LeaderInformation | undefined): void {
    if (info) this.published.set(component, info);
    else this.published.delete(component);
    for (const { process, listener } of this.listeners.get(component) ?? []) {
      // Watches fire a moment later, in the follower's process.
      this.kernel.schedule(() => listener(this.published.get(component) ?? null), this.kernel.prng.int(1, 50), process);
    }
  }

  follow(component: string, process: SimProcess, listener: LeaderListener): () => void {
    let set = this.listeners.get(component);
    if (!set) this.listeners.set(component, (set = new Set()));
    const entry = { process, listener };
    set.add(entry);
    this.kernel.schedule(() => listener(this.published.get(component) ?? null), 1, process);
    return () => set.delete(entry);
  }
}

class SimLeaderElection implements LeaderElection {
  closed = false;
  private started = false;

  constructor(
    private readonly ensemble: SimHaEnsemble,
    readonly process: SimProcess,
    readonly component: string,
  ) {}

  async start(contender: LeaderContender): Promise<void> {
    if (this.closed) throw new Error(`leader election for ${this.component} is closed`);
    if (this.started) throw new Error(`leader election for ${this.component} already started`);
    this.started = true;
    this.ensemble.join(this.component, { election: this, contender });
  }

  async confirmLeadership(sessionId: string, address: string, component: string = this.component): Promise<void> {
    if (!this.closed) this.ensemble.confirm(this, sessionId, address, component);
  }

  hasLeadership(sessionId: string): boolean {
    return !this.closed && this.ensemble.hasLeadership(this, sessionId);
  }

  fence(sessionId: string): LeadershipFence {
    return localLeadershipFence(sessionId, () => this.hasLeadership(sessionId));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.ensemble.leave(this.component, this, "left the election");
  }
}

class SimLeaderRetrieval implements LeaderRetrieval {
  private stop: (() => void) | undefined;
  private last: LeaderInformation | null | undefined;

  constructor(
    private readonly ensemble: SimHaEnsemble,
    private readonly process: SimProcess,
    private readonly component: string,
  ) {}

  async start(listener: LeaderListener): Promise<void> {
    if (this.stop) throw new Error(`leader retrieval for ${this.component} already started`);
    this.stop = this.ensemble.follow(this.component, this.process, (leader) => {
      if (sameLeader(leader, this.last)) return;
      this.last = leader;
      listener(leader);
    });
  }

  async close(): Promise<void> {
    this.stop?.();
    this.stop = () => {};
  }
}

/** A checkpoint store that tells the observer what it records. */
class ObservedCheckpointStore implements CompletedCheckpointStore {
  private readonly inner: InMemoryCompletedCheckpointStore;
  constructor(
    private readonly ensemble: SimHaEnsemble,
    readonly jobId: string,
    readonly maxRetained: number,
    fence: LeadershipFence | undefined,
  ) {
    this.inner = new InMemoryCompletedCheckpointStore(jobId, maxRetained, ensemble.checkpointCells(jobId), fence);
  }
  async add(checkpoint: CompletedCheckpoint): Promise<CompletedCheckpoint[]> {
    const before = (await this.inner.latest())?.checkpointId;
    const subsumed = await this.inner.add(checkpoint);
    this.ensemble.observer.checkpointAdded(this.jobId, checkpoint.checkpointId, before);
    return subsumed;
  }
  latest(): Promise<CompletedCheckpoint | undefined> {
    return this.inner.latest();
  }
  list(): Promise<CompletedCheckpoint[]> {
    return this.inner.list();
  }
  removeAll(): Promise<void> {
    return this.inner.removeAll();
  }
}

class ObservedCounter implements CheckpointIdCounter {
  private readonly inner: InMemoryCheckpointIdCounter;
  constructor(
    private readonly ensemble: SimHaEnsemble,
    readonly jobId: string,
  ) {
    this.inner = new InMemoryCheckpointIdCounter(jobId, ensemble.counterCell(jobId));
  }
  async getAndIncrement(): Promise<number> {
    const id = await this.inner.getAndIncrement();
    this.ensemble.observer.checkpointIdDrawn(this.jobId, id);
    return id;
  }
  get(): Promise<number> {
    return this.inner.get();
  }
  set(value: number): Promise<void> {
    return this.inner.set(value);
  }
}

export class SimHaServices implements HighAvailabilityServices {
  readonly type = "zookeeper";

  constructor(
    private readonly ensemble: SimHaEnsemble,
    private readonly process: SimProcess,
  ) {}

  leaderElection(component: string): LeaderElection {
    return new SimLeaderElection(this.ensemble, this.process, component);
  }
  leaderRetrieval(component: string): LeaderRetrieval {
    return new SimLeaderRetrieval(this.ensemble, this.process, component);
  }
  jobGraphStore(): JobGraphStore {
    return this.ensemble.graphs;
  }
  completedCheckpointStore(jobId: string, maxRetained = 1, fence?: LeadershipFence): CompletedCheckpointStore {
    return new ObservedCheckpointStore(this.ensemble, jobId, maxRetained, fence);
  }
  checkpointIdCounter(jobId: string): CheckpointIdCounter {
    return new ObservedCounter(this.ensemble, jobId);
  }
  jobResultStore(): JobResultStore {
    return this.ensemble.results;
  }
  async cleanupJobData(jobId: string): Promise<void> {
    await this.ensemble.graphs.remove(jobId);
    this.ensemble.dropJobData(jobId);
  }
  async close(): Promise<void> {}
  async closeAndCleanupAllData(): Promise<void> {}
}
