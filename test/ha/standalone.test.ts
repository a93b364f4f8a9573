/** The `none` implementation: shared store cases, immediate leadership, fixed addresses, config. */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { parseHaConfig } from "../../src/cluster/ha/config.js";
import { HaOptions } from "../../src/cluster/ha/ha-options.js";
import { createHighAvailabilityServices } from "../../src/cluster/ha/create-ha-services.js";
import { LeaderComponents } from "../../src/cluster/ha/interface.js";
import { DEFAULT_LEADER_SESSION_ID } from "../../src/cluster/ha/standalone/leader-registry.js";
import { StandaloneHighAvailabilityServices } from "../../src/cluster/ha/standalone/standalone-ha-services.js";
import { RecordingContender, RecordingListener } from "./helpers.js";
import { defineStoreCases } from "./store-cases.js";

describe("standalone HA services", () => {
  const services = new StandaloneHighAvailabilityServices();
  after(() => services.close());

  defineStoreCases(() => services);

  describe("leader election", () => {
    it("grants leadership at once, with a fresh session id per term", async () => {
      const ha = new StandaloneHighAvailabilityServices();
      const first = new RecordingContender("jm-1");
      const election = ha.leaderElection(LeaderComponents.DISPATCHER);
      await first.join(election);
      assert.equal(first.grants.length, 1);
      assert.ok(election.hasLeadership(first.grants[0]!));
      assert.ok(!election.hasLeadership("other"));
      await election.close();
      assert.equal(first.events.at(-1)?.type, "revoke");
      assert.ok(!election.hasLeadership(first.grants[0]!));

      const second = new RecordingContender("jm-1");
      await second.join(ha.leaderElection(LeaderComponents.DISPATCHER));
      assert.notEqual(second.grants[0], first.grants[0]);
      await ha.close();
    });

    it("retrieval reports the fixed address, then the confirmed leader, then the fixed address again", async () => {
      const ha = new StandaloneHighAvailabilityServices({ addresses: { resourcemanager: "tcp://rm:6123" } });
      const listener = new RecordingListener();
      await listener.follow(ha.leaderRetrieval(LeaderComponents.RESOURCE_MANAGER));
      assert.deepEqual(listener.current, { address: "tcp://rm:6123", sessionId: DEFAULT_LEADER_SESSION_ID });

      const contender = new RecordingContender("rm", "tcp://rm-local:6123");
      const election = ha.leaderElection(LeaderComponents.RESOURCE_MANAGER);
      await contender.join(election);
      await election.confirmLeadership("stale-session", "tcp://stale:1"); // ignored
      assert.deepEqual(listener.current, { address: "tcp://rm-local:6123", sessionId: contender.grants[0] });
      await election.close();
      assert.deepEqual(listener.current, { address: "tcp://rm:6123", sessionId: DEFAULT_LEADER_SESSION_ID });
      assert.equal(listener.seen.length, 3);

      const unknown = new RecordingListener();
      await unknown.follow(ha.leaderRetrieval("no-such-component"));
      assert.deepEqual(unknown.seen, [null]);
      await ha.close();
    });

    it("uses the fixed leader session id when one is configured", async () => {
      const ha = new StandaloneHighAvailabilityServices({ addresses: { dispatcher: "a" }, fixedLeaderSessionId: "fixed" });
      const contender = new RecordingContender("d");
      await contender.join(ha.leaderElection(LeaderComponents.DISPATCHER));
      assert.deepEqual(contender.grants, ["fixed"]);
      await ha.close();
    });
  });

  describe("configuration", () => {
    it("defaults to none and reads Flink's keys", async () => {
      const none = await createHighAvailabilityServices({});
      assert.equal(none.type, "none");
      await none.close();
      const config = parseHaConfig({
        [HaOptions.TYPE.key]: "ZooKeeper",
        [HaOptions.QUORUM.key]: "zk1:2181,zk2:2181",
        [HaOptions.STORAGE_DIR.key]: "file:///var/sluice/ha",
        [HaOptions.ROOT.key]: "flink/",
        [HaOptions.SESSION_TIMEOUT.key]: "30 s",
        [HaOptions.CONNECTION_TIMEOUT.key]: "5000",
      });
      assert.deepEqual(config, {
        type: "zookeeper",
        quorum: "zk1:2181,zk2:2181",
        storageDir: "/var/sluice/ha",
        clusterId: "default",
        rootPath: "/flink",
        sessionTimeoutMs: 30_000,
        connectionTimeoutMs: 5000,
        tolerateSuspendedConnection: false,
        operationTimeoutMs: 15_000,
      });
      assert.equal(parseHaConfig({ ["high-availability"]: "zookeeper", [HaOptions.QUORUM.key]: "q", [HaOptions.STORAGE_DIR.key]: "/d" }).type, "zookeeper");
    });

    it("rejects incomplete or invalid settings with the key in the message", () => {
      assert.throws(() => parseHaConfig({ [HaOptions.TYPE.key]: "kubernetes" }), /high-availability.type/);
      assert.throws(() => parseHaConfig({ [HaOptions.TYPE.key]: "zookeeper" }), /high-availability.zookeeper.quorum/);
      assert.throws(
        () => parseHaConfig({ [HaOptions.TYPE.key]: "zookeeper", [HaOptions.QUORUM.key]: "q" }),
        /high-availability.storageDir/,
      );
      assert.throws(() => parseHaConfig({ [HaOptions.SESSION_TIMEOUT.key]: "soon" }), /session-timeout/);
      assert.throws(() => parseHaConfig({ [HaOptions.CLUSTER_ID.key]: "a/b" }), /cluster-id/);
      assert.throws(() => parseHaConfig({ [HaOptions.MAX_RETRY_ATTEMPTS.key]: "0" }), /max-retry-attempts/);
    });
  });
});
