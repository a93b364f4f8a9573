/**
 * The JobMaster's split enumerators (docs/architecture.md, "Sources and split enumerators"): a real
 * JobMaster on a ManualClock with simulated TaskManagers; the enumerators run in-process through the
 * coordinator runtime the worker thread uses. The test plays the readers through the JobMaster's
 * gateway and watches what reaches the TaskExecutor doubles.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileSystemFor } from "../../../src/fs/file-systems.js";
import { join } from "node:path";
import type { Source, SplitEnumerator, SplitEnumeratorContext } from "../../../src/api/source.js";
import type { JobGraph } from "../../../src/graph/job-graph.js";
import type { EnumeratorToReader } from "../../../src/runtime/coordination/source-events.js";
import type { CheckpointMetadata } from "../../../src/runtime/checkpoint/checkpoint-metadata.js";
import { inProcessCoordinatorChannel } from "../../../src/testing/cluster/in-process-coordinator-channel.js";
import { JobMasterHarness, pipelineGraph } from "./support/harness.js";
import { SourceCoordinators } from "../../../src/cluster/jobmaster/source-coordinators.js";
import type { FromCoordinator, ToCoordinator } from "../../../src/runtime/coordination/coordinator-protocol.js";
import { ManualClock } from "../../../src/util/clock.js";
import { Logger } from "../../../src/util/logger.js";

const FIXED_DELAY = { "restart-strategy.type": "fixed-delay", "restart-strategy.fixed-delay.attempts": "3", "restart-strategy.fixed-delay.delay": "1000" };
const DISCOVERY_MS = 500;

interface RegistryState {
  known: string[];
  pending: string[];
}

/**
 * Splits are names in an in-memory registry; the enumerator looks for new ones every DISCOVERY_MS
 * and hands them out on request. A name starting with "bad" makes its discovery handler throw.
 */
class RegistrySource implements Source<string, string, RegistryState> {
  readonly boundedness = "unbounded";
  readonly completed: number[] = [];
  constructor(readonly registry: string[]) {}
  createReader(): never {
    throw new Error("readers run in the tasks");
  }
  createEnumerator(ctx: SplitEnumeratorContext<string>): SplitEnumerator<string, RegistryState> {
    return this.restoreEnumerator(ctx, { known: [], pending: [] });
  }
  restoreEnumerator(ctx: SplitEnumeratorContext<string>, state: RegistryState): SplitEnumerator<string, RegistryState> {
    const known = new Set(state.known);
    const pending = [...state.pending];
    const waiting = new Set<number>();
    const serve = (): void => {
      for (const subtask of [...waiting]) {
        const split = pending.shift();
        if (split === undefined) return;
        waiting.delete(subtask);
        ctx.assignSplit(split, subtask);
      }
    };
    return {
      start: () =>
        ctx.callAsync(
          async () => [...this.registry],
          (names) => {
            for (const n of names ?? []) {
              if (known.has(n)) continue;
              if (n.startsWith("bad")) throw new Error(`cannot read split ${n}`);
              known.add(n);
              pending.push(n);
            }
            serve();
          },
          0,
          DISCOVERY_MS,
        ),
      handleSplitRequest: (subtask) => {
        waiting.add(subtask);
        serve();
      },
      addSplitsBack: (splits) => pending.unshift(...splits),
      addReader: () => {},
      snapshotState: () => ({ known: [...known], pending: [...pending] }),
      notifyCheckpointComplete: (id) => void this.completed.push(id),
    };
  }
}

/** Two vertices of parallelism 2; the first is the source "Registry" with uid "registry" and an enumerator. */
function coordinatedGraph(): JobGraph {
  const graph = pipelineGraph([2, 2], { checkpointInterval: 0 });
  graph.vertices[0]!.operators = [{ nodeId: 1, kind: "source", name: "Registry", uid: "registry", inputs: 0, config: { coordinated: true }, chainedOutputs: [], networkOutputs: [] }];
  return graph;
}

