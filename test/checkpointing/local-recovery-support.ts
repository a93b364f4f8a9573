/**
 * Helpers of test/checkpointing/local-recovery.test.ts: a JobManager and TaskManager processes with
 * local recovery on, checkpoints triggered over REST, and the files of both copies — the checkpoint
 * storage's and the TaskManagers' local ones (docs/checkpoints.md, "Task-local recovery").
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { waitFor } from "../support/wait.js";
import { getJson, startJobManager, type JobManagerProcess } from "../cluster/support/processes.js";

/** Every wait of these tests: processes on a loaded 2-core machine can take long; this is a bound. */
export const GENEROUS_MS = 120_000;

export function startLocalRecoveryJobManager(checkpoints: string, config: Record<string, string> = {}): Promise<JobManagerProcess> {
  return startJobManager({ "execution.checkpointing.dir": checkpoints, "state.backend.local-recovery": "true", ...config });
}

interface CheckpointsJson {
  counts: { completed: number; restored: number };
  latest: { completed: { id: number; external_path: string } | null; restored: { id: number } | null };
}

export function checkpointStats(restUrl: string, jobId: string): Promise<CheckpointsJson> {
  return getJson<CheckpointsJson>(restUrl, `/jobs/${jobId}/checkpoints`);
}

/** Triggers a checkpoint over REST and waits until a newer one than before has completed; returns its id. */
export async function checkpointNow(restUrl: string, jobId: string): Promise<number> {
  const before = (await checkpointStats(restUrl, jobId)).latest.completed?.id ?? 0;
  const res = await fetch(new URL(`/jobs/${jobId}/checkpoints`, restUrl), { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  if (res.status !== 202) throw new Error(`triggering a checkpoint: ${res.status} ${await res.text()}`);
  let id = 0;
  await waitFor(async () => (id = (await checkpointStats(restUrl, jobId)).latest.completed?.id ?? 0) > before, "the triggered checkpoint to complete", GENEROUS_MS, 100);
  return id;
}

/** The state files of checkpoint `id` in the checkpoint storage (`<dir>/<job>/chk-<id>/*.state`). */
export function remoteStateFiles(checkpoints: string, jobId: string, id: number): string[] {
  const dir = join(checkpoints, jobId, `chk-${id}`);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".state"))
    .map((f) => join(dir, f));
}

/** Every local copy under a TaskManager's root: `…/vtx_<v>_sti_<n>/chk_<id>/state`, with its checkpoint id. */
export function localCopies(root: string): Array<{ file: string; task: string; checkpointId: number }> {
  const found: Array<{ file: string; task: string; checkpointId: number }> = [];
  const walk = (dir: string, task: string): void => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir)) {
      const path = join(dir, e);
      const chk = /^chk_(\d+)$/.exec(e);
      if (chk && existsSync(join(path, "state"))) found.push({ file: join(path, "state"), task, checkpointId: Number(chk[1]) });
      else if (statSync(path).isDirectory()) walk(path, e.startsWith("vtx_") ? e : task);
    }
  };
  walk(root, "");
  return found;
}

/**
 * Damages a state file without changing its size (so only a checksum can tell): its last 16 bytes, in
 * the serialized state that follows the SHA-256 (and a local copy's header naming what it copies), inverted.
 */
export function flipBytes(file: string): void {
  const bytes = readFileSync(file);
  for (let i = Math.max(0, bytes.length - 16); i < bytes.length; i++) bytes[i] = bytes[i]! ^ 0xff;
  writeFileSync(file, bytes);
}

/** The `restoredLocally` gauge of every subtask of every vertex of the job ("1" / "0"; absent: not restored). */
export async function restoredLocallyGauges(restUrl: string, jobId: string): Promise<string[]> {
  const job = await getJson<{ vertices: Array<{ id: string; parallelism: number }> }>(restUrl, `/jobs/${jobId}`);
  const values: string[] = [];
  for (const v of job.vertices) {
    const metrics = await getJson<Array<{ id: string; value?: string }>>(restUrl, `/jobs/${jobId}/vertices/${v.id}/metrics?get=${[...Array(v.parallelism).keys()].map((i) => `${i}.restoredLocally`).join(",")}`);
    for (let i = 0; i < v.parallelism; i++) values.push(metrics.find((m) => m.id === `${i}.restoredLocally`)?.value ?? "absent");
  }
  return values;
}

/** `restored_locally` of every subtask of every vertex in checkpoint `id`'s statistics (REST; from the tasks' acknowledgements). */
export async function restoredLocallyInStatistics(restUrl: string, jobId: string, id: number): Promise<Array<boolean | undefined>> {
  const job = await getJson<{ vertices: Array<{ id: string }> }>(restUrl, `/jobs/${jobId}`);
  const flags: Array<boolean | undefined> = [];
  for (const v of job.vertices) {
    const details = await getJson<{ subtasks: Array<{ restored_locally?: boolean }> }>(restUrl, `/jobs/${jobId}/checkpoints/details/${id}/subtasks/${v.id}`);
    flags.push(...details.subtasks.map((s) => s.restored_locally));
  }
  return flags;
}

/** How many tasks (subtasks of all vertices) the job has. */
export async function taskCount(restUrl: string, jobId: string): Promise<number> {
  const job = await getJson<{ vertices: Array<{ parallelism: number }> }>(restUrl, `/jobs/${jobId}`);
  return job.vertices.reduce((n, v) => n + v.parallelism, 0);
}

/** Waits until every subtask of the job runs in attempt `attempt` (or a later one). */
export async function waitForAttempt(restUrl: string, jobId: string, attempt: number): Promise<void> {
  await waitFor(
    async () => {
      const job = await getJson<{ state: string; vertices: Array<{ id: string }> }>(restUrl, `/jobs/${jobId}`);
      if (job.state !== "RUNNING") return false;
      for (const v of job.vertices) {
        const d = await getJson<{ subtasks: Array<{ status: string; attempt: number }> }>(restUrl, `/jobs/${jobId}/vertices/${v.id}`);
        if (!d.subtasks.every((s) => s.status === "RUNNING" && s.attempt >= attempt)) return false;
      }
      return true;
    },
    `every subtask running in attempt ${attempt}`,
    GENEROUS_MS,
    100,
  );
}
