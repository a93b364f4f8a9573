/**
 * The policy of an active ResourceManager (Flink's ActiveResourceManager), the same for every
 * provider that starts TaskManagers:
 *  - when the declared slot requirements exceed the free slots plus the slots of TaskManagers
 *    already being started, start enough new ones — never more than `maxWorkers` at a time;
 *  - a TaskManager it started whose slots have all been free for `idleTimeoutMs` is stopped;
 *  - a TaskManager it started that dies, or that the ResourceManager loses (lost connection,
 *    heartbeat timeout), is stopped and forgotten, and the next check starts a replacement if the
 *    jobs still need its slots;
 *  - after a TaskManager died before it registered, the next one is started only after
 *    `startRetryIntervalMs`, so that a TaskManager that cannot start does not spin; one that has not
 *    registered after `registrationTimeoutMs` (hung, or cannot reach the JobManager) is stopped and
 *    counts as such a failure.
 * TaskManagers it did not start (started by hand) are used but never stopped.
 *
 * One pool serves one ResourceManager (one leadership term); closing it stops its TaskManagers:
 * the next leader starts its own.
 */
import type { Logger } from "../../util/logger.js";
import { systemClock, type Clock, type Timer } from "../../util/clock.js";
import { randomIds, type IdSource } from "../../util/ids.js";
import type { ResourceProvider } from "./resource-provider.js";

/** What the pool sees of the ResourceManager's slot table, and how it acts on it. */
export interface SlotTableView {
  /** Registered TaskManagers and whether all their slots are free. */
  taskManagers(): Iterable<{ id: string; idle: boolean }>;
  /** Slots the declared requirements still miss after every free slot has been handed out. */
  missingSlots(): number;
  /** Forget a TaskManager (the pool stops its process itself). */
  removeTaskManager(id: string, cause: string): void;
}

type WorkerState = "starting" | "registered" | "stopping";

export class ActiveWorkerPool {
  private readonly workers = new Map<string, WorkerState>();
  /** When each registered worker's slots became all free. */
  private readonly idleSince = new Map<string, number>();
  /** When each worker still starting was started. */
  private readonly startedAt = new Map<string, number>();
  private readonly log: Logger;
  private readonly sweepTimer: Timer;
  private readonly clock: Clock;
  private readonly unsubscribe: () => void;
  /** No start before this time (a worker died before it registered). */
  private notBefore = 0;
  private nextNumber = 1;
  /** Unique per pool: a worker id is never reused, even by the next leader on this host. */
  private readonly prefix: string;
  private limitReached: string | undefined;
  private closed = false;

  constructor(
    private readonly provider: ResourceProvider,
    private readonly view: SlotTableView,
    logger: Logger,
    services: { clock?: Clock; newId?: IdSource } = {},
  ) {
    this.clock = services.clock ?? systemClock;
    this.prefix = `taskmanager-${(services.newId ?? randomIds)().replaceAll("-", "").slice(0, 10)}`;
    this.log = logger.child("ActiveWorkerPool");
    this.unsubscribe = provider.onWorkerTerminated((id, cause) => this.workerTerminated(id, cause));
    // Idle release and retries after a failed start are time-driven; a sweep a few times per idle
    // timeout (at most every second) keeps the release within a quarter of the timeout.
    const every = Math.min(1000, Math.max(50, Math.floor(provider.policy.idleTimeoutMs / 4)));
    this.sweepTimer = this.clock.setInterval(() => this.sweep(), every);
  }

  /** A message for jobs that wait for slots while no more TaskManagers may be started; else undefined. */
  get limitMessage(): string | undefined {
    return this.limitReached;
  }

  /** Throws for a TaskManager being stopped, so that it gets no new slots on its way out. */
  checkRegistration(id: string): void {
    if (this.workers.get(id) === "stopping") throw new Error(`TaskManager ${id} is being stopped by the ResourceManager`);
  }

  workerRegistered(id: string): void {
    if (!this.workers.has(id)) return;
    this.workers.set(id, "registered");
    this.startedAt.delete(id);
  }

