/**
 * The file systems of this process (or worker thread), by URI scheme (docs/architecture.md, "File
 * systems"), like Flink's FileSystem.initialize: each process configures them once from its
 * configuration (the `s3.*` keys), and every component asks `fileSystemFor(uri)`. A slot's worker
 * thread gets its TaskManager's file system settings with its init message.
 */
import type { Configuration } from "../config/configuration.js";
import { readOption } from "../config/config-option.js";
import { MalformedUriError, parseS3Uri } from "./s3/s3-uri.js";
import { FileSystemError } from "./file-system-errors.js";
import type { FileSystem } from "./file-system.js";
import { LocalFileSystem } from "./local/local-file-system.js";
import { MemoryFileSystem } from "./memory/memory-file-system.js";
import { localPath } from "./local/local-path.js";
import { S3FileSystem, type S3Settings } from "./s3/s3-file-system.js";
import { S3Options } from "./s3/s3-options.js";

const local = new LocalFileSystem();
const memory = new MemoryFileSystem();
let s3Settings: S3Settings | undefined;
let s3: S3FileSystem | undefined;

/** The file system settings of a configuration: what a worker thread needs to reach the same storage. */
export function fileSystemSettings(config: Readonly<Configuration>): S3Settings {
  const endpoint = readOption(config, S3Options.ENDPOINT);
  if (endpoint !== undefined && !/^https?:\/\/[^/\s]+/.test(endpoint)) {
    throw new FileSystemError(`s3.endpoint must be an http:// or https:// URL, got "${endpoint}"`);
  }
  return {
    endpoint: endpoint || undefined,
    pathStyleAccess: readOption(config, S3Options.PATH_STYLE_ACCESS),
    accessKey: readOption(config, S3Options.ACCESS_KEY) || undefined,
    secretKey: readOption(config, S3Options.SECRET_KEY) || undefined,
    region: readOption(config, S3Options.REGION) || undefined,
    minPartSize: readOption(config, S3Options.MIN_PART_SIZE),
    maxRetries: readOption(config, S3Options.MAX_RETRIES),
  };
}

/** Sets the settings of this process's S3 file system (a client is made on first use). */
export function configureFileSystems(settings: S3Settings | Readonly<Configuration>): void {
  const next = "pathStyleAccess" in settings && typeof settings.pathStyleAccess === "boolean" ? (settings as S3Settings) : fileSystemSettings(settings as Configuration);
  if (s3Settings && JSON.stringify(next) === JSON.stringify(s3Settings)) return;
  s3Settings = next;
  const old = s3;
  s3 = undefined;
  void old?.close();
}

/** A configured location as used in storage: local paths made absolute (file:// dropped), URIs as they are. */
export function storageLocation(base: string): string {
  return fileSystemFor(base).scheme === "file" ? localPath(base) : base.replace(/\/+$/, "");
}

/** The settings this process's file systems use (what its slot workers are given). */
export function currentFileSystemSettings(): S3Settings {
  return (s3Settings ??= fileSystemSettings({}));
}

/** The scheme of a URI; a path without one is "file". */
export function schemeOf(uri: string): string {
  const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(uri);
  if (m) return m[1]!.toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri) && !/^[a-z]:[\\/]/i.test(uri)) throw new MalformedUriError(`"${uri}" is not a path or URI: expected /path, file:///path or s3://<bucket>/<path>`);
  return "file";
}

export function fileSystemFor(uri: string): FileSystem {
  switch (schemeOf(uri)) {
    case "file":
      return local;
    case "memory":
      return memory;
    case "s3":
    case "s3a":
      return (s3 ??= new S3FileSystem(s3Settings ?? fileSystemSettings({})));
    default:
      throw new MalformedUriError(`"${uri}": no file system for this scheme; use a path, file:// or s3:// (memory:// in tests)`);
  }
}

/**
 * Checks the form of a configured location before anything is written to it, so that a typo fails
 * at once with the setting named: `key` is the option (or request field) it came from.
 */
export function checkLocation(uri: string, key: string): void {
  try {
    if (fileSystemFor(uri).scheme === "s3") parseS3Uri(uri);
  } catch (error) {
    throw new FileSystemError(`${key}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Reaches a configured location (lists it): a wrong endpoint, wrong credentials or a missing bucket
 * fail here with the setting named, instead of at the first checkpoint.
 */
export async function probeLocation(uri: string, key: string): Promise<void> {
  checkLocation(uri, key);
  const fs = fileSystemFor(uri);
  if (fs.scheme !== "s3") return;
  try {
    await fs.stat(`${uri.replace(/\/+$/, "")}/.probe`);
  } catch (error) {
    throw new FileSystemError(`${key}: ${(error as Error).message}`, { cause: error });
  }
}
