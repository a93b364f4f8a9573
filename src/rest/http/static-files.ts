/**
 * Serves the dashboard's built files (web/dist) on the REST port. The dashboard's pages live under
 * /web/ (the API owns Flink's paths such as /jobs/:jobid), and every GET there, like `/`, is its
 * index.html: the single-page app reads the address itself (SPA fallback). Other paths are files
 * inside the directory, resolved with the same containment rules as every other request-supplied
 * path; a missing asset is a 404, never index.html, so a stale page fails loudly instead of
 * running HTML as a script.
 */
import { createReadStream, statSync } from "node:fs";
import { extname } from "node:path";
import type { Readable } from "node:stream";
import { resolveInside } from "../../util/contained-path.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".map": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/** The prefix of the dashboard's page addresses (web/src/router.tsx). */
export const DASHBOARD_PREFIX = "/web";

/**
 * The dashboard page itself: scripts only from this server, no framing (its buttons cancel jobs, so
 * no other site may overlay them), requests only to this server. Inline styles are allowed because
 * the graph and chart libraries position elements with style attributes.
 */
const PAGE_HEADERS = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  // Always revalidate the page, so a new build's asset names are picked up at once.
  "cache-control": "no-cache",
};

export interface StaticFile {
  stream: Readable;
  contentType: string;
  length: number;
  headers: Record<string, string>;
}

function isDashboardPage(pathname: string): boolean {
  return pathname === "/" || pathname === DASHBOARD_PREFIX || pathname.startsWith(`${DASHBOARD_PREFIX}/`);
}

export function staticFile(webDir: string | undefined, pathname: string): StaticFile | undefined {
  if (!webDir) return undefined;
  const rel = isDashboardPage(pathname) ? "index.html" : pathname.replace(/^\/+/, "");
  const file = resolveInside(webDir, rel, true);
  if (!file) return undefined;
  const contentType = TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
  // Vite names built assets by content hash: they never change, so browsers may keep them.
  const headers = rel === "index.html" ? PAGE_HEADERS : rel.startsWith("assets/") ? { "cache-control": "public, max-age=31536000, immutable" } : { "cache-control": "no-cache" };
  return { stream: createReadStream(file), contentType, length: statSync(file).size, headers };
}
