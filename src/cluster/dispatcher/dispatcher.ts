/**
 * The Dispatcher (docs/architecture.md, "Components"): accepts jobs (bundle + JobGraph), stores
 * the bundle in the BlobServer, starts one JobMaster per job through its JobMasterFactory, answers
 * questions about running and finished jobs with domain objects (the REST layer renders them), and
 * cancels jobs. It reaches the ResourceManager only through its gateway, and with HA services
 * persists its jobs (job-persistence.ts) so that the next leader recovers them.
 */
import type { Gateway } from "../rpc/interface.js";
import type { BlobServer } from "../blob/blob-server.js";
import type { ClusterOverview, ExceptionInfo, JobBundle, JobDetails, JobOverview, JobResult, JobSubmission, TaskManagerInfo, VertexCpuSamples, TaskManagerMemory } from "../messages.js";
import type { CpuSampleRequest } from "../../runtime/worker/cpu-sampler.js";
import type { LogFileInfo, LogRequest, LogTail } from "../logs/log-files.js";
import { isGloballyTerminal } from "../messages.js";
import type { ResourceManagerGateway } from "../resourcemanager/resource-manager-gateway.js";
import type { CheckpointDetails, CheckpointStatsSnapshot } from "../jobmaster/checkpoint-stats.js";
import { disposeSavepoint as deleteSavepoint } from "../jobmaster/checkpoint-storage.js";
import { rmSync } from "node:fs";
import { checkpointSettings, type CheckpointSettings } from "../jobmaster/checkpoint-settings.js";
import type { HighAvailabilityServices, LeadershipFence } from "../ha/interface.js";
import type { TaskRestore } from "../../runtime/checkpoint/checkpoint-metadata.js";
import type { Logger } from "../../util/logger.js";
import { systemClock, type Clock, type Timer } from "../../util/clock.js";
import { randomIds, type IdSource } from "../../util/ids.js";
import type { DispatcherGateway } from "./dispatcher-gateway.js";
import { ClusterShutdownRefusedError, DispatcherNotLeadingError, DuplicateJobSubmissionError, JobSubmissionError, UnknownJobError } from "./dispatcher-errors.js";
import type { CoordinationResponse, JobMasterFactory, JobMasterService } from "./job-master-service.js";
import { JobPersistence } from "./job-persistence.js";
import { loadSavepointFor } from "./savepoint-restore.js";

export { DispatcherNotLeadingError, DuplicateJobSubmissionError, JobSubmissionError, UnknownJobError };

/** Where the Dispatcher keeps bundles: the BlobServer, whose content hash check refuses corrupt ones. */
export type BundleStore = Pick<BlobServer, "put" | "getBundle">;

export interface DispatcherOptions {
  blobServer: BundleStore;
  /** The ResourceManager of this Dispatcher's term (for the cluster overview and the TaskManager list). */
  resourceManager: () => Promise<Gateway<ResourceManagerGateway>>;
  /** Creates the JobMaster of each job. */
  jobMasterFactory: JobMasterFactory;
  config: Readonly<Record<string, string>>;
  logger: Logger;
  /**
   * The leader session id of this Dispatcher's term. When given, it is also the fencing token of the
   * JobMasters it starts (they lead together with it), so it must equal the ResourceManager's.
   */
  sessionId?: string;
  /**
   * HA services: jobs are persisted in the JobGraph store, checkpoints go to the completed-checkpoint
   * store, terminal jobs get their HA data deleted (job-persistence.ts). Without, nothing is kept.
   */
  ha?: HighAvailabilityServices;
  /** The fence of this Dispatcher's leadership term (from the election that granted it): its jobs' checkpoint stores write under it. */
  leadershipFence?: LeadershipFence;
  clock?: Clock;
  /** Ids of submitted jobs without one (32 hex digits are made of whatever it returns); random by default. */
  newId?: IdSource;
  /** Shuts the cluster process down (Flink's Dispatcher#shutDownCluster); without it, shutDownCluster refuses. */
  onShutdownRequest?: () => void;
}

/** Flink's job ids: 32 lowercase hex digits. */
const jobIdFrom = (id: string): string => id.replaceAll("-", "");

export class Dispatcher implements DispatcherGateway {
  readonly sessionId: string;
  private readonly jobs = new Map<string, JobMasterService>();
  private readonly log: Logger;
  private readonly persistence: JobPersistence | undefined;
  private readonly clock: Clock;
  private readonly newId: IdSource;
  /** Leadership is gone: this Dispatcher's term is over and its JobMasters are suspended. */
  private suspended = false;
  /** HA cleanups of terminated jobs still under way. */
  private readonly cleanups = new Set<Promise<void>>();

  constructor(private readonly options: DispatcherOptions) {
    this.clock = options.clock ?? systemClock;
    this.newId = options.newId ?? randomIds;
    this.sessionId = options.sessionId ?? this.newId();
    this.log = options.logger.child("Dispatcher");
    this.persistence = options.ha ? new JobPersistence(options.ha, options.config, options.logger, this.clock, options.leadershipFence) : undefined;
  }

