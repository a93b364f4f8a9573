/**
 * A process's logs (docs/architecture.md, "Logs"): the files of its log directory (env.log.dir),
 * its main log and its stdout file, plus the in-memory LogBuffer as "<process>.log" when no such
 * file exists (the embedded cluster logs to memory only). The JobManager's REST endpoint serves its
 * own; a TaskManager's are read through its gateway (`tail`), so they stay readable remotely. A
 * requested name is resolved strictly inside the directory.
 */
import { closeSync, createReadStream, openSync, readdirSync, readSync, realpathSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { Readable } from "node:stream";
import type { LogBuffer } from "../../util/logger.js";
import { readOption } from "../../config/config-option.js";
import { ProcessOptions } from "../process-options.js";
import { SAFE_FILE_NAME, resolveInside } from "../../util/contained-path.js";

export const MEMORY_LOG_NAME = "jobmanager.log";
const SAFE = new RegExp(SAFE_FILE_NAME);

export interface LogFileInfo {
  name: string;
  size: number;
  mtime: number;
}

export type LogContent = { text: string } | { stream: Readable; length: number };

/** The end of a log as text, for answers that travel over RPC (bounded by the frame size). */
export interface LogTail {
  text: string;
  /** Bytes before `text` that were left out (0: the whole log). */
  omittedBytes: number;
}

export interface LogFilesOptions {
  /** The directory listed (env.log.dir). */
  dir?: string;
  /** The in-memory log, served as `memoryName` when no file of that name exists. */
  buffer?: LogBuffer;
  memoryName?: string;
  /** The process's main log and stdout files, when they are files (served as /log and /stdout). */
  mainFile?: string;
  stdoutFile?: string;
}

export class LogFiles {
  private readonly dir: string | undefined;
  private readonly memoryName: string;

  constructor(
    dir: string | undefined,
    private readonly buffer: LogBuffer | undefined,
    private readonly options: Omit<LogFilesOptions, "dir" | "buffer"> = {},
  ) {
    this.dir = dir;
    this.memoryName = options.memoryName ?? MEMORY_LOG_NAME;
  }

  /** The main log and stdout files by name, when they lie outside the listed directory. */
  private outside(): Map<string, string> {
    const out = new Map<string, string>();
    for (const f of [this.options.mainFile, this.options.stdoutFile]) {
      if (f && (!this.dir || resolveInside(this.dir, basename(f)) !== realOrSelf(f))) out.set(basename(f), f);
    }
    return out;
  }

  /** The file of a log name: inside the directory, or the main log / stdout file. */
  private fileOf(name: string): string | undefined {
    return (this.dir ? resolveInside(this.dir, name) : undefined) ?? this.outside().get(name);
  }

  list(): LogFileInfo[] {
    const files: LogFileInfo[] = [];
    for (const [name, file] of this.outside()) {
      try {
        const st = statSync(file);
        files.push({ name, size: st.size, mtime: Math.trunc(st.mtimeMs) });
      } catch {
        // Rotated away or deleted: not listed.
      }
    }
    if (this.dir) {
      let names: string[] = [];
      try {
        names = readdirSync(this.dir);
      } catch {
        // A missing log directory simply has no files.
      }
      for (const name of names.sort()) {
        if (!SAFE.test(name)) continue;
        const file = resolveInside(this.dir, name);
        if (!file) continue;
        const st = statSync(file);
        files.push({ name, size: st.size, mtime: Math.trunc(st.mtimeMs) });
      }
    }
    if (this.buffer && !files.some((f) => f.name === this.memoryName)) {
      const text = this.memoryLog();
      files.unshift({ name: this.memoryName, size: Buffer.byteLength(text), mtime: Date.now() });
    }
    return files;
  }

  /** The content of a log by name, or undefined when there is no such log inside the directory. */
  open(name: string): LogContent | undefined {
    const file = this.fileOf(name);
    if (file) return { stream: createReadStream(file), length: statSync(file).size };
    if (name === this.memoryName && this.buffer) return { text: this.memoryLog() };
    return undefined;
  }

  /** The main log (/jobmanager/log, /taskmanagers/:id/log): the main file, else the memory log. */
  main(): LogContent {
    const name = this.options.mainFile ? basename(this.options.mainFile) : this.memoryName;
    return this.open(name) ?? this.open(this.memoryName) ?? { text: "" };
  }

  /** What the process wrote to stdout, when that is a file; undefined otherwise. */
  stdout(): LogContent | undefined {
    return this.options.stdoutFile ? this.open(basename(this.options.stdoutFile)) : undefined;
  }

  /** The last `maxBytes` of a log (by name, or the main log / stdout), as text. */
  tail(which: LogRequest, maxBytes: number): LogTail | undefined {
    const name = "file" in which ? which.file : which.main === "log" ? (this.options.mainFile ? basename(this.options.mainFile) : this.memoryName) : this.options.stdoutFile && basename(this.options.stdoutFile);
    if (!name) return undefined;
    const file = this.fileOf(name);
    if (file) return readTail(file, maxBytes);
    if (name === this.memoryName && this.buffer) {
      const bytes = Buffer.from(this.memoryLog());
      const start = Math.max(0, bytes.length - maxBytes);
      return { text: bytes.subarray(start).toString("utf8"), omittedBytes: start };
    }
    return undefined;
  }

  private memoryLog(): string {
    const lines = this.buffer?.lines() ?? [];
    return lines.length ? lines.join("\n") + "\n" : "";
  }
}

/** A log asked for by file name, or the process's main log or stdout. */
export type LogRequest = { file: string } | { main: "log" | "stdout" };

function realOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

function readTail(file: string, maxBytes: number): LogTail {
  const size = statSync(file).size;
  const start = Math.max(0, size - maxBytes);
  const buffer = Buffer.alloc(size - start);
  const fd = openSync(file, "r");
  try {
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, start + read);
      if (n === 0) break;
      read += n;
    }
    return { text: buffer.subarray(0, read).toString("utf8"), omittedBytes: start };
  } finally {
    closeSync(fd);
  }
}

export function logDirOf(config: Readonly<Record<string, string>>): string | undefined {
  const dir = readOption(config, ProcessOptions.LOG_DIR);
  return dir ? join(dir) : undefined;
}
