/** A job or task state as a coloured badge (the colours of Flink's dashboard). */
const COLOURS: Record<string, string> = {
  RUNNING: "running",
  FINISHED: "finished",
  FAILED: "failed",
  FAILING: "failed",
  CANCELED: "canceled",
  CANCELLING: "canceling",
  CANCELING: "canceling",
  CREATED: "created",
  SCHEDULED: "created",
  DEPLOYING: "deploying",
  INITIALIZING: "deploying",
  RESTARTING: "deploying",
  SUSPENDED: "canceled",
  RECONCILING: "deploying",
  IN_PROGRESS: "deploying",
  COMPLETED: "finished",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge badge-${COLOURS[status.toUpperCase()] ?? "created"}`} data-status={status}>
      {status}
    </span>
  );
}

/** Task counts per state, as Flink's small coloured boxes; states with no tasks are left out. */
export function TaskCounts({ counts }: { counts: Record<string, number> }) {
  const entries = Object.entries(counts).filter(([state, n]) => n > 0 && state !== "total");
  if (!entries.length) return <span className="muted">–</span>;
  return (
    <span className="task-counts">
      {entries.map(([state, n]) => (
        <span key={state} className={`count-box badge-${COLOURS[state.toUpperCase()] ?? "created"}`} title={`${state.toUpperCase()}: ${n}`}>
          {n}
        </span>
      ))}
    </span>
  );
}
