/**
 * A small uPlot line chart over time. uPlot draws on a canvas and is updated in place with
 * setData (no re-creation per poll); it is re-created only when the set of series changes.
 */
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface ChartSeries {
  label: string;
  colour: string;
}

const HEIGHT = 170;
/** Tick steps of the time axis, in seconds: whole seconds, so that no two ticks read the same. */
const WHOLE_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];

export function TimeChart({ title, series, data, unit, maxY, testId }: { title: string; series: ChartSeries[]; data: uPlot.AlignedData; unit: string; /** A fixed top, e.g. 100 for percentages. */ maxY?: number; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const seriesKey = series.map((s) => s.label).join("|");

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, min, max) => (maxY !== undefined ? [0, maxY] : [Math.min(0, min), Math.max(1, max * 1.1)]) } },
      axes: [
        { stroke: "#5b6b7c", grid: { stroke: "#eef1f5" }, space: 70, incrs: WHOLE_SECONDS, values: (_u, splits) => splits.map(clock) },
        { stroke: "#5b6b7c", grid: { stroke: "#eef1f5" }, size: 60, values: (_u, vals) => vals.map((v) => `${shortNumber(v)}${unit}`) },
      ],
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.colour, width: 1.6, points: { show: false } }))],
    };
    const u = new uPlot(opts, data, el);
    plot.current = u;
    // Follow the width of the page (the sidebar and window may change it).
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = undefined;
    };
    // Data updates go through setData below; only a new set of series needs a new chart.
  }, [seriesKey, unit, maxY]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return (
    <div className="chart" data-testid={testId}>
      <div className="chart-title">{title}</div>
      <div ref={box} />
    </div>
  );
}

/** Axis labels as wall-clock time: samples are seconds apart, so dates would only add noise. */
function clock(seconds: number): string {
  const d = new Date(seconds * 1000);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((x) => String(x).padStart(2, "0")).join(":");
}

function shortNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${+(v / 1e9).toFixed(1)}G`;
  if (a >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${+(v / 1e3).toFixed(1)}K`;
  return String(+v.toFixed(2));
}
