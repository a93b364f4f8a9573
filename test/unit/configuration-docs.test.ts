/** docs/configuration.md is what the generator writes from the options modules as they are now. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { CONFIGURATION_DOCS, optionModules, renderConfigurationDocs } from "../../scripts/generate-configuration-docs.js";
import { REPOSITORY_ROOT } from "../../scripts/source-tree.js";

test("docs/configuration.md is current (run npm run docs:config)", async () => {
  const expected = await renderConfigurationDocs();
  const committed = readFileSync(join(REPOSITORY_ROOT, CONFIGURATION_DOCS), "utf8");
  if (committed === expected) return;
  const want = expected.split("\n");
  const have = committed.split("\n");
  let line = 0;
  while (line < want.length && want[line] === have[line]) line++;
  assert.fail(
    `${CONFIGURATION_DOCS} is out of date with the options modules: run npm run docs:config\n` +
      `first difference at line ${line + 1}:\n  committed: ${have[line] ?? "(end of file)"}\n  generated: ${want[line] ?? "(end of file)"}`,
  );
});

test("every options module with options gets a section listing each of its keys", async () => {
  const docs = await renderConfigurationDocs();
  for (const file of optionModules()) {
    for (const m of file.text.matchAll(/\bkey:\s*"([^"]+)"/g)) {
      assert.ok(docs.includes(`| \`${m[1]}\` |`), `${m[1]} (declared in ${file.path}) is missing from the generated docs`);
    }
  }
  for (const key of ["high-availability.type", "heartbeat.timeout", "pekko.ask.timeout", "security.cluster.secret"]) {
    assert.ok(docs.includes(`| \`${key}\` |`), key);
  }
});
