/**
 * The Dispatcher's gateway: job submission and the cluster's job views. Components call each other only through
 * gateways obtained from an RpcService (docs/architecture.md, "Components"). It is the RestfulGateway, with the
 * answers the embedded Dispatcher gives synchronously.
 */
import type { JobOverview, JobDetails } from "../messages.js";
import type { RestfulGateway } from "./restful-gateway.js";

export interface DispatcherGateway extends RestfulGateway {
  listJobs(): JobOverview[];
  requestJob(jobId: string): JobDetails;
}
