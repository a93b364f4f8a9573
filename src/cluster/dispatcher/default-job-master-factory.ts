/** The JobMasterFactory of a real JobManager: each job gets a JobMaster on the term's RPC service. */
import type { RpcService } from "../rpc/interface.js";
import type { Logger } from "../../util/logger.js";
import { JobMaster } from "../jobmaster/job-master.js";
import type { JobMasterFactory } from "./job-master-service.js";

export interface DefaultJobMasterFactoryOptions {
  rpc: RpcService;
  config: Readonly<Record<string, string>>;
  logger: Logger;
  /** Where the JobMasters find the ResourceManager of their term, and its fencing token. */
  resourceManager: () => Promise<{ address: string; sessionId: string }>;
}

export function defaultJobMasterFactory(deps: DefaultJobMasterFactoryOptions): JobMasterFactory {
  return {
    create: (o) =>
      new JobMaster({
        jobId: o.jobId,
        jobGraph: o.submission.jobGraph,
        bundleHash: o.submission.bundleHash,
        definition: o.submission.definition,
        initialRestore: o.initialRestore,
        fencingToken: o.fencingToken,
        checkpointStore: o.checkpointStore,
        checkpointIdCounter: o.checkpointIdCounter,
        rpc: deps.rpc,
        resourceManager: deps.resourceManager,
        config: deps.config,
        logger: deps.logger,
      }),
  };
}
