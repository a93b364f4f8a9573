/**
 * Every kind of user function takes part in checkpoints (src/runtime/operators/user-checkpoint-hooks.ts):
 * initializeState before open (told whether it is restored), snapshotState with the checkpoint's id
 * and time before the operator's state is read, and the completion and abort notifications; what
 * a function put into operator state comes back in a restored instance.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ListStateDescriptor } from "../../src/api/state/state-descriptors.js";
import type { FunctionInitializationContext, FunctionSnapshotContext } from "../../src/api/checkpointed-function.js";
import type { ListState } from "../../src/api/state/state.js";
import { FunctionSink } from "../../src/api/builtin/function-sink.js";
import { OperatorTestHarness, type HarnessOptions } from "../../src/testing/operator-test-harness.js";

/** A function of any kind: counts what it saw and records every hook call. */
function recorder(method: string, other?: string) {
  const calls: string[] = [];
  let seen = 0;
  let state!: ListState<number>;
  const fn = {
    calls,
    initializeState(ctx: FunctionInitializationContext) {
      state = ctx.getOperatorStateStore().getListState(new ListStateDescriptor<number>("seen"));
      seen = [...state.get()].reduce((a, b) => a + b, 0);
      calls.push(`initializeState restored=${ctx.isRestored()} seen=${seen} keyed=${ctx.getKeyedStateStore() !== undefined}`);
    },
    open() {
      calls.push("open");
    },
    snapshotState(ctx: FunctionSnapshotContext) {
      state.update([seen]);
      calls.push(`snapshotState ${ctx.getCheckpointId()} at ${ctx.getCheckpointTimestamp()}`);
    },
    notifyCheckpointComplete(id: number) {
      calls.push(`complete ${id}`);
    },
    notifyCheckpointAborted(id: number) {
      calls.push(`aborted ${id}`);
    },
    ...(other ? { [other]: (v: unknown) => v } : {}),
    [method]: (...args: unknown[]) => {
      seen++;
      if (method === "filter") return true;
      if (method === "processElement" || method === "flatMap" || method === "flatMap1") return undefined;
      if (method === "asyncInvoke") return Promise.resolve([args[0]]);
      return args[0];
    },
  };
  return fn;
}

const kinds: Array<{ kind: string; method: string; other?: string; fns?: (fn: unknown) => Record<string, unknown>; options?: HarnessOptions }> = [
  { kind: "map", method: "map" },
  { kind: "flatMap", method: "flatMap" },
  { kind: "filter", method: "filter" },
  { kind: "process", method: "processElement" },
  { kind: "keyed-process", method: "processElement", options: { keySelectors: [(v: number) => v % 3] } },
  { kind: "map", method: "map", options: { keySelectors: [(v: number) => v % 3] } },
  { kind: "co-map", method: "map1", other: "map2", options: { inputs: 2 } },
  { kind: "sink", method: "invoke", fns: (fn) => ({ sink: new FunctionSink(fn as never) }) },
];

for (const { kind, method, other, fns, options } of kinds) {
  const keyed = options?.keySelectors !== undefined;
  test(`${kind}${keyed ? " (keyed)" : ""}: the user function's checkpoint methods are called, and its operator state is restored`, async () => {
    const fn = recorder(method, other);
    const h = new OperatorTestHarness(kind, { ...options, fns: fns ? fns(fn) : { fn } });
    await h.open();
    for (let i = 0; i < 5; i++) h.processElement(i, i);
    h.setProcessingTime(1234);
    const snapshot = await h.snapshot(7);
    await h.notifyCheckpointComplete(7);
    h.notifyCheckpointAborted(8);
    await h.close();
    assert.deepEqual(fn.calls, [`initializeState restored=false seen=0 keyed=${keyed}`, "open", "snapshotState 7 at 1234", "complete 7", "aborted 8"]);
    assert.deepEqual(snapshot.seen, { mode: "split", items: [5] });

    const again = recorder(method, other);
    const restored = new OperatorTestHarness(kind, { ...options, fns: fns ? fns(again) : { fn: again }, restoredOperatorState: snapshot });
    await restored.open();
    await restored.close();
    assert.deepEqual(again.calls, [`initializeState restored=true seen=5 keyed=${keyed}`, "open"]);
  });
}

test("a savepoint's completion is not passed to user functions (no commit point); a checkpoint's after it is", async () => {
  const fn = recorder("map");
  const h = new OperatorTestHarness("map", { fns: { fn } });
  await h.open();
  await h.snapshot(3, { isSavepoint: true, timestamp: 5 });
  await h.notifyCheckpointComplete(3);
  await h.snapshot(4, { timestamp: 6 });
  await h.notifyCheckpointComplete(4);
  assert.deepEqual(fn.calls.slice(2), ["snapshotState 3 at 5", "snapshotState 4 at 6", "complete 4"]);
});

test("a snapshotState that returns a promise fails the checkpoint with an error that says it must be synchronous", async () => {
  const h = new OperatorTestHarness("map", { fns: { fn: { map: (v: number) => v, snapshotState: async () => {} } } });
  await h.open();
  await assert.rejects(() => h.snapshot(1), /snapshotState\(\) of a user function of "map under test" returned a promise: it must be synchronous/);
});

test("an initializeState that throws fails the task's start with the function's error as cause", async () => {
  const h = new OperatorTestHarness("map", { fns: { fn: { map: (v: number) => v, initializeState: () => { throw new Error("no connection"); } } } });
  await assert.rejects(() => h.open(), (e: Error) => e.name === "UserCheckpointHookError" && /initializeState\(\) of a user function of "map under test" threw: no connection/.test(e.message) && (e.cause as Error).message === "no connection");
});
