/**
 * What every long-running cluster process does around its components: structured logs to stderr
 * (and a buffer the REST API serves), a pid file that exists exactly while the process runs, and a
 * clean shutdown on SIGTERM or SIGINT: components closed (tasks cancelled, sockets closed), pid file
 * removed, exit code 0. A second signal, or a shutdown that hangs, exits at once.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { LogBuffer, Logger, formatLogRecord, teeSinks } from "../../util/logger.js";
import { ConfigurationError } from "../../config/configuration.js";
const LEVELS = ["debug", "info", "warn", "error"];
export function processLogger(config) {
    const level = (config["log.level"] ?? "info").toLowerCase();
    if (!LEVELS.includes(level))
        throw new ConfigurationError(`log.level must be one of ${LEVELS.join(", ")}, got "${config["log.level"]}"`);
    const logs = new LogBuffer();
    const stderr = (r) => void process.stderr.write(formatLogRecord(r) + "\n");
    return { logger: new Logger(teeSinks(stderr, logs.sink), "sluice", level), logs };
}
/** True when a process with this pid exists (signal 0 only checks). */
export function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (e) {
        return e.code === "EPERM";
    }
}
export function readPid(file) {
    try {
        const pid = Number(readFileSync(file, "utf8").trim());
        return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    }
    catch {
        return undefined;
    }
}
/** Writes the pid file, refusing when it names another live process (the same one started twice). */
export function writePidFile(file) {
    const existing = readPid(file);
    if (existing !== undefined && existing !== process.pid && isAlive(existing)) {
        throw new ConfigurationError(`pid file ${file} names running process ${existing}; stop it first`);
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${process.pid}\n`);
}
/** Installs the signal handlers and the pid file; returns a function that shuts down with an exit code. */
export function manageProcess(options) {
    const log = options.logger.child(options.name);
    const removePid = () => {
        if (options.pidFile && readPid(options.pidFile) === process.pid)
            rmSync(options.pidFile, { force: true });
    };
    if (options.pidFile)
        writePidFile(options.pidFile);
    // Last resort: whatever ends the process (an uncaught error included) removes the pid file.
    process.on("exit", removePid);
    let shuttingDown = false;
    const shutdown = async (exitCode, reason) => {
        if (shuttingDown)
            return;
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
        }
        catch (e) {
            log.error(`error during shutdown: ${e.message}`);
            exitCode ||= 1;
        }
        clearTimeout(timer);
        removePid();
        process.exit(exitCode);
    };
    for (const signal of ["SIGTERM", "SIGINT"]) {
        process.on(signal, () => {
            if (shuttingDown) {
                removePid();
                process.exit(130);
            }
            void shutdown(0, `received ${signal}`);
        });
    }
    return shutdown;
}
//# sourceMappingURL=process-lifecycle.js.map