/**
 * The leader latch recipe (as Curator's LeaderLatch, which Flink uses).
 *
 * Every candidate creates an ephemeral sequential node under the latch path; the candidate with the
 * lowest sequence number leads. Each other candidate watches only its predecessor, so a leader's
 * departure wakes exactly one candidate (no herd). Ephemeral nodes vanish with their session, so a
 * crashed or partitioned leader is replaced once ZooKeeper expires its session.
 *
 * Node names are "latch-<uuid>-<sequence>": the uuid, fresh per creation, lets a candidate find its
 * node when the reply to the create was lost (Curator's "protected" mode) instead of leaving a ghost
 * candidate behind that would block the election until its session ends.
 *
 * Connection handling: SUSPENDED revokes leadership unless suspended connections are tolerated
 * (the node may still exist, but this candidate cannot know whether it still leads); LOST always
 * revokes (the node is gone with the session); RECONNECTED re-creates the node when it is gone and
 * re-evaluates, which grants leadership again when this candidate is still first.
 */
import { randomUUID } from "node:crypto";
import { isZooKeeperError, ZooKeeperClosedError, ZooKeeperError, ZooKeeperTimeoutError, } from "./zookeeper-client.js";
const NODE_PREFIX = "latch-";
const SEQUENCE_DIGITS = 10;
const MAX_RETRY_DELAY_MS = 2000;
export class LeaderLatch {
    client;
    latchPath;
    listener;
    options;
    ourPath = null;
    /** Nodes of a lost session, deleted once connected again so they cannot block the election. */
    stalePaths = new Set();
    leader = false;
    started = false;
    closed = false;
    /** Serializes all ZooKeeper work of this latch: state events, watches and retries. */
    work = Promise.resolve();
    /** Watches of older evaluations are ignored, so re-watching never multiplies callbacks. */
    watchGeneration = 0;
    /** Counts lost sessions, so that a node created during a loss is not adopted. */
    sessionEpoch = 0;
    unsubscribe;
    retryTimer;
    retryDelayMs = 100;
    constructor(client, latchPath, listener, options) {
        this.client = client;
        this.latchPath = latchPath;
        this.listener = listener;
        this.options = options;
    }
    /**
     * Joins the election. Resolves after the first attempt to create this candidate's node; when that
     * failed for want of a connection, it is retried after the reconnect (errors other than
     * ZooKeeper's go to onError).
     */
    async start() {
        if (this.started)
            throw new Error(`leader latch ${this.latchPath} already started`);
        this.started = true;
        this.unsubscribe = this.client.onConnectionStateChange((state) => this.onConnectionState(state));
        await this.enqueue(() => this.reset());
    }
    hasLeadership() {
        return this.leader;
    }
    /** This candidate's node, while it has one. */
    get nodePath() {
        return this.ourPath;
    }
    /** Leaves the election: revokes leadership and deletes this candidate's node. */
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        this.unsubscribe?.();
        clearTimeout(this.retryTimer);
        this.watchGeneration++;
        this.setLeader(false);
        await this.work;
        const path = this.ourPath;
        this.ourPath = null;
        // Deleting lets the next candidate take over at once. Without a connection, do not wait for
        // one: the node goes with the session anyway (closed with the client, or expired).
        if (path && this.client.isConnected())
            await this.client.delete(path).catch(() => { });
    }
    onConnectionState(state) {
        if (this.closed)
            return;
        switch (state) {
            case "SUSPENDED":
                if (!this.options.tolerateSuspendedConnection)
                    this.setLeader(false);
                break;
            case "LOST":
                this.sessionEpoch++;
                this.watchGeneration++;
                if (this.ourPath)
                    this.stalePaths.add(this.ourPath);
                this.ourPath = null;
                this.setLeader(false);
                break;
            case "RECONNECTED":
                void this.enqueue(() => this.reset());
                break;
            case "CONNECTED":
                break;
        }
    }
    enqueue(task) {
        this.work = this.work.then(async () => {
            if (this.closed)
                return;
            try {
                await task();
                this.retryDelayMs = 100;
            }
            catch (error) {
                this.handleFailure(error);
            }
        });
        return this.work;
    }
    /**
     * ZooKeeper failures are retried: right away after the next reconnect, or with a backoff while
     * still connected. Anything else is a bug or misconfiguration and goes to the contender.
     */
    handleFailure(error) {
        if (this.closed || error instanceof ZooKeeperClosedError)
            return;
        if (!(error instanceof ZooKeeperError || error instanceof ZooKeeperTimeoutError)) {
            this.listener.onError(error instanceof Error ? error : new Error(String(error)));
            return;
        }
        if (!this.client.isConnected())
            return; // RECONNECTED triggers the next attempt
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => void this.enqueue(() => this.reset()), this.retryDelayMs);
        this.retryDelayMs = Math.min(this.retryDelayMs * 2, MAX_RETRY_DELAY_MS);
    }
    /** Makes sure this candidate has a node of the current session, then evaluates the election. */
    async reset() {
        if (this.ourPath) {
            const stat = await this.client.exists(this.ourPath);
            // A node of an earlier session (e.g. created while that session was being lost) would vanish
            // when the server expires that session, behind this candidate's back: replace it.
            if (stat && stat.ephemeralOwner !== this.client.sessionId)
                this.stalePaths.add(this.ourPath);
            if (!stat || stat.ephemeralOwner !== this.client.sessionId)
                this.ourPath = null;
        }
        for (const stale of [...this.stalePaths]) {
            await this.client.delete(stale);
            this.stalePaths.delete(stale);
        }
        if (!this.ourPath) {
            const epoch = this.sessionEpoch;
            const created = await this.createNode();
            if (epoch !== this.sessionEpoch) {
                // The session was lost while creating: the RECONNECTED that follows resets again.
                this.stalePaths.add(created);
                return;
            }
            this.ourPath = created;
        }
        if (this.closed)
            return;
        await this.checkLeadership();
    }
    async createNode() {
        await this.client.ensurePath(this.latchPath);
        const prefix = `${NODE_PREFIX}${randomUUID()}-`;
        try {
            return await this.client.create(`${this.latchPath}/${prefix}`, undefined, "ephemeral_sequential");
        }
        catch (error) {
            const replyLost = error instanceof ZooKeeperTimeoutError ||
                isZooKeeperError(error, "CONNECTION_LOSS") ||
                isZooKeeperError(error, "OPERATION_TIMEOUT");
            if (!replyLost)
                throw error;
            // The create may have happened: find it by its unique prefix, or fail and let the retry create one.
            const ours = ((await this.client.getChildren(this.latchPath)) ?? []).find((name) => name.startsWith(prefix));
            if (ours)
                return `${this.latchPath}/${ours}`;
            throw error;
        }
    }
    async checkLeadership() {
        const ourPath = this.ourPath;
        if (!ourPath || this.closed)
            return;
        const candidates = ((await this.client.getChildren(this.latchPath)) ?? [])
            .filter((name) => name.startsWith(NODE_PREFIX))
            .sort((a, b) => compareSequence(a, b));
        if (this.ourPath !== ourPath || this.closed)
            return; // lost or closed meanwhile: a reset follows
        const ourName = ourPath.slice(this.latchPath.length + 1);
        const index = candidates.indexOf(ourName);
        const generation = ++this.watchGeneration;
        if (index < 0) {
            // Our node is gone (deleted by someone, or our session ended unnoticed): join again.
            this.ourPath = null;
            this.setLeader(false);
            void this.enqueue(() => this.reset());
            return;
        }
        if (index === 0) {
            this.setLeader(true);
            return;
        }
        this.setLeader(false);
        const predecessor = `${this.latchPath}/${candidates[index - 1]}`;
        const stat = await this.client.exists(predecessor, () => {
            if (generation === this.watchGeneration && !this.closed)
                void this.enqueue(() => this.checkLeadership());
        });
        // Gone between listing and watching: there is no watch to wait for, evaluate again now.
        if (!stat && generation === this.watchGeneration)
            void this.enqueue(() => this.checkLeadership());
    }
    setLeader(leader) {
        if (this.leader === leader)
            return;
        if (leader && (this.closed || (!this.client.isConnected() && !this.options.tolerateSuspendedConnection)))
            return;
        this.leader = leader;
        try {
            if (leader)
                this.listener.isLeader();
            else
                this.listener.notLeader();
        }
        catch (error) {
            this.listener.onError(error instanceof Error ? error : new Error(String(error)));
        }
    }
}
/** Orders by the sequence ZooKeeper appended, not by the whole name (the uuid would scramble it). */
function compareSequence(a, b) {
    const sa = a.slice(-SEQUENCE_DIGITS);
    const sb = b.slice(-SEQUENCE_DIGITS);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
}
//# sourceMappingURL=leader-latch.js.map