/**
 * A small history router. Pages live under /web/… because the REST API owns Flink's paths
 * (/overview, /jobs/:jobid, …) on the same port: a page at /jobs/<id> would be the JSON of that job
 * when reloaded. The server answers any GET under /web/ with index.html (SPA fallback).
 */
import { useEffect, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from "react";

export const BASE = "/web";

const listeners = new Set<() => void>();
const notify = (): void => listeners.forEach((l) => l());
window.addEventListener("popstate", notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current page path without the /web prefix, e.g. "/jobs/abc/checkpoints". */
export function usePath(): string {
  const pathname = useSyncExternalStore(subscribe, () => location.pathname);
  return pathname.startsWith(BASE) ? pathname.slice(BASE.length) || "/" : pathname;
}

export function href(path: string): string {
  return BASE + path;
}

export function navigate(path: string, replace = false): void {
  const target = href(path);
  if (target === location.pathname) return;
  if (replace) history.replaceState(null, "", target);
  else history.pushState(null, "", target);
  window.scrollTo(0, 0);
  notify();
}

/** Matches "/jobs/:jobid/:tab?" style patterns; returns the parameters or undefined. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split("/").filter(Boolean);
  const s = path.split("/").filter(Boolean);
  if (s.length > p.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    if (i >= s.length) {
      if (seg.endsWith("?")) continue;
      return undefined;
    }
    if (!seg.startsWith(":")) {
      if (seg !== s[i]) return undefined;
      continue;
    }
    try {
      params[seg.replace(/^:|\?$/g, "")] = decodeURIComponent(s[i]!);
    } catch {
      return undefined;
    }
  }
  return params;
}

interface LinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  to: string;
  children: ReactNode;
}

/** An anchor that navigates without reloading (and still opens in a new tab with a modifier). */
export function Link({ to, children, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={href(to)} onClick={handle} {...rest}>
      {children}
    </a>
  );
}

/** Replaces the location (e.g. "/" → "/web/overview") once rendered. */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, true), [to]);
  return null;
}
