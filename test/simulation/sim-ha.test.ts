import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { LeaderContender, LeaderInformation } from "../../src/cluster/ha/interface.js";
import { SimKernel } from "../../src/testing/simulation/kernel.js";
import { SimHaEnsemble } from "../../src/testing/simulation/sim-ha.js";
import { Trace } from "../../src/testing/simulation/trace.js";
import { defineStoreCases } from "../ha/store-cases.js";

function ensemble() {
  const kernel = new SimKernel(3);
  return { kernel, ensemble: new SimHaEnsemble(kernel, new Trace(() => kernel.elapsed)) };
}

describe("simulated HA services: store conformance", () => {
  const { kernel, ensemble: e } = ensemble();
  defineStoreCases(() => e.services(kernel.spawn("p")));
});

describe("simulated leader election", () => {
  const contender = (log: string[], name: string): LeaderContender => ({
    grantLeadership: (s) => log.push(`${name} granted ${s.slice(0, 4)}`),
    revokeLeadership: () => log.push(`${name} revoked`),
    handleError: () => {},
  });

  it("grants the first contender, revokes it on session expiry before granting the next a new session", async () => {
    const { kernel, ensemble: e } = ensemble();
    const log: string[] = [];
    const [a, b] = [kernel.spawn("jm"), kernel.spawn("jm")];
    const ea = e.services(a).leaderElection("cluster");
    const eb = e.services(b).leaderElection("cluster");
    await a.run(() => ea.start(contender(log, "a")));
    await b.run(() => eb.start(contender(log, "b")));
    const first = e.leaderOf("cluster")!;
    assert.equal(first.process, a);
    assert.ok(ea.hasLeadership(first.sessionId));
    e.expireSession(a);
    assert.equal(e.leaderOf("cluster"), undefined, "nobody leads between the revocation and the next grant");
    kernel.clock.advance(1_000);
    const second = e.leaderOf("cluster")!;
    assert.equal(second.process, b);
    assert.notEqual(second.sessionId, first.sessionId);
    assert.ok(!ea.hasLeadership(first.sessionId));
    assert.deepEqual(log.map((l) => l.split(" ").slice(0, 2).join(" ")), ["a granted", "a revoked", "b granted"]);
  });

  it("publishes confirmed leaders to followers, ignores a stale term's confirmation, withdraws on revocation", async () => {
    const { kernel, ensemble: e } = ensemble();
    const a = kernel.spawn("jm");
    const follower = kernel.spawn("tm");
    const seen: (LeaderInformation | null)[] = [];
    await follower.run(() => e.services(follower).leaderRetrieval("resourcemanager").start((l) => seen.push(l)));
    const election = e.services(a).leaderElection("cluster");
    await a.run(() => election.start(contender([], "a")));
    const session = e.leaderOf("cluster")!.sessionId;
    await election.confirmLeadership("stale", "sim://x", "resourcemanager");
    await election.confirmLeadership(session, "sim://jm-1", "resourcemanager");
    kernel.clock.advance(100);
    e.expireSession(a);
    kernel.clock.advance(100);
    assert.deepEqual(seen.filter((l) => l !== null).map((l) => l!.address), ["sim://jm-1"]);
    assert.equal(seen.at(-1), null);
  });

  it("a crashed leader keeps its term until its session times out", async () => {
    const { kernel, ensemble: e } = ensemble();
    const [a, b] = [kernel.spawn("jm"), kernel.spawn("jm")];
    await a.run(() => e.services(a).leaderElection("cluster").start(contender([], "a")));
    await b.run(() => e.services(b).leaderElection("cluster").start(contender([], "b")));
    a.crash();
    e.processCrashed(a, 3_000);
    kernel.clock.advance(2_999);
    assert.equal(e.leaderOf("cluster")!.process, a);
    kernel.clock.advance(1_000);
    assert.equal(e.leaderOf("cluster")!.process, b);
  });
});
