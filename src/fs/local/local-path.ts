import { resolve } from "node:path";

/** The local path of a `file://` URI or a path (relative ones against the working directory). */
export function localPath(uri: string): string {
  return resolve(uri.startsWith("file://") ? uri.slice("file://".length) : uri);
}
