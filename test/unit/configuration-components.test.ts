/** The settings that the RPC, heartbeat and security code read through their options modules. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ConfigurationError } from "../../src/config/configuration.js";
import { heartbeatSettings } from "../../src/cluster/heartbeat.js";
import { rpcServiceSettings } from "../../src/cluster/rpc/rpc-options.js";
import { clusterSecurity } from "../../src/cluster/security/cluster-security.js";

test("heartbeat settings: Flink's defaults, durations with units", () => {
  assert.deepEqual(heartbeatSettings({}), { intervalMs: 10_000, timeoutMs: 50_000 });
  assert.deepEqual(heartbeatSettings({ "heartbeat.interval": "500", "heartbeat.timeout": "4 s" }), { intervalMs: 500, timeoutMs: 4000 });
  assert.throws(() => heartbeatSettings({ "heartbeat.timeout": "0" }), /heartbeat\.timeout must be at least 1 ms/);
});

test("RPC service settings: pekko keys, and Flink's older akka keys", () => {
  assert.deepEqual(rpcServiceSettings({}), { defaultTimeoutMs: 10_000, maxFrameBytes: 64 * 1024 * 1024 });
  assert.deepEqual(rpcServiceSettings({ "akka.ask.timeout": "30 s", "pekko.framesize": "10485760b" }), { defaultTimeoutMs: 30_000, maxFrameBytes: 10 * 1024 * 1024 });
});

test("cluster security: a secret from the configuration, a file or the environment, with errors that say what to do", () => {
  const dir = mkdtempSync(join(tmpdir(), "sluice-security-options-"));
  try {
    const file = join(dir, "secret");
    writeFileSync(file, "  0123456789abcdef0123  \n");
    assert.equal(clusterSecurity({ "security.cluster.secret-file": file }, {}).secret, "0123456789abcdef0123");
    assert.equal(clusterSecurity({}, { SLUICE_CLUSTER_SECRET: "from-the-environment!" }).secret, "from-the-environment!");
    assert.deepEqual(clusterSecurity({}, {}), { secret: undefined, tls: undefined, trustedNetwork: false });
    assert.equal(clusterSecurity({ "security.network.trusted": "true" }, {}).trustedNetwork, true);
    const rejects = (config: Record<string, string>, message: RegExp): void => {
      assert.throws(() => clusterSecurity(config, {}), (e: unknown) => e instanceof ConfigurationError && message.test(e.message));
    };
    rejects({ "security.cluster.secret": "0123456789abcdef", "security.cluster.secret-file": file }, /set either security\.cluster\.secret or security\.cluster\.secret-file, not both/);
    rejects({ "security.cluster.secret": "short" }, /too short: use at least 16 characters/);
    rejects({ "security.cluster.secret-file": join(dir, "missing") }, /cannot read security\.cluster\.secret-file/);
    rejects({ "security.ssl.internal.enabled": "true" }, /security\.ssl\.internal\.cert is required when security\.ssl\.internal\.enabled is true/);
    rejects({ "security.network.trusted": "maybe" }, /security\.network\.trusted must be true or false/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
