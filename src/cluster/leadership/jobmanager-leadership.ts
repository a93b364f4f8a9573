/**
 * The JobManager as a leader contender (docs/architecture.md, "High availability").
 *
 * The Dispatcher, the ResourceManager and every JobMaster of a JobManager lead together, under one
 * election of the "cluster" component — the choice Flink made in 1.15 (one leader election service
 * per process, one latch, one connection-info node per component). Leading together means one
 * leader session id per term, and it is the fencing token of all of them: a TaskExecutor registered
 * with the ResourceManager of session S knows that JobMasters of any other session are stale.
 *
 * Per term (grant → revoke) this builds a fresh ResourceManager and Dispatcher with the term's
 * session id, publishes the ResourceManager's address at once (TaskExecutors register while jobs are
 * being recovered), recovers every persisted job, and then publishes the Dispatcher's RPC address
 * and the REST endpoint's URL. On revocation the term's JobMasters are suspended (job status
 * SUSPENDED: HA data kept), the ResourceManager stops, and the fenced endpoints reject every call
 * until the next grant. With the standalone (`none`) services the single term begins at start().
 */
import type { HighAvailabilityServices, LeaderContender, LeaderElection } from "../ha/interface.js";
import { LeaderComponents } from "../ha/interface.js";
import type { BlobServer } from "../blob/blob-server.js";
import { Dispatcher } from "../dispatcher/dispatcher.js";
import { defaultJobMasterFactory } from "../dispatcher/default-job-master-factory.js";
import type { JobMasterFactory } from "../dispatcher/job-master-service.js";
import { ENDPOINTS } from "../endpoints.js";
import { heartbeatSettings } from "../heartbeat.js";
import { ResourceManager } from "../resourcemanager/resource-manager.js";
import type { ResourceProvider } from "../resourcemanager/resource-provider.js";
import type { Gateway, RpcService, ServedEndpoint } from "../rpc/interface.js";
import type { ResourceManagerGateway } from "../resourcemanager/resource-manager-gateway.js";
import type { Logger } from "../../util/logger.js";
import { systemClock, type Clock, type Timer } from "../../util/clock.js";
import type { IdSource } from "../../util/ids.js";
import { isGloballyTerminal } from "../messages.js";
import { serveLeaderEndpoint } from "./leader-endpoint.js";

export interface JobManagerLeadershipOptions {
  rpc: RpcService;
  ha: HighAvailabilityServices;
  blobServer: BlobServer;
  config: Readonly<Record<string, string>>;
  logger: Logger;
  /** The REST endpoint's URL, published as the leader address of the rest_server component. */
  restUrl?: () => string | undefined;
  /** The election cannot go on (a bug, not a lost connection): the process should exit. */
  onFatalError?: (error: Error) => void;
  /** DELETE /cluster reached the leading Dispatcher: the process should shut down (absent: refused). */
  onShutdownRequest?: () => void;
  /** Where each term's ResourceManager gets TaskManagers (outlives the terms); standalone when absent. */
  resourceProvider?: ResourceProvider;
  /**
   * Creates the JobMasters of a term whose leader session id is `sessionId` (it is the ResourceManager's
   * fencing token too). Default: real JobMasters on this JobManager's RPC service.
   */
  jobMasterFactory?: (sessionId: string) => JobMasterFactory;
  /** Every term's ResourceManager and Dispatcher run on it. */
  clock?: Clock;
  /** Ids of the terms' components (allocations, jobs). */
  newId?: IdSource;
}

/** One leadership term: the components that lead under its session id. */
export interface LeaderTerm {
  readonly sessionId: string;
  readonly dispatcher: Dispatcher;
  readonly resourceManager: ResourceManager;
  /** Settles once the term's jobs are recovered and its addresses published. */
  readonly ready: Promise<void>;
}

export class JobManagerLeadership implements LeaderContender {
  private current: LeaderTerm | undefined;
  private election: LeaderElection | undefined;
  private readonly endpoints: ServedEndpoint[] = [];
  private readonly termListeners = new Set<(term: LeaderTerm | undefined) => void>();
  private readonly log: Logger;
  private closed = false;
  /** close() is under way: the end of the term is a shutdown, not a lost election. */
  private closing = false;

  constructor(private readonly options: JobManagerLeadershipOptions) {
    this.log = options.logger.child("JobManagerLeadership");
  }

  /** Serves the fenced endpoints and joins the election (with `none`: leads from here on). */
  async start(): Promise<void> {
    const { rpc } = this.options;
    this.endpoints.push(
      serveLeaderEndpoint(rpc, ENDPOINTS.dispatcher, () => this.current && { sessionId: this.current.sessionId, impl: this.current.dispatcher }),
      serveLeaderEndpoint(rpc, ENDPOINTS.resourceManager, () => this.current && { sessionId: this.current.sessionId, impl: this.current.resourceManager }),
      // Bundles are addressed by content hash: any JobManager may hand out what it has.
      rpc.serve(ENDPOINTS.blobServer, this.options.blobServer),
    );
    this.election = this.options.ha.leaderElection(LeaderComponents.CLUSTER);
    await this.election.start(this);
  }

  /** The current term, while this JobManager leads. */
  get term(): LeaderTerm | undefined {
    return this.current;
  }

  get isLeader(): boolean {
    return this.current !== undefined;
  }

