/**
 * What happens to leadership when ZooKeeper goes away: server stopped, server frozen (SIGSTOP), one
 * leader partitioned from the quorum, and the option to tolerate suspended connections.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import { LeaderComponents } from "../../src/cluster/ha/interface.js";
import { ZooKeeperHighAvailabilityServices } from "../../src/cluster/ha/zookeeper/zookeeper-ha-services.js";
import { startZooKeeper } from "../support/zookeeper.js";
import { FaultyProxy, RecordingContender, RecordingListener, sleep, waitFor } from "./helpers.js";
let zk;
let storageDir;
let clusterCount = 0;
const opened = [];
const proxies = [];
async function jobManagerProcess(options) {
    const services = await ZooKeeperHighAvailabilityServices.create({
        quorum: options.connectString ?? zk.connectString,
        storageDir,
        clusterId: options.clusterId,
        rootPath: "/sluice",
        sessionTimeoutMs: options.sessionTimeoutMs,
        connectionTimeoutMs: 1000,
        operationTimeoutMs: 5000,
        tolerateSuspendedConnection: options.tolerateSuspendedConnection ?? false,
    });
    opened.push(services);
    return services;
}
async function contend(services, name) {
    const contender = new RecordingContender(name);
    await contender.join(services.leaderElection(LeaderComponents.DISPATCHER));
    return contender;
}
function leaders(contenders) {
    return contenders.filter((c) => c.isLeader).map((c) => c.name);
}
before(async () => {
    zk = await startZooKeeper();
    storageDir = mkdtempSync(join(tmpdir(), "sluice-ha-loss-"));
});
afterEach(async () => {
    // Whatever a failed test left behind, the next one gets a running, thawed server.
    zk.kill("SIGCONT");
    if (zk.pid === undefined)
        await zk.restart();
    for (const services of opened.splice(0))
        await services.close();
    for (const proxy of proxies.splice(0))
        await proxy.stop();
});
after(async () => {
    await zk?.stop();
    rmSync(storageDir, { recursive: true, force: true });
});
describe("ZooKeeper connection loss", () => {
    it("a stopped ZooKeeper revokes leadership; after its restart there is exactly one leader, with a new session id", async () => {
        const clusterId = `loss-${++clusterCount}`;
        const processes = await Promise.all([1, 2, 3].map(() => jobManagerProcess({ clusterId, sessionTimeoutMs: 6000 })));
        const contenders = [];
        for (let i = 0; i < 3; i++)
            contenders.push(await contend(processes[i], `jm-${i + 1}`));
        const listener = new RecordingListener();
        await listener.follow(processes[2].leaderRetrieval(LeaderComponents.DISPATCHER));
        await waitFor(() => listener.current?.address === contenders[0].address, "jm-1 leads and is published");
        const firstGrant = contenders[0].grants[0];
        await zk.stop({ keepData: true });
        await waitFor(() => leaders(contenders).length === 0, "leadership revoked while suspended");
        assert.equal(contenders[0].events.at(-1)?.type, "revoke");
        assert.equal(listener.current, null, "retrieval reports no leader while suspended");
        await waitFor(() => processes.every((p) => p.client.connectionState === "SUSPENDED"), "every process notices the outage");
        assert.ok(contenders.every((c) => !c.isLeader));
        await zk.restart();
        await waitFor(() => leaders(contenders).length === 1, "one leader after the restart", 15_000);
        const leader = contenders.find((c) => c.isLeader);
        assert.notEqual(leader.leaderSessionId, firstGrant, "a new term has a new session id");
        await waitFor(() => listener.current?.sessionId === leader.leaderSessionId, "retrieval follows the new term");
        await sleep(300);
        assert.equal(leaders(contenders).length, 1, "still exactly one leader");
        assert.ok(contenders.every((c) => c.errors.length === 0));
    });
    it("a frozen ZooKeeper (SIGSTOP) is noticed by the read timeout and revokes leadership", async () => {
        const clusterId = `loss-${++clusterCount}`;
        const processes = await Promise.all([1, 2].map(() => jobManagerProcess({ clusterId, sessionTimeoutMs: 3000 })));
        const contenders = [await contend(processes[0], "jm-1"), await contend(processes[1], "jm-2")];
        await waitFor(() => leaders(contenders).length === 1, "one leader");
        const firstGrant = contenders[0].grants[0];
        zk.kill("SIGSTOP");
        // The socket stays open: only the client's own read timeout (2/3 of the session) can notice.
        await waitFor(() => leaders(contenders).length === 0, "leadership revoked", 10_000);
        zk.kill("SIGCONT");
        await waitFor(() => leaders(contenders).length === 1, "one leader after the thaw", 15_000);
        const leader = contenders.find((c) => c.isLeader);
        assert.notEqual(leader.leaderSessionId, firstGrant);
        await sleep(300);
        assert.equal(leaders(contenders).length, 1);
    });
    it("a partitioned leader loses its session, the next candidate takes over, and the old one re-joins", async () => {
        const clusterId = `loss-${++clusterCount}`;
        const proxy = new FaultyProxy(zk.port);
        proxies.push(proxy);
        await proxy.start();
        const partitioned = await jobManagerProcess({ clusterId, sessionTimeoutMs: 2000, connectString: proxy.connectString });
        const healthy = await jobManagerProcess({ clusterId, sessionTimeoutMs: 2000 });
        const c1 = await contend(partitioned, "jm-1");
        const c2 = await contend(healthy, "jm-2");
        await waitFor(() => c1.isLeader, "jm-1 leads");
        const oldSession = partitioned.client.sessionId;
        const states = [];
        partitioned.client.onConnectionStateChange((s) => states.push(s));
        proxy.setMode("blackhole");
        await waitFor(() => !c1.isLeader, "the partitioned leader notices and steps down", 10_000);
        await waitFor(() => c2.isLeader, "the server expires its session and jm-2 takes over", 10_000);
        await waitFor(() => states.includes("LOST"), "the partitioned process declares its session lost", 10_000);
        // No two leaders at once: the read timeout (2/3 of the session) fires before the server
        // expires the session (after the full session timeout).
        const revokedAt = c1.events.find((e) => e.type === "revoke").at;
        const takenOverAt = c2.events.find((e) => e.type === "grant").at;
        assert.ok(revokedAt < takenOverAt, `jm-1 stepped down ${Math.round(takenOverAt - revokedAt)} ms before jm-2 took over`);
        proxy.setMode("pass");
        await waitFor(() => states.at(-1) === "RECONNECTED", "it reconnects with a new session", 10_000);
        assert.notEqual(partitioned.client.sessionId, oldSession);
        const latch = `/sluice/${clusterId}/leader/dispatcher/latch`;
        await waitFor(async () => (await healthy.client.getChildren(latch))?.length === 2, "jm-1 is a candidate again");
        assert.ok(c2.isLeader && !c1.isLeader, "jm-2 keeps leading");
        await healthy.close();
        await waitFor(() => c1.isLeader, "jm-1 leads again once jm-2 is gone");
        assert.equal(new Set(c1.grants).size, 2);
    });
    it("with tolerateSuspendedConnection, a short outage does not revoke leadership", async () => {
        const clusterId = `loss-${++clusterCount}`;
        const services = await jobManagerProcess({ clusterId, sessionTimeoutMs: 8000, tolerateSuspendedConnection: true });
        const contender = await contend(services, "jm-1");
        await waitFor(() => contender.isLeader, "jm-1 leads");
        const sessionId = contender.leaderSessionId;
        const states = [];
        services.client.onConnectionStateChange((s) => states.push(s));
        await zk.stop({ keepData: true });
        await waitFor(() => states.includes("SUSPENDED"), "connection suspended");
        assert.ok(contender.isLeader);
        await zk.restart();
        await waitFor(() => states.at(-1) === "RECONNECTED", "reconnected", 15_000);
        await sleep(200);
        assert.deepEqual(contender.events.map((e) => e.type), ["grant"]);
        assert.ok(contender.election.hasLeadership(sessionId));
    });
});
//# sourceMappingURL=zookeeper-connection-loss.test.js.map