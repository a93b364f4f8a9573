/**
 * Throughput and backpressure over time for the job page's charts, built in the browser from the
 * polled job details: the REST API reports counters and current rates, and the dashboard keeps the
 * last few minutes of samples (Flink's dashboard charts its metrics the same way, client side).
 */
import { useRef } from "react";
import type uPlot from "uplot";
import type { JobDetails } from "../api/types";

const KEEP = 300;

interface Sample {
  t: number;
  out: Map<string, number>;
  bp: Map<string, number>;
}

export interface History {
  vertexIds: string[];
  names: string[];
  /** [time s, records out/s per vertex…] */
  throughput: uPlot.AlignedData;
  /** [time s, backpressured % per vertex…] */
  backpressure: uPlot.AlignedData;
}

export function useMetricHistory(job: JobDetails | undefined): History | undefined {
  const samples = useRef<{ jobId: string; list: Sample[] }>({ jobId: "", list: [] });
  const cached = useRef<{ now: number; history: History } | undefined>(undefined);
  if (!job) return undefined;
  const store = samples.current;
  if (store.jobId !== job.jid) {
    samples.current = { jobId: job.jid, list: [] };
    cached.current = undefined;
  }
  const list = samples.current.list;
  // One sample per distinct server time: re-renders between polls must not add points.
  if (!list.length || list[list.length - 1]!.t < job.now) {
    list.push({
      t: job.now,
      out: new Map(job.vertices.map((v) => [v.id, v.metrics["write-records"] || v.metrics["read-records"]])),
      bp: new Map(job.vertices.map((v) => [v.id, Math.min(100, v.metrics.backPressuredTimeMsPerSecond / 10)])),
    });
    if (list.length > KEEP) list.splice(0, list.length - KEEP);
  }
  if (cached.current?.now === job.now) return cached.current.history;
  const vertexIds = job.vertices.map((v) => v.id);
  const times: number[] = [];
  const rates: number[][] = vertexIds.map(() => []);
  const bps: number[][] = vertexIds.map(() => []);
  for (let i = 1; i < list.length; i++) {
    const prev = list[i - 1]!;
    const cur = list[i]!;
    const dt = (cur.t - prev.t) / 1000;
    if (dt <= 0) continue;
    times.push(cur.t / 1000);
    vertexIds.forEach((id, k) => {
      // A restart resets counters: show 0 rather than a negative rate.
      rates[k]!.push(Math.max(0, ((cur.out.get(id) ?? 0) - (prev.out.get(id) ?? 0)) / dt));
      bps[k]!.push(cur.bp.get(id) ?? 0);
    });
  }
  const history: History = {
    vertexIds,
    names: job.vertices.map((v) => v.name),
    throughput: [times, ...rates],
    backpressure: [times, ...bps],
  };
  cached.current = { now: job.now, history };
  return history;
}
