/**
 * Bad S3 settings get a clear error that names the setting to fix (docs/checkpoints.md, "Storage on
 * S3"): an unreachable endpoint, wrong credentials, a missing bucket, a malformed s3:// URI — at the
 * file system, in the configuration of checkpoints and HA, and as the failure of a running job's
 * checkpoints (the job keeps running).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { S3FileSystem } from "../../src/fs/s3/s3-file-system.js";
import { checkLocation, fileSystemFor, fileSystemSettings, probeLocation } from "../../src/fs/file-systems.js";
import { checkpointSettings } from "../../src/cluster/jobmaster/checkpoint-settings.js";
import { parseHaConfig } from "../../src/cluster/ha/config.js";
import { resolveInsideRoots } from "../../src/rest/routes/savepoint-target.js";
import { redactConfig } from "../../src/config/sensitive-keys.js";
import { runJob } from "../../src/client/job-runner.js";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { testJob } from "../support/paths.js";
import { freePort } from "../support/free-port.js";
import { startS3Server, type S3Server } from "../support/s3.js";
import { waitFor } from "../support/wait.js";

let server: S3Server;
before(async () => {
  server = await startS3Server({ buckets: ["present"] });
});
after(async () => {
  await server?.stop();
});

function fsWith(overrides: Record<string, string>): S3FileSystem {
  return new S3FileSystem(fileSystemSettings({ ...server.config, "s3.max-retries": "0", ...overrides }));
}

describe("S3 errors name the setting", () => {
  it("an unreachable endpoint: s3.endpoint", async () => {
    const port = await freePort();
    const fs = fsWith({ "s3.endpoint": `http://127.0.0.1:${port}` });
    await assert.rejects(fs.write("s3://present/x", Buffer.from("x")), (e: Error) => {
      assert.match(e.message, new RegExp(`writing s3://present/x failed: cannot reach S3 at http://127\\.0\\.0\\.1:${port} \\(s3\\.endpoint\\)`));
      assert.match(e.message, /check s3\.endpoint and that the server is running/);
      return true;
    });
    await fs.close();
  });

  it("wrong credentials: s3.access-key and s3.secret-key (or the AWS chain)", async () => {
    // s3rver checks the access key id but does not verify SigV4 signatures, so a wrong secret alone
    // is not refused here; S3 answers it with SignatureDoesNotMatch, which takes the same path.
    const unknown = fsWith({ "s3.access-key": "nobody" });
    await assert.rejects(unknown.list("s3://present/"), /listing s3:\/\/present\/ failed: S3 at http:\/\/127\.0\.0\.1:\d+ \(s3\.endpoint\) refused the credentials \(InvalidAccessKeyId.*check s3\.access-key and s3\.secret-key, or the AWS credential chain/);
    await unknown.close();
  });

  it("a missing bucket: names the bucket and the URI", async () => {
    const fs = fsWith({});
    await assert.rejects(fs.write("s3://absent/chk/_metadata", Buffer.from("x")), /writing s3:\/\/absent\/chk\/_metadata failed: the bucket "absent" does not exist at http:\/\/127\.0\.0\.1:\d+ \(s3\.endpoint\); create it/);
    await fs.close();
  });

  it("a probe of a configured location names the key", async () => {
    const port = await freePort();
    const config = { ...server.config, "s3.endpoint": `http://127.0.0.1:${port}`, "s3.max-retries": "0" };
    const fs = new S3FileSystem(fileSystemSettings(config));
    await assert.rejects(fs.stat("s3://present/dir/.probe"), /cannot reach S3/);
    await fs.close();
    // probeLocation uses the process's file systems (unconfigured here: AWS's endpoint), so only its form check is exercised offline.
    await assert.rejects(probeLocation("s3://Bad_Bucket/dir", "execution.checkpointing.dir"), /^FileSystemError: execution\.checkpointing\.dir: "s3:\/\/Bad_Bucket\/dir" has no valid bucket name/);
  });

  it("malformed s3:// URIs fail the configuration, naming the key", () => {
    assert.throws(() => checkpointSettings({}, { "execution.checkpointing.dir": "s3://Bad_Bucket/chk" }), /execution\.checkpointing\.dir: "s3:\/\/Bad_Bucket\/chk" has no valid bucket name \("Bad_Bucket"\): expected s3:\/\/<bucket>\/<path>/);
    assert.throws(() => checkpointSettings({}, { "execution.checkpointing.savepoint-dir": "s3:/state/sp" }), /execution\.checkpointing\.savepoint-dir: "s3:\/state\/sp" is not a path or URI/);
    assert.throws(() => checkpointSettings({}, { "execution.checkpointing.dir": "s3:///chk" }), /execution\.checkpointing\.dir: .*no valid bucket name/);
    assert.throws(() => checkLocation("ftp://host/x", "high-availability.storageDir"), /high-availability\.storageDir: "ftp:\/\/host\/x": no file system for this scheme/);
    assert.throws(
      () => parseHaConfig({ "high-availability.type": "zookeeper", "high-availability.zookeeper.quorum": "127.0.0.1:2181", "high-availability.storageDir": "s3://a/ha" }),
      /high-availability\.storageDir: "s3:\/\/a\/ha" has no valid bucket name/,
    );
    assert.throws(() => fileSystemSettings({ "s3.endpoint": "127.0.0.1:9000" }), /s3\.endpoint must be an http:\/\/ or https:\/\/ URL, got "127\.0\.0\.1:9000"/);
  });

  it("REST target directories on S3 must lie inside an allowed s3:// root", () => {
    const roots = ["/tmp/savepoints", "s3://state/savepoints"];
    assert.equal(resolveInsideRoots("s3://state/savepoints/x", roots, "target-directory"), "s3://state/savepoints/x");
    assert.throws(() => resolveInsideRoots("s3://state/other", roots, "target-directory"), /target-directory: s3:\/\/state\/other is outside the allowed directories/);
    assert.throws(() => resolveInsideRoots("s3://state/savepoints/../x", roots, "target-directory"), /target-directory: .*contains "\." or "\.\." segments/);
    assert.throws(() => resolveInsideRoots("s3://BAD/x", roots, "target-directory"), /target-directory: "s3:\/\/BAD\/x" has no valid bucket name/);
  });

  it("the secret key is never shown: redacted in the configuration the REST API serves", () => {
    const shown = redactConfig(server.config);
    assert.equal(shown["s3.secret-key"], "******");
    assert.equal(shown["s3.endpoint"], server.config["s3.endpoint"]);
  });
});

describe("a running job with checkpoints in a missing bucket", () => {
  it("keeps running; its checkpoints fail saying the bucket does not exist", { timeout: 60_000 }, async () => {
    const cluster = await MiniCluster.start({
      numTaskManagers: 1,
      slotsPerTaskManager: 1,
      config: { ...server.config, "s3.max-retries": "0", "execution.checkpointing.dir": "s3://absent/checkpoints", "execution.checkpointing.tolerable-failed-checkpoints": "100" },
    });
    const client = new MiniClusterClient(cluster);
    try {
      let jobId = "";
      const run = runJob(testJob("sequence-check.ts"), { client, args: ["1000000", "0", "1", "2000", "1", "100"], onSubmitted: (id) => (jobId = id) });
      await waitFor(() => jobId !== "" && cluster.dispatcher.requestCheckpointStats(jobId).counts.failed >= 2, "failed checkpoints", 30_000);
      const stats = cluster.dispatcher.requestCheckpointStats(jobId);
      assert.match(stats.latest.failed?.failure_message ?? "", /the bucket "absent" does not exist at http:\/\/127\.0\.0\.1:\d+ \(s3\.endpoint\)/);
      assert.equal(stats.counts.completed, 0);
      assert.equal(cluster.dispatcher.requestJob(jobId).state, "RUNNING", "the job keeps running");
      await client.cancel(jobId);
      assert.equal((await run).state, "CANCELED");
      // The process's own file systems were set from this cluster's configuration.
      assert.equal(fileSystemFor("s3://absent/x").scheme, "s3");
    } finally {
      await cluster.close();
    }
  });
});
