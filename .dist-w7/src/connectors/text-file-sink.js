import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { formatRecord } from "./print-sink.js";
/**
 * Writes records as text lines (Flink's writeAsText): at parallelism 1 into the file `path`,
 * otherwise into `path/<subtask+1>`, one file per subtask.
 */
export class TextFileSink {
    path;
    constructor(path) {
        this.path = path;
    }
    createWriter(ctx) {
        const file = ctx.parallelism === 1 ? this.path : join(this.path, String(ctx.subtaskIndex + 1));
        mkdirSync(dirname(file), { recursive: true });
        const fd = openSync(file, "w");
        let buffered = [];
        const flush = () => {
            if (buffered.length === 0)
                return;
            writeSync(fd, buffered.join(""));
            buffered = [];
        };
        return {
            write(value) {
                buffered.push(formatRecord(value) + "\n");
                if (buffered.length >= 1024)
                    flush();
            },
            flush,
            close() {
                flush();
                closeSync(fd);
            },
        };
    }
}
//# sourceMappingURL=text-file-sink.js.map