async function startedHarness(source: RegistrySource): Promise<JobMasterHarness> {
  const h = new JobMasterHarness({
    config: FIXED_DELAY,
    taskManagers: 2,
    slotsPerTaskManager: 1,
    jobGraph: coordinatedGraph(),
    coordinatorChannel: inProcessCoordinatorChannel(new Map([[1, source as Source<unknown>]])),
  });
  await h.start();
  await h.tms.offerAllSlots();
  await h.settle();
  assert.equal(h.jm.stateName, "EXECUTING");
  return h;
}

/** The source subtasks of the current attempt, by subtask index. */
function sourceTasks(h: JobMasterHarness): string[] {
  const all = h.tms.taskManagers.flatMap((tm) => [...tm.tasks.values()]);
  return all.filter((t) => t.vertexId.startsWith("vertex-0")).sort((a, b) => a.subtaskIndex - b.subtaskIndex).map((t) => t.executionId);
}

/** Source events that reached the TaskExecutors, in order, with a marker where a checkpoint was triggered. */
function delivered(h: JobMasterHarness): Array<[string, EnumeratorToReader | "trigger"]> {
  return h.tms.taskManagers.flatMap((tm) =>
    tm.gateway.calls
      .filter((c) => c.method === "sendOperatorEventToTask" || c.method === "triggerCheckpoint")
      .map((c): [string, EnumeratorToReader | "trigger"] => [c.args[0] as string, c.method === "triggerCheckpoint" ? "trigger" : (c.args[1] as EnumeratorToReader)]),
  );
}

function assignedTo(h: JobMasterHarness, executionId: string): unknown[] {
  return delivered(h)
    .filter(([id, e]) => id === executionId && e !== "trigger" && e.kind === "add-splits")
    .flatMap(([, e]) => (e as { splits: unknown[] }).splits);
}

test("readers register and ask; the enumerator assigns what periodic discovery finds, on the JobMaster's clock", async () => {
  const source = new RegistrySource(["a"]);
  const h = await startedHarness(source);
  try {
    const [r0, r1] = sourceTasks(h);
    for (const id of [r0!, r1!]) await h.tms.gateway.sendOperatorEventToCoordinator(id, { kind: "register", location: "tm" });
    for (const id of [r0!, r1!]) await h.tms.gateway.sendOperatorEventToCoordinator(id, { kind: "split-request", location: "tm" });
    await h.settle();
    assert.deepEqual(assignedTo(h, r0!), ["a"], "the first reader to ask gets the split found at start");
    assert.deepEqual(assignedTo(h, r1!), [], "nothing else is known yet");

    source.registry.push("b", "c");
    await h.advance(DISCOVERY_MS - 1);
    assert.deepEqual(assignedTo(h, r1!), [], "no discovery before its period");
    await h.advance(1);
    assert.deepEqual(assignedTo(h, r1!), ["b"], "the waiting reader gets the split discovered next");
    await h.tms.gateway.sendOperatorEventToCoordinator(r0!, { kind: "split-request", location: "tm" });
    await h.settle();
    assert.deepEqual(assignedTo(h, r0!), ["a", "c"]);
  } finally {
    h.jm.cancel();
    await h.settle();
    await h.stop();
  }
});

