/**
 * A RuntimeContext for tests that drive an operator, a sink writer or a reader directly (no task):
 * the task's identity from `fields`, a fresh accumulator set, no job parameters and an unregistered
 * metric group.
 */
import type { RuntimeContext } from "../api/runtime-context.js";
import { unregisteredGroup } from "../runtime/metrics/scopes.js";
import { TaskAccumulators } from "../runtime/tasks/task-accumulators.js";

type Identity = Pick<RuntimeContext, "jobId" | "taskName" | "subtaskIndex" | "parallelism" | "maxParallelism" | "attemptNumber">;

export function testingRuntimeContext<X extends object = object>(fields: Partial<Identity> & X = {} as X): RuntimeContext & X {
  const group = unregisteredGroup(fields.taskName ?? "test");
  return {
    jobId: "test-job",
    taskName: "test",
    subtaskIndex: 0,
    parallelism: 1,
    maxParallelism: 128,
    attemptNumber: 0,
    globalJobParameters: {},
    ...new TaskAccumulators().context,
    getMetricGroup: () => group,
    ...fields,
  };
}
