import type { Readable } from "node:stream";
import type { LogBuffer } from "../../util/logger.js";
export declare const MEMORY_LOG_NAME = "jobmanager.log";
export interface LogFileInfo {
    name: string;
    size: number;
    mtime: number;
}
export type LogContent = {
    text: string;
} | {
    stream: Readable;
    length: number;
};
export declare class LogFiles {
    private readonly dir;
    private readonly buffer;
    constructor(dir: string | undefined, buffer: LogBuffer | undefined);
    list(): LogFileInfo[];
    /** The content of a log by name, or undefined when there is no such log inside the directory. */
    open(name: string): LogContent | undefined;
    /** The main log (/jobmanager/log). */
    main(): LogContent;
    private memoryLog;
}
export declare function logDirOf(config: Readonly<Record<string, string>>): string | undefined;
