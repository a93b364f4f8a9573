/** Names for the nested shapes of the generated answers that pages pass around. */
import type {
  GetJobCheckpointsResponse,
  GetJobResponse,
  GetJobVertexBackPressureResponse,
  GetJobVertexResponse,
  GetTaskManagerResponse,
  ListJobOverviewsResponse,
  ListTaskManagersResponse,
} from "./generated";

export type JobDetails = GetJobResponse;
export type JobVertex = GetJobResponse["vertices"][number];
export type IoMetrics = JobVertex["metrics"];
export type PlanNode = GetJobResponse["plan"]["nodes"][number];
export type JobOverview = ListJobOverviewsResponse["jobs"][number];
export type CheckpointStats = GetJobCheckpointsResponse;
export type CheckpointEntry = GetJobCheckpointsResponse["history"][number];
export type Subtask = GetJobVertexResponse["subtasks"][number];
export type BackPressure = GetJobVertexBackPressureResponse;
export type TaskManagerSummary = ListTaskManagersResponse["taskmanagers"][number];
export type TaskManagerDetails = GetTaskManagerResponse;

/** Job states after which nothing changes any more (Flink's globally terminal states). */
export const TERMINAL_JOB_STATES = new Set(["FINISHED", "CANCELED", "FAILED"]);
