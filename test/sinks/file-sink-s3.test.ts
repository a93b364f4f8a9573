/**
 * The exactly-once file sink on s3:// (a real S3-protocol server, test/support/s3.ts): part files are
 * multipart uploads completed only at commit. Under failures in user code and in the sink at each
 * point of the two-phase protocol, the objects listed at the end hold every record of the reference
 * exactly once, every object is a committed part file (nothing partial, no duplicate), and no
 * multipart upload is left open — as the server's own store shows, not only the sink's listing.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { isCommittedPartFile } from "../../src/connectors/file-sink/index.js";
import { baseName } from "../../src/fs/file-system.js";
import { S3FileSystem } from "../../src/fs/s3/s3-file-system.js";
import { fileSystemSettings } from "../../src/fs/file-systems.js";
import { startS3Server, type S3Server } from "../support/s3.js";
import { uniqueName } from "../fs/file-system-cases.js";
import { assertExactlyOnceUnderFailures, assertVisibleOnlyAfterCheckpoints, oneFaultPerAttempt, type SinkOutput } from "./exactly-once-scenarios.js";

const BUCKET = "sink";

describe("FileSink on s3://", () => {
  let server: S3Server;
  let fs: S3FileSystem;
  before(async () => {
    server = await startS3Server({ buckets: [BUCKET] });
    fs = new S3FileSystem(fileSystemSettings(server.config));
  });
  after(async () => {
    await fs?.close();
    await server?.stop();
  });

  function objects(dir: string): SinkOutput {
    return {
      committed: async () => {
        const files = await fs.list(dir);
        const lines: string[] = [];
        for (const f of files) {
          // Everything a reader lists is a committed part file: no partial or staged object.
          assert.ok(isCommittedPartFile(baseName(f.uri)), `unexpected object ${f.uri}`);
          lines.push(...(await fs.read(f.uri)).toString("utf8").split("\n").filter((l) => l !== ""));
        }
        return lines.sort();
      },
      // Open multipart uploads, from the server's store (what S3 would bill and a lifecycle rule would remove).
      staged: async () => server.openUploads(BUCKET),
      writing: async () => server.openUploads(BUCKET).length > 0,
    };
  }

  it("commits every record exactly once under failures at random points, at parallelism 1 and 2; no upload left open", async () => {
    await assertExactlyOnceUnderFailures({
      seedFor: (seed, parallelism) => seed + parallelism + 7,
      userFailures: 2,
      sinkFaults: oneFaultPerAttempt(2, ["before-pre-commit", "after-pre-commit", "before-commit", "after-commit"]),
      fresh: async () => {
        const dir = `s3://${BUCKET}/exactly-once-${uniqueName()}`;
        return { target: { kind: "file", dir }, output: objects(dir) };
      },
      restoresFromCheckpoints: true,
      config: server.config,
    });
    assert.deepEqual(server.openUploads(BUCKET), []);
  });

  it("keeps records invisible until a checkpoint completes; cancelling aborts the open upload", async () => {
    const dir = `s3://${BUCKET}/visibility-${uniqueName()}`;
    await assertVisibleOnlyAfterCheckpoints({ kind: "file", dir }, objects(dir), server.config);
  });
});
