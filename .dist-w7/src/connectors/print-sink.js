import { inspect } from "node:util";
/** Formats a record for print(): strings as they are, everything else as console.log would, on one line. */
export function formatRecord(value) {
    return typeof value === "string" ? value : inspect(value, { breakLength: Infinity, depth: 6 });
}
/**
 * Prints records to standard output, prefixed like Flink's print(): "prefix:subtask> " where the
 * subtask number (1-based) appears only at parallelism > 1. Lines are written in batches.
 */
export class PrintSink {
    prefix;
    constructor(prefix) {
        this.prefix = prefix;
    }
    createWriter(ctx) {
        const parts = [];
        if (this.prefix)
            parts.push(this.prefix);
        if (ctx.parallelism > 1)
            parts.push(String(ctx.subtaskIndex + 1));
        const head = parts.length ? `${parts.join(":")}> ` : "";
        let lines = [];
        const flush = () => {
            if (lines.length === 0)
                return;
            process.stdout.write(lines.join("\n") + "\n");
            lines = [];
        };
        return {
            write(value) {
                lines.push(head + formatRecord(value));
                if (lines.length >= 256)
                    flush();
            },
            flush,
            close: flush,
        };
    }
}
//# sourceMappingURL=print-sink.js.map