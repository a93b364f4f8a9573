/**
 * The Dispatcher's gateway: job submission and the cluster's job views. Components call each other only through
 * gateways obtained from an RpcService (docs/architecture.md, "Control plane").
 */
import type { ClusterOverview, JobBundle, JobDetails, JobOverview, JobResult, JobSubmission, TaskManagerInfo } from "../messages.js";

export interface DispatcherGateway {
  submitJob(submission: JobSubmission, bundle: JobBundle): Promise<{ jobId: string }>;
  listJobs(): JobOverview[];
  requestJob(jobId: string): JobDetails;
  /** Resolves when the job reaches a globally terminal state. */
  requestJobResult(jobId: string): Promise<JobResult>;
  cancelJob(jobId: string): Promise<void>;
  requestClusterOverview(): Promise<ClusterOverview>;
  requestTaskManagers(): Promise<TaskManagerInfo[]>;
}
