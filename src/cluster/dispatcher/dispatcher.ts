/**
 * The Dispatcher: accepts jobs (bundle + JobGraph), stores the bundle in the BlobServer, starts one
 * JobMaster per job, answers questions about running and finished jobs, and cancels jobs.
 */
import { randomUUID } from "node:crypto";
import type { RpcService } from "../rpc/interface.js";
import { ENDPOINTS } from "../endpoints.js";
import type { DispatcherGateway } from "./dispatcher-gateway.js";
import type { BlobServer } from "../blob/blob-server.js";
import type { ClusterOverview, ExceptionInfo, JobBundle, JobDetails, JobOverview, JobResult, JobSubmission, TaskManagerInfo } from "../messages.js";
import { JobMaster } from "../jobmaster/job-master.js";
import type { ResourceManager } from "../resourcemanager/resource-manager.js";
import type { Logger } from "../../util/logger.js";
import { SLUICE_VERSION } from "../../version.js";
import { loadCheckpoint, taskRestoreOf } from "../jobmaster/checkpoint-storage.js";
import type { TaskRestore } from "../../runtime/checkpoint/checkpoint-metadata.js";
import type { CheckpointStatsSnapshot } from "../jobmaster/checkpoint-stats.js";
import { checkpointSettings, type CheckpointSettings } from "../jobmaster/checkpoint-settings.js";
import { isGloballyTerminal } from "../messages.js";
import type { HighAvailabilityServices } from "../ha/interface.js";
import { JobPersistence } from "./job-persistence.js";

/** Loads a savepoint and checks every operator state in it has an operator (uid) in the job. */
function loadSavepointFor(submission: JobSubmission): TaskRestore {
  const { metadata, dir } = loadCheckpoint(submission.savepointPath!);
  const uids = new Set(submission.jobGraph.vertices.flatMap((v) => v.operators.map((o) => o.uid)));
  const unmatched = Object.entries(metadata.operators).filter(([uid]) => !uids.has(uid));
  if (unmatched.length > 0 && !submission.allowNonRestoredState) {
    throw new Error(
      `the savepoint has state for operators this job does not have: ${unmatched.map(([uid, o]) => `${o.operatorName} (uid ${uid})`).join(", ")}; ` +
        "give them the same uid() as before, or allow non-restored state (--allow-non-restored-state)",
    );
  }
  return taskRestoreOf(metadata, dir);
}

/** The submission itself is unusable (bad settings, unreadable savepoint, corrupt bundle): the client's fault. */
export class JobSubmissionError extends Error {
  override name = "JobSubmissionError";
}

export class UnknownJobError extends Error {
  override name = "UnknownJobError";
}

export interface DispatcherOptions {
  rpc: RpcService;
  blobServer: BlobServer;
  resourceManager: ResourceManager;
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
}

export class Dispatcher implements DispatcherGateway {
  readonly sessionId: string;
  private readonly jobs = new Map<string, JobMaster>();
  private readonly log: Logger;
  private readonly persistence: JobPersistence | undefined;
  /** Leadership is gone: this Dispatcher's term is over and its JobMasters are suspended. */
  private suspended = false;
  /** HA cleanups of terminated jobs still under way. */
  private readonly cleanups = new Set<Promise<void>>();

  constructor(private readonly options: DispatcherOptions) {
    this.sessionId = options.sessionId ?? randomUUID();
    this.log = options.logger.child("Dispatcher");
    this.persistence = options.ha ? new JobPersistence(options.ha, options.config, options.logger) : undefined;
  }

  start(): void {
    this.options.rpc.serve(ENDPOINTS.dispatcher, this as DispatcherGateway, { fencingToken: () => this.sessionId });
    this.options.rpc.serve(ENDPOINTS.blobServer, this.options.blobServer);
  }

  /** `jobId`: a fixed id (application mode's, so that a restarted application finds its job); random by default. */
  async submitJob(submission: JobSubmission, bundle: JobBundle, jobId?: string): Promise<{ jobId: string }> {
    if (bundle.hash !== submission.bundleHash) throw new JobSubmissionError("the submission names a different bundle than the one uploaded");
    try {
      this.options.blobServer.put(bundle);
    } catch (e) {
      throw new JobSubmissionError((e as Error).message);
    }
    return this.runJob(submission, jobId);
  }

