/**
 * The entry point of a slot's worker thread (docs/architecture.md, principle 4): runs the tasks deployed into
 * the slot, owns the worker's end of the data plane, and reports task states and metrics to the
 * TaskExecutor. A task that never returns blocks only this thread; the TaskExecutor can terminate it.
 */
import { parentPort } from "node:worker_threads";
import { bindJob } from "../job-module.js";
import { DataEndpoint } from "../network/data-endpoint.js";
import type { BoundFunctions } from "../tasks/operator-chain.js";
import { serializeError } from "../../errors/serialized-error.js";
import { TaskNotReadyForCheckpointError } from "../checkpoint/checkpoint-declined.js";
import { attemptKeyOf, isTerminalExecutionState, type TaskDeploymentDescriptor } from "../tasks/deployment.js";
import { StreamTask } from "../tasks/stream-task.js";
import { loadTaskRestorer } from "../tasks/task-restorer.js";
import { configureFileSystems } from "../../fs/file-systems.js";
import type { FromWorker, ToWorker } from "./worker-protocol.js";
import { CpuSampler, executionViews } from "./cpu-sampler.js";
import { MetricRegistry } from "../metrics/metric-group.js";
import { localHost, taskManagerGroup } from "../metrics/scopes.js";
import { registerThreadMetrics } from "../metrics/runtime-metrics.js";
import { TaskMetricGroups } from "../tasks/task-metric-groups.js";
import { parseWorkerKey } from "../network/frames.js";
import { getHeapStatistics } from "node:v8";

// Job bundles carry inline source maps: stack traces then point into the user's own files.
process.setSourceMapsEnabled(true);

const port = parentPort;
if (!port) throw new Error("worker-main must run in a worker thread");

let endpoint: DataEndpoint | undefined;
/** This worker's metrics: its tasks' and operators', and its own heap, GC and event loop. */
const registry = new MetricRegistry();
const host = localHost();
let taskManagerId = "";
let operatorIo = true;
const tasks = new Map<string, StreamTask>();
/** Evaluating the definition once per job attempt is enough for all tasks of the slot. */
const bindings = new Map<string, Promise<BoundFunctions>>();
/** Idle until a flame graph is asked for (docs/architecture.md, "Flame graphs"). */
const sampler = new CpuSampler();

const post = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

// A worker's own stdout reaches the parent on a separate channel and can be lost when the slot's
// thread is terminated right after the job ends; route it through the message port instead.
for (const stream of ["stdout", "stderr"] as const) {
  process[stream].write = ((chunk: string | Uint8Array, encoding?: unknown, cb?: unknown): boolean => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    post({ type: "stdio", stream, text });
    const callback = typeof encoding === "function" ? encoding : cb;
    if (typeof callback === "function") queueMicrotask(() => (callback as () => void)());
    return true;
  }) as typeof process.stdout.write;
}

port.on("message", (m: ToWorker) => {
  switch (m.type) {
    case "init":
      configureFileSystems(m.fileSystems);
      endpoint = new DataEndpoint(m.self, (to, frame) => post({ type: "data", to, frame }, frame.t === "buffer" ? [frame.data] : []));
      if (m.metricsIntervalMs > 0) setInterval(reportMetrics, m.metricsIntervalMs).unref();
      {
        const { taskManagerId: tm, slotIndex } = parseWorkerKey(m.self);
        taskManagerId = tm;
        operatorIo = m.operatorIo ?? true;
        registerThreadMetrics(taskManagerGroup(registry, tm, host).addGroup("slot", String(slotIndex)));
      }
      break;
    case "metric-dump":
      post({ type: "metric-dump", requestId: m.requestId, groups: registry.dump() });
      break;
    case "peer":
      endpoint!.addPeer(m.key, m.port);
      break;
    case "deploy":
      void deploy(m.tdd);
      break;
    case "cancel":
      tasks.get(m.executionId)?.cancel();
      break;
    case "trigger-checkpoint": {
      const task = tasks.get(m.executionId);
      if (task) task.triggerCheckpoint(m.trigger);
      else post({ type: "checkpoint-declined", executionId: m.executionId, checkpointId: m.trigger.barrier.checkpointId, reason: serializeError(new TaskNotReadyForCheckpointError("task is not running")) });
      break;
    }
    case "checkpoint-complete":
      void tasks.get(m.executionId)?.notifyCheckpointComplete(m.checkpointId);
      break;
    case "checkpoint-aborted":
      tasks.get(m.executionId)?.notifyCheckpointAborted(m.checkpointId);
      break;
    case "operator-event":
      tasks.get(m.executionId)?.handleOperatorEvent(m.event);
      break;
    case "sample-cpu": {
      const { requestId } = m;
      // Labelled now: a task may end while its thread is sampled.
      const labels = new Map(m.executionIds.map((id) => [id, vertexNameOf(tasks.get(id)?.tdd) ?? id]));
      sampler.sample(m.request).then(
        (tree) => post({ type: "cpu-samples", requestId, trees: executionViews(tree, labels) }),
        (e) => post({ type: "cpu-samples", requestId, error: serializeError(e) }),
      );
      break;
    }
    case "data":
      endpoint!.deliver(m.frame);
      break;
  }
});

