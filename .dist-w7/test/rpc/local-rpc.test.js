import assert from "node:assert/strict";
import { test } from "node:test";
import { LocalRpcService, RpcConnectionError, RpcTimeoutError } from "../../src/cluster/rpc/index.js";
import { rpcConformanceSuite } from "./conformance.js";
import { Calculator } from "./helpers.js";
rpcConformanceSuite("LocalRpcService", async () => {
    const server = new LocalRpcService();
    const client = new LocalRpcService();
    return {
        server,
        client,
        deadAddress: "local://nobody-here",
        cleanup: async () => {
            await client.stop();
            await server.stop();
        },
    };
});
test("local addresses are unique and freed on stop", { timeout: 5_000 }, async () => {
    const a = new LocalRpcService({ id: "jobmanager" });
    assert.equal(a.address, "local://jobmanager");
    assert.throws(() => new LocalRpcService({ id: "jobmanager" }), /already running/);
    await a.stop();
    const again = new LocalRpcService({ id: "jobmanager" });
    await again.stop();
});
test("a service can call its own endpoints, still asynchronously", { timeout: 5_000 }, async () => {
    const service = new LocalRpcService();
    const impl = new Calculator();
    service.serve("calc", impl);
    const self = await service.connect(service.address, "calc");
    const result = self.gateway.add(20, 22);
    assert.equal(impl.invocations, 0);
    assert.equal(await result, 42);
    await service.stop();
});
test("the default timeout comes from the service options", { timeout: 5_000 }, async () => {
    const service = new LocalRpcService({ defaultTimeoutMs: 100 });
    service.serve("calc", new Calculator());
    const gw = await service.connect(service.address, "calc");
    await assert.rejects(gw.gateway.hang(), RpcTimeoutError);
    await service.stop();
});
test("a stopped service refuses to serve or connect", { timeout: 5_000 }, async () => {
    const service = new LocalRpcService();
    await service.stop();
    assert.throws(() => service.serve("calc", new Calculator()), RpcConnectionError);
    await assert.rejects(service.connect(service.address, "calc"), RpcConnectionError);
});
//# sourceMappingURL=local-rpc.test.js.map