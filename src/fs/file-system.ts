/**
 * File systems behind one interface (docs/architecture.md, "File systems"): everything that writes
 * durable files — checkpoint and savepoint storage, HA storage, the file sink, the file source —
 * names its files by URI and reaches them through a FileSystem, so that `file://` and `s3://` (and a
 * plain absolute path, which is `file://`) work the same. Like Flink's FileSystem, the contract is
 * the common part of a POSIX directory and an object store: whole-file writes that are visible
 * all at once, reads of ranges, listing by prefix, deletion — and no rename, which object stores do
 * not have. What needs "visible only when committed" for data written piece by piece uses a
 * RecoverableWriter (recoverable-writer.ts).
 */
import type { RecoverableWriter } from "./recoverable-writer.js";

export { FileSystemError, FileNotFoundError } from "./file-system-errors.js";

/** A file (object) found by stat or list. */
export interface FileStatus {
  /** The file's full URI, in the same form as the directory it was listed under. */
  readonly uri: string;
  readonly size: number;
}

export interface FileSystem {
  /** "file" or "s3". */
  readonly scheme: string;
  /** Writes the whole file; readers see the old state or all of `data`, never part of it. Creates parent directories. */
  write(uri: string, data: Uint8Array): Promise<void>;
  /** The whole file. Throws FileNotFoundError when it does not exist. */
  read(uri: string): Promise<Buffer>;
  /** Bytes [start, end) of the file (shorter at its end). Throws FileNotFoundError when it does not exist. */
  readRange(uri: string, start: number, end: number): Promise<Buffer>;
  /** The file's status, or undefined when there is no file of that name (a directory is not a file). */
  stat(uri: string): Promise<FileStatus | undefined>;
  /** Every file below `dirUri`, at any depth, sorted by URI. Empty when there is none. */
  list(dirUri: string): Promise<FileStatus[]>;
  /** Deletes one file; no error when it does not exist. */
  delete(uri: string): Promise<void>;
  /** Deletes every file below `dirUri` (and the directory); no error when there is none. */
  deleteRecursive(dirUri: string): Promise<void>;
  /** Writes whose data becomes visible only when committed (the file sink's transactions). */
  recoverableWriter(): RecoverableWriter;
  /** Releases connections. */
  close(): Promise<void>;
}

/** `base` and path segments joined with single slashes, for file paths and object URIs alike. */
export function joinUri(base: string, ...segments: string[]): string {
  let out = base.replace(/\/+$/, "");
  for (const s of segments) {
    const part = s.replace(/^\/+|\/+$/g, "");
    if (part) out += `/${part}`;
  }
  return out;
}

/** The last path segment of a URI. */
export function baseName(uri: string): string {
  const trimmed = uri.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** The URI without its last path segment. */
export function parentUri(uri: string): string {
  const trimmed = uri.replace(/\/+$/, "");
  const i = trimmed.lastIndexOf("/");
  return i <= 0 ? trimmed : trimmed.slice(0, i);
}

/** True when `uri` names a remote object store rather than a local path. */
export function isRemoteUri(uri: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(uri) && !uri.startsWith("file://");
}
