/**
 * Structured, levelled logging. Each component logs through a child logger named after it; the
 * sink decides where lines go (stderr, a log file, a buffer the REST API serves).
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
export interface LogRecord {
    time: number;
    level: LogLevel;
    component: string;
    message: string;
}
export type LogSink = (record: LogRecord) => void;
export declare class Logger {
    private readonly sink;
    private readonly component;
    private readonly minLevel;
    constructor(sink: LogSink, component?: string, minLevel?: LogLevel);
    child(component: string): Logger;
    debug(message: string): void;
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
    private log;
}
export declare function formatLogRecord(r: LogRecord): string;
/** Keeps the last `capacity` records (served by the REST API's log endpoints). */
export declare class LogBuffer {
    private readonly capacity;
    private readonly records;
    constructor(capacity?: number);
    readonly sink: LogSink;
    lines(): string[];
}
/** A logger that drops everything below warnings (the MiniCluster's default: keep job output clean). */
export declare function quietLogger(): Logger;
export declare function teeSinks(...sinks: LogSink[]): LogSink;
