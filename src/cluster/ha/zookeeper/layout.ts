/**
 * Where everything lives, in ZooKeeper and in the storage directory. One place, so that cleanup
 * cannot miss a path that a store writes.
 *
 * ZooKeeper, under /<root>/<cluster-id>/:
 *   leader/<component>/latch/latch-<uuid>-<seq>   ephemeral sequential candidates
 *   leader/<component>/connection_info            ephemeral, the leader's {address, sessionId}
 *   jobgraphs/<job-id>                            → file path
 *   jobs/<job-id>/checkpoints/<checkpoint-id>     → file path (id zero-padded: names sort numerically)
 *   jobs/<job-id>/checkpoint_id_counter           the next checkpoint id, decimal
 *   job-results/<job-id>                          {"state":"dirty","file":…} | {"state":"clean"}
 * Storage directory, under <storageDir>/<cluster-id>/:
 *   jobs/<job-id>/jobgraph-<uuid>, jobs/<job-id>/checkpoint-<id>-<uuid>
 *   job-results/<job-id>-<uuid>
 */
import { LeaderComponents } from "../interface.js";

export class ZooKeeperLayout {
  readonly clusterPath: string;

  constructor(
    readonly rootPath: string,
    readonly clusterId: string,
  ) {
    this.clusterPath = `${rootPath}/${clusterId}`;
  }

  get leadersPath(): string {
    return `${this.clusterPath}/leader`;
  }
  leaderPath(component: string): string {
    return `${this.leadersPath}/${component}`;
  }
  latchPath(component: string): string {
    return `${this.leaderPath(component)}/latch`;
  }
  connectionInfoPath(component: string): string {
    return `${this.leaderPath(component)}/connection_info`;
  }

  get jobGraphsPath(): string {
    return `${this.clusterPath}/jobgraphs`;
  }
  jobGraphPath(jobId: string): string {
    return `${this.jobGraphsPath}/${jobId}`;
  }

  get jobsPath(): string {
    return `${this.clusterPath}/jobs`;
  }
  jobPath(jobId: string): string {
    return `${this.jobsPath}/${jobId}`;
  }
  checkpointsPath(jobId: string): string {
    return `${this.jobPath(jobId)}/checkpoints`;
  }
  checkpointPath(jobId: string, checkpointId: number): string {
    return `${this.checkpointsPath(jobId)}/${checkpointNodeName(checkpointId)}`;
  }
  checkpointIdCounterPath(jobId: string): string {
    return `${this.jobPath(jobId)}/checkpoint_id_counter`;
  }

  get jobResultsPath(): string {
    return `${this.clusterPath}/job-results`;
  }
  jobResultPath(jobId: string): string {
    return `${this.jobResultsPath}/${jobId}`;
  }

  /** Every ZooKeeper path holding data of one job (the job result entry is not part of it). */
  jobDataPaths(jobId: string): string[] {
    return [this.jobGraphPath(jobId), this.jobPath(jobId), this.leaderPath(LeaderComponents.jobMaster(jobId))];
  }

  /** Storage directory, relative to <storageDir>/<cluster-id>: the files of one job. */
  static jobFilesDir(jobId: string): string {
    return `jobs/${jobId}`;
  }
  static readonly JOB_RESULT_FILES_DIR = "job-results";
}

/** 19 digits, as Flink: lexicographic order of the node names is numeric order of the ids. */
export function checkpointNodeName(checkpointId: number): string {
  return String(checkpointId).padStart(19, "0");
}

export function checkpointIdFromNodeName(name: string): number | undefined {
  if (!/^\d{1,19}$/.test(name)) return undefined;
  const id = Number(name);
  return Number.isSafeInteger(id) ? id : undefined;
}
