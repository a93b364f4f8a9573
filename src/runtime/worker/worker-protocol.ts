/** Typed messages between a TaskExecutor's main thread and its slot workers. */
import type { S3Settings } from "../../fs/s3/s3-file-system.js";
import type { MessagePort } from "node:worker_threads";
import type { DataFrame, WorkerKey } from "../network/frames.js";
import type { SerializedError } from "../../errors/serialized-error.js";
import type { ExecutionState, TaskCheckpointAck, TaskDeploymentDescriptor, TaskMetrics } from "../tasks/deployment.js";
import type { CheckpointTrigger } from "../tasks/stream-task.js";
import type { OperatorEventToCoordinator, OperatorEventToTask } from "../coordination/operator-events.js";
import type { CpuSampleRequest } from "./cpu-sampler.js";
import type { StackNode } from "./stack-tree.js";
import type { MetricGroupDump } from "../metrics/metric-dump.js";

export type ToWorker =
  /**
   * `operatorIo`: metrics.operator-io.enabled (per-operator record counts inside chains).
   * `fileSystems`: the TaskManager's file system settings, so that its slots reach the same storage.
   */
  | { type: "init"; self: WorkerKey; metricsIntervalMs: number; operatorIo?: boolean; fileSystems: S3Settings }
  /** Collect every metric of this worker now (docs/architecture.md, "Metrics"); answered with `metric-dump`. */
  | { type: "metric-dump"; requestId: number }
  | { type: "peer"; key: WorkerKey; port: MessagePort }
  | { type: "deploy"; tdd: TaskDeploymentDescriptor }
  | { type: "cancel"; executionId: string }
  | { type: "trigger-checkpoint"; executionId: string; trigger: CheckpointTrigger }
  | { type: "checkpoint-complete"; executionId: string; checkpointId: number }
  | { type: "checkpoint-aborted"; executionId: string; checkpointId: number }
  /** From the source's split enumerator in the JobMaster. */
  | { type: "operator-event"; executionId: string; event: OperatorEventToTask }
  /**
   * Sample this thread's stacks (a flame graph was asked for); answered by `cpu-samples` with the same id
   * and each execution's part of the samples.
   */
  | { type: "sample-cpu"; requestId: number; request: CpuSampleRequest; executionIds: string[] }
  | { type: "data"; frame: DataFrame };

export type FromWorker =
  | { type: "task-state"; executionId: string; state: ExecutionState; error?: SerializedError; metrics?: TaskMetrics }
  /** The job bundle is loaded and its definition evaluated for this task: the evaluation timeout stops. */
  | { type: "bound"; executionId: string }
  | { type: "collect"; executionId: string; nodeId: number; values: unknown[] }
  | { type: "checkpoint-ack"; executionId: string; checkpointId: number; ack: TaskCheckpointAck }
  | { type: "checkpoint-declined"; executionId: string; checkpointId: number; reason: SerializedError }
  /** Task metrics, with this worker thread's heap: used now and the peak sampled since it started. */
  | { type: "metrics"; metrics: Record<string, TaskMetrics>; heap?: { usedBytes: number; peakUsedBytes: number } }
  /** To the source's split enumerator in the JobMaster. */
  | { type: "operator-event"; executionId: string; event: OperatorEventToCoordinator }
  | { type: "metric-dump"; requestId: number; groups: MetricGroupDump[] }
  /** A task has ended: its last metric values, which the TaskExecutor keeps for a while (finished jobs show their totals). */
  | { type: "final-metrics"; executionId: string; groups: MetricGroupDump[] }
  /** What user code printed: sent in order with task states, so no output is lost at the end of a job. */
  | { type: "stdio"; stream: "stdout" | "stderr"; text: string }
  | { type: "cpu-samples"; requestId: number; trees?: Record<string, StackNode>; error?: SerializedError }
  | { type: "data"; to: WorkerKey; frame: DataFrame };
