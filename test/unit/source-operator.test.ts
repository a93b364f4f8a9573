/**
 * SourceOperator, the reader's side of the Source API (docs/architecture.md, "Sources and split
 * enumerators"): the reader gets a metric group whose values the operator owns, side-output records
 * go to their tag, enumerator events reach the reader (or name what the reader lacks), split
 * requests go out through the coordination, and savepoints are not passed on as completed checkpoints.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { OutputTag } from "../../src/api/output-tag.js";
import type { ReaderOutput, Source, SourceReader, SourceReaderContext } from "../../src/api/source.js";
import { SourceOperator, SourceReaderError } from "../../src/runtime/tasks/source-operator.js";
import type { OperatorContext } from "../../src/runtime/operators/stream-operator.js";
import type { ReaderToEnumerator } from "../../src/runtime/coordination/source-events.js";
import { TaskAccumulators } from "../../src/runtime/tasks/task-accumulators.js";
import { unregisteredGroup } from "../../src/runtime/metrics/scopes.js";
import type { MetricGroupDump } from "../../src/runtime/metrics/metric-dump.js";

interface Recorded {
  main: unknown[];
  side: Array<[string, unknown]>;
}

function operatorFor(reader: Partial<SourceReader<number>>, sent: ReaderToEnumerator[] = []): { op: SourceOperator; out: Recorded; ctxSeen: () => SourceReaderContext; metricValues: () => Map<string, unknown> } {
  const group = unregisteredGroup("source");
  let seen: SourceReaderContext | undefined;
  const source: Source<number> = {
    boundedness: "bounded",
    createReader: (ctx) => {
      seen = ctx;
      return { pollNext: () => "end-of-input", isAvailable: () => Promise.resolve(), snapshotState: () => [], ...reader } as SourceReader<number>;
    },
  };
  const ctx = {
    // A source with a split enumerator, as the graph builder marks it (every source reaches the JobMaster, for alignment).
    descriptor: { nodeId: 1, kind: "source", name: "Numbers", uid: "numbers", inputs: 0, config: { coordinated: true }, chainedOutputs: [], networkOutputs: [] },
    fns: { source },
    keySelectors: [],
    runtimeContext: { jobId: "job", taskName: "Numbers", subtaskIndex: 1, parallelism: 2, maxParallelism: 128, attemptNumber: 0, globalJobParameters: {}, ...new TaskAccumulators().context, getMetricGroup: () => group },
    keyedState: undefined,
    processingTime: undefined as never,
    settings: {},
    collect: () => {},
    isRestored: false,
    // The split list state: snapshots write into it (nothing read back here).
    operatorState: { getListState: () => ({ get: () => [], update: () => {} }) } as never,
  } satisfies OperatorContext;
  const op = new SourceOperator(ctx, { location: "tm-1", send: (e) => sent.push(e) });
  const out: Recorded = { main: [], side: [] };
  op.setOutput({
    collect: (v) => out.main.push(v),
    collectSide: (tag, v) => out.side.push([tag, v]),
    emitWatermark: () => {},
    emitStreamStatus: () => {},
  });
  op.open();
  /** What the metric system would collect: "scope.name" → value, as the REST API names them. */
  const metricValues = (): Map<string, unknown> => {
    const dumps: MetricGroupDump[] = [];
    group.dumpInto(dumps);
    return new Map(dumps.flatMap((d) => d.metrics.map((m) => [[...d.userScope, m.name].join("."), m.value] as [string, unknown])));
  };
  return { op, out, ctxSeen: () => seen!, metricValues };
}

test("the reader's metric group records into the operator's metric group; side-output records go to their tag", () => {
  const dead = new OutputTag<{ raw: string }>("dead-letters");
  const { op, out, ctxSeen, metricValues } = operatorFor({});
  const metrics = ctxSeen().metricGroup!;
  metrics.getNumBytesInCounter().inc(120);
  metrics.getNumRecordsInErrorsCounter().inc();
  let pending = 7;
  metrics.setPendingRecordsGauge(() => pending);
  metrics.addGroup("stream", "orders").counter("polls").inc(3);
  pending = 5;
  const values = metricValues();
  assert.equal(values.get("numBytesIn"), 120);
  assert.equal(values.get("numRecordsInErrors"), 1);
  assert.equal(values.get("pendingRecords"), 5, "a gauge is read when asked");
  assert.equal(values.get("stream.orders.polls"), 3);
  assert.equal(metrics.addGroup("stream", "orders").getAllVariables()["<stream>"], "orders");

  const output: ReaderOutput<number> = op;
  output.collect(1);
  output.collectSideOutput!(dead, { raw: "%%" });
  assert.deepEqual(out.main, [1]);
  assert.deepEqual(out.side, [["dead-letters", { raw: "%%" }]]);
  assert.equal(op.emitted.getCount(), 1);
  assert.equal(op.emittedToSideOutputs, 1);
});

test("registration and split requests go to the enumerator; its events reach the reader, or name what the reader lacks", () => {
  const sent: ReaderToEnumerator[] = [];
  const added: unknown[] = [];
  let noMore = false;
  const { op, ctxSeen } = operatorFor({ addSplits: (s) => void added.push(...s), notifyNoMoreSplits: () => void (noMore = true) }, sent);
  assert.deepEqual(sent, [{ kind: "register", location: "tm-1" }], "the reader registers when it opens");
  ctxSeen().sendSplitRequest!();
  ctxSeen().sendSourceEventToCoordinator!({ lag: 3 });
  assert.deepEqual(sent.slice(1), [
    { kind: "split-request", location: "tm-1" },
    { kind: "custom", event: { lag: 3 } },
  ]);
  op.handleOperatorEvent({ kind: "add-splits", splits: ["s1", "s2"] });
  op.handleOperatorEvent({ kind: "no-more-splits" });
  assert.deepEqual(added, ["s1", "s2"]);
  assert.equal(noMore, true);
  assert.throws(() => op.handleOperatorEvent({ kind: "custom", event: 1 }), (e: Error) => e instanceof SourceReaderError && /source "Numbers" has no handleSourceEvent\(\)/.test(e.message));
});

test("completed checkpoints reach the reader, completed savepoints do not", async () => {
  const completed: number[] = [];
  const aborted: number[] = [];
  const { op } = operatorFor({ notifyCheckpointComplete: (id) => void completed.push(id), notifyCheckpointAborted: (id) => void aborted.push(id) });
  op.snapshotState(1, { isSavepoint: false });
  op.snapshotState(2, { isSavepoint: true });
  op.snapshotState(3, { isSavepoint: true });
  await op.notifyCheckpointComplete(1);
  await op.notifyCheckpointComplete(2);
  op.notifyCheckpointAborted(3);
  op.notifyCheckpointAborted(4);
  assert.deepEqual(completed, [1]);
  assert.deepEqual(aborted, [4]);
});
