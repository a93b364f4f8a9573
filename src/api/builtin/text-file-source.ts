import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext } from "../source.js";

const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Lines of a text file. Subtask s owns the lines that *start* in its byte range
 * [s·size/p, (s+1)·size/p), so lines are never split or duplicated across subtasks.
 * A split is [offset of the next line, end of the range]; a restore may hand a reader several.
 *
 * Lines are found in bytes and decoded one at a time, so a range boundary inside a multibyte
 * character (or invalid UTF-8) cannot shift the byte offsets.
 */
/** Lines starting in [start, end) of the file; start is always the start of a line. */
export type TextFileSplit = [number, number];

export class TextFileSource implements Source<string, TextFileSplit> {
  readonly boundedness = "bounded";
  constructor(private readonly path: string) {}

  createReader(ctx: SourceReaderContext): SourceReader<string, TextFileSplit> {
    const fd = openSync(this.path, "r");
    const size = fstatSync(fd).size;
    const rangeStart = Math.floor((ctx.subtaskIndex * size) / ctx.parallelism);
    let rangeEnd = Math.floor(((ctx.subtaskIndex + 1) * size) / ctx.parallelism);
    /** Splits still to read after the current one. */
    let queued: TextFileSplit[] = [];
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
    const nextNewline = (): number => {
      for (;;) {
        const i = buf.indexOf(NEWLINE, scanned);
        if (i >= 0 && i < end) return i;
        scanned = end;
        if (!fill()) return -1;
      }
    };

    // The line that straddles rangeStart belongs to the previous subtask.
    if (rangeStart > 0) seek(firstLineStart(fd, rangeStart, rangeEnd, buf));

    /** Moves on to the next queued split when the current one is done; false when none is left. */
    const advance = (): boolean => {
      while (offset >= rangeEnd) {
        const next = queued.shift();
        if (!next) return false;
        seek(next[0]);
        rangeEnd = next[1];
      }
      return true;
    };

    return {
      pollNext(output: ReaderOutput<string>): InputStatus {
        if (!advance()) return "end-of-input";
        const nl = nextNewline();
        if (nl < 0 && start === end) return "end-of-input";
        const lineEnd = nl < 0 ? end : nl;
        const next = nl < 0 ? end : nl + 1;
        const textEnd = lineEnd > start && buf[lineEnd - 1] === CARRIAGE_RETURN ? lineEnd - 1 : lineEnd;
        const line = buf.toString("utf8", start, textEnd);
        offset += next - start;
        start = scanned = next;
        output.collect(line);
        return offset < rangeEnd || queued.length > 0 ? "more" : "end-of-input";
      },
      isAvailable: () => Promise.resolve(),
      snapshotState: () => [...(offset < rangeEnd ? [[offset, rangeEnd] as TextFileSplit] : []), ...queued.map((s): TextFileSplit => [s[0], s[1]])],
      restoreState: (splits) => {
        queued = splits.map((s): TextFileSplit => [s[0], s[1]]);
        seek(0);
        rangeEnd = 0;
      },
      close: () => closeSync(fd),
    };
  }
}

/** Offset of the first line starting in [rangeStart, rangeEnd) (after a newline at or after rangeStart - 1), else rangeEnd. */
function firstLineStart(fd: number, rangeStart: number, rangeEnd: number, buf: Buffer): number {
  for (let pos = rangeStart - 1; pos < rangeEnd - 1; ) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, rangeEnd - 1 - pos), pos);
    if (n === 0) break;
    const i = buf.subarray(0, n).indexOf(NEWLINE);
    if (i >= 0) return pos + i + 1;
    pos += n;
  }
  return rangeEnd;
}
