/**
 * The JobManager's logs for /jobmanager/logs: the files of its log directory (env.log.dir), plus
 * the in-memory LogBuffer as "jobmanager.log" when no such file exists (the embedded cluster logs
 * to memory only). A requested name is resolved strictly inside the directory.
 */
import { createReadStream, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import type { LogBuffer } from "../../util/logger.js";
import { readOption } from "../../config/config-option.js";
import { ProcessOptions } from "../../cluster/process-options.js";
import { SAFE_FILE_NAME, resolveInside } from "../http/contained-path.js";

export const MEMORY_LOG_NAME = "jobmanager.log";
const SAFE = new RegExp(SAFE_FILE_NAME);

export interface LogFileInfo {
  name: string;
  size: number;
  mtime: number;
}

export type LogContent = { text: string } | { stream: Readable; length: number };

export class LogFiles {
  constructor(
    private readonly dir: string | undefined,
    private readonly buffer: LogBuffer | undefined,
  ) {}

  list(): LogFileInfo[] {
    const files: LogFileInfo[] = [];
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
    if (this.buffer && !files.some((f) => f.name === MEMORY_LOG_NAME)) {
      const text = this.memoryLog();
      files.unshift({ name: MEMORY_LOG_NAME, size: Buffer.byteLength(text), mtime: Date.now() });
    }
    return files;
  }

  /** The content of a log by name, or undefined when there is no such log inside the directory. */
  open(name: string): LogContent | undefined {
    const file = this.dir ? resolveInside(this.dir, name) : undefined;
    if (file) return { stream: createReadStream(file), length: statSync(file).size };
    if (name === MEMORY_LOG_NAME && this.buffer) return { text: this.memoryLog() };
    return undefined;
  }

  /** The main log (/jobmanager/log). */
  main(): LogContent {
    return this.open(MEMORY_LOG_NAME) ?? { text: "" };
  }

  private memoryLog(): string {
    const lines = this.buffer?.lines() ?? [];
    return lines.length ? lines.join("\n") + "\n" : "";
  }
}

export function logDirOf(config: Readonly<Record<string, string>>): string | undefined {
  const dir = readOption(config, ProcessOptions.LOG_DIR);
  return dir ? join(dir) : undefined;
}
