/** The promise-based ZooKeeper client: operations, watches, transactions, deadlines. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ZooKeeperClient, ZooKeeperClosedError, ZooKeeperTimeoutError, isZooKeeperError, } from "../../src/cluster/ha/zookeeper/zookeeper-client.js";
import { startZooKeeper } from "../support/zookeeper.js";
import { waitFor } from "./helpers.js";
let zk;
let client;
function connect(operationTimeoutMs) {
    return ZooKeeperClient.connect({
        connectString: zk.connectString,
        sessionTimeoutMs: 4000,
        connectionTimeoutMs: 3000,
        operationTimeoutMs,
    });
}
before(async () => {
    zk = await startZooKeeper();
    client = await connect();
});
after(async () => {
    await client?.close();
    await zk?.stop();
});
describe("ZooKeeperClient", () => {
    it("reports CONNECTED and a session id", () => {
        assert.equal(client.connectionState, "CONNECTED");
        assert.match(client.sessionId, /^[0-9a-f]{16}$/);
        assert.notEqual(client.sessionId, "0000000000000000");
    });
    it("gives up connecting at the connection timeout", async () => {
        const started = Date.now();
        await assert.rejects(ZooKeeperClient.connect({ connectString: "127.0.0.1:1", sessionTimeoutMs: 4000, connectionTimeoutMs: 500 }), ZooKeeperTimeoutError);
        assert.ok(Date.now() - started < 3000);
    });
    it("creates with parents, reads, updates with versions, deletes recursively", async () => {
        await client.createWithParents("/t/a/b/c", Buffer.from("hello"));
        const node = await client.getData("/t/a/b/c");
        assert.equal(node?.data.toString(), "hello");
        assert.equal(node?.stat.version, 0);
        const stat = await client.setData("/t/a/b/c", Buffer.from("v1"), 0);
        assert.equal(stat.version, 1);
        await assert.rejects(client.setData("/t/a/b/c", Buffer.from("v2"), 0), (e) => isZooKeeperError(e, "BAD_VERSION"));
        await assert.rejects(client.create("/t/a/b/c"), (e) => isZooKeeperError(e, "NODE_EXISTS"));
        await client.ensurePath("/t/a/b/c"); // exists: no error
        assert.deepEqual(await client.getChildren("/t/a"), ["b"]);
        assert.equal(await client.getChildren("/t/missing"), null);
        assert.equal(await client.getData("/t/missing"), null);
        assert.equal(await client.delete("/t/missing"), false);
        await assert.rejects(client.delete("/t/a"), (e) => isZooKeeperError(e, "NOT_EMPTY"));
        await client.deleteRecursive("/t");
        assert.equal(await client.exists("/t"), null);
        await client.deleteRecursive("/t"); // absent: no error
    });
    it("creates sequential and ephemeral nodes", async () => {
        await client.ensurePath("/seq");
        const first = await client.create("/seq/n-", undefined, "persistent_sequential");
        const second = await client.create("/seq/n-", undefined, "ephemeral_sequential");
        assert.match(first, /^\/seq\/n-\d{10}$/);
        assert.ok(second > first);
        const stat = await client.exists(second);
        assert.equal(stat?.ephemeralOwner, client.sessionId);
        await client.deleteRecursive("/seq");
    });
    it("fires one-shot watches for data changes, children and creation", async () => {
        await client.ensurePath("/w");
        const events = [];
        await client.getData("/w", (e) => events.push(e));
        await client.getChildren("/w", (e) => events.push(e));
        await client.exists("/w/later", (e) => events.push(e));
        await client.create("/w/later");
        await client.setData("/w", Buffer.from("x"));
        await client.setData("/w", Buffer.from("y")); // the data watch already fired: no second event
        await waitFor(() => events.length >= 3, "three watch events");
        assert.deepEqual(events.map((e) => `${e.type} ${e.path}`).sort(), ["childrenChanged /w", "created /w/later", "dataChanged /w"]);
        await client.deleteRecursive("/w");
    });
    it("runs transactions atomically, honouring version 0 in checks", async () => {
        await client.create("/tx", Buffer.from("a")); // version 0
        await client.setData("/tx", Buffer.from("b")); // version 1
        await assert.rejects(client.transaction([
            { op: "check", path: "/tx", version: 0 },
            { op: "create", path: "/tx/child" },
        ]), (e) => isZooKeeperError(e, "BAD_VERSION"));
        assert.equal(await client.exists("/tx/child"), null, "nothing of a failed transaction is applied");
        await client.transaction([
            { op: "check", path: "/tx", version: 1 },
            { op: "create", path: "/tx/child", data: Buffer.from("c"), mode: "ephemeral" },
            { op: "setData", path: "/tx", data: Buffer.from("d") },
        ]);
        assert.equal((await client.getData("/tx/child"))?.data.toString(), "c");
        assert.equal((await client.getData("/tx"))?.data.toString(), "d");
        await client.deleteRecursive("/tx");
    });
    it("fails an operation at its deadline while the server does not answer", async () => {
        const impatient = await connect(500);
        try {
            zk.kill("SIGSTOP");
            const started = Date.now();
            await assert.rejects(impatient.getData("/"), ZooKeeperTimeoutError);
            assert.ok(Date.now() - started < 2500);
        }
        finally {
            zk.kill("SIGCONT");
            await impatient.close();
        }
    });
    it("rejects operations after close", async () => {
        const closing = await connect();
        const states = [];
        closing.onConnectionStateChange((s) => states.push(s));
        await closing.close();
        assert.equal(closing.connectionState, "CLOSED");
        assert.deepEqual(states, ["LOST"]);
        await assert.rejects(closing.getData("/"), ZooKeeperClosedError);
    });
});
//# sourceMappingURL=zookeeper-client.test.js.map