  /**
   * The ResourceManager dropped a TaskManager. One of ours that it lost (not one it was told to
   * release) is stopped for good: it may be frozen or cut off, and a replacement is started instead.
   */
  taskManagerRemoved(id: string, cause: string): void {
    this.idleSince.delete(id);
    const state = this.workers.get(id);
    if (state === undefined || state === "stopping") return;
    this.stop(id, `lost by the ResourceManager: ${cause}`);
  }

  /** Starts TaskManagers for the slots the requirements still miss. Call after slots were matched. */
  reconcile(): void {
    if (this.closed) return;
    const { slotsPerWorker, maxWorkers } = this.provider.policy;
    const starting = this.count("starting");
    const missing = this.view.missingSlots() - starting * slotsPerWorker;
    if (missing <= 0) {
      this.limitReached = undefined;
      return;
    }
    const wanted = Math.ceil(missing / slotsPerWorker);
    const room = maxWorkers - starting - this.count("registered");
    this.limitReached =
      wanted > room
        ? `resourcemanager.taskmanager.max-count (${maxWorkers}) reached: no more TaskManagers are started until some are released`
        : undefined;
    if (this.limitReached && room <= 0) return;
    if (this.clock.now() < this.notBefore) return;
    for (let i = 0; i < Math.min(wanted, room); i++) this.start();
  }

  /** Stops every TaskManager of this pool (the ResourceManager's term ended). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.sweepTimer.cancel();
    const ids = [...this.workers.keys()];
    for (const id of ids) this.workers.set(id, "stopping");
    await Promise.all(ids.map((id) => this.provider.stopWorker(id, "the ResourceManager stopped").catch(() => {})));
    this.unsubscribe();
    this.workers.clear();
  }

  private start(): void {
    const id = `${this.prefix}-${this.nextNumber++}`;
    this.workers.set(id, "starting");
    this.startedAt.set(id, this.clock.now());
    this.provider.startWorker(id).catch((e: Error) => {
      this.log.error(`could not start TaskManager ${id}: ${e.message}`);
      this.workerTerminated(id, e.message);
    });
  }

  private stop(id: string, reason: string): void {
    this.workers.set(id, "stopping");
    this.idleSince.delete(id);
    this.provider.stopWorker(id, reason).catch((e: Error) => this.log.warn(`stopping TaskManager ${id}: ${e.message}`));
  }

  private workerTerminated(id: string, cause: string): void {
    const state = this.workers.get(id);
    if (state === undefined) return;
    this.workers.delete(id);
    this.idleSince.delete(id);
    this.startedAt.delete(id);
    if (state === "stopping") {
      this.log.info(`TaskManager ${id} ${cause}`);
      return;
    }
    this.log.warn(`TaskManager ${id} ${cause}`);
    if (state === "starting") this.notBefore = this.clock.now() + this.provider.policy.startRetryIntervalMs;
    // Its slots are gone now, not when the connection or heartbeat says so.
    this.view.removeTaskManager(id, `its process ${cause}`);
    this.reconcile();
  }

  /** Releases idle TaskManagers and retries starts that waited. */
  private sweep(): void {
    if (this.closed) return;
    const now = this.clock.now();
    const { idleTimeoutMs, registrationTimeoutMs, startRetryIntervalMs } = this.provider.policy;
    for (const [id, at] of this.startedAt) {
      if (now - at < registrationTimeoutMs) continue;
      this.startedAt.delete(id);
      this.log.warn(`TaskManager ${id} did not register within ${registrationTimeoutMs} ms; stopping it`);
      this.stop(id, "it did not register in time");
      this.notBefore = now + startRetryIntervalMs;
    }
    const needed = this.view.missingSlots() > 0;
    for (const { id, idle } of this.view.taskManagers()) {
      if (this.workers.get(id) !== "registered") continue;
      if (!idle || needed) {
        this.idleSince.delete(id);
        continue;
      }
      const since = this.idleSince.get(id) ?? now;
      this.idleSince.set(id, since);
      if (now - since >= idleTimeoutMs) {
        const reason = `idle for ${now - since} ms (resourcemanager.taskmanager-timeout ${idleTimeoutMs} ms)`;
        this.stop(id, reason);
        this.view.removeTaskManager(id, `released: ${reason}`);
      }
    }
    this.reconcile();
  }

  private count(state: WorkerState): number {
    let n = 0;
    for (const s of this.workers.values()) if (s === state) n++;
    return n;
  }
}