  /** `jobId`: a fixed id (application mode's, so that a restarted application finds its job); random by default. */
  async submitJob(submission: JobSubmission, bundle: JobBundle, jobId?: string): Promise<{ jobId: string }> {
    if (bundle.hash !== submission.bundleHash) throw new JobSubmissionError("the submission names a different bundle than the one uploaded; upload the job's own bundle");
    // A corrupt bundle is refused here with BlobIntegrityError.
    this.options.blobServer.put(bundle);
    return this.runJob(submission, jobId);
  }

  /** Starts a job whose bundle is already in the BlobServer (e.g. uploaded through /jars/upload). */
  async runJob(submission: JobSubmission, jobId: string = jobIdFrom(this.newId())): Promise<{ jobId: string }> {
    if (this.jobs.has(jobId)) throw new DuplicateJobSubmissionError(`job ${jobId} already exists; submit it under another id`);
    let jm: JobMasterService;
    try {
      jm = this.createJobMaster(jobId, submission, await loadSavepointFor(submission));
    } catch (e) {
      throw new JobSubmissionError((e as Error).message, { cause: e });
    }
    if (this.persistence) {
      if (await this.persistence.hasEnded(jobId)) throw new DuplicateJobSubmissionError(`job ${jobId} has already ended; it is not run again`);
      await this.persistence.persist({ jobId, submission, bundle: this.options.blobServer.getBundle(submission.bundleHash) });
    }
    if (this.suspended) throw new DispatcherNotLeadingError("this JobManager lost its leadership while the job was submitted; submit it again");
    // Checked again: a submission of the same id may have got here while this one was being persisted.
    if (this.jobs.has(jobId)) throw new DuplicateJobSubmissionError(`job ${jobId} already exists; submit it under another id`);
    this.jobs.set(jobId, jm);
    this.log.info(`submitted job ${submission.jobGraph.name} (${jobId})`);
    this.cleanUpWhenTerminated(jm);
    await jm.start();
    return { jobId };
  }

  /**
   * What a new leader does (docs/architecture.md, "High availability"): finishes interrupted cleanups, then resumes every
   * persisted job that has no result, each from its newest completed checkpoint. Returns their ids.
   */
  async recoverJobs(): Promise<string[]> {
    if (!this.persistence) return [];
    const recovered: string[] = [];
    for (const job of await this.persistence.recoverJobs()) {
      if (this.suspended) break;
      if (this.jobs.has(job.jobId)) continue;
      this.options.blobServer.put(job.bundle);
      let initialRestore: TaskRestore | undefined;
      try {
        initialRestore = await loadSavepointFor(job.submission);
      } catch (e) {
        this.log.warn(`job ${job.jobId}: its savepoint cannot be read (${(e as Error).message}); it resumes from its checkpoints only`);
      }
      const jm = this.createJobMaster(job.jobId, job.submission, initialRestore);
      this.jobs.set(job.jobId, jm);
      this.log.info(`recovered job ${job.submission.jobGraph.name} (${job.jobId})`);
      this.cleanUpWhenTerminated(jm);
      await jm.start();
      recovered.push(job.jobId);
    }
    return recovered;
  }

  /** Leadership lost: every JobMaster stops acting; their jobs' HA data stays for the next leader. */
  suspend(cause: string): void {
    if (this.suspended) return;
    this.suspended = true;
    for (const jm of this.jobs.values()) jm.suspend(cause);
  }

  private cleanUpWhenTerminated(jm: JobMasterService): void {
    const persistence = this.persistence;
    if (!persistence) return;
    void jm.result.then((result) => {
      if (!isGloballyTerminal(result.state)) return;
      const cleanup = persistence.jobTerminated(result, jm.checkpointsShutDown(), () => !this.suspended);
      this.cleanups.add(cleanup);
      void cleanup.finally(() => this.cleanups.delete(cleanup));
    });
  }

  /** Waits (at most `timeoutMs`) for the HA cleanups under way, e.g. before the HA services close. */
  async awaitCleanups(timeoutMs: number): Promise<void> {
    let timer: Timer | undefined;
    await Promise.race([Promise.allSettled([...this.cleanups]), new Promise((r) => (timer = this.clock.setTimeout(() => r(undefined), timeoutMs)))]);
    timer?.cancel();
  }

  private createJobMaster(jobId: string, submission: JobSubmission, initialRestore: TaskRestore | undefined): JobMasterService {
    const retained = checkpointSettings(submission.jobGraph.settings as Record<string, unknown>, this.options.config).retained;
    return this.options.jobMasterFactory.create({
      jobId,
      submission,
      initialRestore,
      fencingToken: this.options.sessionId,
      ...this.persistence?.checkpointStores(jobId, retained),
    });
  }

  listJobs(): JobOverview[] {
    return [...this.jobs.values()].map((jm) => {
      const d = jm.details();
      let total = 0;
      for (const v of d.vertices) total += v.parallelism;
      return { jobId: d.jid, name: d.name, state: d.state, startTime: d.startTime, endTime: d.endTime, duration: d.duration, tasks: { ...d.statusCounts, total } };
    });
  }

