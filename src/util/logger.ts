/**
 * Structured, levelled logging. Each component logs through a child logger named after it; the
 * sink decides where lines go (stderr, a log file, a buffer the REST API serves).
 */
export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogRecord {
  time: number;
  level: LogLevel;
  component: string;
  message: string;
}

export type LogSink = (record: LogRecord) => void;

export class Logger {
  constructor(
    private readonly sink: LogSink,
    private readonly component = "sluice",
    private readonly minLevel: LogLevel = "info",
  ) {}

  child(component: string): Logger {
    return new Logger(this.sink, component, this.minLevel);
  }

  debug(message: string): void {
    this.log("debug", message);
  }
  info(message: string): void {
    this.log("info", message);
  }
  warn(message: string): void {
    this.log("warn", message);
  }
  error(message: string): void {
    this.log("error", message);
  }

  private log(level: LogLevel, message: string): void {
    if (ORDER[level] < ORDER[this.minLevel]) return;
    this.sink({ time: Date.now(), level, component: this.component, message });
  }
}

export function formatLogRecord(r: LogRecord): string {
  return `${new Date(r.time).toISOString()} ${r.level.toUpperCase().padEnd(5)} ${r.component}: ${r.message}`;
}

/** Keeps the last `capacity` records (served by the REST API's log endpoints). */
export class LogBuffer {
  private readonly records: LogRecord[] = [];
  constructor(private readonly capacity = 5000) {}
  readonly sink: LogSink = (r) => {
    this.records.push(r);
    if (this.records.length > this.capacity) this.records.shift();
  };
  lines(): string[] {
    return this.records.map(formatLogRecord);
  }
}

/** A logger that drops everything below warnings (the MiniCluster's default: keep job output clean). */
export function quietLogger(): Logger {
  return new Logger((r) => process.stderr.write(formatLogRecord(r) + "\n"), "sluice", "warn");
}

export function teeSinks(...sinks: LogSink[]): LogSink {
  return (r) => {
    for (const s of sinks) s(r);
  };
}
