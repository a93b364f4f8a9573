/**
 * StateTtlConfig's visibility and cleanup options (src/api/state/state-ttl-config.ts):
 * returnExpiredIfNotCleanedUp, cleanupIncrementally(n, runCleanupForEveryRecord) and
 * cleanupFullSnapshot, on the heap backend with manual processing time; visibility also through a
 * job on the MiniCluster (test/jobs/ttl-visibility.ts).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { StreamingRuntimeContext } from "../../src/api/runtime-context.js";
import { ListStateDescriptor, MapStateDescriptor, ValueStateDescriptor } from "../../src/api/state/state-descriptors.js";
import { StateTtlConfig } from "../../src/api/state/state-ttl-config.js";
import type { ListState, MapState, ValueState } from "../../src/api/state/state.js";
import { HeapKeyedStateBackend } from "../../src/runtime/state/heap-keyed-state-backend.js";
import type { OperatorTestHarness } from "../../src/testing/operator-test-harness.js";
import { harnessFor } from "../windowing/support/api-harness.js";
import { runJob } from "../../src/client/job-runner.js";
import { testJob } from "../support/paths.js";

type Cmd = { k: string; op: "get" | "noop" } | { k: string; op: "set"; n: number };
type Ttl = ReturnType<ReturnType<typeof StateTtlConfig.newBuilder>["build"]>;
type Seen = [number | undefined, number[], [string, number][]] | "noop";

class TtlFunction {
  v!: ValueState<number>;
  l!: ListState<number>;
  m!: MapState<string, number>;
  constructor(private readonly ttl: Ttl) {}
  open(ctx: StreamingRuntimeContext): void {
    this.v = ctx.getState(new ValueStateDescriptor<number>("v").enableTimeToLive(this.ttl));
    this.l = ctx.getListState(new ListStateDescriptor<number>("l").enableTimeToLive(this.ttl));
    this.m = ctx.getMapState(new MapStateDescriptor<string, number>("m").enableTimeToLive(this.ttl));
  }
  map(c: Cmd): Seen {
    if (c.op === "noop") return "noop";
    if (c.op === "set") {
      this.v.update(c.n);
      this.l.add(c.n);
      this.m.put(`e${c.n}`, c.n);
    }
    return [this.v.value(), [...this.l.get()], [...this.m.entries()]];
  }
}

async function harness(ttl: Ttl): Promise<OperatorTestHarness> {
  return harnessFor<Cmd, Seen>((s) => s.keyBy((c) => c.k).map(new TtlFunction(ttl))).open();
}

function backendOf(h: OperatorTestHarness): HeapKeyedStateBackend {
  return (h.operator as unknown as { inner: { ctx: { keyedState: HeapKeyedStateBackend } } }).inner.ctx.keyedState;
}

function entries(b: HeapKeyedStateBackend, table: string): number {
  return b.table(table).groups.reduce((n, g) => n + g.size, 0);
}

test("returnExpiredIfNotCleanedUp: an expired value still stored is returned once, then it is gone", async () => {
  const h = await harness(StateTtlConfig.newBuilder(100).returnExpiredIfNotCleanedUp().disableCleanupInBackground().build());
  h.processElement({ k: "a", op: "set", n: 1 });
  h.setProcessingTime(150);
  h.processElement({ k: "a", op: "get" });
  h.processElement({ k: "a", op: "get" });
  assert.deepEqual(h.records(), [
    [1, [1], [["e1", 1]]],
    [1, [1], [["e1", 1]]],
    [undefined, [], []],
  ]);
  // The default never returns it.
  const never = await harness(StateTtlConfig.newBuilder(100).disableCleanupInBackground().build());
  never.processElement({ k: "a", op: "set", n: 1 });
  never.setProcessingTime(150);
  never.processElement({ k: "a", op: "get" });
  assert.deepEqual(never.records()[1], [undefined, [], []]);
});

test("cleanupIncrementally(n, true) cleans on every record, also records that touch no state; without it, only state accesses clean", async () => {
  for (const everyRecord of [true, false]) {
    const h = await harness(StateTtlConfig.newBuilder(10).cleanupIncrementally(10, everyRecord).build());
    for (let i = 0; i < 20; i++) h.processElement({ k: `old-${i}`, op: "set", n: i });
    h.setProcessingTime(50);
    for (let i = 0; i < 30; i++) h.processElement({ k: "other", op: "noop" });
    const left = entries(backendOf(h), "user:v");
    assert.equal(left, everyRecord ? 0 : 20, `runCleanupForEveryRecord=${everyRecord}`);
  }
});

test("cleanupFullSnapshot leaves expired entries out of the snapshot (the live state keeps them until cleaned)", async () => {
  for (const fullSnapshot of [true, false]) {
    const builder = StateTtlConfig.newBuilder(100).disableCleanupInBackground();
    const h = await harness((fullSnapshot ? builder.cleanupFullSnapshot() : builder).build());
    for (let i = 0; i < 5; i++) h.processElement({ k: `old-${i}`, op: "set", n: i });
    h.setProcessingTime(80);
    for (let i = 0; i < 3; i++) h.processElement({ k: `new-${i}`, op: "set", n: i });
    h.setProcessingTime(120); // the old keys have expired, the new ones not
    const backend = backendOf(h);
    assert.equal(entries(backend, "user:v"), 8);
    const restored = new HeapKeyedStateBackend(backend.maxParallelism, backend.keyGroupStart, backend.keyGroupEnd);
    restored.restore(await backend.snapshot().materialize());
    for (const table of ["user:v", "user:l", "user:m"]) {
      assert.equal(entries(restored, table), fullSnapshot ? 3 : 8, `${table}, cleanupFullSnapshot=${fullSnapshot}`);
    }
  }
});

test("through a job on the MiniCluster: an expired value is gone by default and read once more with returnExpiredIfNotCleanedUp", async () => {
  const r = await runJob(testJob("ttl-visibility.ts"), { parallelism: 2 });
  assert.equal(r.state, "FINISHED", r.failure?.message);
  const expected: string[] = [];
  for (const key of [0, 1, 2]) {
    expected.push(`NeverReturnExpired ${key} wrote`, `NeverReturnExpired ${key} read undefined`);
    expected.push(`ReturnExpiredIfNotCleanedUp ${key} wrote`, `ReturnExpiredIfNotCleanedUp ${key} read ${key * 10}`);
  }
  assert.deepEqual((r.records as string[]).slice().sort(), expected.sort());
});
