/**
 * The active ResourceManager's policy (active-worker-pool.ts) against a fake provider and slot
 * table: how many TaskManagers it starts, the max-count limit and its message, idle release after
 * the timeout (only of its own TaskManagers), replacement of a lost one, and the pause after a
 * TaskManager died before registering. Its timers run on a manual clock.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ActiveWorkerPool, type SlotTableView } from "../../src/cluster/resourcemanager/active-worker-pool.js";
import { workerPolicy, type WorkerPolicy } from "../../src/cluster/resourcemanager/resource-provider.js";
import { TestingResourceProvider } from "../../src/testing/cluster/testing-resource-provider.js";
import { ManualClock } from "../../src/util/clock.js";
import { quietLogger } from "../../src/util/logger.js";

/** A slot table: TaskManagers with an idle flag, and the slots the jobs still miss. */
class FakeTable implements SlotTableView {
  readonly tms = new Map<string, boolean>();
  readonly removed: string[] = [];
  missing = 0;
  taskManagers(): { id: string; idle: boolean }[] {
    return [...this.tms].map(([id, idle]) => ({ id, idle }));
  }
  missingSlots(): number {
    return this.missing;
  }
  removeTaskManager(id: string): void {
    this.tms.delete(id);
    this.removed.push(id);
  }
}

function setup(policy: Partial<WorkerPolicy> = {}): { provider: TestingResourceProvider; table: FakeTable; pool: ActiveWorkerPool; clock: ManualClock } {
  const provider = new TestingResourceProvider({ slotsPerWorker: 2, maxWorkers: Number.POSITIVE_INFINITY, idleTimeoutMs: 200, startRetryIntervalMs: 300, registrationTimeoutMs: 60_000, ...policy });
  const table = new FakeTable();
  const clock = new ManualClock();
  return { provider, table, clock, pool: new ActiveWorkerPool(provider, table, quietLogger(), { clock }) };
}

/** What the ResourceManager does when a started TaskManager registers and gets slots. */
function register(table: FakeTable, pool: ActiveWorkerPool, id: string, idle: boolean): void {
  table.tms.set(id, idle);
  pool.workerRegistered(id);
}

test("starts ceil(missing / slots) TaskManagers, counting the ones being started", async () => {
  const { provider, table, pool } = setup();
  table.missing = 4;
  pool.reconcile();
  pool.reconcile();
  assert.equal(provider.started.length, 2);
  table.missing = 5;
  pool.reconcile();
  assert.equal(provider.started.length, 3);
  assert.equal(pool.limitMessage, undefined);
  await pool.close();
  assert.deepEqual(provider.stopped.sort(), [...provider.started].sort(), "closing stops its TaskManagers");
});

test("at max-count it starts no more and says why", async () => {
  const { provider, table, pool } = setup({ maxWorkers: 2 });
  table.missing = 6;
  pool.reconcile();
  assert.equal(provider.started.length, 2);
  assert.match(pool.limitMessage ?? "", /resourcemanager.taskmanager.max-count \(2\) reached/);
  table.missing = 0;
  pool.reconcile();
  assert.equal(pool.limitMessage, undefined);
  await pool.close();
});

test("releases its own TaskManagers after the idle timeout, never one started by hand", async () => {
  const { provider, table, pool, clock } = setup();
  table.missing = 2;
  pool.reconcile();
  const [own] = provider.started;
  table.missing = 0;
  register(table, pool, own!, true);
  table.tms.set("by-hand", true);
  clock.advance(200);
  assert.equal(provider.stopped.length, 0, "not before the timeout");
  clock.advance(100);
  assert.deepEqual(provider.stopped, [own]);
  assert.deepEqual(table.removed, [own]);
  assert.throws(() => pool.checkRegistration(own!), /being stopped/, "a stopping TaskManager may not register again");
  clock.advance(400);
  assert.ok(!provider.stopped.includes("by-hand"));
  await pool.close();
});

