/** Bad jobs get clear errors: throwing user code, syntax errors, non-deterministic definitions. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { runJob } from "../../src/client/job-runner.js";
import { JobBundleError } from "../../src/client/bundler.js";
import { REPO_ROOT, testJob } from "../support/paths.js";
test("a throwing user function fails the job with the user's error and stack", async () => {
    const result = await runJob(testJob("throwing.ts"), { args: ["500"] });
    assert.equal(result.state, "FAILED");
    assert.equal(result.failure?.name, "InvalidReadingError");
    assert.equal(result.failure?.message, "reading 500 is invalid");
    // The stack points into the user's own source file (bundles carry source maps).
    assert.match(result.failure?.stack ?? "", /throwing\.ts:\d+/);
    assert.match(result.failure?.stack ?? "", /checkReading/);
});
test("a job file with a syntax error gets an error naming the file and line", async () => {
    const file = join(REPO_ROOT, "test", "fixtures", "syntax-error.ts");
    await assert.rejects(runJob(file), (e) => {
        assert.ok(e instanceof JobBundleError);
        assert.match(e.message, /syntax-error\.ts:4:\d+/);
        return true;
    });
});
test("a missing job file gets a clear error", async () => {
    await assert.rejects(runJob(join(REPO_ROOT, "test", "jobs", "does-not-exist.ts")), /job file not found/);
});
test("a non-deterministic job definition fails with an explanation, not wrong results", async () => {
    const result = await runJob(testJob("non-deterministic.ts"), { parallelism: 2 });
    assert.equal(result.state, "FAILED");
    assert.match(result.failure?.message ?? "", /not deterministic/);
});
//# sourceMappingURL=job-failures.test.js.map