/**
 * A DispatcherGateway double (it is the RestfulGateway the REST layer uses), Flink's
 * TestingDispatcherGateway pattern: a method not overridden does nothing and returns a neutral
 * value — no jobs, an empty cluster, and UnknownJobError for any job id — and every call is
 * recorded in `calls`.
 */
import { UnknownJobError } from "../../cluster/dispatcher/dispatcher-errors.js";
import type { DispatcherGateway } from "../../cluster/dispatcher/dispatcher-gateway.js";
import type { CoordinationResponse } from "../../cluster/dispatcher/job-master-service.js";
import type { CheckpointSettings, CheckpointStatsSnapshot, CheckpointDetails } from "../../cluster/dispatcher/restful-gateway.js";
import type { ClusterOverview, ExceptionInfo, JobBundle, JobDetails, JobOverview, JobResult, JobSubmission, TaskManagerInfo, VertexCpuSamples, TaskManagerMemory } from "../../cluster/messages.js";
import type { CpuSampleRequest } from "../../runtime/worker/cpu-sampler.js";
import type { LogFileInfo, LogRequest, LogTail } from "../../cluster/logs/log-files.js";
import { UnknownTaskManagerError } from "../../cluster/resourcemanager/resource-manager-errors.js";

const EMPTY_CLUSTER: ClusterOverview = { taskManagers: 0, slotsTotal: 0, slotsAvailable: 0, jobsRunning: 0, jobsFinished: 0, jobsCancelled: 0, jobsFailed: 0 };

const unknown = (jobId: string): UnknownJobError => new UnknownJobError(`job ${jobId} not found`);

export class TestingDispatcherGateway implements DispatcherGateway {
  readonly calls: { method: string; args: unknown[] }[] = [];

  constructor(private readonly overrides: Partial<DispatcherGateway> = {}) {}

  private record(method: string, args: unknown[]): void {
    this.calls.push({ method, args });
  }

