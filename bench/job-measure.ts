/** One bench job run on its own MiniCluster, measured: shared by the metrics benchmarks. */
import { runJob } from "../src/client/job-runner.js";
import { benchJob, perSecond } from "./support.js";

/** Operator I/O metrics off (docs/metrics.md, "Cost"); the default config has them on. */
export const METRICS_OFF = { "metrics.operator-io.enabled": "false" };

export interface JobRun {
  /** records per second, submit to FINISHED */
  rate: number;
  /** CPU time of this process (every thread) per record, ns */
  cpuNs: number;
}

export async function measureJob(job: string, n: number, parallelism: number, config: Record<string, string>): Promise<JobRun> {
  const cpu = process.cpuUsage();
  const r = await runJob(benchJob(job), { args: [String(n), String(parallelism)], config });
  const used = process.cpuUsage(cpu);
  if (r.state !== "FINISHED") throw new Error(`${job}: ${r.state} ${r.failure?.message ?? ""}`);
  return { rate: perSecond(n, r.endTime - r.startTime), cpuNs: ((used.user + used.system) * 1000) / n };
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
