/** Plain-text tables for the CLI: aligned columns, a header, nothing else. */
export function formatTable(header, rows) {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    const line = (cells) => cells
        .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
        .join("  ")
        .trimEnd();
    return [line(header), ...rows.map(line)].join("\n") + "\n";
}
export function formatDuration(ms) {
    if (ms < 0)
        return "-";
    const s = Math.floor(ms / 1000);
    if (s < 60)
        return `${(ms / 1000).toFixed(1)} s`;
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return h > 0 ? `${h} h ${m} min` : `${m} min ${s % 60} s`;
}
export function formatTime(ms) {
    if (ms <= 0)
        return "-";
    const d = new Date(ms);
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
//# sourceMappingURL=table.js.map