/**
 * The dashboard's observability views in headless Chromium, on one cluster running a job with a
 * deliberately busy map: the vertex panel's flame graph (docs/architecture.md, "Flame graphs") waits for
 * the first sampling and then draws frames that name the user's function, Off-CPU only the idle frame;
 * the vertex Metrics tab charts picked metrics with the values the REST API reports, and keeps the picks
 * over a reload; the TaskManager page shows heap, event-loop delay and GC per thread. Writes
 * docs/screenshots/flamegraph.png, vertex-metrics.png and taskmanager.png.
 */
import { after, afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { waitFor } from "../support/wait.js";
import { getJson } from "../rest/support.js";
import { screenshot, startDashboard, submitJob, type Dashboard } from "./support.js";

interface Job {
  vertices: { id: string; name: string; status: string }[];
}

let d: Dashboard;
let page: Page;
let jobId: string;
let burn: Job["vertices"][number];

before(async () => {
  d = await startDashboard({
    taskManagers: 1,
    slots: 2,
    config: { "rest.flamegraph.enabled": "true", "rest.flamegraph.num-samples": "100", "rest.flamegraph.delay-between-samples": "10 ms" },
  });
  page = d.page;
  jobId = await submitJob(d.rc, "rest/busy-map.ts");
  let job!: Job;
  await waitFor(async () => {
    job = await getJson<Job>(d.rc.url, `/jobs/${jobId}`);
    return job.vertices.length > 0 && job.vertices.every((v) => v.status === "RUNNING");
  }, "busy-map job running", 60_000);
  burn = job.vertices.find((v) => v.name.includes("Burn"))!;
});

async function openVertexTab(tab: string): Promise<void> {
  await page.goto(d.url(`/web/jobs/${jobId}`));
  await page.locator(`.vertex-node[data-vertex-id="${burn.id}"]`).click();
  await page.locator(`[data-subtab="${tab}"]`).click();
}

afterEach(() => {
  const problems = d.problems.splice(0);
  assert.deepEqual(problems, [], "the browser reported errors");
});

after(async () => {
  await d?.close();
});

test("the FlameGraph subtab of a busy map's vertex draws frames that name the map function", async () => {
  await openVertexTab("flamegraph");
  // On-CPU is the default, as in Flink's dashboard; the first request starts the sampling.
  assert.equal(await page.locator('[data-flame-type="on_cpu"]').getAttribute("class"), "segment active");
  const burning = page.locator('[data-testid="flame-graph"] [data-frame^="burnCpuInMap (busy-map.ts:"]');
  await burning.first().waitFor({ timeout: 60_000 });
  const frameNames = await page.locator('[data-testid="flame-graph"] [data-frame]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.frame));
  assert.equal(frameNames[0], "root");
  assert.ok(!frameNames.includes("(idle)"), "On-CPU leaves out the idle samples");
  assert.match(await page.locator('[data-testid="flame-meta"]').innerText(), /^\d+ samples · sampled /);
  // The map's frame stands on its callers: it is narrower than the root.
  const rootBox = (await page.locator('[data-testid="flame-graph"] [data-frame="root"]').boundingBox())!;
  const burnBox = (await burning.first().boundingBox())!;
  assert.ok(burnBox.width > 0 && burnBox.width <= rootBox.width && burnBox.y < rootBox.y, "above the root and no wider");
  await screenshot(page, "flamegraph.png", true);

  // Clicking a frame zooms into it; reset brings the root back.
  await burning.first().click();
  await waitFor(async () => (await page.locator('[data-testid="flame-graph"] [data-frame]').first().getAttribute("data-frame"))?.startsWith("burnCpuInMap") ?? false, "zoomed into the map function");
  await page.locator('[data-testid="flame-reset"]').click();
  await page.locator('[data-testid="flame-graph"] [data-frame="root"]').waitFor();

  // One subtask's graph has part of the samples of all of them.
  const samplesShown = async (): Promise<number> => Number(/^(\d+) samples/.exec(await page.locator('[data-testid="flame-meta"]').innerText())?.[1]);
  const all = await samplesShown();
  await page.locator('[data-testid="flame-subtask"]').selectOption("1");
  await waitFor(async () => (await samplesShown()) < all, "subtask 1 alone has fewer samples");
  await page.locator('[data-testid="flame-graph"] [data-frame^="burnCpuInMap "]').first().waitFor();
  await page.locator('[data-testid="flame-subtask"]').selectOption("");

  await page.locator('[data-flame-type="off_cpu"]').click();
  await page.locator('[data-testid="flame-graph"] [data-frame="(idle)"]').waitFor({ timeout: 30_000 });
  const offCpu = await page.locator('[data-testid="flame-graph"] [data-frame]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.frame));
  assert.deepEqual(offCpu, ["root", "(idle)"]);
});

test("the vertex Metrics tab charts a picked metric with the value the REST API reports, and keeps the pick over a reload", async () => {
  await openVertexTab("metrics");
  const metric = "0.numRecordsIn";
  const select = page.locator('[data-testid="vertex-metrics"] [data-testid="metric-select"]');
  await select.locator(`option[value="${metric}"]`).waitFor({ state: "attached" });
  assert.ok((await select.locator("option").count()) > 20, "the subtasks' and operators' metrics are offered");
  await select.selectOption(metric);
  const card = page.locator(`[data-testid="vertex-metrics"] [data-metric="${metric}"]`);
  const shown = async (): Promise<number> => Number((await card.locator('[data-testid="metric-value"]').innerText()).replace(/[^0-9.]/g, "")) * ((await card.locator('[data-testid="metric-value"]').innerText()).includes("K") ? 1000 : 1);
  await waitFor(async () => (await shown()) > 0, "a value for the picked metric");
  // The source keeps emitting: what the page shows lies between two answers of the REST API around it.
  const rest = async (): Promise<number> => Number((await getJson<{ id: string; value: string }[]>(d.rc.url, `/jobs/${jobId}/vertices/${burn.id}/metrics?get=${metric}`))[0]!.value);
  const before = await rest();
  await page.waitForTimeout(1000);
  const onPage = await shown();
  const after = await rest();
  assert.ok(onPage >= before * 0.9 && onPage <= after * 1.1, `page ${onPage} between ${before} and ${after}`);
  await card.locator("canvas").first().waitFor();
  await select.selectOption("0.busyTimeMsPerSecond");
  await page.locator('[data-testid="vertex-metrics"] [data-metric="0.busyTimeMsPerSecond"] canvas').first().waitFor();
  await page.waitForTimeout(1500);
  await screenshot(page, "vertex-metrics.png", true);

  await openVertexTab("metrics");
  await card.waitFor();
  assert.equal(await page.locator('[data-testid="vertex-metrics"] [data-metric]').count(), 2, "both picks are back after the reload");
  await card.getByRole("button", { name: `remove ${metric}` }).click();
  assert.equal(await page.locator('[data-testid="vertex-metrics"] [data-metric]').count(), 1);
});

test("the TaskManager page shows heap, event-loop delay and garbage collection of its main thread and each slot's worker", async () => {
  const tms = await getJson<{ taskmanagers: { id: string }[] }>(d.rc.url, "/taskmanagers");
  const tm = tms.taskmanagers[0]!.id;
  await page.goto(d.url(`/web/taskmanagers/${encodeURIComponent(tm)}`));
  const rows = page.locator('[data-testid="threads-table"] tbody tr');
  await waitFor(async () => (await rows.count()) === 3, "main thread and two slots");
  assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.thread)), ["main", "slot 0", "slot 1"]);
  for (const thread of ["main", "slot 0", "slot 1"]) {
    const row = page.locator(`[data-testid="threads-table"] tr[data-thread="${thread}"]`);
    await waitFor(async () => /^\d+(\.\d+)? (KB|MB|GB)$/.test(await row.locator('[data-metric="heap-used"]').innerText()), `${thread}: heap used`);
    assert.match(await row.locator('[data-metric="event-loop-delay"]').innerText(), /^[\d.]+ \/ [\d.]+ ms$/);
    assert.match(await row.locator('[data-metric="gc-young"]').innerText(), /^\d+ \/ \d+$/);
  }
  // The same figures the REST API reports for the main thread's heap limit.
  const limit = Number((await getJson<{ id: string; value: string }[]>(d.rc.url, `/taskmanagers/${encodeURIComponent(tm)}/metrics?get=Status.JVM.Memory.Heap.Max`))[0]!.value);
  const shownLimit = await page.locator('[data-testid="threads-table"] tr[data-thread="main"] td').nth(3).innerText();
  const [, amount, unit] = /^([\d.]+) (KB|MB|GB)$/.exec(shownLimit) ?? [];
  const bytes = Number(amount) * 1024 ** (["KB", "MB", "GB"].indexOf(unit!) + 1);
  assert.ok(Math.abs(bytes - limit) / limit < 0.01, `${shownLimit} is ${limit} bytes`);
  await page.locator('[data-testid="heap-chart"] canvas').waitFor();
  await page.locator('[data-testid="event-loop-chart"] canvas').waitFor();
  await page.waitForTimeout(1500);
  await screenshot(page, "taskmanager.png", true);
});
