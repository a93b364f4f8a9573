/**
 * `sluice run` on the embedded MiniCluster prints the dashboard's address and serves it while the
 * job runs; with --web the dashboard stays open after the job until Ctrl-C (SIGINT), and then the
 * command exits with the job's status. `sluice bundle` writes the bundle the Submit page uploads.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SLUICE_BIN, example, testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { ensureDashboardBuilt } from "./support.js";
test("sluice run --web prints the dashboard's address and keeps it open until Ctrl-C", async () => {
    ensureDashboardBuilt();
    const child = spawn(process.execPath, [SLUICE_BIN, "run", example("wordcount.ts"), "--web"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += c.toString()));
    child.stdout.resume();
    const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    try {
        await waitFor(() => /stays open at/.test(stderr), "the job to finish with the dashboard open", 30_000, 50);
        const base = /Dashboard: (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr)?.[1];
        assert.ok(base, stderr);
        assert.match(stderr, new RegExp(`Job ([0-9a-f]{32}): ${base.replace(/\./g, "\\.")}/web/jobs/\\1`));
        const page = await fetch(`${base}/web/overview`);
        assert.equal(page.headers.get("content-type"), "text/html; charset=utf-8");
        assert.match(await page.text(), /<div id="root">/);
        const jobs = (await (await fetch(`${base}/jobs/overview`)).json());
        assert.deepEqual(jobs.jobs.map((j) => j.state), ["FINISHED"]);
        child.kill("SIGINT");
        const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("timeout"), 15_000))]);
        assert.equal(code, 0, stderr);
        await assert.rejects(fetch(`${base}/overview`), "the dashboard is closed with the command");
    }
    finally {
        child.kill("SIGKILL");
    }
});
test("sluice bundle writes the bundle that the Submit page uploads", () => {
    const dir = mkdtempSync(join(tmpdir(), "sluice-bundle-"));
    const out = join(dir, "job.mjs");
    execFileSync(process.execPath, [SLUICE_BIN, "bundle", testJob("unbounded.ts"), "-o", out], { stdio: "pipe", timeout: 30_000 });
    const code = readFileSync(out, "utf8");
    assert.match(code, /Symbol\.for\("sluice\.api"\)/, "imports of sluice read the runtime's API");
    assert.doesNotMatch(code, /from "sluice"/);
});
//# sourceMappingURL=cli-web.test.js.map