/** Loading a deployment's restored state, before its StreamTask is built (the files may be remote). */
import { checkChannelStateRestorable, TaskStateRestorer } from "../checkpoint/task-restore.js";
import { keyGroupRange } from "../../graph/key-groups.js";
import type { TaskDeploymentDescriptor } from "./deployment.js";
import { taskLocalStateStore } from "../checkpoint/local/task-manager-local-state.js";

/**
 * Reads the state files a deployment restores from (they may be remote; its own from the local copy
 * when the job keeps them), before its StreamTask is built.
 */
export async function loadTaskRestorer(tdd: TaskDeploymentDescriptor): Promise<TaskStateRestorer | undefined> {
  if (!tdd.restore) return undefined;
  const vertex = tdd.jobGraph.vertices.find((v) => v.id === tdd.vertexId);
  if (!vertex) throw new Error(`vertex ${tdd.vertexId} is not in the job graph`);
  checkChannelStateRestorable(tdd.restore, tdd.jobGraph);
  const keyGroups = keyGroupRange(vertex.maxParallelism, vertex.parallelism, tdd.subtaskIndex);
  return TaskStateRestorer.load(tdd.restore, tdd.subtaskIndex, vertex.parallelism, vertex.operators.map((o) => o.uid), keyGroups, taskLocalStateStore(tdd.localStateDir));
}
