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
    rootPath;
    clusterId;
    clusterPath;
    constructor(rootPath, clusterId) {
        this.rootPath = rootPath;
        this.clusterId = clusterId;
        this.clusterPath = `${rootPath}/${clusterId}`;
    }
    get leadersPath() {
        return `${this.clusterPath}/leader`;
    }
    leaderPath(component) {
        return `${this.leadersPath}/${component}`;
    }
    latchPath(component) {
        return `${this.leaderPath(component)}/latch`;
    }
    connectionInfoPath(component) {
        return `${this.leaderPath(component)}/connection_info`;
    }
    get jobGraphsPath() {
        return `${this.clusterPath}/jobgraphs`;
    }
    jobGraphPath(jobId) {
        return `${this.jobGraphsPath}/${jobId}`;
    }
    get jobsPath() {
        return `${this.clusterPath}/jobs`;
    }
    jobPath(jobId) {
        return `${this.jobsPath}/${jobId}`;
    }
    checkpointsPath(jobId) {
        return `${this.jobPath(jobId)}/checkpoints`;
    }
    checkpointPath(jobId, checkpointId) {
        return `${this.checkpointsPath(jobId)}/${checkpointNodeName(checkpointId)}`;
    }
    checkpointIdCounterPath(jobId) {
        return `${this.jobPath(jobId)}/checkpoint_id_counter`;
    }
    get jobResultsPath() {
        return `${this.clusterPath}/job-results`;
    }
    jobResultPath(jobId) {
        return `${this.jobResultsPath}/${jobId}`;
    }
    /** Every ZooKeeper path holding data of one job (the job result entry is not part of it). */
    jobDataPaths(jobId) {
        return [this.jobGraphPath(jobId), this.jobPath(jobId), this.leaderPath(LeaderComponents.jobMaster(jobId))];
    }
    /** Storage directory, relative to <storageDir>/<cluster-id>: the files of one job. */
    static jobFilesDir(jobId) {
        return `jobs/${jobId}`;
    }
    static JOB_RESULT_FILES_DIR = "job-results";
}
/** 19 digits, as Flink: lexicographic order of the node names is numeric order of the ids. */
export function checkpointNodeName(checkpointId) {
    return String(checkpointId).padStart(19, "0");
}
export function checkpointIdFromNodeName(name) {
    if (!/^\d{1,19}$/.test(name))
        return undefined;
    const id = Number(name);
    return Number.isSafeInteger(id) ? id : undefined;
}
//# sourceMappingURL=layout.js.map