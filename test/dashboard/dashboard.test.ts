/**
 * The web dashboard in headless Chromium against a running MiniCluster with its REST endpoint:
 * every page with live data, the job graph of a multi-vertex job, a job submitted and cancelled
 * through the pages, a failing job's exception, a backpressured vertex's colour, the token prompt.
 * Screenshots for the README are written to docs/screenshots/. One cluster and one browser serve
 * the tests in order (they build on each other's jobs); every wait has a deadline.
 */
import { after, afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { bundleJob } from "../../src/client/bundler.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { getJson, startRestCluster } from "../rest/support.js";
import { WEB_DIST, screenshot, startDashboard, submitJob, type Dashboard } from "./support.js";

interface PlanNode {
  id: string;
  parallelism: number;
  description: string;
  inputs?: { id: string; num: number; ship_strategy: string }[];
}
interface Job {
  jid: string;
  state: string;
  vertices: { id: string; name: string }[];
  plan: { nodes: PlanNode[] };
}

const savepointDir = mkdtempSync(join(tmpdir(), "sluice-dashboard-savepoints-"));
let d: Dashboard;
let page: Page;
let branching: string;
/** The backpressured job, started while the overview is open. */
let slowJob: string;

before(async () => {
  d = await startDashboard({ config: { "state.savepoints.dir": savepointDir } });
  page = d.page;
  // Checkpoints every 200 ms, so the checkpoints tab has a history within a second.
  branching = await submitJob(d.rc, "dashboard/branching.ts", ["200"]);
});

// Page errors and failed requests are reported by the test that caused them.
afterEach(() => {
  const problems = d.problems.splice(0);
  assert.deepEqual(problems, [], "the browser reported errors");
});

after(async () => {
  await d?.close();
});

const job = (id: string): Promise<Job> => getJson<Job>(d.rc.url, `/jobs/${id}`);
const text = (selector: string): Promise<string> => page.locator(selector).first().innerText();

async function waitForText(selector: string, pattern: RegExp, what: string, timeoutMs = 15_000): Promise<void> {
  await waitFor(async () => pattern.test(await page.locator(selector).first().innerText({ timeout: 1000 }).catch(() => "")), what, timeoutMs, 100);
}

async function waitForJobState(id: string, state: string, timeoutMs = 20_000): Promise<void> {
  await waitFor(async () => (await job(id)).state === state, `job ${id} ${state}`, timeoutMs, 100);
}

test("the overview shows the cluster and updates live", async () => {
  await page.goto(d.url("/"));
  // "/" is the dashboard, which moves to its overview page.
  await page.waitForURL(/\/web\/overview$/);
  await waitForText('[data-testid="stat-taskmanagers"]', /^2\b/, "2 TaskManagers");
  assert.match(await text('[data-testid="stat-slots-total"]'), /^8\b/);
  await page.locator(`[data-testid="running-jobs"] [data-job-id="${branching}"]`).waitFor();
  assert.match(await text('[data-testid="cluster-version"]'), /Sluice \d+\.\d+\.\d+/);
  // A job started while the page is open appears without a reload.
  const runningBefore = Number((await text('[data-testid="stat-jobs-running"]')).split("\n")[0]);
  slowJob = await submitJob(d.rc, "slow-sink.ts", ["2"]);
  await page.locator(`[data-testid="running-jobs"] [data-job-id="${slowJob}"]`).waitFor();
  await waitForText('[data-testid="stat-jobs-running"]', new RegExp(`^${runningBefore + 1}\\b`), "one more running job");
  await waitFor(async () => Number((await text('[data-testid="stat-slots-available"]')).split("\n")[0]) <= 4, "slots taken by both jobs", 15_000, 100);
  // For the screenshot: all of the new job's tasks running (no deploying ones left).
  await page.locator(`[data-testid="running-jobs"] [data-job-id="${slowJob}"] .badge-deploying`).first().waitFor({ state: "detached" });
  await screenshot(page, "overview.png");
});

test("the job graph shows the vertices and edges of a multi-vertex job, left to right", async () => {
  const details = await job(branching);
  assert.equal(details.plan.nodes.length, 4);
  const names = new Map(details.vertices.map((v) => [v.id, v.name]));
  const byName = new Map(details.vertices.map((v) => [v.name, v.id]));
  await page.goto(d.url(`/web/jobs/${branching}`));
  await page.locator(".vertex-node").nth(3).waitFor();
  assert.equal(await page.locator(".vertex-node").count(), 4);
  const shown = await page.locator(".vertex-node").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.vertexId));
  assert.deepEqual(new Set(shown), new Set(details.plan.nodes.map((n) => n.id)));
  for (const v of details.vertices) assert.match(await page.locator(`[data-vertex-id="${v.id}"] .vertex-name`).innerText(), new RegExp(`^${v.name}$`));

  // Edges: one per input, labelled with its ship strategy.
  const edges = await page.locator(".react-flow__edge").evaluateAll((els) => els.map((e) => [e.getAttribute("data-id"), (e as SVGElement).textContent]));
  const drawn = new Set(edges.map(([id, label]) => `${names.get(id!.split("->")[0]!)} -> ${names.get(id!.split("->")[1]!.split("#")[0]!)} ${label}`));
  assert.deepEqual(drawn, new Set(["Clicks -> Count per user HASH", "Views -> Count per user HASH", "Count per user -> Filter -> Sink REBALANCE"]));

  // Left to right: sources, then the keyed counter, then the chain of filter and sink.
  const x = async (name: string): Promise<number> => (await page.locator(`[data-vertex-id="${byName.get(name)}"]`).boundingBox())!.x;
  assert.ok((await x("Clicks")) < (await x("Count per user")));
  assert.ok((await x("Views")) < (await x("Count per user")));
  assert.ok((await x("Count per user")) < (await x("Filter -> Sink")));
  // Parallelism and chained operators in the node; live status, records and watermark.
  const counter = `[data-vertex-id="${byName.get("Count per user")}"]`;
  assert.equal(await text(`${counter} .vertex-parallelism`), "2");
  const sink = `[data-vertex-id="${byName.get("Filter -> Sink")}"]`;
  assert.deepEqual(await page.locator(`${sink} .vertex-chain li`).allInnerTexts(), ["FILTER Filter", "SINK Sink"]);
  await waitForText(`${counter} .vertex-status`, /RUNNING/, "the counter running");
  await waitForText(`${counter} .vertex-io`, /In: [1-9]/, "records into the counter");
  await waitForText(`${counter} .vertex-watermark`, /Watermark: \d{4}-\d\d-\d\d/, "a watermark at the counter");

  // Clicking a vertex opens its subtasks, watermarks and backpressure.
  await page.locator(counter).click();
  await page.locator('[data-testid="vertex-panel"] [data-testid="subtasks-table"] tbody tr').nth(1).waitFor();
  assert.equal(await page.locator('[data-testid="subtasks-table"] tbody tr').count(), 2);
  await waitForText('[data-testid="subtasks-table"] tbody tr', /RUNNING/, "subtask 0 running");
  await page.locator('[data-subtab="watermarks"]').click();
  await page.locator('[data-testid="watermarks-table"] tbody tr').nth(1).waitFor();
  await page.locator('[data-subtab="backpressure"]').click();
  await waitForText('[data-testid="backpressure-level"]', /^(OK|LOW|HIGH)$/, "a backpressure level");
  await page.locator('[data-subtab="subtasks"]').click();
  // The charts have points once a few polls have come in.
  await page.locator('[data-testid="throughput-chart"] canvas').waitFor();
  await page.locator('[data-testid="backpressure-chart"] canvas').waitFor();
  await page.waitForTimeout(1500);
  await screenshot(page, "job.png", true);
});