  /** Called with every new term and with undefined when a term ends. Returns the unsubscribe function. */
  onTermChange(listener: (term: LeaderTerm | undefined) => void): () => void {
    this.termListeners.add(listener);
    return () => this.termListeners.delete(listener);
  }

  /** Resolves with the term once this JobManager leads and its jobs are recovered; rejects after `timeoutMs`. */
  async waitForLeadership(timeoutMs: number): Promise<LeaderTerm> {
    const clock = this.options.clock ?? systemClock;
    const deadline = clock.now() + timeoutMs;
    for (;;) {
      const term = this.current;
      if (term) {
        await term.ready;
        if (this.current === term) return term;
        continue;
      }
      const left = deadline - clock.now();
      if (left <= 0) throw new Error(`this JobManager did not become the leader within ${timeoutMs} ms`);
      // Woken by the next term, or by the deadline.
      await new Promise<void>((resolve) => {
        let timer: Timer | undefined;
        const unsubscribe = this.onTermChange((t) => {
          if (!t) return;
          timer?.cancel();
          unsubscribe();
          resolve();
        });
        timer = clock.setTimeout(() => {
          unsubscribe();
          resolve();
        }, left);
      });
    }
  }

  // ---- LeaderContender ---------------------------------------------------------------------------

  grantLeadership(sessionId: string): void {
    if (this.closed) return;
    if (this.current) this.endTerm("a new term began");
    const { rpc, config, logger, ha, blobServer, resourceProvider, clock, newId } = this.options;
    const resourceManager = new ResourceManager({ rpc, heartbeat: heartbeatSettings(config), logger, sessionId, resourceProvider, clock, newId });
    const jobMasterFactory =
      this.options.jobMasterFactory?.(sessionId) ??
      defaultJobMasterFactory({ rpc, config, logger, clock, newId, resourceManager: async () => ({ address: rpc.address, sessionId }), bundlePath: (hash) => blobServer.pathOf(hash) });
    // The term's ResourceManager is in this process: the Dispatcher calls it directly.
    const rmGateway = resourceManager as unknown as Gateway<ResourceManagerGateway>;
    // The term's writes to the checkpoint stores are fenced by the term (docs/architecture.md, "High availability").
    const leadershipFence = this.election!.fence(sessionId);
    const dispatcher = new Dispatcher({
      blobServer,
      resourceManager: async () => rmGateway,
      jobMasterFactory,
      config,
      logger,
      sessionId,
      ha,
      leadershipFence,
      clock,
      newId,
      onShutdownRequest: this.options.onShutdownRequest,
    });
    let markReady!: () => void;
    const term: LeaderTerm = { sessionId, dispatcher, resourceManager, ready: new Promise<void>((r) => (markReady = r)) };
    this.current = term;
    this.log.info(`granted leadership (session ${sessionId}): this JobManager leads`);
    this.notify(term);
    void this.beginTerm(term).finally(markReady);
  }

  revokeLeadership(): void {
    this.endTerm("leadership revoked");
  }

  handleError(error: Error): void {
    this.log.error(`leader election failed: ${error.message}`);
    this.options.onFatalError?.(error);
  }

  /** Leaves the election (a standby takes over at once) and stops serving. HA data stays. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closing = true;
    const term = this.current;
    await this.election?.close();
    this.closed = true;
    this.endTerm("shutting down");
    // A job that just ended is cleaned up before the connections go (else the next leader does it).
    await term?.dispatcher.awaitCleanups(5000);
    for (const endpoint of this.endpoints) endpoint.close();
  }

  // ---- terms ---------------------------------------------------------------------------------------

  private async beginTerm(term: LeaderTerm): Promise<void> {
    const election = this.election!;
    const address = this.options.rpc.address;
    const publish = (component: string, value: string): Promise<void> => election.confirmLeadership(term.sessionId, value, component);
    try {
      // TaskExecutors can register (and bring their slots) while the jobs are being recovered.
      await publish(LeaderComponents.RESOURCE_MANAGER, address);
      const recovered = await term.dispatcher.recoverJobs();
      if (this.current !== term) return;
      if (recovered.length > 0) this.log.info(`recovered ${recovered.length} job${recovered.length === 1 ? "" : "s"}: ${recovered.join(", ")}`);
      await publish(LeaderComponents.DISPATCHER, address);
      await publish(LeaderComponents.CLUSTER, address);
      const restUrl = this.options.restUrl?.();
      if (restUrl) await publish(LeaderComponents.REST_SERVER, restUrl);
    } catch (e) {
      // Most likely the connection to ZooKeeper went: revocation follows, and the next term retries.
      if (this.current === term) this.log.error(`starting the leadership term failed: ${(e as Error).message}`);
    }
  }

  private endTerm(reason: string): void {
    const term = this.current;
    if (!term) return;
    this.current = undefined;
    const jobs = term.dispatcher.listJobs().filter((j) => !isGloballyTerminal(j.state)).length;
    if (this.closing) this.log.info(`leaving the leadership (session ${term.sessionId}): ${jobs} running job${jobs === 1 ? "" : "s"} suspended`);
    else this.log.warn(`${reason} (session ${term.sessionId}): suspending ${jobs} job${jobs === 1 ? "" : "s"}; this JobManager is a standby now`);
    term.dispatcher.suspend(reason);
    term.resourceManager.stop();
    this.notify(undefined);
  }

  private notify(term: LeaderTerm | undefined): void {
    for (const listener of [...this.termListeners]) listener(term);
  }
}
