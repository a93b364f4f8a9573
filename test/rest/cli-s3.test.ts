/**
 * `sluice savepoint --dispose s3://…` (docs/checkpoints.md, "Storage on S3"): the CLI reads the S3
 * settings from its configuration (-D here), deletes a savepoint's objects, refuses a prefix that is
 * not a savepoint, and says what to fix when S3 refuses the credentials; the secret never appears in
 * its output.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { configureFileSystems, fileSystemFor } from "../../src/fs/file-systems.js";
import { sluice } from "../cluster/support/processes.js";
import { startS3Server, type S3Server } from "../support/s3.js";

let s3: S3Server;
before(async () => {
  s3 = await startS3Server({ buckets: ["cli"] });
  configureFileSystems(s3.config);
});
after(async () => {
  await s3?.stop();
});

function defines(config: Record<string, string>): string[] {
  return Object.entries(config).flatMap(([k, v]) => ["-D", `${k}=${v}`]);
}

test("sluice savepoint --dispose deletes a savepoint on s3:// and refuses what is not one", { timeout: 60_000 }, async () => {
  const fs = fileSystemFor("s3://cli/x");
  const savepoint = "s3://cli/savepoints/savepoint-abc123-0123456789ab";
  await fs.write(`${savepoint}/_metadata`, Buffer.from(JSON.stringify({ version: 1, operators: {} })));
  await fs.write(`${savepoint}/v-0.state`, Buffer.from("state"));

  const notOne = sluice(["savepoint", "--dispose", "s3://cli/savepoints/nothing", ...defines(s3.config)]);
  assert.notEqual(await notOne.exited, 0);
  assert.match(notOne.stderr(), /s3:\/\/cli\/savepoints\/nothing is not a savepoint \(no _metadata\)/);

  const wrongKey = sluice(["savepoint", "--dispose", savepoint, ...defines({ ...s3.config, "s3.access-key": "nobody", "s3.max-retries": "0" })]);
  assert.notEqual(await wrongKey.exited, 0);
  assert.match(wrongKey.stderr(), /looking up s3:\/\/cli\/savepoints\/savepoint-abc123-0123456789ab\/_metadata failed: S3 at http:\/\/127\.0\.0\.1:\d+ \(s3\.endpoint\) refused the credentials \(.*HTTP 403\)\); check s3\.access-key and s3\.secret-key/);
  assert.doesNotMatch(wrongKey.stderr() + wrongKey.stdout(), new RegExp(`s3\\.secret-key=${s3.config["s3.secret-key"]}`));

  const dispose = sluice(["savepoint", "--dispose", savepoint, ...defines(s3.config)]);
  assert.equal(await dispose.exited, 0, dispose.stderr());
  assert.match(dispose.stdout(), /Disposed savepoint s3:\/\/cli\/savepoints\/savepoint-abc123/);
  assert.deepEqual(await fs.list(savepoint), []);
});
