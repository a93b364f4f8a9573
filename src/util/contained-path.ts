/**
 * Resolving a name from a request inside the directory it belongs to (Flink's log
 * endpoint and jar upload had path traversal CVEs). The name must be a plain file name, the result
 * must stay inside the directory, and so must the real path after symbolic links are followed.
 */
import { realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";

/** A plain file name: no separators, no NUL, not "." or "..", no leading dot (hidden files stay hidden). */
export const SAFE_FILE_NAME = "^[A-Za-z0-9_][A-Za-z0-9._-]{0,254}$";
const SAFE = new RegExp(SAFE_FILE_NAME);

export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) && !rel.split(sep).includes("..");
}

/**
 * Resolves `relativePath` (one name, or several joined by "/" when `nested`) inside `dir`; returns
 * the real path of an existing regular file, or undefined when there is none or it would escape.
 */
export function resolveInside(dir: string, relativePath: string, nested = false): string | undefined {
  const segments = nested ? relativePath.split("/") : [relativePath];
  if (segments.length === 0 || segments.length > 16 || !segments.every((s) => SAFE.test(s))) return undefined;
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    return undefined;
  }
  const candidate = resolve(root, ...segments);
  if (!isInside(root, candidate)) return undefined;
  try {
    const real = realpathSync(candidate);
    if (!isInside(root, real) || !statSync(real).isFile()) return undefined;
    return real;
  } catch {
    return undefined;
  }
}
