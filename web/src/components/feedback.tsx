/** Loading and error states every page shares. */
import type { ReactNode } from "react";
import { ApiError } from "../api/http";

export function ErrorBox({ error }: { error: Error | undefined }) {
  if (!error) return null;
  const lines = error instanceof ApiError ? error.errors : [error.message];
  return (
    <div className="error-box" role="alert">
      {lines.map((l, i) => (
        <div key={i}>{l}</div>
      ))}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return <div className="muted loading">Loading {what}…</div>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}
