/**
 * The dashboard against a real cluster started by `sluice cluster start` (a JobManager and a TaskManager
 * process, their output in files of the cluster directory), in headless Chromium: a word count prints
 * through the CLI, and the TaskManager page's Stdout tab shows the TaskManager's .out file with the counts
 * the reference computes, its Logs tab the process's files and log; then a busy map's flame graph comes
 * from the TaskManager process over RPC and names the map function.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { isAlive, readPid } from "../../src/cluster/entrypoints/process-lifecycle.js";
import { example, testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { getJson, killAll, sluice, TEST_CONFIG } from "../cluster/support/processes.js";
import { ensureDashboardBuilt, launchBrowser } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "sluice-dashboard-tm-logs-"));
const config = Object.entries({
  ...TEST_CONFIG,
  "rest.port": "0",
  "jobmanager.rpc.port": "0",
  "taskmanager.numberOfTaskSlots": "2",
  "rest.flamegraph.enabled": "true",
  "rest.flamegraph.num-samples": "100",
  "rest.flamegraph.delay-between-samples": "10 ms",
}).flatMap(([k, v]) => ["-D", `${k}=${v}`]);
const problems: string[] = [];
let restUrl: string;
let browser: Browser;
let page: Page;

before(async () => {
  ensureDashboardBuilt();
  const start = sluice(["cluster", "start", "--taskmanagers", "1", "--dir", dir, ...config]);
  assert.equal(await start.exited, 0, start.stderr());
  restUrl = /REST (http:\/\/\S+)/.exec(start.stdout())![1]!;
  ({ browser, page } = await launchBrowser(problems));
});

after(async () => {
  await browser?.close().catch(() => {});
  await sluice(["cluster", "stop", "--dir", dir]).exited;
  // Whatever is still running (the cluster's processes are detached, not our children).
  for (const f of existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".pid")) : []) {
    const pid = readPid(join(dir, f));
    if (pid !== undefined && isAlive(pid)) process.kill(pid, "SIGKILL");
  }
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

/** The word count's reference: the last running count of a word is how often it occurs in the text. */
const EXPECTED = { to: 11, the: 5, question: 1 };

test("the Stdout tab shows what the job printed on the TaskManager, the Logs tab its log files", { timeout: 150_000 }, async () => {
  const run = sluice(["run", "--target", restUrl, "-p", "2", example("wordcount.ts")]);
  assert.equal(await run.exited, 0, run.stderr());
  const tm = (await getJson<{ taskmanagers: { id: string }[] }>(restUrl, "/taskmanagers")).taskmanagers[0]!.id;

  await page.goto(`${restUrl}/web/taskmanagers/${encodeURIComponent(tm)}`);
  await page.locator('[data-tab="stdout"]').click();
  const stdout = page.locator('[data-testid="tm-stdout"]');
  await waitFor(async () => /word: 'question', count: 1/.test(await stdout.innerText().catch(() => "")), "the printed counts on the Stdout tab", 30_000);
  const shown = await stdout.innerText();
  for (const [word, count] of Object.entries(EXPECTED)) {
    const counts = [...shown.matchAll(new RegExp(`word: '${word}', count: (\\d+)`, "g"))].map((m) => Number(m[1]));
    assert.equal(Math.max(...counts), count, `${word}: the final count`);
  }
  // What the page shows is the TaskManager's .out file.
  assert.ok(readFileSync(join(dir, "taskmanager-1.out"), "utf8").includes(shown.trim().split("\n").at(-1)!));

  await page.locator('[data-tab="logs"]').click();
  await page.locator('[data-testid="tm-log"]').waitFor();
  await waitFor(async () => /TaskExecutor/.test(await page.locator('[data-testid="tm-log"]').innerText()), "the TaskManager's log");
  const files = await page.locator("[data-log-file]").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.logFile));
  assert.ok(files.includes("taskmanager-1.out") && files.includes("taskmanager-1.log"), `files: ${files.join(", ")}`);
  await page.locator('[data-log-file="taskmanager-1.out"]').click();
  await waitFor(async () => /word: 'to', count: 11/.test(await page.locator('[data-testid="tm-log"]').innerText()), "the .out file from the file list");
  assert.deepEqual(problems, [], "the browser reported errors");
});

test("on a process cluster the flame graph of a busy map comes from the TaskManager process and names the map function", { timeout: 150_000 }, async () => {
  const run = sluice(["run", "--target", restUrl, "--detached", testJob("rest/busy-map.ts")]);
  assert.equal(await run.exited, 0, run.stderr());
  let job!: { jid: string; vertices: { id: string; name: string; status: string }[] };
  await waitFor(async () => {
    const jobs = await getJson<{ jobs: { id: string; status: string }[] }>(restUrl, "/jobs");
    const running = jobs.jobs.find((j) => j.status === "RUNNING");
    if (!running) return false;
    job = await getJson(restUrl, `/jobs/${running.id}`);
    return job.vertices.every((v) => v.status === "RUNNING");
  }, "busy-map running on the cluster", 60_000);
  const burn = job.vertices.find((v) => v.name.includes("Burn"))!;
  await page.goto(`${restUrl}/web/jobs/${job.jid}`);
  await page.locator(`.vertex-node[data-vertex-id="${burn.id}"]`).click();
  await page.locator('[data-subtab="flamegraph"]').click();
  await page.locator('[data-testid="flame-graph"] [data-frame^="burnCpuInMap (busy-map.ts:"]').first().waitFor({ timeout: 60_000 });
  await page.locator(`[data-testid="flame-graph"] [data-frame="[task] ${burn.name}"]`).first().waitFor();
  const cancel = await fetch(`${restUrl}/jobs/${job.jid}?mode=cancel`, { method: "PATCH" });
  assert.equal(cancel.status, 202);
  assert.deepEqual(problems, [], "the browser reported errors");
});
