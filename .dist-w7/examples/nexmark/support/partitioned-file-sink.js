/**
 * q10's file sink: CSV lines under `<dir>/dt=<day>/hm=<minute>/part-<subtask>.csv`, the layout of
 * the reference's partitioned file system table. Lines are buffered per partition and appended
 * when a buffer grows large, at checkpoints and at the end, so a file is not reopened per record.
 * (At-least-once: a restarted job appends again; the reference commits partitions instead.)
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
const FLUSH_BYTES = 1 << 16;
export function q10CsvLine(r) {
    return `${r.auction},${r.bidder},${r.price},${r.dateTime},${r.extra}\n`;
}
export class PartitionedFileSink {
    dir;
    constructor(dir) {
        this.dir = dir;
    }
    createWriter(ctx) {
        const dir = this.dir;
        const buffers = new Map();
        const append = (b) => {
            if (b.text.length === 0)
                return;
            appendFileSync(b.file, b.text);
            b.text = "";
        };
        return {
            write(r) {
                const partition = `dt=${r.dt}/hm=${r.hm.replace(":", "-")}`;
                let b = buffers.get(partition);
                if (!b) {
                    const folder = join(dir, partition);
                    mkdirSync(folder, { recursive: true });
                    b = { file: join(folder, `part-${ctx.subtaskIndex}.csv`), text: "" };
                    buffers.set(partition, b);
                }
                b.text += q10CsvLine(r);
                if (b.text.length >= FLUSH_BYTES)
                    append(b);
            },
            flush() {
                for (const b of buffers.values())
                    append(b);
            },
            close() {
                for (const b of buffers.values())
                    append(b);
            },
        };
    }
}
//# sourceMappingURL=partitioned-file-sink.js.map