function vertexNameOf(tdd: TaskDeploymentDescriptor | undefined): string | undefined {
  return tdd?.jobGraph.vertices.find((v) => v.id === tdd.vertexId)?.name;
}

function bindingFor(tdd: TaskDeploymentDescriptor): Promise<BoundFunctions> {
  const key = `${tdd.jobId}/${tdd.attempt}/${tdd.bundle.hash}`;
  let b = bindings.get(key);
  if (!b) bindings.set(key, (b = bindJob(tdd.bundle.path, tdd.definition, tdd.jobGraph)));
  return b;
}

async function deploy(tdd: TaskDeploymentDescriptor): Promise<void> {
  const executionId = tdd.executionId;
  // Created by the task; closed here if the task never got constructed, or once it has ended.
  let groups: TaskMetricGroups | undefined;
  const state = (s: FromWorker & { type: "task-state" }): void => post(s);
  try {
    endpoint!.dropPendingExcept(attemptKeyOf(tdd));
    const fns = await bindingFor(tdd);
    // The TaskExecutor bounds the time from deployment to here (taskmanager.job.evaluation-timeout):
    // a definition that never returns keeps this thread busy, so only the parent can stop it.
    post({ type: "bound", executionId });
    const metricGroups = (vertex: { name: string }): TaskMetricGroups =>
      (groups = new TaskMetricGroups(
        registry,
        {
          host,
          tmId: taskManagerId,
          jobId: tdd.jobId,
          jobName: tdd.jobGraph.name,
          vertexId: tdd.vertexId,
          taskName: vertex.name,
          subtaskIndex: tdd.subtaskIndex,
          attemptNumber: tdd.attempt,
          executionId,
        },
        operatorIo,
      ));
    const restorer = await loadTaskRestorer(tdd);
    const task = new StreamTask(tdd, fns, endpoint!, {
      // Terminal states carry the task's final metrics, so finished jobs show their real totals.
      onStateChange: (st, error) =>
        state({ type: "task-state", executionId, state: st, error, metrics: isTerminalExecutionState(st) ? tasks.get(executionId)?.metrics() : undefined }),
      collect: (nodeId, values) => post({ type: "collect", executionId, nodeId, values }),
      sendToCoordinator: (event) => post({ type: "operator-event", executionId, event }),
      checkpoint: {
        acknowledge: (checkpointId, ack) => post({ type: "checkpoint-ack", executionId, checkpointId, ack }),
        decline: (checkpointId, reason) => post({ type: "checkpoint-declined", executionId, checkpointId, reason }),
      },
    }, metricGroups, restorer);
    tasks.set(executionId, task);
    await task.run();
  } catch (e) {
    state({ type: "task-state", executionId, state: "FAILED", error: serializeError(e) });
  } finally {
    const t = tasks.get(executionId);
    tasks.delete(executionId);
    if (t) reportMetricsOf(executionId, t);
    if (groups) {
      if (t) post({ type: "final-metrics", executionId, groups: groups.dump() });
      groups.close();
    }
  }
}

/**
 * The worker's heap, sampled: V8 keeps no peak, so the peak is the largest sample (every
 * HEAP_SAMPLE_MS, and at each metrics report), a lower bound on the true peak.
 */
const HEAP_SAMPLE_MS = 50;
let peakHeapUsed = 0;
function sampleHeap(): { usedBytes: number; peakUsedBytes: number } {
  const usedBytes = getHeapStatistics().used_heap_size;
  if (usedBytes > peakHeapUsed) peakHeapUsed = usedBytes;
  return { usedBytes, peakUsedBytes: peakHeapUsed };
}
setInterval(sampleHeap, HEAP_SAMPLE_MS).unref();

function reportMetricsOf(executionId: string, task: StreamTask): void {
  post({ type: "metrics", metrics: { [executionId]: task.metrics() }, heap: sampleHeap() });
}

function reportMetrics(): void {
  if (tasks.size === 0) return;
  const metrics: Record<string, ReturnType<StreamTask["metrics"]>> = {};
  for (const [id, t] of tasks) metrics[id] = t.metrics();
  post({ type: "metrics", metrics, heap: sampleHeap() });
}

process.on("unhandledRejection", (e) => {
  // A user promise nobody awaited: fail every task of this worker rather than dying silently.
  for (const [executionId] of tasks) post({ type: "task-state", executionId, state: "FAILED", error: serializeError(e) });
});
