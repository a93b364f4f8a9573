/**
 * Live values of named metrics from one of Flink's metrics endpoints (`?get=a,b` answers
 * `[{id, value}]`), with their history kept in the browser for charts, as Flink's dashboard does: one
 * point per poll, the last few minutes. Values Flink sends as strings are read as numbers; a metric
 * the server does not know is simply absent from the answer (Flink ignores unknown names).
 */
import { useRef } from "react";
import type uPlot from "uplot";
import { usePoll } from "./use-poll";

const KEEP = 300;

export interface MetricValue {
  id: string;
  value?: string | number;
}

export interface MetricSeries {
  /** The newest value of each metric that has one. */
  latest: Map<string, number>;
  /** [time s, values of each metric…] for TimeChart, values multiplied by `scale` (e.g. bytes to MiB). */
  series(ids: readonly string[], scale?: number): uPlot.AlignedData;
  error: Error | undefined;
}

export function useMetricSeries(load: (get: string) => Promise<MetricValue[]>, ids: readonly string[], key: string): MetricSeries {
  const store = useRef<{ key: string; times: number[]; values: Map<string, (number | null)[]> }>({ key: "", times: [], values: new Map() });
  if (store.current.key !== key) store.current = { key, times: [], values: new Map() };
  const get = ids.join(",");
  const polled = usePoll(
    async () => {
      if (!ids.length) return [];
      const answer = await load(get);
      const s = store.current;
      const byId = new Map(answer.map((m) => [m.id, Number(m.value)]));
      s.times.push(Date.now() / 1000);
      for (const id of ids) {
        let column = s.values.get(id);
        if (!column) s.values.set(id, (column = s.times.slice(0, -1).map(() => null)));
        const v = byId.get(id);
        column.push(v === undefined || Number.isNaN(v) ? null : v);
      }
      if (s.times.length > KEEP) {
        const drop = s.times.length - KEEP;
        s.times.splice(0, drop);
        for (const column of s.values.values()) column.splice(0, drop);
      }
      return answer;
    },
    `${key}|${get}`,
  );
  const latest = new Map<string, number>();
  for (const m of polled.data ?? []) {
    const v = Number(m.value);
    if (!Number.isNaN(v)) latest.set(m.id, v);
  }
  return {
    latest,
    series: (wanted, scale = 1) => {
      const s = store.current;
      const columns = wanted.map((id) => {
        const column = s.values.get(id) ?? [];
        // A metric picked later has gaps before it was picked.
        const padded = [...s.times.slice(column.length).map(() => null), ...column].slice(-s.times.length);
        return scale === 1 ? padded : padded.map((v) => (v === null ? null : v * scale));
      });
      return [s.times.slice(), ...columns] as uPlot.AlignedData;
    },
    error: polled.error,
  };
}
