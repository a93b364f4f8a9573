/** Test helpers for the HA tests: bounded waiting, a recording contender, a faulty TCP proxy. */
import { createConnection, createServer } from "node:net";
/** Polls `condition` until it holds; fails with `message` at the deadline. Never waits unbounded. */
export async function waitFor(condition, message, timeoutMs = 10_000, intervalMs = 20) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        if (await condition())
            return;
        if (Date.now() >= deadline)
            throw new Error(`timed out after ${timeoutMs} ms: ${message}`);
        await sleep(intervalMs);
    }
}
export function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
/** A contender that confirms each grant with its address and records what happened. */
export class RecordingContender {
    name;
    address;
    events = [];
    leaderSessionId;
    election;
    constructor(name, address = `tcp://${name}:6123`) {
        this.name = name;
        this.address = address;
    }
    async join(election) {
        this.election = election;
        await election.start(this);
    }
    grantLeadership(sessionId) {
        this.leaderSessionId = sessionId;
        this.events.push({ type: "grant", sessionId, at: performance.now() });
        // As a real component does: take up the duties, then publish the address.
        this.election?.confirmLeadership(sessionId, this.address).catch((error) => this.handleError(error));
    }
    revokeLeadership() {
        this.leaderSessionId = undefined;
        this.events.push({ type: "revoke", at: performance.now() });
    }
    handleError(error) {
        this.events.push({ type: "error", error, at: performance.now() });
    }
    get isLeader() {
        return this.leaderSessionId !== undefined;
    }
    get grants() {
        return this.events.flatMap((e) => (e.type === "grant" ? [e.sessionId] : []));
    }
    get errors() {
        return this.events.flatMap((e) => (e.type === "error" ? [e.error] : []));
    }
}
/** Follows a retrieval and keeps every notification. */
export class RecordingListener {
    seen = [];
    async follow(retrieval) {
        await retrieval.start((leader) => this.seen.push(leader));
    }
    get current() {
        return this.seen[this.seen.length - 1];
    }
}
/**
 * A TCP proxy in front of ZooKeeper for one client, to cut that client off alone:
 *  - "refuse":    drops the connections and refuses new ones (a crashed link: the client notices);
 *  - "blackhole": keeps the connections but forwards nothing (a partition: only timeouts notice).
 */
export class FaultyProxy {
    targetPort;
    server;
    pairs = new Set();
    mode = "pass";
    port = 0;
    constructor(targetPort) {
        this.targetPort = targetPort;
    }
    get connectString() {
        return `127.0.0.1:${this.port}`;
    }
    async start() {
        this.server = createServer((client) => this.accept(client));
        await new Promise((resolve) => this.server.listen(0, "127.0.0.1", resolve));
        const address = this.server.address();
        this.port = typeof address === "object" && address ? address.port : 0;
    }
    setMode(mode) {
        // Connections that lost bytes (blackhole) or should die (refuse) are cut; new ones start clean.
        if (mode === "refuse" || (mode === "pass" && this.mode === "blackhole")) {
            for (const [a, b] of this.pairs)
                (a.destroy(), b.destroy());
        }
        this.mode = mode;
    }
    async stop() {
        for (const [a, b] of this.pairs)
            (a.destroy(), b.destroy());
        await new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    }
    accept(client) {
        if (this.mode === "refuse") {
            client.destroy();
            return;
        }
        const upstream = createConnection(this.targetPort, "127.0.0.1");
        const pair = [client, upstream];
        this.pairs.add(pair);
        const close = () => {
            this.pairs.delete(pair);
            client.destroy();
            upstream.destroy();
        };
        client.on("error", close).on("close", close);
        upstream.on("error", close).on("close", close);
        // Bytes are forwarded only while passing; a blackhole swallows them without closing anything.
        client.on("data", (chunk) => this.mode === "pass" && upstream.write(chunk));
        upstream.on("data", (chunk) => this.mode === "pass" && client.write(chunk));
    }
}
//# sourceMappingURL=helpers.js.map