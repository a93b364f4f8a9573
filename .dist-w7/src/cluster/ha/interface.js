/**
 * The high-availability contract (Flink's HighAvailabilityServices).
 *
 * A JobManager process obtains one HighAvailabilityServices instance and gets from it
 *  - leader election per component (dispatcher, resource manager, one JobMaster per job, or one shared
 *    "cluster" leader): which process leads, and a fresh leader session id per term that serves as
 *    the fencing token of every RPC call to the leader;
 *  - leader retrieval (service discovery): the current leader's address and session id;
 *  - the persistent metadata a new leader needs to take over: submitted JobGraphs, completed
 *    checkpoints, the checkpoint id counter and the results of finished jobs.
 *
 * Implementations: `none` (standalone, in memory, nothing survives the process) and `zookeeper`
 * (pointers in ZooKeeper, bytes in `high-availability.storageDir`).
 */
// ---------------------------------------------------------------------------------------------
// Leader election and retrieval
// ---------------------------------------------------------------------------------------------
/** Well-known component names. Any string is allowed; these keep the processes in agreement. */
export const LeaderComponents = {
    CLUSTER: "cluster",
    DISPATCHER: "dispatcher",
    RESOURCE_MANAGER: "resourcemanager",
    REST_SERVER: "rest_server",
    jobMaster: (jobId) => `jobmaster-${jobId}`,
};
/** The first checkpoint id a job gets (as in Flink). */
export const INITIAL_CHECKPOINT_ID = 1;
export class HighAvailabilityError extends Error {
    name = "HighAvailabilityError";
}
//# sourceMappingURL=interface.js.map