test("the checkpoints tab shows counts, history and configuration; a savepoint is triggered from the page", async () => {
  await page.locator('[data-tab="checkpoints"]').click();
  await page.waitForURL(new RegExp(`/web/jobs/${branching}/checkpoints$`));
  await waitFor(async () => Number((await text('[data-testid="checkpoints-completed"] dd').catch(() => "0")) || 0) >= 2, "completed checkpoints", 15_000, 100);
  // The newest row may be a checkpoint still in progress; some row is a completed one.
  await waitForText('[data-testid="checkpoint-history"] tbody', /COMPLETED/, "a completed checkpoint in the history");
  assert.match(await text('[data-testid="checkpoint-config"]'), /Exactly Once[\s\S]*200 ms/);

  await page.locator('[data-action="savepoint"]').click();
  await waitForText('[data-testid="action-message"]', /Savepoint completed/, "the savepoint", 20_000);
  assert.ok((await text('[data-testid="action-message"]')).includes(savepointDir), "the savepoint is in state.savepoints.dir");
  await waitForText('[data-testid="checkpoint-latest"]', /Latest Savepoint\s+ID \d+/, "the savepoint in the latest checkpoints");
  await screenshot(page, "checkpoints.png");
});

test("a checkpoint opens its statistics per vertex and per subtask, as the REST details give them", async () => {
  // The latest savepoint stays put while checkpoints come every 200 ms.
  const stats = await getJson<{ latest: { savepoint: { id: number } | null } }>(d.rc.url, `/jobs/${branching}/checkpoints`);
  const id = stats.latest.savepoint!.id;
  await page.locator('[data-latest="Latest Savepoint"]').click();
  await page.locator(`[data-testid="checkpoint-details"][data-checkpoint-id="${id}"] [data-testid="checkpoint-vertices"] tbody tr`).first().waitFor();
  const details = await getJson<{ tasks: Record<string, { num_subtasks: number; num_acknowledged_subtasks: number }> }>(d.rc.url, `/jobs/${branching}/checkpoints/details/${id}`);
  const { vertices } = await job(branching);
  const rows = page.locator('[data-testid="checkpoint-vertices"] tbody tr[data-vertex-id]');
  assert.equal(await rows.count(), Object.keys(details.tasks).length, "a row per vertex");
  for (const [vertexId, v] of Object.entries(details.tasks)) {
    const row = await page.locator(`[data-testid="checkpoint-vertices"] tr[data-vertex-id="${vertexId}"]`).innerText();
    assert.ok(row.includes(vertices.find((x) => x.id === vertexId)!.name), row);
    assert.ok(row.includes(`${v.num_acknowledged_subtasks}/${v.num_subtasks}`), row);
  }
  const [vertexId, v] = Object.entries(details.tasks)[0]!;
  await page.locator(`[data-testid="checkpoint-vertices"] tr[data-vertex-id="${vertexId}"]`).click();
  const subtasks = page.locator('[data-testid="checkpoint-subtasks"] tbody tr');
  await subtasks.first().waitFor();
  assert.equal(await subtasks.count(), v.num_subtasks, "a row per subtask");
  const header = await text('[data-testid="checkpoint-subtasks"] thead');
  for (const column of ["Sync Duration", "Async Duration", "Alignment Duration", "Checkpointed Size", "Full Size", "Persisted", "Unaligned", "Restored Locally"]) assert.ok(header.includes(column), `${column} in ${header}`);
  assert.match(await subtasks.first().innerText(), /completed[\s\S]*ms[\s\S]*no\s+no/);
});

