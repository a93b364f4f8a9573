/**
 * A call frame named after one task, so that CPU samples say which task a slot's thread was running
 * (docs/architecture.md, "Flame graphs"): a slot's worker runs one subtask of every vertex in its slot, and
 * V8 names frames by their function's source name, which is the same for every task's StreamTask. Each
 * task runs its input batches and source polls through a function of its own name, made once per task
 * (one call per batch or poll round, not per record).
 */

/** How a task frame's name starts; the rest is the execution id with `-` as `_`. */
export const TASK_FRAME_PREFIX = "sluiceTask$";

export type TaskFrame = <T>(fn: () => T) => T;

export function taskFrameName(executionId: string): string {
  return TASK_FRAME_PREFIX + executionId.replace(/[^A-Za-z0-9_$]/g, "_");
}

export function taskFrame(executionId: string): TaskFrame {
  // A function's profiled name is the one in its source: only code made for this task carries its name.
  return new Function(`return function ${taskFrameName(executionId)}(fn) { return fn(); };`)() as TaskFrame;
}
