import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext } from "../api/source.js";

const CHUNK = 64 * 1024;

/**
 * Lines of a text file. Subtask s owns the lines that *start* in its byte range
 * [s·size/p, (s+1)·size/p), so lines are never split or duplicated across subtasks.
 * The position is the byte offset of the next line.
 */
export class TextFileSource implements Source<string, number> {
  readonly boundedness = "bounded";
  constructor(private readonly path: string) {}

  createReader(ctx: SourceReaderContext): SourceReader<string, number> {
    const fd = openSync(this.path, "r");
    const size = fstatSync(fd).size;
    const rangeStart = Math.floor((ctx.subtaskIndex * size) / ctx.parallelism);
    const rangeEnd = Math.floor(((ctx.subtaskIndex + 1) * size) / ctx.parallelism);
    let offset = rangeStart; // offset of the next unread line start (after alignment)
    let aligned = rangeStart === 0;
    let pending = ""; // decoded text starting at `offset`
    let pendingBytes = 0; // bytes of `pending` read from the file
    let eof = false;
    const buf = Buffer.allocUnsafe(CHUNK);
    const decoder = new TextDecoder();

    const fill = (): void => {
      const n = readSync(fd, buf, 0, CHUNK, offset + pendingBytes);
      if (n === 0) {
        eof = true;
        pending += decoder.decode();
        return;
      }
      pending += decoder.decode(buf.subarray(0, n), { stream: true });
      pendingBytes += n;
    };

    return {
      pollNext(output: ReaderOutput<string>): InputStatus {
        for (;;) {
          if (offset >= rangeEnd && aligned) return "end-of-input";
          const nl = pending.indexOf("\n");
          if (nl < 0 && !eof) {
            fill();
            continue;
          }
          if (nl < 0 && pending.length === 0) return "end-of-input";
          const line = nl < 0 ? pending : pending.slice(0, nl);
          const consumed = Buffer.byteLength(line) + (nl < 0 ? 0 : 1);
          pending = nl < 0 ? "" : pending.slice(nl + 1);
          pendingBytes -= consumed;
          const lineStart = offset;
          offset += consumed;
          if (!aligned) {
            // The line that straddles our range start belongs to the previous subtask, unless the
            // byte before our range is a newline (then this line starts exactly at the range start).
            aligned = true;
            if (!precededByNewline(fd, lineStart)) continue;
          }
          output.collect(line.endsWith("\r") ? line.slice(0, -1) : line);
          return offset < rangeEnd && !(eof && pending.length === 0) ? "more" : "end-of-input";
        }
      },
      isAvailable: () => Promise.resolve(),
      snapshotState: () => offset,
      restoreState: (position) => {
        offset = position;
        aligned = true;
        pending = "";
        pendingBytes = 0;
        eof = false;
      },
      close: () => closeSync(fd),
    };
  }
}

function precededByNewline(fd: number, offset: number): boolean {
  if (offset === 0) return true;
  const b = Buffer.alloc(1);
  readSync(fd, b, 0, 1, offset - 1);
  return b[0] === 0x0a;
}
