import { ENDPOINTS } from "../gateways.js";
import { FencingTokenMismatchError, RpcConnectionError, RpcEndpointNotFoundError } from "../rpc/interface.js";
import { LeaderUnavailableError } from "./leader-tracker.js";
/** Savepoints may take long; everything else answers quickly. */
const CALL_TIMEOUT_MS = 10 * 60_000;
export class LeaderRestDispatcher {
    rpc;
    local;
    leader;
    remote;
    constructor(rpc, 
    /** The Dispatcher of this JobManager's current term, if it leads. */
    local, 
    /** Follows the dispatcher component's leader. */
    leader) {
        this.rpc = rpc;
        this.local = local;
        this.leader = leader;
    }
    submitJob(submission, bundle) {
        return this.call((d) => d.submitJob(submission, bundle));
    }
    listJobs() {
        return this.call((d) => d.listJobs());
    }
    requestJob(jobId) {
        return this.call((d) => d.requestJob(jobId));
    }
    requestExceptions(jobId) {
        return this.call((d) => d.requestExceptions(jobId));
    }
    requestJobResult(jobId) {
        return this.call((d) => d.requestJobResult(jobId));
    }
    cancelJob(jobId) {
        return this.call((d) => d.cancelJob(jobId));
    }
    requestClusterOverview() {
        return this.call((d) => d.requestClusterOverview());
    }
    requestTaskManagers() {
        return this.call((d) => d.requestTaskManagers());
    }
    requestCheckpointStats(jobId) {
        return this.call((d) => d.requestCheckpointStats(jobId));
    }
    requestCheckpointConfig(jobId) {
        return this.call((d) => d.requestCheckpointConfig(jobId));
    }
    triggerSavepoint(jobId, dir) {
        return this.call((d) => d.triggerSavepoint(jobId, dir));
    }
    stopWithSavepoint(jobId, dir, drain) {
        return this.call((d) => d.stopWithSavepoint(jobId, dir, drain));
    }
    /** Drops the connection to a remote leader. */
    close() {
        const remote = this.remote;
        this.remote = undefined;
        remote?.gateway.then((g) => g.close()).catch(() => { });
    }
    async call(f) {
        const local = this.local();
        // The local Dispatcher answers as it is; the remote one through its gateway (same methods, async).
        if (local)
            return f(local);
        const gateway = await this.remoteGateway();
        try {
            return await f(gateway.gateway);
        }
        catch (e) {
            if (e instanceof FencingTokenMismatchError || e instanceof RpcConnectionError || e instanceof RpcEndpointNotFoundError) {
                this.close();
                throw new LeaderUnavailableError(`the leading JobManager changed while answering (${e.message}); retry`);
            }
            throw e;
        }
    }
    async remoteGateway() {
        const leader = this.leader.leader;
        if (!leader)
            throw new LeaderUnavailableError("no JobManager is the leader right now (a failover is under way); retry shortly");
        if (leader.address === this.rpc.address)
            throw new LeaderUnavailableError("this JobManager is taking over or giving up leadership; retry shortly");
        const cached = this.remote;
        if (cached && cached.leader.address === leader.address && cached.leader.sessionId === leader.sessionId) {
            const gateway = await cached.gateway.catch(() => undefined);
            if (gateway?.connected)
                return gateway;
            this.close();
        }
        const gateway = this.rpc.connect(leader.address, ENDPOINTS.dispatcher, { fencingToken: leader.sessionId, timeoutMs: CALL_TIMEOUT_MS });
        this.remote = { leader, gateway };
        try {
            return await gateway;
        }
        catch (e) {
            if (this.remote?.gateway === gateway)
                this.remote = undefined;
            throw new LeaderUnavailableError(`cannot reach the leading JobManager at ${leader.address}: ${e.message}`);
        }
    }
}
//# sourceMappingURL=leader-rest-dispatcher.js.map