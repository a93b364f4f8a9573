/**
 * Serves the dashboard's built files (web/dist) on the REST port: `/` is its index.html, other
 * paths are files inside the directory, resolved with the same containment rules as every other
 * request-supplied path.
 */
import { createReadStream, statSync } from "node:fs";
import { extname } from "node:path";
import type { Readable } from "node:stream";
import { resolveInside } from "./contained-path.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".map": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

export interface StaticFile {
  stream: Readable;
  contentType: string;
  length: number;
}

export function staticFile(webDir: string | undefined, pathname: string): StaticFile | undefined {
  if (!webDir) return undefined;
  const rel = pathname === "/" ? "index.html" : pathname.replace(/^\/+/, "");
  const file = resolveInside(webDir, rel, true);
  if (!file) return undefined;
  return {
    stream: createReadStream(file),
    contentType: TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
    length: statSync(file).size,
  };
}
