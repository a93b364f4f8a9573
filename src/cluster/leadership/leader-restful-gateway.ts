/**
 * What the REST endpoint of every JobManager talks to: the local Dispatcher while this JobManager
 * leads, otherwise the leading Dispatcher over RPC, found through leader retrieval and called with
 * the leader's session id as fencing token (Flink's REST endpoints do the same through their
 * leader gateway retriever). So a standby answers reads and forwards submissions and cancellations
 * to the leader; the client need not know which JobManager leads. While no leader is known (during
 * a failover) requests fail with LeaderUnavailableError, which the REST layer answers with 503.
 */
import type { Dispatcher } from "../dispatcher/dispatcher.js";
import { ENDPOINTS } from "../endpoints.js";
import type { LeaderInformation } from "../ha/interface.js";
import type { ClusterOverview, ExceptionInfo, JobBundle, JobDetails, JobOverview, JobResult, JobSubmission, TaskManagerInfo, VertexCpuSamples, TaskManagerMemory } from "../messages.js";
import type { CpuSampleRequest } from "../../runtime/worker/cpu-sampler.js";
import type { LogFileInfo, LogRequest, LogTail } from "../logs/log-files.js";
import type { CheckpointSettings } from "../jobmaster/checkpoint-settings.js";
import type { CheckpointDetails, CheckpointStatsSnapshot } from "../jobmaster/checkpoint-stats.js";
import { FencingTokenMismatchError, RpcConnectionError, RpcEndpointNotFoundError, type Gateway, type RemoteGateway, type RpcService } from "../rpc/interface.js";
import type { RestfulGateway } from "../dispatcher/restful-gateway.js";
import type { CoordinationResponse } from "../dispatcher/job-master-service.js";
import { LeaderUnavailableError, type LeaderTracker } from "./leader-tracker.js";

/** Savepoints may take long; everything else answers quickly. */
const CALL_TIMEOUT_MS = 10 * 60_000;

export class LeaderRestfulGateway implements RestfulGateway {
  private remote: { leader: LeaderInformation; gateway: Promise<RemoteGateway<Dispatcher>> } | undefined;

  constructor(
    private readonly rpc: RpcService,
    /** The Dispatcher of this JobManager's current term, if it leads. */
    private readonly local: () => Dispatcher | undefined,
    /** Follows the dispatcher component's leader. */
    private readonly leader: LeaderTracker,
  ) {}