test("the enumerator's state is in the checkpoint's _metadata, an assignment after its snapshot goes out behind the trigger, the enumerator is notified of completed checkpoints but not of savepoints", async () => {
  const source = new RegistrySource(["a", "b"]);
  const h = await startedHarness(source);
  try {
    const [r0] = sourceTasks(h);
    await h.tms.gateway.sendOperatorEventToCoordinator(r0!, { kind: "register", location: "tm" });
    await h.settle();
    // The split request arrives together with the checkpoint: the enumerator snapshots first (a
    // message ahead of the request in its queue), then assigns.
    const checkpoint = h.jm.checkpoints.triggerCheckpoint();
    void h.tms.gateway.sendOperatorEventToCoordinator(r0!, { kind: "split-request", location: "tm" });
    const path = await checkpoint;
    await h.settle();
    const metadata = JSON.parse((await fileSystemFor(path).read(path)).toString("utf8")) as CheckpointMetadata;
    assert.deepEqual(metadata.coordinators, { registry: { known: ["a", "b"], pending: ["a", "b"] } }, "state taken before the assignment");
    const toR0 = delivered(h).filter(([id]) => id === r0);
    assert.deepEqual(toR0.map(([, e]) => (e === "trigger" ? e : e.kind)), ["trigger", "add-splits"], "the assignment made after the snapshot reaches the reader after the trigger");
    assert.deepEqual(source.completed, [1], "the enumerator learns of the completed checkpoint");

    const savepoint = await h.jm.triggerSavepoint(`memory://${join(h.dir, "savepoints")}`);
    await h.settle();
    const saved = JSON.parse((await fileSystemFor(savepoint).read(`${savepoint}/_metadata`)).toString("utf8")) as CheckpointMetadata;
    assert.deepEqual(saved.coordinators, { registry: { known: ["a", "b"], pending: ["b"] } });
    assert.deepEqual(source.completed, [1], "savepoints are not notified");
  } finally {
    h.jm.cancel();
    await h.settle();
    await h.stop();
  }
});

test("after a failover the enumerator starts again from the checkpoint's state; a throwing enumerator fails the job, naming the source", async () => {
  const source = new RegistrySource(["a", "b"]);
  const h = await startedHarness(source);
  try {
    const [r0] = sourceTasks(h);
    await h.tms.gateway.sendOperatorEventToCoordinator(r0!, { kind: "register", location: "tm" });
    await h.tms.gateway.sendOperatorEventToCoordinator(r0!, { kind: "split-request", location: "tm" });
    await h.settle();
    await h.jm.checkpoints.triggerCheckpoint();
    await h.tms.report(r0!, "FAILED", { name: "Error", message: "boom" });
    await h.settle();
    assert.equal(h.jm.jobStatus, "RESTARTING");
    // What is found while the job restarts must not be lost: the new enumerator finds it.
    source.registry.push("c");
    await h.advance(1000);
    assert.equal(h.jm.stateName, "EXECUTING");
    const [n0, n1] = sourceTasks(h);
    for (const id of [n0!, n1!]) await h.tms.gateway.sendOperatorEventToCoordinator(id, { kind: "register", location: "tm" });
    for (const id of [n0!, n1!, n0!]) await h.tms.gateway.sendOperatorEventToCoordinator(id, { kind: "split-request", location: "tm" });
    await h.settle();
    // "a" is the restored reader's own split (its state); the enumerator restored "b" as pending and found "c".
    assert.deepEqual([...assignedTo(h, n0!), ...assignedTo(h, n1!)].sort(), ["b", "c"]);
    // A late event of the failed attempt's reader changes nothing.
    await h.tms.gateway.sendOperatorEventToCoordinator(r0!, { kind: "split-request", location: "tm" });

    source.registry.push("bad-split");
    await h.advance(DISCOVERY_MS);
    assert.equal(h.jm.jobStatus, "RESTARTING", "the enumerator's failure fails the job over");
    const failure = h.jm.exceptionHistory().at(-1)!;
    assert.equal(failure.exceptionName, "SplitEnumeratorError");
    assert.match(failure.message, /split enumerator of source "Registry" failed in the handler of callAsync\(\): cannot read split bad-split/);
  } finally {
    h.jm.cancel();
    await h.settle();
    await h.stop();
  }
});