test("a backpressured vertex is coloured as backpressured, its slow consumer as busy", async () => {
  const slow = slowJob;
  try {
    const details = await job(slow);
    const source = details.vertices.find((v) => v.name.startsWith("Fast source"))!;
    const sink = details.vertices.find((v) => v.name === "Slow sink")!;
    await page.goto(d.url(`/web/jobs/${slow}`));
    const load = (id: string): Promise<string | null> => page.locator(`[data-vertex-id="${id}"]`).getAttribute("data-load", { timeout: 1000 }).catch(() => null);
    await waitFor(async () => (await load(source.id)) === "backpressured", "the source coloured as backpressured", 20_000, 100);
    await waitFor(async () => (await load(sink.id)) === "busy", "the sink coloured as busy", 20_000, 100);
    // The colours themselves: a grey for backpressure, a red for busy (its shade follows the busy time).
    const rgb = async (id: string): Promise<number[]> => (await page.locator(`[data-vertex-id="${id}"]`).evaluate((e) => getComputedStyle(e).backgroundColor)).match(/\d+/g)!.map(Number);
    const [r, g, b] = await rgb(source.id);
    assert.ok(r === g && g === b && r! < 200, `backpressured grey, got rgb(${r}, ${g}, ${b})`);
    const [sr, sg, sb] = await rgb(sink.id);
    assert.ok(sr! > sg! + 40 && sr! > sb! + 40, `busy red, got rgb(${sr}, ${sg}, ${sb})`);
    // The vertex's backpressure view agrees.
    await page.locator(`[data-vertex-id="${source.id}"]`).click();
    await page.locator('[data-subtab="backpressure"]').click();
    await waitForText('[data-testid="backpressure-level"]', /^HIGH$/, "HIGH backpressure at the source");
  } finally {
    // Later tests count on its slots and on it being among the completed jobs.
    await fetch(d.url(`/jobs/${slow}?mode=cancel`), { method: "PATCH" });
    await waitForJobState(slow, "CANCELED");
  }
});

