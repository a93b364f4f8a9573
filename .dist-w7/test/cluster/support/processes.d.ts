/**
 * Real cluster processes for the end-to-end tests: `node bin/sluice.js jobmanager|taskmanager`
 * on free loopback ports, with their output captured. Every process started here is killed by
 * killAll() (call it in `after`), and every wait is bounded.
 */
import { type ChildProcess } from "node:child_process";
export interface SluiceProcess {
    readonly child: ChildProcess;
    readonly pid: number;
    /** What it wrote so far. */
    stdout(): string;
    stderr(): string;
    /** Resolves with the exit code (or the signal's name) once it has exited. */
    readonly exited: Promise<number | string>;
    hasExited(): boolean;
    /** Waits until stdout or stderr matches; fails with both outputs when it exits first or time runs out. */
    waitForOutput(pattern: RegExp, what: string, timeoutMs?: number): Promise<RegExpExecArray>;
    signal(signal: NodeJS.Signals): void;
}
/** Fast failure detection and metrics for tests; a loaded 2-core machine still answers in time. */
export declare const TEST_CONFIG: Record<string, string>;
export declare function sluice(args: string[], env?: NodeJS.ProcessEnv): SluiceProcess;
export interface JobManagerProcess extends SluiceProcess {
    rpcAddress: string;
    /** host:port, what `taskmanager --jobmanager` takes. */
    rpcHostPort: string;
    restUrl: string;
}
export declare function startJobManager(config?: Record<string, string>, env?: NodeJS.ProcessEnv, extraArgs?: string[]): Promise<JobManagerProcess>;
export interface TaskManagerProcess extends SluiceProcess {
    id: string;
    dataAddress: string;
}
/** Starts a TaskManager and waits until it is registered (unless `waitForRegistration` is false). */
export declare function startTaskManager(jobManager: string, options?: {
    slots?: number;
    config?: Record<string, string>;
    env?: NodeJS.ProcessEnv;
    waitForRegistration?: boolean;
    extraArgs?: string[];
}): Promise<TaskManagerProcess>;
/** SIGKILLs every process still running (tests' `after`). */
export declare function killAll(): Promise<void>;
export declare function getJson<T>(base: string, path: string): Promise<T>;
export interface Overview {
    taskmanagers: number;
    "slots-total": number;
    "slots-available": number;
}
export declare function taskManagerIds(base: string): Promise<string[]>;
