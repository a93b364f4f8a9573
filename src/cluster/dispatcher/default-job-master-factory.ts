/** The JobMasterFactory of a real JobManager: each job gets a JobMaster on the term's RPC service. */
import type { RpcService } from "../rpc/interface.js";
import type { Logger } from "../../util/logger.js";
import type { Clock } from "../../util/clock.js";
import type { IdSource } from "../../util/ids.js";
import { JobMaster } from "../jobmaster/job-master.js";
import type { JobMasterFactory } from "./job-master-service.js";

export interface DefaultJobMasterFactoryOptions {
  rpc: RpcService;
  config: Readonly<Record<string, string>>;
  logger: Logger;
  /** Where the JobMasters find the ResourceManager of their term, and its fencing token. */
  resourceManager: () => Promise<{ address: string; sessionId: string }>;
  /** The JobManager's clock and id source, handed on to every JobMaster (and its CheckpointCoordinator). */
  clock?: Clock;
  newId?: IdSource;
  /** The local file of a job bundle by hash (the BlobServer's), for the JobMaster's coordinator worker. */
  bundlePath?: (hash: string) => string;
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
        clock: deps.clock,
        newId: deps.newId,
        ...(deps.bundlePath ? { bundlePath: deps.bundlePath(o.submission.bundleHash) } : {}),
      }),
  };
}
