/** What the metrics tests share: the job of test/jobs/metrics/ on a real-process cluster, and REST reads. */
import { runJob, type RunResult } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { testJob } from "../support/paths.js";
import { getJson } from "../cluster/support/processes.js";

export const METRICS_JOB = testJob("metrics/metrics-job.ts");

export interface RunningMetricsJob {
  jobId: string;
  /** Vertex ids by name: "Numbers -> Count evens" and "Sum per key -> Sink". */
  source: string;
  sink: string;
  result: Promise<RunResult>;
}

/** Submits the metrics job (args as in test/jobs/metrics/metrics-job.ts) and waits until its vertices are known. */
export async function startMetricsJob(client: RestClusterClient, restUrl: string, args: string[]): Promise<RunningMetricsJob> {
  let submitted!: (id: string) => void;
  const id = new Promise<string>((resolve) => (submitted = resolve));
  const result = runJob(METRICS_JOB, { client, args, onSubmitted: (j) => submitted(j) });
  const jobId = await Promise.race([id, result.then((r) => Promise.reject(new Error(`job ended at once: ${r.state} ${r.failure?.message ?? ""}`)))]);
  const job = await getJson<{ vertices: { id: string; name: string }[] }>(restUrl, `/jobs/${jobId}`);
  const byName = (name: string): string => {
    const v = job.vertices.find((x) => x.name === name);
    if (!v) throw new Error(`no vertex "${name}" in ${job.vertices.map((x) => x.name).join(", ")}`);
    return v.id;
  };
  return { jobId, source: byName("Numbers -> Count evens"), sink: byName("Sum per key -> Sink"), result };
}

/** `{id, value}` answers as a map of numbers. */
export async function metricValues(restUrl: string, path: string, names: string[]): Promise<Map<string, number>> {
  const list = await getJson<{ id: string; value: string }[]>(restUrl, `${path}?get=${names.map(encodeURIComponent).join(",")}`);
  return new Map(list.map((m) => [m.id, Number(m.value)]));
}

/** Records the source's subtask `k` of `parallelism` emits for values 0..count-1 (i % parallelism == k). */
export function recordsOfSubtask(count: number, k: number, parallelism = 2): number {
  return Math.max(0, Math.ceil((count - k) / parallelism));
}

/** Even values among 0..count-1: the user counter's reference. */
export const evenValues = (count: number): number => Math.ceil(count / 2);