test("a failing job shows its exception with the stack trace", async () => {
  const failing = await submitJob(d.rc, "throwing.ts", ["500"]);
  await waitForJobState(failing, "FAILED");
  await page.goto(d.url(`/web/jobs/${failing}/exceptions`));
  await page.locator('[data-testid="job-state"][data-state="FAILED"]').waitFor();
  const entry = page.locator('[data-testid="exception-entry"]').first();
  await entry.waitFor();
  assert.match(await entry.locator(".exception-name").innerText(), /InvalidReadingError/);
  assert.match(await entry.locator(".exception-message").innerText(), /reading 500 is invalid/);
  assert.match(await entry.locator(".stacktrace").innerText(), /checkReading/);
  // A failed job has no buttons that would act on it.
  assert.equal(await page.locator('[data-action="cancel"]').count(), 0);
});

test("a job bundle uploaded on the Submit page runs and is cancelled from its page", async () => {
  const bundle = await bundleJob(testJob("unbounded.ts"));
  const file = join(mkdtempSync(join(tmpdir(), "sluice-dashboard-upload-")), "unbounded.mjs");
  writeFileSync(file, bundle.code);
  await page.goto(d.url("/web/submit"));
  await page.locator('[data-testid="jar-file-input"]').setInputFiles(file);
  await page.locator(`[data-testid="jars-table"] [data-jar-id="${bundle.hash}"]`).waitFor();
  const form = page.locator('[data-testid="run-form"]');
  await form.waitFor();
  await form.locator('input[name="parallelism"]').fill("1");
  await form.locator('[data-action="run-jar"]').click();
  await page.waitForURL(/\/web\/jobs\/[0-9a-f]{32}$/);
  const jobId = /\/web\/jobs\/([0-9a-f]{32})$/.exec(page.url())![1]!;
  await page.locator('[data-testid="job-state"][data-state="RUNNING"]').waitFor({ timeout: 20_000 });
  await page.locator(".vertex-node").first().waitFor();

  await page.locator('[data-action="cancel"]').click();
  await page.locator('[data-action="confirm-cancel"]').click();
  await waitForText('[data-testid="action-message"]', /Cancelling the job/, "the cancellation to be accepted", 10_000).catch(async (e: Error) => {
    throw new Error(`${e.message}; the page says: ${await text('[data-testid="job-actions"]').catch(() => "(nothing)")}`);
  });
  await waitForJobState(jobId, "CANCELED", 30_000);
  await page.locator('[data-testid="job-state"][data-state="CANCELED"]').waitFor();
});

