/**
 * A JobMasterService double (src/cluster/dispatcher/job-master-service.ts) and a factory of them, for
 * Dispatcher tests: nothing is scheduled; the test decides when the job ends (`finish`). A method not
 * overridden does nothing and returns a neutral value; every call is recorded in `calls`.
 */
import type { JobCheckpoints, JobMasterFactory, JobMasterService, JobMasterServiceOptions } from "../../cluster/dispatcher/job-master-service.js";
import type { CheckpointSettings } from "../../cluster/jobmaster/checkpoint-settings.js";
import { CheckpointStatsTracker } from "../../cluster/jobmaster/checkpoint-stats.js";
import { isGloballyTerminal, type ExceptionInfo, type JobDetails, type JobResult, type JobStatus, type VertexCpuSamples } from "../../cluster/messages.js";
import type { CpuSampleRequest } from "../../runtime/worker/cpu-sampler.js";

import type { CoordinationResponse } from "../../cluster/dispatcher/job-master-service.js";
import { CoordinationRequestError } from "../../cluster/jobmaster/collect-coordinators.js";
export type JobMasterServiceOverrides = Partial<Pick<JobMasterService, "start" | "cancel" | "suspend" | "details" | "exceptionHistory" | "triggerSavepoint" | "sampleVertexCpu" | "deliverCoordinationRequest">>;

const NO_CHECKPOINT_STATS = new CheckpointStatsTracker().snapshot();

export class TestingJobMasterService implements JobMasterService {
  readonly calls: { method: string; args: unknown[] }[] = [];
  readonly jobId: string;
  status: JobStatus = "INITIALIZING";
  readonly result: Promise<JobResult>;
  readonly checkpoints: JobCheckpoints;
  private resolveResult!: (result: JobResult) => void;

  constructor(
    readonly options: JobMasterServiceOptions,
    private readonly overrides: JobMasterServiceOverrides = {},
  ) {
    this.jobId = options.jobId;
    this.result = new Promise((resolve) => (this.resolveResult = resolve));
    const record = (method: string, args: unknown[]): void => void this.calls.push({ method, args });
    this.checkpoints = {
      stats: { snapshot: () => (record("checkpoints.stats.snapshot", []), NO_CHECKPOINT_STATS), details: (id) => (record("checkpoints.stats.details", [id]), undefined) },
      settings: { intervalMs: 0 } as CheckpointSettings,
      triggerCheckpoint: async () => (record("checkpoints.triggerCheckpoint", []), ""),
    };
  }

  get jobStatus(): JobStatus {
    return this.status;
  }

  async start(): Promise<void> {
    this.record("start");
    if (this.status === "INITIALIZING") this.status = "RUNNING";
    await this.overrides.start?.();
  }

  cancel(): void {
    this.record("cancel");
    this.overrides.cancel?.();
  }

  suspend(cause: string): void {
    this.record("suspend", cause);
    this.overrides.suspend?.(cause);
  }

  details(): JobDetails {
    this.record("details");
    if (this.overrides.details) return this.overrides.details();
    const graph = this.options.submission.jobGraph;
    return {
      jid: this.jobId,
      name: graph.name,
      state: this.status,
      startTime: 0,
      endTime: isGloballyTerminal(this.status) ? 1 : -1,
      duration: 0,
      now: 0,
      timestamps: {},
      vertices: [],
      statusCounts: {},
      jobGraph: graph,
      restarts: 0,
    };
  }

  exceptionHistory(): ExceptionInfo[] {
    this.record("exceptionHistory");
    return this.overrides.exceptionHistory?.() ?? [];
  }

  async triggerSavepoint(dir: string | undefined, stop?: "terminate" | "drain"): Promise<string> {
    this.record("triggerSavepoint", dir, stop);
    return (await this.overrides.triggerSavepoint?.(dir, stop)) ?? "";
  }

  async sampleVertexCpu(vertexId: string, request: CpuSampleRequest): Promise<VertexCpuSamples> {
    this.record("sampleVertexCpu", vertexId, request);
    return (await this.overrides.sampleVertexCpu?.(vertexId, request)) ?? { endTimestamp: 0, subtasks: [] };
  }

  deliverCoordinationRequest(operatorUid: string, request: unknown): CoordinationResponse {
    this.record("deliverCoordinationRequest", operatorUid, request);
    if (this.overrides.deliverCoordinationRequest) return this.overrides.deliverCoordinationRequest(operatorUid, request);
    throw new CoordinationRequestError(`operator "${operatorUid}" has no coordinator that takes requests`);
  }

  async checkpointsShutDown(): Promise<void> {
    this.record("checkpointsShutDown");
  }

  /** Ends the job in `state` (a globally terminal state, or SUSPENDED). */
  finish(state: JobStatus, extra: Partial<JobResult> = {}): JobResult {
    this.status = state;
    const result: JobResult = { jobId: this.jobId, state, collected: {}, startTime: 0, endTime: 1, restarts: 0, checkpoints: { completed: 0, restored: 0 }, accumulators: {}, ...extra };
    this.resolveResult(result);
    return result;
  }

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }
}

/** Creates TestingJobMasterServices (or what `create` returns) and keeps each in `created`. */
export class TestingJobMasterFactory implements JobMasterFactory {
  readonly created: TestingJobMasterService[] = [];

  constructor(private readonly overrides: { create?: (options: JobMasterServiceOptions) => TestingJobMasterService } = {}) {}

  create(options: JobMasterServiceOptions): TestingJobMasterService {
    const jm = this.overrides.create?.(options) ?? new TestingJobMasterService(options);
    this.created.push(jm);
    return jm;
  }

  /** The JobMaster created for `jobId` (the newest one). */
  of(jobId: string): TestingJobMasterService {
    const jm = [...this.created].reverse().find((j) => j.jobId === jobId);
    if (!jm) throw new Error(`no JobMaster was created for job ${jobId}`);
    return jm;
  }
}