test("a busy TaskManager is not released; idle time starts when it becomes idle", async () => {
  const { provider, table, pool, clock } = setup();
  table.missing = 2;
  pool.reconcile();
  const id = provider.started[0]!;
  table.missing = 0;
  register(table, pool, id, false);
  clock.advance(400);
  assert.deepEqual(provider.stopped, []);
  table.tms.set(id, true);
  clock.advance(200);
  assert.deepEqual(provider.stopped, [], "idle for less than the timeout");
  clock.advance(100);
  assert.deepEqual(provider.stopped, [id]);
  await pool.close();
});

test("a registered TaskManager that dies is removed and replaced while its slots are needed", async () => {
  const { provider, table, pool } = setup();
  table.missing = 2;
  pool.reconcile();
  const id = provider.started[0]!;
  table.missing = 0;
  register(table, pool, id, false);
  // It dies: its slots are missing again.
  table.missing = 2;
  provider.terminate(id, "killed by SIGKILL");
  assert.deepEqual(table.removed, [id]);
  assert.equal(provider.started.length, 2, "a replacement");
  await pool.close();
});

test("a TaskManager lost by the ResourceManager is stopped for good and replaced", async () => {
  const { provider, table, pool } = setup();
  table.missing = 2;
  pool.reconcile();
  const id = provider.started[0]!;
  table.missing = 0;
  register(table, pool, id, false);
  table.tms.delete(id);
  pool.taskManagerRemoved(id, "heartbeat timed out");
  assert.deepEqual(provider.stopped, [id]);
  table.missing = 2;
  pool.reconcile();
  assert.equal(provider.started.length, 2);
  await pool.close();
});

test("after a TaskManager died before registering, the next start waits for the retry interval", async () => {
  const { provider, table, pool, clock } = setup({ startRetryIntervalMs: 300 });
  table.missing = 2;
  pool.reconcile();
  provider.terminate(provider.started[0]!, "exited with code 1");
  assert.equal(provider.started.length, 1, "no immediate restart");
  clock.advance(299);
  assert.equal(provider.started.length, 1, "not before the retry interval");
  clock.advance(1);
  assert.equal(provider.started.length, 2);
  await pool.close();
});

test("a TaskManager that does not register in time is stopped and replaced after the retry interval", async () => {
  const { provider, table, pool, clock } = setup({ registrationTimeoutMs: 150, startRetryIntervalMs: 100 });
  table.missing = 2;
  pool.reconcile();
  const hung = provider.started[0]!;
  clock.advance(100);
  assert.deepEqual(provider.stopped, []);
  clock.advance(50);
  assert.deepEqual(provider.stopped, [hung]);
  provider.terminate(hung, "stopped (it did not register in time)");
  clock.advance(50);
  assert.equal(provider.started.length, 1, "the retry interval runs from the stop");
  clock.advance(50);
  assert.equal(provider.started.length, 2, "a replacement");
  await pool.close();
});

test("worker policy from Flink's keys", () => {
  assert.deepEqual(workerPolicy({}), { slotsPerWorker: 1, maxWorkers: Number.POSITIVE_INFINITY, idleTimeoutMs: 30_000, startRetryIntervalMs: 3000, registrationTimeoutMs: 300_000 });
  assert.deepEqual(
    workerPolicy({ "taskmanager.numberOfTaskSlots": "4", "resourcemanager.taskmanager.max-count": "3", "resourcemanager.taskmanager-timeout": "10 s", "resourcemanager.start-worker.retry-interval": "500ms" }),
    { slotsPerWorker: 4, maxWorkers: 3, idleTimeoutMs: 10_000, startRetryIntervalMs: 500, registrationTimeoutMs: 300_000 },
  );
  assert.throws(() => workerPolicy({ "resourcemanager.taskmanager.max-count": "0" }), /max-count must be a positive integer/);
  assert.throws(() => workerPolicy({ "resourcemanager.taskmanager-timeout": "soon" }), /taskmanager-timeout/);
});