  /** Starts a job whose bundle is already in the BlobServer (e.g. uploaded through /jars/upload). */
  async runJob(submission: JobSubmission, jobId: string = randomUUID().replaceAll("-", "")): Promise<{ jobId: string }> {
    if (this.jobs.has(jobId)) throw new Error(`job ${jobId} already exists`);
    let jm: JobMaster;
    try {
      const initialRestore = submission.savepointPath ? loadSavepointFor(submission) : undefined;
      jm = this.createJobMaster(jobId, submission, initialRestore);
    } catch (e) {
      throw new JobSubmissionError((e as Error).message, { cause: e });
    }
    if (this.persistence) {
      await this.persistence.checkNotEnded(jobId);
      await this.persistence.persist({ jobId, submission, bundle: this.options.blobServer.getBundle(submission.bundleHash) });
    }
    if (this.suspended) throw new Error("this JobManager lost its leadership while the job was submitted; submit it again");
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
        initialRestore = job.submission.savepointPath ? loadSavepointFor(job.submission) : undefined;
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

  private cleanUpWhenTerminated(jm: JobMaster): void {
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
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.cleanups]), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
  }

  private createJobMaster(jobId: string, submission: JobSubmission, initialRestore: TaskRestore | undefined): JobMaster {
    return new JobMaster({
      initialRestore,
      jobId,
      jobGraph: submission.jobGraph,
      bundleHash: submission.bundleHash,
      definition: submission.definition,
      rpc: this.options.rpc,
      resourceManager: async () => ({ address: this.options.rpc.address, sessionId: this.options.resourceManager.sessionId }),
      config: this.options.config,
      logger: this.options.logger,
      fencingToken: this.options.sessionId,
      ...this.persistence?.checkpointStores(jobId, checkpointSettings(submission.jobGraph.settings as Record<string, unknown>, this.options.config).retained),
    });
  }

  listJobs(): JobOverview[] {
    return [...this.jobs.values()].map((jm) => {
      const d = jm.details();
      let total = 0;
      for (const v of d.vertices) total += v.parallelism;
      return {
        jid: d.jid,
        name: d.name,
        state: d.state,
        "start-time": d.startTime,
        "end-time": d.endTime,
        duration: d.duration,
        tasks: { ...d.statusCounts, total },
      };
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

  /** A checkpoint now (besides the periodic ones); resolves with its `_metadata` path. */
  triggerCheckpoint(jobId: string): Promise<string> {
    return this.job(jobId).checkpoints.triggerCheckpoint();
  }

  /** Resolves with the savepoint's folder once it is complete. */
  triggerSavepoint(jobId: string, dir?: string): Promise<string> {
    return this.job(jobId).triggerSavepoint(dir);
  }

  /** Stop-with-savepoint: the sources end after the savepoint (after the final watermark with `drain`). */
  stopWithSavepoint(jobId: string, dir?: string, drain = false): Promise<string> {
    return this.job(jobId).triggerSavepoint(dir, drain ? "drain" : "terminate");
  }

  requestExceptions(jobId: string): ExceptionInfo[] {
    return this.job(jobId).exceptionHistory();
  }

  requestJobResult(jobId: string): Promise<JobResult> {
    return this.job(jobId).result;
  }

  async cancelJob(jobId: string): Promise<void> {
    this.job(jobId).cancel();
  }

  async requestClusterOverview(): Promise<ClusterOverview> {
    const tms = this.options.resourceManager.requestTaskManagers();
    const states = [...this.jobs.values()].map((j) => j.jobStatus);
    const count = (s: string): number => states.filter((x) => x === s).length;
    return {
      taskmanagers: tms.length,
      "slots-total": tms.reduce((n, t) => n + t.slotsNumber, 0),
      "slots-available": tms.reduce((n, t) => n + t.freeSlots, 0),
      "jobs-running": states.length - count("FINISHED") - count("CANCELED") - count("FAILED"),
      "jobs-finished": count("FINISHED"),
      "jobs-cancelled": count("CANCELED"),
      "jobs-failed": count("FAILED"),
      "sluice-version": SLUICE_VERSION,
    };
  }

  async requestTaskManagers(): Promise<TaskManagerInfo[]> {
    return this.options.resourceManager.requestTaskManagers();
  }

  private job(jobId: string): JobMaster {
    const jm = this.jobs.get(jobId);
    if (!jm) throw new UnknownJobError(`job ${jobId} not found`);
    return jm;
  }

  stop(): void {
    for (const jm of this.jobs.values()) jm.cancel();
  }
}
