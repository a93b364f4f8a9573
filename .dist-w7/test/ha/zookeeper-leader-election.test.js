/** Leader election and retrieval on a real ZooKeeper, each contender in its own session ("process"). */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import { LeaderComponents } from "../../src/cluster/ha/interface.js";
import { ZooKeeperHighAvailabilityServices } from "../../src/cluster/ha/zookeeper/zookeeper-ha-services.js";
import { expireSession, startZooKeeper } from "../support/zookeeper.js";
import { RecordingContender, RecordingListener, waitFor } from "./helpers.js";
let zk;
let storageDir;
let clusterCount = 0;
const opened = [];
/** One JobManager process's HA services; every test gets its own cluster id. */
async function jobManagerProcess(clusterId) {
    const services = await ZooKeeperHighAvailabilityServices.create({
        quorum: zk.connectString,
        storageDir,
        clusterId,
        rootPath: "/sluice",
        sessionTimeoutMs: 4000,
        connectionTimeoutMs: 3000,
        tolerateSuspendedConnection: false,
    });
    opened.push(services);
    return services;
}
/** Three processes competing for the dispatcher leadership, joined in order. */
async function threeContenders(component = LeaderComponents.DISPATCHER) {
    const clusterId = `election-${++clusterCount}`;
    const processes = [await jobManagerProcess(clusterId), await jobManagerProcess(clusterId), await jobManagerProcess(clusterId)];
    const contenders = ["jm-1", "jm-2", "jm-3"].map((name) => new RecordingContender(name));
    const elections = processes.map((p) => p.leaderElection(component));
    for (let i = 0; i < 3; i++)
        await contenders[i].join(elections[i]);
    return { clusterId, processes, contenders, elections };
}
function leaders(contenders) {
    return contenders.filter((c) => c.isLeader).map((c) => c.name);
}
before(async () => {
    zk = await startZooKeeper();
    storageDir = mkdtempSync(join(tmpdir(), "sluice-ha-election-"));
});
afterEach(async () => {
    for (const services of opened.splice(0))
        await services.close();
});
after(async () => {
    await zk?.stop();
    rmSync(storageDir, { recursive: true, force: true });
});
describe("ZooKeeper leader election", () => {
    it("elects exactly one of three contenders; the next takes over when the leader closes, in order", async () => {
        const { contenders, elections, processes } = await threeContenders();
        const [c1, c2, c3] = contenders;
        await waitFor(() => leaders(contenders).length === 1, "one leader");
        assert.deepEqual(leaders(contenders), ["jm-1"]);
        assert.ok(elections[0].hasLeadership(c1.leaderSessionId));
        assert.ok(!elections[1].hasLeadership(c1.leaderSessionId));
        // Each candidate watches only its predecessor: the latch holds one node per candidate.
        const latch = `/sluice/${processes[0].layout.clusterId}/leader/dispatcher/latch`;
        assert.equal((await processes[0].client.getChildren(latch))?.length, 3);
        await elections[0].close();
        await waitFor(() => c2.isLeader, "jm-2 takes over");
        assert.deepEqual(leaders(contenders), ["jm-2"]);
        assert.deepEqual(c1.events.map((e) => e.type), ["grant", "revoke"]);
        await elections[1].close();
        await waitFor(() => c3.isLeader, "jm-3 takes over");
        assert.deepEqual(leaders(contenders), ["jm-3"]);
        const grants = contenders.flatMap((c) => c.grants);
        assert.equal(grants.length, 3);
        assert.equal(new Set(grants).size, 3, "a fresh session id for every grant");
        assert.ok(contenders.every((c) => c.errors.length === 0));
    });
    it("the next candidate takes over when the leader's session ends (its client closes)", async () => {
        const { contenders, processes } = await threeContenders();
        const [c1, c2, c3] = contenders;
        await waitFor(() => c1.isLeader, "jm-1 leads");
        await processes[0].client.close(); // the process dies without leaving the election
        await waitFor(() => c2.isLeader && !c1.isLeader, "jm-2 takes over, jm-1 is revoked");
        await processes[1].client.close();
        await waitFor(() => c3.isLeader && !c2.isLeader, "jm-3 takes over");
        assert.deepEqual(leaders(contenders), ["jm-3"]);
    });
    it("after its session expires, the leader is revoked and re-joins with a new session at the back", async () => {
        const { contenders, processes, elections } = await threeContenders();
        const [c1, c2, c3] = contenders;
        await waitFor(() => c1.isLeader, "jm-1 leads");
        const firstGrant = c1.grants[0];
        const oldSession = processes[0].client.sessionId;
        const states = [];
        processes[0].client.onConnectionStateChange((s) => states.push(s));
        // Expiring a session from outside races with the client's own reconnect: try a few times.
        for (let attempt = 0; attempt < 5 && !states.includes("LOST"); attempt++) {
            await expireSession(zk.connectString, processes[0].client.sessionCredentials());
            await waitFor(() => states.includes("LOST"), "session lost", 3000).catch(() => { });
        }
        assert.ok(states.includes("LOST"), `states: ${states.join(",")}`);
        await waitFor(() => c2.isLeader && !c1.isLeader, "jm-2 takes over");
        await waitFor(() => states.at(-1) === "RECONNECTED", "jm-1 gets a new session");
        assert.notEqual(processes[0].client.sessionId, oldSession);
        // jm-1 is a candidate again, now behind jm-3.
        const latch = `/sluice/${processes[0].layout.clusterId}/leader/dispatcher/latch`;
        await waitFor(async () => (await processes[1].client.getChildren(latch))?.length === 3, "three candidates");
        await elections[1].close();
        await waitFor(() => c3.isLeader, "jm-3 is next");
        assert.ok(!c1.isLeader);
        await elections[2].close();
        await waitFor(() => c1.isLeader, "jm-1 leads again");
        assert.notEqual(c1.grants.at(-1), firstGrant);
    });
    it("leader retrieval follows the leader's address and session id across changes", async () => {
        const clusterId = `election-${++clusterCount}`;
        const observer = await jobManagerProcess(clusterId);
        const listener = new RecordingListener();
        await listener.follow(observer.leaderRetrieval(LeaderComponents.RESOURCE_MANAGER));
        assert.deepEqual([...listener.seen], [null]);
        const [p1, p2] = [await jobManagerProcess(clusterId), await jobManagerProcess(clusterId)];
        const [c1, c2] = [new RecordingContender("rm-1"), new RecordingContender("rm-2")];
        const [e1, e2] = [p1.leaderElection(LeaderComponents.RESOURCE_MANAGER), p2.leaderElection(LeaderComponents.RESOURCE_MANAGER)];
        await c1.join(e1);
        await c2.join(e2);
        await waitFor(() => listener.current?.address === c1.address, "retrieval sees rm-1");
        assert.deepEqual(listener.current, { address: c1.address, sessionId: c1.leaderSessionId });
        await e1.close();
        await waitFor(() => listener.current?.address === c2.address, "retrieval sees rm-2");
        assert.deepEqual(listener.current, { address: c2.address, sessionId: c2.leaderSessionId });
        const nonNull = listener.seen.flatMap((l) => (l ? [l.address] : []));
        assert.deepEqual(nonNull, [c1.address, c2.address]);
        // A retrieval started later gets the current leader straight away.
        const late = new RecordingListener();
        await late.follow(p1.leaderRetrieval(LeaderComponents.RESOURCE_MANAGER));
        assert.deepEqual(late.seen, [{ address: c2.address, sessionId: c2.leaderSessionId }]);
        await e2.close();
        await waitFor(() => listener.current === null, "no leader after the last one left");
    });
    it("ignores confirmations with a stale session id", async () => {
        const clusterId = `election-${++clusterCount}`;
        const p1 = await jobManagerProcess(clusterId);
        const listener = new RecordingListener();
        await listener.follow(p1.leaderRetrieval("cluster"));
        const contender = new RecordingContender("jm");
        const election = p1.leaderElection("cluster");
        await contender.join(election);
        await waitFor(() => listener.current?.address === contender.address, "leader published");
        await election.confirmLeadership("not-the-session-id", "tcp://impostor:1");
        assert.ok(!election.hasLeadership("not-the-session-id"));
        const sessionId = contender.leaderSessionId;
        await election.close();
        assert.ok(!election.hasLeadership(sessionId));
        await election.confirmLeadership(sessionId, "tcp://late:1");
        await waitFor(() => listener.current === null, "no leader");
        assert.ok(!listener.seen.some((l) => l?.address === "tcp://impostor:1" || l?.address === "tcp://late:1"));
    });
    it("keeps components independent and rejects invalid component names", async () => {
        const clusterId = `election-${++clusterCount}`;
        const [p1, p2] = [await jobManagerProcess(clusterId), await jobManagerProcess(clusterId)];
        const d1 = new RecordingContender("d1");
        const r2 = new RecordingContender("r2");
        await d1.join(p1.leaderElection(LeaderComponents.DISPATCHER));
        await r2.join(p2.leaderElection(LeaderComponents.jobMaster("abc123")));
        await waitFor(() => d1.isLeader && r2.isLeader, "both lead their own component");
        const info = `/sluice/${clusterId}/leader/jobmaster-abc123/connection_info`;
        await waitFor(async () => (await p1.client.exists(info)) !== null, "the JobMaster leader is published");
        assert.throws(() => p1.leaderElection("a/b"), RangeError);
        assert.throws(() => p1.leaderRetrieval(""), RangeError);
    });
});
//# sourceMappingURL=zookeeper-leader-election.test.js.map