  submitJob(submission: JobSubmission, bundle: JobBundle, jobId?: string): Promise<{ jobId: string }> {
    return this.call((d) => d.submitJob(submission, bundle, jobId));
  }
  listJobs(): Promise<JobOverview[]> {
    return this.call((d) => d.listJobs());
  }
  requestJob(jobId: string): Promise<JobDetails> {
    return this.call((d) => d.requestJob(jobId));
  }
  requestExceptions(jobId: string): Promise<ExceptionInfo[]> {
    return this.call((d) => d.requestExceptions(jobId));
  }
  requestJobResult(jobId: string): Promise<JobResult> {
    return this.call((d) => d.requestJobResult(jobId));
  }
  cancelJob(jobId: string): Promise<void> {
    return this.call((d) => d.cancelJob(jobId));
  }
  requestClusterOverview(): Promise<ClusterOverview> {
    return this.call((d) => d.requestClusterOverview());
  }
  requestTaskManagers(): Promise<TaskManagerInfo[]> {
    return this.call((d) => d.requestTaskManagers());
  }
  requestCheckpointStats(jobId: string): Promise<CheckpointStatsSnapshot> {
    return this.call((d) => d.requestCheckpointStats(jobId));
  }
  requestCheckpointConfig(jobId: string): Promise<CheckpointSettings> {
    return this.call((d) => d.requestCheckpointConfig(jobId));
  }
  triggerSavepoint(jobId: string, dir?: string): Promise<string> {
    return this.call((d) => d.triggerSavepoint(jobId, dir));
  }
  requestVertexCpuSamples(jobId: string, vertexId: string, request: CpuSampleRequest): Promise<VertexCpuSamples> {
    return this.call((d) => d.requestVertexCpuSamples(jobId, vertexId, request));
  }
  stopWithSavepoint(jobId: string, dir?: string, drain?: boolean): Promise<string> {
    return this.call((d) => d.stopWithSavepoint(jobId, dir, drain));
  }
  triggerCheckpoint(jobId: string): Promise<{ checkpointId: number; path: string }> {
    return this.call((d) => d.triggerCheckpoint(jobId));
  }
  requestCheckpointDetails(jobId: string, checkpointId: number): Promise<CheckpointDetails | undefined> {
    return this.call((d) => d.requestCheckpointDetails(jobId, checkpointId));
  }
  deliverCoordinationRequest(jobId: string, operatorUid: string, request: unknown): Promise<CoordinationResponse> {
    return this.call((d) => d.deliverCoordinationRequest(jobId, operatorUid, request));
  }
  disposeSavepoint(path: string): Promise<void> {
    return this.call((d) => d.disposeSavepoint(path));
  }
  shutDownCluster(): Promise<void> {
    return this.call((d) => d.shutDownCluster());
  }
  requestTaskManagerLogList(taskManagerId: string): Promise<LogFileInfo[]> {
    return this.call((d) => d.requestTaskManagerLogList(taskManagerId));
  }
  requestTaskManagerLog(taskManagerId: string, which: LogRequest, maxBytes: number): Promise<LogTail | undefined> {
    return this.call((d) => d.requestTaskManagerLog(taskManagerId, which, maxBytes));
  }
  requestTaskManagerMemory(taskManagerId: string): Promise<TaskManagerMemory> {
    return this.call((d) => d.requestTaskManagerMemory(taskManagerId));
  }

  /** Drops the connection to a remote leader. */
  close(): void {
    const remote = this.remote;
    this.remote = undefined;
    remote?.gateway.then((g) => g.close()).catch(() => {});
  }

  private async call<R>(f: (dispatcher: Gateway<Dispatcher>) => R | Promise<R>): Promise<R> {
    const local = this.local();
    // The local Dispatcher answers as it is; the remote one through its gateway (same methods, async).
    if (local) return f(local as unknown as Gateway<Dispatcher>);
    const gateway = await this.remoteGateway();
    try {
      return await f(gateway.gateway);
    } catch (e) {
      if (e instanceof FencingTokenMismatchError || e instanceof RpcConnectionError || e instanceof RpcEndpointNotFoundError) {
        this.close();
        throw new LeaderUnavailableError(`the leading JobManager changed while answering (${e.message}); retry`);
      }
      throw e;
    }
  }

  private async remoteGateway(): Promise<RemoteGateway<Dispatcher>> {
    const leader = this.leader.leader;
    if (!leader) throw new LeaderUnavailableError("no JobManager is the leader right now (a failover is under way); retry shortly");
    if (leader.address === this.rpc.address) throw new LeaderUnavailableError("this JobManager is taking over or giving up leadership; retry shortly");
    const cached = this.remote;
    if (cached && cached.leader.address === leader.address && cached.leader.sessionId === leader.sessionId) {
      const gateway = await cached.gateway.catch(() => undefined);
      if (gateway?.connected) return gateway;
      this.close();
    }
    const gateway = this.rpc.connect<Dispatcher>(leader.address, ENDPOINTS.dispatcher, { fencingToken: leader.sessionId, timeoutMs: CALL_TIMEOUT_MS });
    this.remote = { leader, gateway };
    try {
      return await gateway;
    } catch (e) {
      if (this.remote?.gateway === gateway) this.remote = undefined;
      throw new LeaderUnavailableError(`cannot reach the leading JobManager at ${leader.address}: ${(e as Error).message}`);
    }
  }
}