  async submitJob(submission: JobSubmission, bundle: JobBundle, jobId?: string): Promise<{ jobId: string }> {
    this.record("submitJob", jobId === undefined ? [submission, bundle] : [submission, bundle, jobId]);
    return (await this.overrides.submitJob?.(submission, bundle, jobId)) ?? { jobId: jobId ?? "0".repeat(32) };
  }
  listJobs(): JobOverview[] {
    this.record("listJobs", []);
    return this.overrides.listJobs?.() ?? [];
  }
  requestJob(jobId: string): JobDetails {
    this.record("requestJob", [jobId]);
    if (this.overrides.requestJob) return this.overrides.requestJob(jobId);
    throw unknown(jobId);
  }
  requestExceptions(jobId: string): ExceptionInfo[] | Promise<ExceptionInfo[]> {
    this.record("requestExceptions", [jobId]);
    if (this.overrides.requestExceptions) return this.overrides.requestExceptions(jobId);
    throw unknown(jobId);
  }
  async requestJobResult(jobId: string): Promise<JobResult> {
    this.record("requestJobResult", [jobId]);
    if (this.overrides.requestJobResult) return this.overrides.requestJobResult(jobId);
    throw unknown(jobId);
  }
  async cancelJob(jobId: string): Promise<void> {
    this.record("cancelJob", [jobId]);
    await this.overrides.cancelJob?.(jobId);
  }
  async requestClusterOverview(): Promise<ClusterOverview> {
    this.record("requestClusterOverview", []);
    return (await this.overrides.requestClusterOverview?.()) ?? EMPTY_CLUSTER;
  }
  async requestTaskManagers(): Promise<TaskManagerInfo[]> {
    this.record("requestTaskManagers", []);
    return (await this.overrides.requestTaskManagers?.()) ?? [];
  }
  requestCheckpointStats(jobId: string): CheckpointStatsSnapshot | Promise<CheckpointStatsSnapshot> {
    this.record("requestCheckpointStats", [jobId]);
    if (this.overrides.requestCheckpointStats) return this.overrides.requestCheckpointStats(jobId);
    throw unknown(jobId);
  }
  requestCheckpointConfig(jobId: string): CheckpointSettings | Promise<CheckpointSettings> {
    this.record("requestCheckpointConfig", [jobId]);
    if (this.overrides.requestCheckpointConfig) return this.overrides.requestCheckpointConfig(jobId);
    throw unknown(jobId);
  }
  async triggerSavepoint(jobId: string, dir?: string): Promise<string> {
    this.record("triggerSavepoint", [jobId, dir]);
    if (this.overrides.triggerSavepoint) return this.overrides.triggerSavepoint(jobId, dir);
    throw unknown(jobId);
  }
  async requestVertexCpuSamples(jobId: string, vertexId: string, request: CpuSampleRequest): Promise<VertexCpuSamples> {
    this.record("requestVertexCpuSamples", [jobId, vertexId, request]);
    if (this.overrides.requestVertexCpuSamples) return this.overrides.requestVertexCpuSamples(jobId, vertexId, request);
    throw unknown(jobId);
  }
  async stopWithSavepoint(jobId: string, dir?: string, drain?: boolean): Promise<string> {
    this.record("stopWithSavepoint", [jobId, dir, drain]);
    if (this.overrides.stopWithSavepoint) return this.overrides.stopWithSavepoint(jobId, dir, drain);
    throw unknown(jobId);
  }
  async triggerCheckpoint(jobId: string): Promise<{ checkpointId: number; path: string }> {
    this.record("triggerCheckpoint", [jobId]);
    if (this.overrides.triggerCheckpoint) return this.overrides.triggerCheckpoint(jobId);
    throw unknown(jobId);
  }
  requestCheckpointDetails(jobId: string, checkpointId: number): CheckpointDetails | undefined | Promise<CheckpointDetails | undefined> {
    this.record("requestCheckpointDetails", [jobId, checkpointId]);
    if (this.overrides.requestCheckpointDetails) return this.overrides.requestCheckpointDetails(jobId, checkpointId);
    throw unknown(jobId);
  }
  deliverCoordinationRequest(jobId: string, operatorUid: string, request: unknown): CoordinationResponse | Promise<CoordinationResponse> {
    this.record("deliverCoordinationRequest", [jobId, operatorUid, request]);
    if (this.overrides.deliverCoordinationRequest) return this.overrides.deliverCoordinationRequest(jobId, operatorUid, request);
    throw unknown(jobId);
  }
  async disposeSavepoint(path: string): Promise<void> {
    this.record("disposeSavepoint", [path]);
    await this.overrides.disposeSavepoint?.(path);
  }
  async shutDownCluster(): Promise<void> {
    this.record("shutDownCluster", []);
    await this.overrides.shutDownCluster?.();
  }
  async requestTaskManagerLogList(taskManagerId: string): Promise<LogFileInfo[]> {
    this.record("requestTaskManagerLogList", [taskManagerId]);
    if (this.overrides.requestTaskManagerLogList) return this.overrides.requestTaskManagerLogList(taskManagerId);
    throw new UnknownTaskManagerError(`TaskManager ${taskManagerId} is not registered`);
  }
  async requestTaskManagerLog(taskManagerId: string, which: LogRequest, maxBytes: number): Promise<LogTail | undefined> {
    this.record("requestTaskManagerLog", [taskManagerId, which, maxBytes]);
    if (this.overrides.requestTaskManagerLog) return this.overrides.requestTaskManagerLog(taskManagerId, which, maxBytes);
    throw new UnknownTaskManagerError(`TaskManager ${taskManagerId} is not registered`);
  }
  async requestTaskManagerMemory(taskManagerId: string): Promise<TaskManagerMemory> {
    this.record("requestTaskManagerMemory", [taskManagerId]);
    if (this.overrides.requestTaskManagerMemory) return this.overrides.requestTaskManagerMemory(taskManagerId);
    throw new UnknownTaskManagerError(`TaskManager ${taskManagerId} is not registered`);
  }
}
