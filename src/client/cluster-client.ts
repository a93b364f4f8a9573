/**
 * How the client talks to a cluster: the embedded MiniCluster's Dispatcher directly, or a remote
 * Dispatcher over REST (rest-cluster-client.ts). Both take a bundle plus its JobGraph.
 */
import type { MiniCluster } from "../cluster/minicluster.js";
import type { JobBundle, JobDetails, JobResult, JobSubmission } from "../cluster/messages.js";
import type { CoordinationResponse } from "../cluster/dispatcher/job-master-service.js";

export interface ClusterClient {
  submit(submission: JobSubmission, bundle: JobBundle): Promise<string>;
  result(jobId: string): Promise<JobResult>;
  details(jobId: string): Promise<JobDetails>;
  cancel(jobId: string): Promise<void>;
  /** Resolves with the savepoint's folder. */
  triggerSavepoint(jobId: string, dir?: string): Promise<string>;
  stopWithSavepoint(jobId: string, dir?: string, drain?: boolean): Promise<string>;
  /** A request to the coordinator of operator `operatorUid` (collectAsync()'s fetches; POST /jobs/:jobid/coordinators/:operatorid). */
  deliverCoordinationRequest(jobId: string, operatorUid: string, request: unknown): Promise<CoordinationResponse>;
}

export class MiniClusterClient implements ClusterClient {
  constructor(readonly cluster: MiniCluster) {}

  async submit(submission: JobSubmission, bundle: JobBundle): Promise<string> {
    return (await this.cluster.dispatcher.submitJob(submission, bundle)).jobId;
  }
  result(jobId: string): Promise<JobResult> {
    return this.cluster.dispatcher.requestJobResult(jobId);
  }
  async details(jobId: string): Promise<JobDetails> {
    return this.cluster.dispatcher.requestJob(jobId);
  }
  cancel(jobId: string): Promise<void> {
    return this.cluster.dispatcher.cancelJob(jobId);
  }
  triggerSavepoint(jobId: string, dir?: string): Promise<string> {
    return this.cluster.dispatcher.triggerSavepoint(jobId, dir);
  }
  stopWithSavepoint(jobId: string, dir?: string, drain?: boolean): Promise<string> {
    return this.cluster.dispatcher.stopWithSavepoint(jobId, dir, drain);
  }
  async deliverCoordinationRequest(jobId: string, operatorUid: string, request: unknown): Promise<CoordinationResponse> {
    return this.cluster.dispatcher.deliverCoordinationRequest(jobId, operatorUid, request);
  }
}
