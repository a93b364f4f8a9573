/**
 * The accumulator API (src/api/accumulators.ts) and a subtask's set of them
 * (src/runtime/tasks/task-accumulators.ts): Flink's semantics of each kind, merging across subtasks
 * through the snapshots that travel to the JobManager, and the errors a job's code gets.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  AccumulatorError,
  AverageAccumulator,
  DoubleCounter,
  Histogram,
  IntCounter,
  ListAccumulator,
  LongCounter,
  accumulatorResultValue,
  mergeAccumulatorSnapshots,
  restoreAccumulator,
  snapshotAccumulator,
  type Accumulator,
} from "../../src/api/accumulators.js";
import { TaskAccumulators } from "../../src/runtime/tasks/task-accumulators.js";
import { stringifyAccumulator } from "../../src/rest/views/accumulator-views.js";

test("each kind adds, merges and survives its snapshot as Flink's does", () => {
  const i = new IntCounter();
  i.add(2_147_483_647);
  i.add(1);
  // Java's int arithmetic wraps around.
  assert.equal(i.getLocalValue(), -2_147_483_648);
  const l = new LongCounter(5);
  l.merge(new LongCounter(7));
  assert.equal(l.getLocalValue(), 12);
  const d = new DoubleCounter();
  d.add(0.5);
  d.add(0.25);
  assert.equal(d.getLocalValue(), 0.75);
  const h = new Histogram();
  for (const v of [3, 1, 3, 2, 3]) h.add(v);
  assert.deepEqual([...h.getLocalValue()], [[1, 1], [2, 1], [3, 3]]);
  const a = new AverageAccumulator();
  for (const v of [1, 2, 6]) a.add(v);
  const b = new AverageAccumulator();
  b.add(11);
  a.merge(b);
  assert.equal(a.getLocalValue(), 5);
  const list = new ListAccumulator<string>();
  list.add("x");
  list.add("y");
  for (const acc of [i, l, d, h, a, list] as Accumulator<unknown, unknown>[]) {
    const back = restoreAccumulator(snapshotAccumulator(acc));
    assert.deepEqual(back.getLocalValue(), acc.getLocalValue());
    assert.deepEqual(acc.clone().getLocalValue(), acc.getLocalValue());
    acc.resetLocal();
  }
  assert.equal(l.getLocalValue(), 0);
  assert.deepEqual(list.getLocalValue(), []);
});

test("snapshots of many subtasks merge by name; a name used with two kinds is left out and reported", () => {
  const parts = [0, 1, 2].map((subtask) => {
    const t = new TaskAccumulators();
    t.context.getLongCounter("records").add(10 + subtask);
    t.context.getHistogram("h").add(subtask % 2);
    if (subtask === 2) t.context.getDoubleCounter("clash").add(1);
    else t.context.getIntCounter("clash").add(1);
    return t.snapshot();
  });
  const { merged, problems } = mergeAccumulatorSnapshots([...parts, undefined]);
  assert.equal(accumulatorResultValue(merged.records!), 33);
  assert.deepEqual(accumulatorResultValue(merged.h!), { 0: 2, 1: 1 });
  assert.equal(merged.clash, undefined);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /accumulator clash is a IntCounter in one subtask and a DoubleCounter in another/);
});

test("a subtask refuses a second accumulator of one name, a kind it cannot report, and a shortcut of the wrong kind", () => {
  const t = new TaskAccumulators();
  t.context.addAccumulator("n", new LongCounter());
  assert.throws(() => t.context.addAccumulator("n", new LongCounter()), (e: Error) => e instanceof AccumulatorError && /already has an accumulator named n/.test(e.message));
  const homemade: Accumulator<number, number> = { add() {}, getLocalValue: () => 0, resetLocal() {}, merge() {}, clone: () => homemade };
  assert.throws(() => t.context.addAccumulator("mine", homemade), (e: Error) => e instanceof AccumulatorError && /not one of the built-in kinds/.test(e.message));
  assert.throws(() => t.context.getIntCounter("n"), (e: Error) => e instanceof AccumulatorError && /another kind than IntCounter/.test(e.message));
  assert.equal(t.context.getLongCounter("n"), t.context.getAccumulator("n"));
});

test("the REST view names types and writes values as Flink's StringifiedAccumulatorResult does", () => {
  const h = new Histogram();
  for (const v of [2, 0, 2]) h.add(v);
  const list = new ListAccumulator<string>();
  list.add("a");
  list.add("b");
  const cases: [Accumulator<unknown, unknown>, string, string][] = [
    [new IntCounter(7) as Accumulator<unknown, unknown>, "Integer", "7"],
    [new LongCounter(8) as Accumulator<unknown, unknown>, "Long", "8"],
    [new DoubleCounter(3) as Accumulator<unknown, unknown>, "Double", "3.0"],
    [h as unknown as Accumulator<unknown, unknown>, "TreeMap", "{0=1, 2=2}"],
    [list as Accumulator<unknown, unknown>, "ArrayList", "[a, b]"],
  ];
  for (const [acc, type, value] of cases) assert.deepEqual(stringifyAccumulator("x", snapshotAccumulator(acc)), { name: "x", type, value });
});
