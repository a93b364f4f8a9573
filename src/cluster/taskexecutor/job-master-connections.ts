/**
 * A TaskExecutor's connections to the JobMasters of the jobs it holds slots for (docs/architecture.md,
 * "Components"): one per job, fenced by the JobMaster's token, replaced when a slot names another
 * address or token (a new leader's JobMaster). A lost connection, or a JobMaster that stops asking
 * for heartbeats (frozen, or partitioned away while its connection stays up), means the JobMaster
 * is gone: the owner frees the job's slots.
 */
import { ENDPOINTS } from "../endpoints.js";
import type { HeartbeatSettings } from "../heartbeat.js";
import type { JobMasterGateway } from "../jobmaster/job-master-gateway.js";
import type { Gateway, RemoteGateway, RpcService } from "../rpc/interface.js";
import type { Clock } from "../../util/clock.js";
import type { Logger } from "../../util/logger.js";
import { HeartbeatWatch } from "./heartbeat-watch.js";

/** Where a job's JobMaster is, as its slots here say. */
export interface JobMasterTarget {
  address: string;
  token: string | undefined;
}

export interface JobMasterConnectionsOptions {
  rpc: RpcService;
  clock: Clock;
  log: Logger;
  heartbeat: HeartbeatSettings;
  /** The JobMaster a job's slots here are allocated to; undefined once the job has none. */
  target: (jobId: string) => JobMasterTarget | undefined;
  /** The job's JobMaster is gone (connection lost, or no heartbeat within the timeout). */
  onJobMasterGone: (jobId: string, cause: string, token: string | undefined) => void;
}

interface Connection extends JobMasterTarget {
  gateway: Promise<RemoteGateway<JobMasterGateway>>;
}

export class JobMasterConnections {
  private readonly connections = new Map<string, Connection>();
  /** Per job with slots here: when its JobMaster last asked for a heartbeat (or a slot was allocated). */
  private readonly heartbeats: HeartbeatWatch;

  constructor(private readonly options: JobMasterConnectionsOptions) {
    this.heartbeats = new HeartbeatWatch(options.clock, options.heartbeat, (jobId, silentForMs) => {
      if (!options.target(jobId)) return;
      options.log.warn(`no heartbeat from the JobMaster of job ${jobId} for ${silentForMs} ms; freeing its slots`);
      options.onJobMasterGone(jobId, "JobMaster heartbeat timed out", undefined);
    });
  }

  start(): void {
    this.heartbeats.start();
  }

  /** The JobMaster of `jobId` asked for a heartbeat (or was just given a slot). */
  heartbeatReceived(jobId: string): void {
    this.heartbeats.heard(jobId);
  }

  /** The connection to a job's JobMaster; a JobMaster at another address or with another token replaces it. */
  connect(jobId: string, target: JobMasterTarget): Promise<RemoteGateway<JobMasterGateway>> {
    const existing = this.connections.get(jobId);
    if (existing && existing.address === target.address && existing.token === target.token) return existing.gateway;
    if (existing) this.close(existing);
    const { address, token } = target;
    const gateway = this.options.rpc.connect<JobMasterGateway>(address, ENDPOINTS.jobMaster(jobId), token === undefined ? {} : { fencingToken: token });
    const connection: Connection = { address, token, gateway };
    gateway.then(
      (g) =>
        g.onDisconnect(() => {
          if (this.connections.get(jobId) !== connection) return;
          this.connections.delete(jobId);
          this.options.onJobMasterGone(jobId, "JobMaster connection lost", token);
        }),
      () => {
        if (this.connections.get(jobId) === connection) this.connections.delete(jobId);
      },
    );
    this.connections.set(jobId, connection);
    return gateway;
  }

  /**
   * Calls the job's JobMaster (the one its slots name, else the last one connected). A failure is
   * logged, not thrown: the JobMaster learns the same through its heartbeats or its own failover.
   */
  async call(jobId: string, what: string, call: (jm: Gateway<JobMasterGateway>) => Promise<unknown>): Promise<void> {
    const target = this.options.target(jobId);
    const pending = target ? this.connect(jobId, target) : this.connections.get(jobId)?.gateway;
    if (!pending) return;
    try {
      await call((await pending).gateway);
    } catch (e) {
      this.options.log.warn(`${what} to the JobMaster of ${jobId} failed: ${(e as Error).message}`);
    }
  }

  /** Closes and forgets the job's connection (it has no slots here any more). */
  release(jobId: string): void {
    const connection = this.connections.get(jobId);
    this.connections.delete(jobId);
    this.heartbeats.forget(jobId);
    if (connection) this.close(connection);
  }

  stop(): void {
    this.heartbeats.stop();
    for (const connection of this.connections.values()) this.close(connection);
    this.connections.clear();
  }

  private close(connection: Connection): void {
    // A connection that never opened has nothing to close; its failure was handled in connect().
    connection.gateway.then(
      (g) => g.close(),
      () => {},
    );
  }
}
