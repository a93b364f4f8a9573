import { validateComponent, validateJobId } from "../validation.js";
import { FileStateStore } from "./file-state-store.js";
import { ZooKeeperLayout } from "./layout.js";
import { ZooKeeperCheckpointIdCounter } from "./zookeeper-checkpoint-id-counter.js";
import { ZooKeeperCompletedCheckpointStore } from "./zookeeper-checkpoint-store.js";
import { isZooKeeperError, ZooKeeperClient } from "./zookeeper-client.js";
import { ZooKeeperJobGraphStore } from "./zookeeper-job-graph-store.js";
import { ZooKeeperJobResultStore } from "./zookeeper-job-result-store.js";
import { ZooKeeperLeaderElection } from "./zookeeper-leader-election.js";
import { ZooKeeperLeaderRetrieval } from "./zookeeper-leader-retrieval.js";
export class ZooKeeperHighAvailabilityServices {
    client;
    options;
    type = "zookeeper";
    layout;
    files;
    graphs;
    results;
    elections = new Set();
    retrievals = new Set();
    closed = false;
    constructor(
    /** The session; exposed for diagnostics and fault-injection tests. */
    client, options) {
        this.client = client;
        this.options = options;
        this.layout = new ZooKeeperLayout(options.rootPath, options.clusterId);
        this.files = new FileStateStore(options.storageDir, options.clusterId);
        this.graphs = new ZooKeeperJobGraphStore(client, this.layout, this.files);
        this.results = new ZooKeeperJobResultStore(client, this.layout, this.files);
    }
    /** Connects to the quorum; rejects when it is unreachable within the connection timeout. */
    static async create(options) {
        const client = await ZooKeeperClient.connect({
            connectString: options.quorum,
            sessionTimeoutMs: options.sessionTimeoutMs,
            connectionTimeoutMs: options.connectionTimeoutMs,
            operationTimeoutMs: options.operationTimeoutMs,
        });
        const services = new ZooKeeperHighAvailabilityServices(client, options);
        try {
            await client.ensurePath(services.layout.clusterPath);
        }
        catch (error) {
            await client.close();
            throw error;
        }
        return services;
    }
    leaderElection(component) {
        this.ensureOpen();
        validateComponent(component);
        const election = new ZooKeeperLeaderElection(this.client, this.layout, component, {
            tolerateSuspendedConnection: this.options.tolerateSuspendedConnection,
        });
        this.elections.add(election);
        return election;
    }
    leaderRetrieval(component) {
        this.ensureOpen();
        validateComponent(component);
        const retrieval = new ZooKeeperLeaderRetrieval(this.client, this.layout.connectionInfoPath(component), {
            tolerateSuspendedConnection: this.options.tolerateSuspendedConnection,
        });
        this.retrievals.add(retrieval);
        return retrieval;
    }
    jobGraphStore() {
        return this.graphs;
    }
    completedCheckpointStore(jobId, maxRetained = 1) {
        return new ZooKeeperCompletedCheckpointStore(this.client, this.layout, this.files, jobId, maxRetained);
    }
    checkpointIdCounter(jobId) {
        return new ZooKeeperCheckpointIdCounter(this.client, this.layout, jobId);
    }
    jobResultStore() {
        return this.results;
    }
    async cleanupJobData(jobId) {
        validateJobId(jobId);
        // Pointers first, then the files they point to: never a pointer to a missing file.
        for (const path of this.layout.jobDataPaths(jobId))
            await this.client.deleteRecursive(path);
        await this.files.deleteDir(ZooKeeperLayout.jobFilesDir(jobId));
    }
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        for (const election of this.elections)
            await election.close();
        for (const retrieval of this.retrievals)
            await retrieval.close();
        this.elections.clear();
        this.retrievals.clear();
        await this.client.close();
    }
    ensureOpen() {
        if (this.closed)
            throw new Error("HA services are closed");
    }
    async closeAndCleanupAllData() {
        if (this.closed)
            throw new Error("HA services already closed: cannot clean up their data");
        for (const election of this.elections)
            await election.close();
        for (const retrieval of this.retrievals)
            await retrieval.close();
        await this.client.deleteRecursive(this.layout.clusterPath);
        // The root is shared by all cluster ids: remove it only when this was the last one.
        await this.client.delete(this.layout.rootPath).catch((error) => {
            if (!isZooKeeperError(error, "NOT_EMPTY"))
                throw error;
        });
        await this.files.deleteAll();
        await this.close();
    }
}
//# sourceMappingURL=zookeeper-ha-services.js.map