import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import type { RuntimeContext } from "../runtime-context.js";
import type { Sink, SinkWriter } from "../sink.js";
import { formatRecord } from "./print-sink.js";

/**
 * Writes records as text lines (Flink's writeAsText): at parallelism 1 into the file `path`,
 * otherwise into `path/<subtask+1>`, one file per subtask.
 */
export class TextFileSink<T> implements Sink<T> {
  constructor(private readonly path: string) {}

  createWriter(ctx: RuntimeContext): SinkWriter<T> {
    const file = ctx.parallelism === 1 ? this.path : join(this.path, String(ctx.subtaskIndex + 1));
    mkdirSync(dirname(file), { recursive: true });
    const fd = openSync(file, "w");
    let buffered: string[] = [];
    const flush = (): void => {
      if (buffered.length === 0) return;
      writeSync(fd, buffered.join(""));
      buffered = [];
    };
    return {
      write(value: T) {
        buffered.push(formatRecord(value) + "\n");
        if (buffered.length >= 1024) flush();
      },
      flush,
      close() {
        flush();
        closeSync(fd);
      },
    };
  }
}