test("events to readers are held from the enumerators' snapshot until the checkpoint's triggers are out, and stale attempts are ignored", async () => {
  const posted: ToCoordinator[] = [];
  let toJobMaster: ((m: FromCoordinator) => void) | undefined;
  const sent: Array<[string, number, EnumeratorToReader]> = [];
  const failures: string[] = [];
  const coordinators = new SourceCoordinators({
    jobGraph: coordinatedGraph(),
    clock: new ManualClock(0),
    log: new Logger(() => {}, "test", "error"),
    createChannel: (handlers) => {
      toJobMaster = handlers.onMessage;
      return { post: (m) => void posted.push(m), terminate: async () => {} };
    },
    sendToReader: (vertexId, subtask, event) => void sent.push([vertexId, subtask, event]),
    onFailure: (e) => void failures.push(e.message),
    evaluationTimeoutMs: 1000,
  });
  const vertexId = coordinatedGraph().vertices[0]!.id;
  coordinators.startAttempt(0, { registry: { known: ["a"], pending: [] } });
  assert.deepEqual(posted[0], { type: "start", attempt: 0, sources: coordinators.sources, restore: { registry: { known: ["a"], pending: [] } } });
  const assign = (split: string): FromCoordinator => ({ type: "to-reader", attempt: 0, vertexId, subtask: 0, event: { kind: "add-splits", splits: [split] } });

  toJobMaster!(assign("before"));
  const snapshot = coordinators.snapshot(7);
  toJobMaster!({ type: "snapshot", attempt: 0, checkpointId: 7, states: { registry: { known: ["a", "b"], pending: ["b"] } } });
  assert.deepEqual(await snapshot, { registry: { known: ["a", "b"], pending: ["b"] } });
  toJobMaster!(assign("after"));
  assert.deepEqual(sent.map(([, , e]) => e), [{ kind: "add-splits", splits: ["before"] }], "held after the snapshot");
  coordinators.triggersSent();
  assert.deepEqual(sent.map(([, , e]) => e), [{ kind: "add-splits", splits: ["before"] }, { kind: "add-splits", splits: ["after"] }], "released behind the triggers");

  coordinators.stopAttempt();
  coordinators.startAttempt(1, undefined);
  toJobMaster!(assign("stale"));
  toJobMaster!({ type: "failed", attempt: 0, vertexId, error: { name: "Error", message: "stale failure" } });
  assert.equal(sent.length, 2, "a message of attempt 0 is dropped in attempt 1");
  assert.deepEqual(failures, []);
  await coordinators.close();
});

test("a worker that does not finish evaluating the job's definition in time is terminated and fails the job", async () => {
  const clock = new ManualClock(0);
  const failures: string[] = [];
  let terminated = 0;
  let toJobMaster: ((m: FromCoordinator) => void) | undefined;
  const options = {
    jobGraph: coordinatedGraph(),
    clock,
    log: new Logger(() => {}, "test", "error"),
    sendToReader: () => {},
    onFailure: (e: { message: string }) => void failures.push(e.message),
    evaluationTimeoutMs: 1000,
    createChannel: (handlers: { onMessage(m: FromCoordinator): void }) => {
      toJobMaster = handlers.onMessage;
      return { post: () => {}, terminate: async () => void terminated++ };
    },
  };
  const slow = new SourceCoordinators(options);
  slow.startAttempt(0, undefined);
  clock.advance(999);
  assert.deepEqual(failures, []);
  clock.advance(1);
  await new Promise((r) => setImmediate(r));
  assert.equal(terminated, 1);
  assert.equal(failures.length, 1);
  assert.match(failures[0]!, /did not finish within 1000 ms \(jobmanager\.coordinator\.evaluation-timeout\)/);

  const quick = new SourceCoordinators(options);
  quick.startAttempt(0, undefined);
  toJobMaster!({ type: "bound" });
  clock.advance(5000);
  await new Promise((r) => setImmediate(r));
  assert.equal(failures.length, 1, "a worker that reported bound in time is left alone");
  await quick.close();
});

test("a JobMaster without a bundle to run the enumerators fails the job over once deployed, with a clear error", async () => {
  const h = new JobMasterHarness({ config: FIXED_DELAY, taskManagers: 2, slotsPerTaskManager: 1, jobGraph: coordinatedGraph() });
  try {
    await h.start();
    await h.tms.offerAllSlots();
    await h.settle();
    assert.equal(h.jm.jobStatus, "RESTARTING");
    assert.equal(h.deployedIds().length, 4, "the deployment was completed before the failure took effect");
    const failure = h.jm.exceptionHistory().at(-1)!;
    assert.equal(failure.exceptionName, "CoordinatorWorkerError");
    assert.match(failure.message, /sources "Registry" have split enumerators, but this JobMaster has no job bundle to run them/);
  } finally {
    h.jm.cancel();
    await h.settle();
    await h.stop();
  }
});
