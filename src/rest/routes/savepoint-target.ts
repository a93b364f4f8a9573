/**
 * Savepoint paths from requests are used only inside configured roots: otherwise anyone
 * allowed to trigger a savepoint could make the cluster write files anywhere it may, and anyone
 * allowed to start a job could make it read any file as "savepoint state". Roots are the
 * Dispatcher's savepoint (and, for restores, checkpoint) directories plus rest.savepoints.allowed-roots.
 */
import { existsSync, realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, resolve } from "node:path";
import { badRequest } from "../route.js";
import { isInside } from "../../util/contained-path.js";
import { isRemoteUri } from "../../fs/file-system.js";
import { checkLocation } from "../../fs/file-systems.js";

/** The real path of `path`, following links on its nearest existing ancestor (the target may not exist yet). */
function realOrNearest(path: string): string {
  const rest: string[] = [];
  let p = path;
  while (!existsSync(p)) {
    const parent = dirname(p);
    if (parent === p) return path;
    rest.unshift(basename(p));
    p = parent;
  }
  return resolve(realpathSync(p), ...rest);
}

/** undefined for an absent path (the Dispatcher's default applies); otherwise the resolved path inside a root. */
export function resolveInsideRoots(target: string | null | undefined, roots: readonly string[], field: string): string | undefined {
  if (target === null || target === undefined || target === "") return undefined;
  if (isRemoteUri(target)) return remoteInsideRoots(target, roots, field);
  const path = target.replace(/^file:\/\//, "");
  if (path.includes("\0") || !isAbsolute(path)) throw badRequest(`${field}: must be an absolute path`);
  const wanted = realOrNearest(resolve(path));
  for (const root of roots.filter((r) => !isRemoteUri(r))) {
    const realRoot = realOrNearest(root);
    if (wanted === realRoot || isInside(realRoot, wanted)) return wanted;
  }
  throw badRequest(`${field}: ${target.slice(0, 500)} is outside the allowed directories (${roots.join(", ")}; more with rest.savepoints.allowed-roots)`);
}

/** An object store URI (s3://…) inside a root of the same store: a prefix match on whole path segments. */
function remoteInsideRoots(target: string, roots: readonly string[], field: string): string {
  try {
    checkLocation(target, field);
  } catch (e) {
    throw badRequest((e as Error).message);
  }
  const wanted = target.replace(/\/+$/, "");
  if (wanted.split("/").some((s) => s === ".." || s === ".")) throw badRequest(`${field}: must not contain "." or ".." segments`);
  for (const root of roots.filter(isRemoteUri).map((r) => r.replace(/\/+$/, ""))) {
    if (wanted === root || wanted.startsWith(`${root}/`)) return wanted;
  }
  throw badRequest(`${field}: ${target.slice(0, 500)} is outside the allowed directories (${roots.join(", ")}; more with rest.savepoints.allowed-roots)`);
}
