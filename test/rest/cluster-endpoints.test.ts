/** Cluster-level endpoints: overview, dashboard config, TaskManagers, JobManager config and logs. */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { hostname } from "node:os";
import { FLINK_COMPATIBILITY_VERSION, FLINK_REVISION, SLUICE_VERSION } from "../../src/version.js";
import { call, errorsOf, getJson, startRestCluster, type RestCluster } from "./support.js";

let rc: RestCluster;
before(async () => (rc = await startRestCluster({ taskManagers: 2, slots: 3, config: { "web.refresh-interval": "1500", "parallelism.default": "2" } })));
after(() => rc.close());

test("/overview counts TaskManagers, slots and jobs", async () => {
  assert.deepEqual(await getJson(rc.url, "/overview"), {
    taskmanagers: 2,
    "slots-total": 6,
    "slots-available": 6,
    "jobs-running": 0,
    "jobs-finished": 0,
    "jobs-cancelled": 0,
    "jobs-failed": 0,
    "sluice-version": SLUICE_VERSION,
    "flink-version": FLINK_COMPATIBILITY_VERSION,
    "flink-commit": FLINK_REVISION,
    "slots-free-and-blocked": 0,
    "taskmanagers-blocked": 0,
  });
});

test("/config tells the dashboard its refresh interval, features and whether it needs a token", async () => {
  const c = await getJson<Record<string, unknown>>(rc.url, "/config");
  assert.equal(c["refresh-interval"], 1500);
  assert.equal(c["sluice-version"], SLUICE_VERSION);
  assert.equal(c["flink-version"], FLINK_COMPATIBILITY_VERSION);
  assert.equal(c["flink-revision"], FLINK_REVISION);
  assert.deepEqual(c.features, { "web-submit": true, "web-cancel": true, "web-history": false, "web-rescale": false });
  assert.deepEqual(c.auth, { "token-required-for-writes": false, "token-required-for-reads": false });
  assert.equal(typeof c["timezone-name"], "string");
});

test("/taskmanagers and /taskmanagers/:id show slots and hardware", async () => {
  const { taskmanagers } = await getJson<{ taskmanagers: { id: string; host: string; slotsNumber: number; freeSlots: number; hardware: { cpuCores: number; physicalMemory: number } }[] }>(rc.url, "/taskmanagers");
  assert.equal(taskmanagers.length, 2);
  for (const t of taskmanagers) {
    assert.equal(t.slotsNumber, 3);
    assert.equal(t.freeSlots, 3);
    assert.equal(t.host, hostname());
    assert.ok(t.hardware.cpuCores >= 1 && t.hardware.physicalMemory > 0);
  }
  const one = await getJson<{ id: string; allocatedSlots: unknown[]; slots: { index: number; jobId: string | null }[] }>(rc.url, `/taskmanagers/${taskmanagers[0]!.id}`);
  assert.equal(one.id, taskmanagers[0]!.id);
  assert.deepEqual(one.allocatedSlots, []);
  assert.deepEqual(one.slots.map((s) => [s.index, s.jobId]), [[0, null], [1, null], [2, null]]);
  const missing = await call(rc.url, "GET", "/taskmanagers/tm-unknown");
  assert.equal(missing.status, 404);
  assert.match(errorsOf(missing)[0]!, /not registered/);
  assert.equal((await call(rc.url, "GET", "/taskmanagers/..%2F..")).status, 400);
});

test("/jobmanager/config lists the configuration; the embedded cluster's log is served from memory", async () => {
  const entries = await getJson<{ key: string; value: string }[]>(rc.url, "/jobmanager/config");
  assert.ok(entries.some((e) => e.key === "parallelism.default" && e.value === "2"));
  assert.deepEqual(
    entries.map((e) => e.key),
    [...entries.map((e) => e.key)].sort(),
  );
  const { logs } = await getJson<{ logs: { name: string; size: number }[] }>(rc.url, "/jobmanager/logs");
  assert.deepEqual(logs.map((l) => l.name), ["jobmanager.log"]);
  const main = await call(rc.url, "GET", "/jobmanager/log");
  assert.equal(main.status, 200);
  assert.match(main.text, /REST endpoint listening at http:\/\/127\.0\.0\.1:\d+/);
  const byName = await call(rc.url, "GET", "/jobmanager/logs/jobmanager.log");
  assert.equal(byName.text.split("\n")[0], main.text.split("\n")[0]);
});
