/**
 * The vertex panel's flame graph in headless Chromium (docs/architecture.md, "Flame graphs"): a job with a
 * deliberately busy map, its vertex clicked, the FlameGraph subtab waits for the first sampling and then
 * draws frames that name the user's function; Off-CPU shows only the idle frame. Writes
 * docs/screenshots/flamegraph.png.
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

before(async () => {
  d = await startDashboard({
    taskManagers: 1,
    slots: 2,
    config: { "rest.flamegraph.enabled": "true", "rest.flamegraph.num-samples": "100", "rest.flamegraph.delay-between-samples": "10 ms" },
  });
  page = d.page;
  jobId = await submitJob(d.rc, "rest/busy-map.ts");
});

afterEach(() => {
  const problems = d.problems.splice(0);
  assert.deepEqual(problems, [], "the browser reported errors");
});

after(async () => {
  await d?.close();
});

test("the FlameGraph subtab of a busy map's vertex draws frames that name the map function", async () => {
  let job!: Job;
  await waitFor(async () => {
    job = await getJson<Job>(d.rc.url, `/jobs/${jobId}`);
    return job.vertices.length > 0 && job.vertices.every((v) => v.status === "RUNNING");
  }, "busy-map job running", 60_000);
  const burn = job.vertices.find((v) => v.name.includes("Burn"))!;

  await page.goto(d.url(`/web/jobs/${jobId}`));
  await page.locator(`.vertex-node[data-vertex-id="${burn.id}"]`).click();
  await page.locator('[data-subtab="flamegraph"]').click();
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

  await page.locator('[data-flame-type="off_cpu"]').click();
  await page.locator('[data-testid="flame-graph"] [data-frame="(idle)"]').waitFor({ timeout: 30_000 });
  const offCpu = await page.locator('[data-testid="flame-graph"] [data-frame]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.frame));
  assert.deepEqual(offCpu, ["root", "(idle)"]);
});