test("jobs lists, TaskManagers and the JobManager pages render live data", async () => {
  await page.goto(d.url("/web/jobs/running"));
  await page.locator(`[data-testid="running-jobs"] [data-job-id="${branching}"]`).waitFor();
  await page.locator('[data-nav="jobs/completed"]').click();
  await page.locator('[data-testid="completed-jobs"] tbody tr').nth(2).waitFor();
  const completed = await text('[data-testid="completed-jobs"]');
  assert.match(completed, /FAILED/);
  assert.match(completed, /CANCELED/);

  await page.locator('[data-nav="taskmanagers"]').click();
  await page.locator('[data-testid="taskmanagers-table"] tbody tr').nth(1).waitFor();
  assert.equal(await page.locator('[data-testid="taskmanagers-table"] tbody tr').count(), 2);
  await page.locator('[data-testid="taskmanagers-table"] tbody tr a').first().click();
  await page.waitForURL(/\/web\/taskmanagers\/.+/);
  await page.locator('[data-testid="slots-table"] tbody tr').nth(3).waitFor();
  assert.equal(await page.locator('[data-testid="slots-table"] tbody tr').count(), 4);
  assert.match(await text('[data-testid="taskmanager-facts"]'), /Last Heartbeat/);
  // The branching job holds slots: some TaskManager shows it; follow the link from the one that does.
  const tms = await getJson<{ taskmanagers: { id: string }[] }>(d.rc.url, "/taskmanagers");
  let linked = false;
  for (const tm of tms.taskmanagers) {
    await page.goto(d.url(`/web/taskmanagers/${encodeURIComponent(tm.id)}`));
    await page.locator('[data-testid="slots-table"] tbody tr').first().waitFor();
    await page.waitForTimeout(300);
    if (await page.locator(`[data-testid="slots-table"] a[href="/web/jobs/${branching}"]`).count()) {
      linked = true;
      break;
    }
  }
  assert.ok(linked, "a TaskManager's slots link to the running job");

  await page.locator('[data-nav="jobmanager"]').click();
  await page.locator('[data-testid="jm-config-table"]').waitFor();
  assert.match(await text('[data-testid="jm-config-table"]'), /web\.refresh-interval\s+300/);
  await page.locator('[data-tab="logs"]').click();
  await waitForText('[data-testid="jm-log"]', /INFO/, "JobManager log lines");
});

test("with a REST token the dashboard asks for it once and then works", async () => {
  const token = "s3cret-dashboard-token";
  const secured = await startRestCluster({ taskManagers: 1, slots: 1, webDir: WEB_DIST, config: { "rest.auth.token": token, "rest.auth.read": "true", "web.refresh-interval": "300" } });
  const context = await d.browser.newContext({ viewport: { width: 1200, height: 800 } });
  try {
    const p = await context.newPage();
    p.setDefaultTimeout(15_000);
    await p.goto(`${secured.url}/web/overview`);
    const prompt = p.locator('[data-testid="token-prompt"]');
    await prompt.waitFor();
    await prompt.locator('input[type="password"]').fill(token);
    await prompt.locator('button[type="submit"]').click();
    await p.locator('[data-testid="stat-taskmanagers"]').waitFor();
    assert.match(await p.locator('[data-testid="stat-taskmanagers"]').innerText(), /^1\b/);
    // Other pages reuse the token: no second prompt.
    await p.locator('[data-nav="taskmanagers"]').click();
    await p.locator('[data-testid="taskmanagers-table"] tbody tr').first().waitFor();
    assert.equal(await prompt.count(), 0);
  } finally {
    await context.close();
    await secured.close();
  }
});
