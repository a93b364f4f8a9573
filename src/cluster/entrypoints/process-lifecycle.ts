/**
 * What every long-running cluster process does around its components: structured logs to stderr
 * (and a buffer the REST API serves), a pid file that exists exactly while the process runs, and a
 * clean shutdown on SIGTERM or SIGINT: components closed (tasks cancelled, sockets closed), pid file
 * removed, exit code 0. A second signal, or a shutdown that hangs, exits at once.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { LogBuffer, Logger, formatLogRecord, teeSinks, type LogLevel } from "../../util/logger.js";
import { ConfigurationError, type Configuration } from "../../config/configuration.js";
import { readOption } from "../../config/config-option.js";
import { ProcessOptions } from "../process-options.js";

export function processLogger(config: Configuration): { logger: Logger; logs: LogBuffer } {
  const level: LogLevel = readOption(config, ProcessOptions.LOG_LEVEL);
  const logs = new LogBuffer();
  const stderr = (r: Parameters<LogBuffer["sink"]>[0]): void => void process.stderr.write(formatLogRecord(r) + "\n");
  return { logger: new Logger(teeSinks(stderr, logs.sink), "sluice", level), logs };
}

/** True when a process with this pid exists (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the pid file, refusing when it names another live process (the same one started twice). */
export function writePidFile(file: string): void {
  const existing = readPid(file);
  if (existing !== undefined && existing !== process.pid && isAlive(existing)) {
    throw new ConfigurationError(`pid file ${file} names running process ${existing}; stop it first`);
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${process.pid}\n`);
}

export interface LifecycleOptions {
  name: string;
  logger: Logger;
  pidFile?: string;
  /** Closes the process's components. */
  close: () => Promise<void>;
  /** Bound on close(); default 15 s. */
  shutdownTimeoutMs?: number;
  /** Exit code after a SIGTERM/SIGINT shutdown; default 0 (an application whose job did not end uses 143). */
  signalExitCode?: number;
}

/** Installs the signal handlers and the pid file; returns a function that shuts down with an exit code. */
export function manageProcess(options: LifecycleOptions): (exitCode: number, reason: string) => Promise<void> {
  const log = options.logger.child(options.name);
  const removePid = (): void => {
    if (options.pidFile && readPid(options.pidFile) === process.pid) rmSync(options.pidFile, { force: true });
  };
  if (options.pidFile) writePidFile(options.pidFile);
  // Last resort: whatever ends the process (an uncaught error included) removes the pid file.
  process.on("exit", removePid);
  let shuttingDown = false;
  const shutdown = async (exitCode: number, reason: string): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info(`${reason}: shutting down`);
    const timeoutMs = options.shutdownTimeoutMs ?? 15_000;
    const timer = setTimeout(() => {
      log.error(`shutdown did not finish within ${timeoutMs} ms; exiting`);
      removePid();
      process.exit(exitCode || 1);
    }, timeoutMs);
    try {
      await options.close();
    } catch (e) {
      log.error(`error during shutdown: ${(e as Error).message}`);
      exitCode ||= 1;
    }
    clearTimeout(timer);
    removePid();
    process.exit(exitCode);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (shuttingDown) {
        removePid();
        process.exit(130);
      }
      void shutdown(options.signalExitCode ?? 0, `received ${signal}`);
    });
  }
  return shutdown;
}
