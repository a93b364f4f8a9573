import { inspect } from "node:util";
import type { RuntimeContext } from "../runtime-context.js";
import type { Sink, SinkWriter } from "../sink.js";

/** Formats a record for print(): strings as they are, everything else as console.log would, on one line. */
export function formatRecord(value: unknown): string {
  return typeof value === "string" ? value : inspect(value, { breakLength: Infinity, depth: 6 });
}

/**
 * Prints records to standard output (or error), prefixed like Flink's print(): "prefix:subtask> " where the
 * subtask number (1-based) appears only at parallelism > 1. Lines are written in batches.
 */
export class PrintSink<T> implements Sink<T> {
  constructor(
    private readonly prefix?: string,
    private readonly stream: "stdout" | "stderr" = "stdout",
  ) {}

  createWriter(ctx: RuntimeContext): SinkWriter<T> {
    const parts: string[] = [];
    if (this.prefix) parts.push(this.prefix);
    if (ctx.parallelism > 1) parts.push(String(ctx.subtaskIndex + 1));
    const head = parts.length ? `${parts.join(":")}> ` : "";
    let lines: string[] = [];
    const out = this.stream === "stderr" ? process.stderr : process.stdout;
    const flush = (): void => {
      if (lines.length === 0) return;
      out.write(lines.join("\n") + "\n");
      lines = [];
    };
    return {
      write(value: T) {
        lines.push(head + formatRecord(value));
        if (lines.length >= 256) flush();
      },
      flush,
      close: flush,
    };
  }
}
