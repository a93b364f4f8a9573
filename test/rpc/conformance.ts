/**
 * Behaviour every RpcService must show, run against both transports: the MiniCluster's in-process
 * transport has to fail in the same ways as the network, or bugs hide until a real cluster runs.
 */
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, test } from "node:test";
import {
  FencingTokenMismatchError,
  RpcConnectionError,
  RpcEndpointNotFoundError,
  RpcMethodNotFoundError,
  RpcTimeoutError,
  type RemoteGateway,
  type RpcService,
} from "../../src/cluster/rpc/index.js";
import { Calculator, QuotaExceededError, ValidationError, nextDisconnect } from "./helpers.js";

export interface ServicePair {
  server: RpcService;
  client: RpcService;
  /** A second address on which nothing serves (or that is not a running service). */
  deadAddress: string;
  /** Stops everything still running. */
  cleanup(): Promise<void>;
}

export function rpcConformanceSuite(transport: string, makePair: () => Promise<ServicePair>): void {
  describe(`${transport}: RpcService conformance`, () => {
    let pair: ServicePair;
    let impl: Calculator;
    let remote: RemoteGateway<Calculator>;

    beforeEach(async () => {
      pair = await makePair();
      impl = new Calculator();
      pair.server.serve("calc", impl);
      remote = await pair.client.connect<Calculator>(pair.server.address, "calc");
    });
    afterEach(() => pair.cleanup());

    test("calls a method and returns its result", { timeout: 5_000 }, async () => {
      assert.equal(await remote.gateway.add(2, 3), 5);
      assert.equal(await remote.gateway.addLater(4, 5), 9);
      assert.equal(remote.connected, true);
    });

    test("keeps Maps, Dates, nested values and undefined through the transport", { timeout: 5_000 }, async () => {
      const value = { when: new Date(0), tags: new Map([["k", [1, 2]]]), nothing: undefined, deep: { a: [{ b: "c" }] } };
      assert.deepEqual(await remote.gateway.echo(value), value);
    });

    test("never runs the method inside the caller (no re-entrancy)", { timeout: 5_000 }, async () => {
      const pending = remote.gateway.add(1, 1);
      assert.equal(impl.invocations, 0, "method ran synchronously inside the call");
      await pending;
      assert.equal(impl.invocations, 1);
    });

    test("copies arguments and results instead of sharing them", { timeout: 5_000 }, async () => {
      const counter = { n: 1 };
      assert.deepEqual(await remote.gateway.bump(counter), { n: 2 });
      assert.equal(counter.n, 1, "the callee mutated the caller's object");
      const state = await remote.gateway.getState();
      state.items.push(99);
      assert.deepEqual(impl.state.items, [1, 2, 3], "the caller's result aliases the callee's state");
    });

    test("runs one caller's calls in the order they were made", { timeout: 5_000 }, async () => {
      const seen: number[] = [];
      pair.server.serve("order", { record: (n: number) => void seen.push(n) });
      const order = await pair.client.connect<{ record(n: number): void }>(pair.server.address, "order");
      await Promise.all([1, 2, 3, 4, 5].map((n) => order.gateway.record(n)));
      assert.deepEqual(seen, [1, 2, 3, 4, 5]);
    });

    test("rejects with the remote error's class, name, message and a stack marked remote", { timeout: 5_000 }, async () => {
      const range = await remote.gateway.failWith("range", "out of range").catch((e: unknown) => e);
      assert.ok(range instanceof RangeError);
      assert.equal(range.message, "out of range");
      assert.match(range.stack ?? "", /failWith/, "the remote frames are kept");
      assert.match(range.stack ?? "", new RegExp(`<remote> ${escape(pair.server.address)} calc\\.failWith`));

      const custom = await remote.gateway.failWith("custom", "bad input").catch((e: unknown) => e);
      assert.ok(custom instanceof Error);
      assert.equal(custom.name, "ValidationError");
      assert.ok(!(custom instanceof ValidationError), "the caller cannot know the remote's own classes");
      assert.equal(custom.message, "bad input");

      await assert.rejects(remote.gateway.failWith("string", "just a string"), { message: "just a string" });
      await assert.rejects(remote.gateway.failLater("later"), { name: "TypeError", message: "later" });
    });

    test("rejects with a registered class rebuilt as itself, its cause chain and codes kept", { timeout: 5_000 }, async () => {
      const error = await remote.gateway.failWithCause("quota exceeded").catch((e: unknown) => e);
      assert.ok(error instanceof QuotaExceededError);
      assert.equal(error.message, "quota exceeded");
      assert.match(error.stack ?? "", new RegExp(`<remote> ${escape(pair.server.address)} calc\\.failWithCause`));
      const cause = error.cause as Error & { code?: string };
      assert.ok(cause instanceof Error);
      assert.equal(cause.message, "disk full");
      assert.equal(cause.code, "ENOSPC");
      assert.match(cause.stack ?? "", /<remote>/, "the cause is marked remote too");
    });

    test("times out a call that is never answered", { timeout: 5_000 }, async () => {
      const impatient = await pair.client.connect<Calculator>(pair.server.address, "calc", { timeoutMs: 100 });
      await assert.rejects(impatient.gateway.hang(), (error: unknown) => {
        assert.ok(error instanceof RpcTimeoutError);
        assert.match(error.message, /calc\.hang timed out after 100 ms/);
        return true;
      });
      assert.equal(await impatient.gateway.add(1, 2), 3, "a timeout does not break the gateway");
    });

    test("enforces fencing tokens", { timeout: 5_000 }, async () => {
      let leaderToken: string | undefined = "session-a";
      pair.server.serve("leader", new Calculator(), { fencingToken: () => leaderToken });
      const current = await pair.client.connect<Calculator>(pair.server.address, "leader", { fencingToken: "session-a" });
      const stale = await pair.client.connect<Calculator>(pair.server.address, "leader", { fencingToken: "session-0" });
      const unfenced = await pair.client.connect<Calculator>(pair.server.address, "leader");

      assert.equal(await current.gateway.add(1, 1), 2);
      await assert.rejects(stale.gateway.add(1, 1), (error: unknown) => {
        assert.ok(error instanceof FencingTokenMismatchError);
        assert.match(error.message, /session-a/);
        assert.match(error.message, /session-0/);
        return true;
      });
      await assert.rejects(unfenced.gateway.add(1, 1), FencingTokenMismatchError);

      leaderToken = "session-b"; // a new leader session: the old token becomes stale
      await assert.rejects(current.gateway.add(1, 1), /expected session-b, got session-a/);
      leaderToken = undefined; // leadership revoked: nobody gets through
      await assert.rejects(current.gateway.add(1, 1), FencingTokenMismatchError);
      // An unfenced endpoint ignores tokens.
      const tokenToUnfenced = await pair.client.connect<Calculator>(pair.server.address, "calc", { fencingToken: "x" });
      assert.equal(await tokenToUnfenced.gateway.add(2, 2), 4);
    });

    test("reports unknown endpoints, methods and addresses clearly", { timeout: 5_000 }, async () => {
      await assert.rejects(pair.client.connect(pair.server.address, "nope"), RpcEndpointNotFoundError);
      await assert.rejects(pair.client.connect(pair.deadAddress, "calc"), RpcConnectionError);
      const untyped = remote.gateway as unknown as Record<string, () => Promise<unknown>>;
      const callByName = (method: string): Promise<unknown> => untyped[method]!();
      await assert.rejects(callByName("missing"), (error: unknown) => {
        assert.ok(error instanceof RpcMethodNotFoundError);
        assert.match(error.message, /no method "missing"/);
        return true;
      });
      // Object plumbing is not callable remotely.
      for (const plumbing of ["constructor", "toString", "hasOwnProperty", "__proto__", "state"]) {
        await assert.rejects(callByName(plumbing), RpcMethodNotFoundError, plumbing);
      }
    });

    test("rejects an unserializable argument and keeps working", { timeout: 5_000 }, async () => {
      await assert.rejects(remote.gateway.echo(Symbol("not data")), TypeError);
      assert.equal(await remote.gateway.add(1, 2), 3);
    });

    test("a gateway is not mistaken for a promise", { timeout: 5_000 }, async () => {
      const awaited = await Promise.resolve(remote.gateway);
      assert.equal(await awaited.add(1, 1), 2);
    });

    test("closing an endpoint answers its pending calls and refuses new ones", { timeout: 5_000 }, async () => {
      const served = pair.server.serve("short-lived", new Calculator());
      const gw = await pair.client.connect<Calculator>(pair.server.address, "short-lived");
      const pending = gw.gateway.hang();
      await gw.gateway.add(0, 0); // the hang() call has reached the endpoint
      served.close();
      await assert.rejects(pending, RpcEndpointNotFoundError);
      await assert.rejects(gw.gateway.add(1, 1), RpcEndpointNotFoundError);
    });

    test("stopping the target service fails pending calls and fires onDisconnect at once", { timeout: 5_000 }, async () => {
      const disconnected = nextDisconnect((listener) => remote.onDisconnect(listener));
      const pending = remote.gateway.hang();
      await remote.gateway.add(0, 0);
      await pair.server.stop();
      await assert.rejects(pending, RpcConnectionError);
      assert.ok((await disconnected) instanceof RpcConnectionError);
      assert.equal(remote.connected, false);
      await assert.rejects(remote.gateway.add(1, 1), RpcConnectionError);
      // A listener added after the loss still hears of it.
      assert.ok((await nextDisconnect((listener) => remote.onDisconnect(listener))) instanceof RpcConnectionError);
    });

    test("closing a gateway fails its own pending calls without firing onDisconnect", { timeout: 5_000 }, async () => {
      const other = await pair.client.connect<Calculator>(pair.server.address, "calc");
      let fired = false;
      remote.onDisconnect(() => (fired = true));
      const pending = remote.gateway.hang();
      remote.close();
      await assert.rejects(pending, RpcConnectionError);
      await assert.rejects(remote.gateway.add(1, 1), RpcConnectionError);
      assert.equal(remote.connected, false);
      assert.equal(await other.gateway.add(2, 2), 4, "other gateways to the same peer keep working");
      assert.equal(fired, false);
    });
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
