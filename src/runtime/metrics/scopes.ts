/**
 * Flink's standard scopes and variables (docs/metrics.md, "Scopes"): the default scope formats
 * `<host>.jobmanager`, `<host>.jobmanager.<job_name>`, `<host>.taskmanager.<tm_id>`,
 * `<host>.taskmanager.<tm_id>.<job_name>.<task_name>.<subtask_index>` and
 * `<host>.taskmanager.<tm_id>.<job_name>.<operator_name>.<subtask_index>`.
 */
import { hostname } from "node:os";
import { MetricRegistry, type MetricGroupImpl } from "./metric-group.js";

/** Flink's `<host>`: the machine's host name. */
export const localHost = (): string => hostname();

export function jobManagerGroup(registry: MetricRegistry, host = localHost()): MetricGroupImpl {
  return registry.group("jobmanager", [host, "jobmanager"], ["jobmanager"], { host });
}

export function jobManagerJobGroup(registry: MetricRegistry, jobId: string, jobName: string, host = localHost()): MetricGroupImpl {
  return registry.group("jobmanager.job", [host, "jobmanager", jobName], ["jobmanager", "job"], { host, job_id: jobId, job_name: jobName });
}

export function taskManagerGroup(registry: MetricRegistry, tmId: string, host = localHost()): MetricGroupImpl {
  return registry.group("taskmanager", [host, "taskmanager", tmId], ["taskmanager"], { host, tm_id: tmId });
}

export interface TaskScope {
  host: string;
  tmId: string;
  jobId: string;
  jobName: string;
  /** The JobVertex id (Flink's `<task_id>`). */
  vertexId: string;
  taskName: string;
  subtaskIndex: number;
  attemptNumber: number;
  /** Flink's `<task_attempt_id>`. */
  executionId: string;
}

function taskVariables(s: TaskScope): Record<string, string> {
  return {
    host: s.host,
    tm_id: s.tmId,
    job_id: s.jobId,
    job_name: s.jobName,
    task_id: s.vertexId,
    task_attempt_id: s.executionId,
    task_name: s.taskName,
    task_attempt_num: String(s.attemptNumber),
    subtask_index: String(s.subtaskIndex),
  };
}

export function taskGroup(registry: MetricRegistry, s: TaskScope): MetricGroupImpl {
  return registry.group("taskmanager.job.task", [s.host, "taskmanager", s.tmId, s.jobName, s.taskName, String(s.subtaskIndex)], ["taskmanager", "job", "task"], taskVariables(s));
}

export function operatorGroup(registry: MetricRegistry, s: TaskScope, operatorId: string, operatorName: string): MetricGroupImpl {
  return registry.group(
    "taskmanager.job.task.operator",
    [s.host, "taskmanager", s.tmId, s.jobName, operatorName, String(s.subtaskIndex)],
    ["taskmanager", "job", "task", "operator"],
    { ...taskVariables(s), operator_id: operatorId, operator_name: operatorName },
  );
}

/** A group whose metrics go nowhere: for operators run outside a task (test harnesses). */
export function unregisteredGroup(name = "unregistered"): MetricGroupImpl {
  return new MetricRegistry().group("taskmanager.job.task.operator", [name], ["taskmanager", "job", "task", "operator"], {});
}
