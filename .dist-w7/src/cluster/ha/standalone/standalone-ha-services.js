import { validateComponent, validateJobId } from "../validation.js";
import { InMemoryCheckpointIdCounter, InMemoryCompletedCheckpointStore, InMemoryJobGraphStore, InMemoryJobResultStore, newCounterCell, } from "./in-memory-stores.js";
import { StandaloneLeaderRegistry } from "./leader-registry.js";
import { StandaloneLeaderElection, StandaloneLeaderRetrieval } from "./standalone-leader-election.js";
export class StandaloneHighAvailabilityServices {
    type = "none";
    registry;
    graphs = new InMemoryJobGraphStore();
    results = new InMemoryJobResultStore();
    /** Per job, so that stores obtained again for the same job (after a JobMaster restart) see the data. */
    checkpoints = new Map();
    counters = new Map();
    elections = new Set();
    retrievals = new Set();
    constructor(options = {}) {
        this.registry = new StandaloneLeaderRegistry({ ...options.addresses }, options.fixedLeaderSessionId);
    }
    leaderElection(component) {
        validateComponent(component);
        const election = new StandaloneLeaderElection(this.registry, component);
        this.elections.add(election);
        return election;
    }
    leaderRetrieval(component) {
        validateComponent(component);
        const retrieval = new StandaloneLeaderRetrieval(this.registry, component);
        this.retrievals.add(retrieval);
        return retrieval;
    }
    jobGraphStore() {
        return this.graphs;
    }
    completedCheckpointStore(jobId, maxRetained = 1) {
        validateJobId(jobId);
        let checkpoints = this.checkpoints.get(jobId);
        if (!checkpoints)
            this.checkpoints.set(jobId, (checkpoints = new Map()));
        return new InMemoryCompletedCheckpointStore(jobId, maxRetained, checkpoints);
    }
    checkpointIdCounter(jobId) {
        validateJobId(jobId);
        let cell = this.counters.get(jobId);
        if (!cell)
            this.counters.set(jobId, (cell = newCounterCell()));
        return new InMemoryCheckpointIdCounter(jobId, cell);
    }
    jobResultStore() {
        return this.results;
    }
    async cleanupJobData(jobId) {
        validateJobId(jobId);
        await this.graphs.remove(jobId);
        this.checkpoints.get(jobId)?.clear();
        this.checkpoints.delete(jobId);
        this.counters.delete(jobId);
        // A JobMaster's leadership lives only in its election object: nothing stored to delete.
    }
    async close() {
        for (const election of this.elections)
            await election.close();
        for (const retrieval of this.retrievals)
            await retrieval.close();
        this.elections.clear();
        this.retrievals.clear();
    }
    async closeAndCleanupAllData() {
        await this.close();
        for (const jobId of await this.graphs.jobIds())
            await this.graphs.remove(jobId);
        this.checkpoints.clear();
        this.counters.clear();
        this.results.clear();
    }
}
//# sourceMappingURL=standalone-ha-services.js.map