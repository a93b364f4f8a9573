import { LogBuffer, Logger } from "../../util/logger.js";
import { type Configuration } from "../../config/configuration.js";
export declare function processLogger(config: Configuration): {
    logger: Logger;
    logs: LogBuffer;
};
/** True when a process with this pid exists (signal 0 only checks). */
export declare function isAlive(pid: number): boolean;
export declare function readPid(file: string): number | undefined;
/** Writes the pid file, refusing when it names another live process (the same one started twice). */
export declare function writePidFile(file: string): void;
export interface LifecycleOptions {
    name: string;
    logger: Logger;
    pidFile?: string;
    /** Closes the process's components. */
    close: () => Promise<void>;
    /** Bound on close(); default 15 s. */
    shutdownTimeoutMs?: number;
}
/** Installs the signal handlers and the pid file; returns a function that shuts down with an exit code. */
export declare function manageProcess(options: LifecycleOptions): (exitCode: number, reason: string) => Promise<void>;
