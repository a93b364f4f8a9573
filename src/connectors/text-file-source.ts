import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext } from "../api/source.js";

const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Lines of a text file. Subtask s owns the lines that *start* in its byte range
 * [s·size/p, (s+1)·size/p), so lines are never split or duplicated across subtasks.
 * The position is the byte offset of the next line.
 *
 * Lines are found in bytes and decoded one at a time, so a range boundary inside a multibyte
 * character (or invalid UTF-8) cannot shift the byte offsets.
 */
export class TextFileSource implements Source<string, number> {
  readonly boundedness = "bounded";
  constructor(private readonly path: string) {}

  createReader(ctx: SourceReaderContext): SourceReader<string, number> {
    const fd = openSync(this.path, "r");
    const size = fstatSync(fd).size;
    const rangeStart = Math.floor((ctx.subtaskIndex * size) / ctx.parallelism);
    const rangeEnd = Math.floor(((ctx.subtaskIndex + 1) * size) / ctx.parallelism);
    let offset = 0; // file offset of the next line, held in buf[start, end)
    let buf = Buffer.allocUnsafe(CHUNK);
    let start = 0;
    let end = 0;
    let scanned = 0; // buf[start, scanned) holds no newline

    const seek = (position: number): void => {
      offset = position;
      start = end = scanned = 0;
    };

    /** Reads more of the file behind the buffered bytes; false at end of file. */
    const fill = (): boolean => {
      if (start > 0) {
        buf.copy(buf, 0, start, end);
        end -= start;
        scanned -= start;
        start = 0;
      }
      if (end === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, end);
        buf = bigger;
      }
      const n = readSync(fd, buf, end, buf.length - end, offset + end);
      end += n;
      return n > 0;
    };

    /** Index in buf of the next newline, reading on as needed; -1 at end of file without one. */
    const nextNewline = (limit: number): number => {
      for (;;) {
        const i = buf.indexOf(NEWLINE, scanned);
        if (i >= 0 && i < end) return i;
        scanned = end;
        if (offset + end - start >= limit || !fill()) return -1;
      }
    };

    // Our first line starts after the first newline at or after rangeStart - 1; the line that
    // straddles rangeStart belongs to the previous subtask.
    if (rangeStart > 0) {
      seek(rangeStart - 1);
      const nl = nextNewline(rangeEnd);
      seek(nl < 0 ? rangeEnd : Math.min(rangeEnd, offset + nl - start + 1));
    }

    return {
      pollNext(output: ReaderOutput<string>): InputStatus {
        if (offset >= rangeEnd) return "end-of-input";
        const nl = nextNewline(Number.POSITIVE_INFINITY);
        if (nl < 0 && start === end) return "end-of-input";
        const lineEnd = nl < 0 ? end : nl;
        const next = nl < 0 ? end : nl + 1;
        const textEnd = lineEnd > start && buf[lineEnd - 1] === CARRIAGE_RETURN ? lineEnd - 1 : lineEnd;
        const line = buf.toString("utf8", start, textEnd);
        offset += next - start;
        start = scanned = next;
        output.collect(line);
        return offset < rangeEnd ? "more" : "end-of-input";
      },
      isAvailable: () => Promise.resolve(),
      snapshotState: () => offset,
      restoreState: (position) => seek(position),
      close: () => closeSync(fd),
    };
  }
}