  requestJob(jobId: string): JobDetails {
    return this.job(jobId).details();
  }

  requestCheckpointStats(jobId: string): CheckpointStatsSnapshot {
    return this.job(jobId).checkpoints.stats.snapshot();
  }

  requestCheckpointConfig(jobId: string): CheckpointSettings {
    return this.job(jobId).checkpoints.settings;
  }

  /** A checkpoint now (besides the periodic ones); resolves with its id and `_metadata` path once complete. */
  async triggerCheckpoint(jobId: string): Promise<{ checkpointId: number; path: string }> {
    let checkpointId = -1;
    const path = await this.job(jobId).checkpoints.triggerCheckpoint((id) => (checkpointId = id));
    return { checkpointId, path };
  }

  requestCheckpointDetails(jobId: string, checkpointId: number): CheckpointDetails | undefined {
    return this.job(jobId).checkpoints.stats.details(checkpointId);
  }

  /**
   * Deletes a savepoint (or retained checkpoint) folder after checking that it is one: a folder
   * without Sluice checkpoint metadata is refused with CheckpointStorageError and left alone.
   */
  async disposeSavepoint(path: string): Promise<void> {
    await deleteSavepoint(path);
    this.log.info(`disposed of savepoint ${path}`);
  }

  /** DELETE /cluster: the process shuts down once this call has been answered. */
  async shutDownCluster(): Promise<void> {
    const shutDown = this.options.onShutdownRequest;
    if (!shutDown) throw new ClusterShutdownRefusedError("this cluster is embedded in another program, which decides when it stops; it cannot be shut down through REST");
    this.log.info("shutting the cluster down, as requested through REST (DELETE /cluster)");
    this.clock.setTimeout(shutDown, 0);
  }

  requestVertexCpuSamples(jobId: string, vertexId: string, request: CpuSampleRequest): Promise<VertexCpuSamples> {
    return this.job(jobId).sampleVertexCpu(vertexId, request);
  }

  /** Resolves with the savepoint's folder once it is complete. */
  triggerSavepoint(jobId: string, dir?: string): Promise<string> {
    return this.job(jobId).triggerSavepoint(dir);
  }

  /** Stop-with-savepoint: the sources end after the savepoint (after the final watermark with `drain`). */
  stopWithSavepoint(jobId: string, dir?: string, drain = false): Promise<string> {
    return this.job(jobId).triggerSavepoint(dir, drain ? "drain" : "terminate");
  }

  deliverCoordinationRequest(jobId: string, operatorUid: string, request: unknown): CoordinationResponse {
    return this.job(jobId).deliverCoordinationRequest(operatorUid, request);
  }

  requestExceptions(jobId: string): ExceptionInfo[] {
    return this.job(jobId).exceptionHistory();
  }

  async requestJobResult(jobId: string): Promise<JobResult> {
    return this.job(jobId).result;
  }

  async cancelJob(jobId: string): Promise<void> {
    this.job(jobId).cancel();
  }

  async requestClusterOverview(): Promise<ClusterOverview> {
    const tms = await this.requestTaskManagers();
    const states = [...this.jobs.values()].map((j) => j.jobStatus);
    const count = (s: string): number => states.filter((x) => x === s).length;
    return {
      taskManagers: tms.length,
      slotsTotal: tms.reduce((n, t) => n + t.slotsNumber, 0),
      slotsAvailable: tms.reduce((n, t) => n + t.freeSlots, 0),
      jobsRunning: states.length - count("FINISHED") - count("CANCELED") - count("FAILED"),
      jobsFinished: count("FINISHED"),
      jobsCancelled: count("CANCELED"),
      jobsFailed: count("FAILED"),
    };
  }

  async requestTaskManagers(): Promise<TaskManagerInfo[]> {
    return (await this.options.resourceManager()).requestTaskManagers();
  }

  async requestTaskManagerLogList(taskManagerId: string): Promise<LogFileInfo[]> {
    return (await this.options.resourceManager()).requestTaskManagerLogList(taskManagerId);
  }

  async requestTaskManagerLog(taskManagerId: string, which: LogRequest, maxBytes: number): Promise<LogTail | undefined> {
    return (await this.options.resourceManager()).requestTaskManagerLog(taskManagerId, which, maxBytes);
  }

  async requestTaskManagerMemory(taskManagerId: string): Promise<TaskManagerMemory> {
    return (await this.options.resourceManager()).requestTaskManagerMemory(taskManagerId);
  }

  private job(jobId: string): JobMasterService {
    const jm = this.jobs.get(jobId);
    if (!jm) throw new UnknownJobError(`job ${jobId} not found; list the cluster's jobs with \`sluice list\``);
    return jm;
  }

  /** Cancels every job (the embedded cluster shuts down without HA). */
  stop(): void {
    for (const jm of this.jobs.values()) jm.cancel();
  }
}
