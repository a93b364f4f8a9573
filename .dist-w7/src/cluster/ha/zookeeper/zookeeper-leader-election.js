/**
 * Leader election for one component on ZooKeeper: a leader latch decides who leads; every grant
 * gets a fresh session id (the fencing token); the leader publishes its address and session id at
 * leader/<component>/connection_info, where retrieval services read it.
 *
 * The connection info is written in one transaction with a check that this candidate's latch node
 * still exists, so a leader that lost its place (but has not heard yet) cannot overwrite the new
 * leader's information. The node is ephemeral: when the leader's session ends, it disappears and
 * followers learn there is no leader until the next one confirms.
 */
import { randomUUID } from "node:crypto";
import { LeaderLatch } from "./leader-latch.js";
import { decodeLeaderInformation, encodeLeaderInformation } from "./leader-information-codec.js";
import { MAX_CONFLICT_RETRIES } from "./pointers.js";
import { validateComponent } from "../validation.js";
import { isZooKeeperError, ZooKeeperClosedError, ZooKeeperError, ZooKeeperTimeoutError, } from "./zookeeper-client.js";
/** Another writer got in between: look again. */
const CONFLICTS = ["NO_NODE", "NODE_EXISTS", "BAD_VERSION"];
const RETRY_PAUSE_MS = 100;
function isConnectionProblem(error) {
    if (error instanceof ZooKeeperTimeoutError)
        return true;
    return error instanceof ZooKeeperError && ["CONNECTION_LOSS", "SESSION_EXPIRED", "OPERATION_TIMEOUT"].includes(error.code);
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
export class ZooKeeperLeaderElection {
    client;
    layout;
    component;
    options;
    latch;
    contender;
    /** The current term's session id, set while this candidate leads. */
    sessionId;
    closed = false;
    latchPath;
    /** Connection-info nodes this candidate published (its own component's and those it leads along). */
    published = new Set();
    constructor(client, layout, component, options) {
        this.client = client;
        this.layout = layout;
        this.component = component;
        this.options = options;
        this.latchPath = layout.latchPath(component);
    }
    async start(contender) {
        if (this.closed)
            throw new Error(`leader election for ${this.component} is closed`);
        if (this.contender)
            throw new Error(`leader election for ${this.component} already started`);
        this.contender = contender;
        this.latch = new LeaderLatch(this.client, this.latchPath, {
            isLeader: () => this.onGrant(),
            notLeader: () => this.onRevoke(),
            onError: (error) => contender.handleError(error),
        }, { tolerateSuspendedConnection: this.options.tolerateSuspendedConnection });
        await this.latch.start();
    }
    async confirmLeadership(sessionId, address, component = this.component) {
        validateComponent(component);
        const infoPath = this.layout.connectionInfoPath(component);
        const data = encodeLeaderInformation({ address, sessionId });
        // Keep trying while this term lasts: a leader that cannot publish itself is unreachable. The
        // loop ends when the write succeeds, or the term ends (revocation follows a lost connection),
        // or on an error that retrying cannot fix.
        for (let conflicts = 0; conflicts < MAX_CONFLICT_RETRIES;) {
            const latchNode = this.latch?.nodePath;
            if (this.closed || sessionId !== this.sessionId || !latchNode)
                return;
            try {
                this.published.add(infoPath);
                await this.publish(latchNode, infoPath, data);
                return;
            }
            catch (error) {
                if (error instanceof ZooKeeperClosedError)
                    return; // the session ended: so did this term
                if (CONFLICTS.some((code) => isZooKeeperError(error, code))) {
                    conflicts++;
                    if (!(await this.client.exists(latchNode)))
                        return; // no longer a candidate: not ours to publish
                }
                else if (isConnectionProblem(error)) {
                    await sleep(RETRY_PAUSE_MS); // the next operation waits for the reconnect
                }
                else {
                    throw error;
                }
            }
        }
    }
    /** Replaces the connection info, provided this candidate's latch node still exists. */
    async publish(latchNode, infoPath, data) {
        const existing = await this.client.exists(infoPath);
        // An ephemeral node belongs to the session that created it: replace it rather than set its
        // data, or it would vanish with the previous leader's session.
        const ops = [{ op: "check", path: latchNode }];
        if (existing)
            ops.push({ op: "delete", path: infoPath, version: existing.version });
        else
            await this.client.ensurePath(parentOf(infoPath));
        ops.push({ op: "create", path: infoPath, data, mode: "ephemeral" });
        await this.client.transaction(ops);
    }
    hasLeadership(sessionId) {
        return !this.closed && sessionId === this.sessionId && this.latch?.hasLeadership() === true;
    }
    async close() {
        if (this.closed)
            return;
        const sessionId = this.sessionId;
        this.closed = true;
        // Leave the latch first (revoking through onRevoke): a confirmation still in flight then fails
        // its latch check. Then withdraw this term's information, unless a successor already replaced it.
        await this.latch?.close();
        if (sessionId !== undefined && this.client.isConnected())
            await this.removeOwnInformation(sessionId);
    }
    onGrant() {
        this.sessionId = randomUUID();
        this.contender?.grantLeadership(this.sessionId);
    }
    onRevoke() {
        const sessionId = this.sessionId;
        if (sessionId === undefined)
            return;
        this.sessionId = undefined;
        this.contender?.revokeLeadership();
        // Best effort; while disconnected it waits for the reconnect within the operation timeout.
        void this.removeOwnInformation(sessionId);
    }
    /** Deletes the connection info this term published, where it is still this term's. */
    async removeOwnInformation(sessionId) {
        for (const infoPath of this.published) {
            try {
                const node = await this.client.getData(infoPath);
                if (!node || decodeLeaderInformation(node.data)?.sessionId !== sessionId)
                    continue;
                await this.client.delete(infoPath, node.stat.version);
            }
            catch {
                // Not ours any more (BAD_VERSION), or unreachable: the node is ephemeral and a new leader replaces it.
            }
        }
    }
}
function parentOf(path) {
    return path.slice(0, path.lastIndexOf("/"));
}
//# sourceMappingURL=zookeeper-leader-election.js.map