import { LeaderComponents } from "../ha/interface.js";
import { Dispatcher } from "../dispatcher/dispatcher.js";
import { ENDPOINTS } from "../gateways.js";
import { heartbeatSettings } from "../heartbeat.js";
import { ResourceManager } from "../resourcemanager/resource-manager.js";
import { isGloballyTerminal } from "../messages.js";
import { serveLeaderEndpoint } from "./leader-endpoint.js";
export class JobManagerLeadership {
    options;
    current;
    election;
    endpoints = [];
    termListeners = new Set();
    log;
    closed = false;
    /** close() is under way: the end of the term is a shutdown, not a lost election. */
    closing = false;
    constructor(options) {
        this.options = options;
        this.log = options.logger.child("JobManagerLeadership");
    }
    /** Serves the fenced endpoints and joins the election (with `none`: leads from here on). */
    async start() {
        const { rpc } = this.options;
        this.endpoints.push(serveLeaderEndpoint(rpc, ENDPOINTS.dispatcher, () => this.current && { sessionId: this.current.sessionId, impl: this.current.dispatcher }), serveLeaderEndpoint(rpc, ENDPOINTS.resourceManager, () => this.current && { sessionId: this.current.sessionId, impl: this.current.resourceManager }), 
        // Bundles are addressed by content hash: any JobManager may hand out what it has.
        rpc.serve(ENDPOINTS.blobServer, this.options.blobServer));
        this.election = this.options.ha.leaderElection(LeaderComponents.CLUSTER);
        await this.election.start(this);
    }
    /** The current term, while this JobManager leads. */
    get term() {
        return this.current;
    }
    get isLeader() {
        return this.current !== undefined;
    }
    /** Called with every new term and with undefined when a term ends. Returns the unsubscribe function. */
    onTermChange(listener) {
        this.termListeners.add(listener);
        return () => this.termListeners.delete(listener);
    }
    /** Resolves with the term once this JobManager leads and its jobs are recovered; rejects after `timeoutMs`. */
    async waitForLeadership(timeoutMs) {
        const deadline = Date.now() + timeoutMs;
        while (Date.now() < deadline) {
            const term = this.current;
            if (term) {
                await term.ready;
                if (this.current === term)
                    return term;
            }
            await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error(`this JobManager did not become the leader within ${timeoutMs} ms`);
    }
    // ---- LeaderContender ---------------------------------------------------------------------------
    grantLeadership(sessionId) {
        if (this.closed)
            return;
        if (this.current)
            this.endTerm("a new term began");
        const { rpc, config, logger, ha, blobServer } = this.options;
        const resourceManager = new ResourceManager({ rpc, heartbeat: heartbeatSettings(config), logger, sessionId });
        const dispatcher = new Dispatcher({ rpc, blobServer, resourceManager, config, logger, sessionId, ha });
        let markReady;
        const term = { sessionId, dispatcher, resourceManager, ready: new Promise((r) => (markReady = r)) };
        this.current = term;
        this.log.info(`granted leadership (session ${sessionId}): this JobManager leads`);
        this.notify(term);
        void this.beginTerm(term).finally(markReady);
    }
    revokeLeadership() {
        this.endTerm("leadership revoked");
    }
    handleError(error) {
        this.log.error(`leader election failed: ${error.message}`);
        this.options.onFatalError?.(error);
    }
    /** Leaves the election (a standby takes over at once) and stops serving. HA data stays. */
    async close() {
        if (this.closed)
            return;
        this.closing = true;
        const term = this.current;
        await this.election?.close();
        this.closed = true;
        this.endTerm("shutting down");
        // A job that just ended is cleaned up before the connections go (else the next leader does it).
        await term?.dispatcher.awaitCleanups(5000);
        for (const endpoint of this.endpoints)
            endpoint.close();
    }
    // ---- terms ---------------------------------------------------------------------------------------
    async beginTerm(term) {
        const election = this.election;
        const address = this.options.rpc.address;
        const publish = (component, value) => election.confirmLeadership(term.sessionId, value, component);
        try {
            // TaskExecutors can register (and bring their slots) while the jobs are being recovered.
            await publish(LeaderComponents.RESOURCE_MANAGER, address);
            const recovered = await term.dispatcher.recoverJobs();
            if (this.current !== term)
                return;
            if (recovered.length > 0)
                this.log.info(`recovered ${recovered.length} job${recovered.length === 1 ? "" : "s"}: ${recovered.join(", ")}`);
            await publish(LeaderComponents.DISPATCHER, address);
            await publish(LeaderComponents.CLUSTER, address);
            const restUrl = this.options.restUrl?.();
            if (restUrl)
                await publish(LeaderComponents.REST_SERVER, restUrl);
        }
        catch (e) {
            // Most likely the connection to ZooKeeper went: revocation follows, and the next term retries.
            if (this.current === term)
                this.log.error(`starting the leadership term failed: ${e.message}`);
        }
    }
    endTerm(reason) {
        const term = this.current;
        if (!term)
            return;
        this.current = undefined;
        const jobs = term.dispatcher.listJobs().filter((j) => !isGloballyTerminal(j.state)).length;
        if (this.closing)
            this.log.info(`leaving the leadership (session ${term.sessionId}): ${jobs} running job${jobs === 1 ? "" : "s"} suspended`);
        else
            this.log.warn(`${reason} (session ${term.sessionId}): suspending ${jobs} job${jobs === 1 ? "" : "s"}; this JobManager is a standby now`);
        term.dispatcher.suspend(reason);
        term.resourceManager.stop();
        this.notify(undefined);
    }
    notify(term) {
        for (const listener of [...this.termListeners])
            listener(term);
    }
}
//# sourceMappingURL=jobmanager-leadership.js.map