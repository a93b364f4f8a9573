/** A labelled number on the overview. */
import type { ReactNode } from "react";

export function StatCard({ label, value, tone, testId }: { label: string; value: ReactNode; tone?: string; testId?: string }) {
  return (
    <div className={`stat-card ${tone ? `tone-${tone}` : ""}`} data-testid={testId}>
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
