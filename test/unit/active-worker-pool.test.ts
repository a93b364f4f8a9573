/**
 * The active ResourceManager's policy (active-worker-pool.ts) against a fake provider and slot
 * table: how many TaskManagers it starts, the max-count limit and its message, idle release after
 * the timeout (only of its own TaskManagers), replacement of a lost one, and the pause after a
 * TaskManager died before registering.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ActiveWorkerPool, type SlotTableView } from "../../src/cluster/resourcemanager/active-worker-pool.js";
import { workerPolicy, type ResourceProvider, type WorkerPolicy, type WorkerTerminatedListener } from "../../src/cluster/resourcemanager/resource-provider.js";
import { quietLogger } from "../../src/util/logger.js";
import { waitFor } from "../support/wait.js";

class FakeProvider implements ResourceProvider {
  readonly type = "process";
  readonly active = true;
  readonly started: string[] = [];
  readonly stopped: string[] = [];
  private listener: WorkerTerminatedListener | undefined;
  constructor(readonly policy: WorkerPolicy) {}
  async startWorker(id: string): Promise<void> {
    this.started.push(id);
  }
  async stopWorker(id: string): Promise<void> {
    this.stopped.push(id);
  }
  onWorkerTerminated(listener: WorkerTerminatedListener): () => void {
    this.listener = listener;
    return () => (this.listener = undefined);
  }
  terminate(id: string, cause: string): void {
    this.listener?.(id, cause);
  }
  async close(): Promise<void> {}
}

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

function setup(policy: Partial<WorkerPolicy> = {}): { provider: FakeProvider; table: FakeTable; pool: ActiveWorkerPool } {
  const provider = new FakeProvider({ slotsPerWorker: 2, maxWorkers: Number.POSITIVE_INFINITY, idleTimeoutMs: 200, startRetryIntervalMs: 300, registrationTimeoutMs: 60_000, ...policy });
  const table = new FakeTable();
  return { provider, table, pool: new ActiveWorkerPool(provider, table, quietLogger()) };
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
  const { provider, table, pool } = setup();
  table.missing = 2;
  pool.reconcile();
  const [own] = provider.started;
  table.missing = 0;
  register(table, pool, own!, true);
  table.tms.set("by-hand", true);
  const start = Date.now();
  await waitFor(() => provider.stopped.includes(own!), "the idle TaskManager to be stopped", 3000);
  assert.ok(Date.now() - start >= 190, "not before the timeout");
  assert.deepEqual(table.removed, [own]);
  assert.throws(() => pool.checkRegistration(own!), /being stopped/, "a stopping TaskManager may not register again");
  await new Promise((r) => setTimeout(r, 400));
  assert.ok(!provider.stopped.includes("by-hand"));
  await pool.close();
});

test("a busy TaskManager is not released; idle time starts when it becomes idle", async () => {
  const { provider, table, pool } = setup();
  table.missing = 2;
  pool.reconcile();
  const id = provider.started[0]!;
  table.missing = 0;
  register(table, pool, id, false);
  await new Promise((r) => setTimeout(r, 400));
  assert.deepEqual(provider.stopped, []);
  table.tms.set(id, true);
  await waitFor(() => provider.stopped.includes(id), "release once idle", 3000);
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
  const { provider, table, pool } = setup({ startRetryIntervalMs: 300 });
  table.missing = 2;
  pool.reconcile();
  const start = Date.now();
  provider.terminate(provider.started[0]!, "exited with code 1");
  assert.equal(provider.started.length, 1, "no immediate restart");
  await waitFor(() => provider.started.length === 2, "the retry", 3000);
  assert.ok(Date.now() - start >= 290, `retried after ${Date.now() - start} ms`);
  await pool.close();
});

test("a TaskManager that does not register in time is stopped and replaced after the retry interval", async () => {
  const { provider, table, pool } = setup({ registrationTimeoutMs: 150, startRetryIntervalMs: 100 });
  table.missing = 2;
  pool.reconcile();
  const hung = provider.started[0]!;
  await waitFor(() => provider.stopped.includes(hung), "the hung TaskManager to be stopped", 3000);
  provider.terminate(hung, "stopped (it did not register in time)");
  await waitFor(() => provider.started.length === 2, "a replacement", 3000);
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
