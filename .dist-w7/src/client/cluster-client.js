export class MiniClusterClient {
    cluster;
    constructor(cluster) {
        this.cluster = cluster;
    }
    async submit(submission, bundle) {
        return (await this.cluster.dispatcher.submitJob(submission, bundle)).jobId;
    }
    result(jobId) {
        return this.cluster.dispatcher.requestJobResult(jobId);
    }
    async details(jobId) {
        return this.cluster.dispatcher.requestJob(jobId);
    }
    cancel(jobId) {
        return this.cluster.dispatcher.cancelJob(jobId);
    }
    triggerSavepoint(jobId, dir) {
        return this.cluster.dispatcher.triggerSavepoint(jobId, dir);
    }
    stopWithSavepoint(jobId, dir, drain) {
        return this.cluster.dispatcher.stopWithSavepoint(jobId, dir, drain);
    }
}
//# sourceMappingURL=cluster-client.js.map