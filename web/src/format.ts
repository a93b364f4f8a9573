/** Numbers, sizes, times and durations as the dashboard shows them. */

export function formatCount(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return "–";
  if (Math.abs(n) < 10_000) return String(Math.round(n));
  const units = ["K", "M", "G", "T"];
  let v = n;
  let i = -1;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)} ${units[i]}`;
}

export function formatBytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n) || n < 0) return "–";
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`;
}

/** Flink's convention: -1 (or 0 for "never") means the event has not happened. */
export function formatTime(ms: number | undefined): string {
  if (ms === undefined || ms <= 0) return "–";
  const d = new Date(ms);
  const pad = (x: number, w = 2): string => String(x).padStart(w, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || ms < 0 || !Number.isFinite(ms)) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${(ms / 1000).toFixed(s < 10 ? 1 : 0)} s`;
  const parts: string[] = [];
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  parts.push(`${s % 60}s`);
  return parts.slice(0, 3).join(" ");
}

export function formatPercent(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return "–";
  return `${Math.round(ratio * 100)}%`;
}

/** Flink's Long.MIN_VALUE means "no watermark yet". */
export const NO_WATERMARK = "-9223372036854775808";

export function formatWatermark(value: string | number | undefined): string {
  if (value === undefined || String(value) === NO_WATERMARK) return "No watermark";
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  if (n >= 8.64e15) return "MAX (end of input)";
  return formatTime(n) === "–" ? String(value) : `${formatTime(n)}.${String(((n % 1000) + 1000) % 1000).padStart(3, "0")}`;
}

/** Time of day only, for tables whose rows are seconds apart (checkpoint history). */
export function formatClock(ms: number | undefined): string {
  if (ms === undefined || ms <= 0) return "–";
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((x) => String(x).padStart(2, "0")).join(":");
}

/** A metric's value: integers as counts, fractions with three significant digits. */
export function formatMetricValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return formatCount(v);
  return Math.abs(v) >= 1000 ? formatCount(v) : String(+v.toPrecision(3));
}
