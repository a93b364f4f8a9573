/**
 * Lines of the files under a URI on any file system (docs/architecture.md, "File systems"), read
 * asynchronously in blocks — what `readTextFile("s3://bucket/prefix")` runs. The files are the object
 * itself or every file below the prefix, except hidden ones (names starting with "." or "_", as in
 * Flink: a FileSink's staged files, `_SUCCESS` markers). Each file is cut into byte ranges; a split owns
 * the lines that *start* in its range, so no line is split or read twice, and range i goes to subtask
 * i mod parallelism.
 *
 * Until the listing is done, a reader's position is a "listing" split naming the subtask and
 * parallelism it lists for, so a checkpoint taken before the listing (or a restore at another
 * parallelism) loses nothing: whoever gets that split lists and takes those ranges.
 */
import type { FileSystem } from "../../fs/file-system.js";
import { fileSystemFor } from "../../fs/file-systems.js";
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext } from "../source.js";

const BLOCK = 1024 * 1024;
const MAX_RANGE = 64 * 1024 * 1024;
const MIN_RANGE = 64 * 1024;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
/** Lines emitted per pollNext at most, so that barriers and cancellation are not held up. */
const LINES_PER_POLL = 256;

export type FileSystemTextSplit =
  /** Lines starting in [start, end) of `uri`; `aligned`: start is known to be the start of a line. */
  | { kind: "range"; uri: string; start: number; end: number; aligned: boolean }
  /** The ranges of subtask `subtask` of `parallelism`, once `uri` is listed. */
  | { kind: "listing"; uri: string; subtask: number; parallelism: number };

/** The files a URI names, sorted: the object itself, or every visible file below it. */
async function filesOf(fs: FileSystem, uri: string): Promise<Array<{ uri: string; size: number }>> {
  const self = await fs.stat(uri);
  if (self) return [self];
  const prefix = uri.replace(/\/+$/, "");
  return (await fs.list(prefix)).filter((f) => !f.uri.slice(prefix.length + 1).split("/").some((part) => part.startsWith(".") || part.startsWith("_")));
}

/** The byte ranges of subtask `subtask` of `parallelism` over `files`. */
export function rangesOf(files: ReadonlyArray<{ uri: string; size: number }>, subtask: number, parallelism: number): FileSystemTextSplit[] {
  const total = files.reduce((n, f) => n + f.size, 0);
  const rangeBytes = Math.min(MAX_RANGE, Math.max(MIN_RANGE, Math.ceil(total / parallelism)));
  const out: FileSystemTextSplit[] = [];
  let i = 0;
  for (const f of files) {
    for (let start = 0; start < f.size; start += rangeBytes, i++) {
      if (i % parallelism === subtask) out.push({ kind: "range", uri: f.uri, start, end: Math.min(f.size, start + rangeBytes), aligned: start === 0 });
    }
  }
  return out;
}

export class FileSystemTextSource implements Source<string, FileSystemTextSplit> {
  readonly boundedness = "bounded";
  constructor(private readonly uri: string) {}

  createReader(ctx: SourceReaderContext): SourceReader<string, FileSystemTextSplit> {
    return new FileSystemTextReader(fileSystemFor(this.uri), [{ kind: "listing", uri: this.uri, subtask: ctx.subtaskIndex, parallelism: ctx.parallelism }]);
  }
}

type RangeSplit = Extract<FileSystemTextSplit, { kind: "range" }>;

class FileSystemTextReader implements SourceReader<string, FileSystemTextSplit> {
  private queue: FileSystemTextSplit[];
  /** The range being read; `offset` is the file position of buf[0]. */
  private current: RangeSplit | undefined;
  private buf: Buffer = Buffer.alloc(0);
  private offset = 0;
  /** Bytes of buf known to hold no newline. */
  private scanned = 0;
  /** The file ended behind buf. */
  private atEof = false;
  private work: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly fs: FileSystem,
    splits: FileSystemTextSplit[],
  ) {
    this.queue = splits;
  }

  pollNext(output: ReaderOutput<string>): InputStatus {
    if (this.failure) throw this.failure;
    if (this.work) return "nothing-available";
    for (let emitted = 0; emitted < LINES_PER_POLL; ) {
      if (!this.current) {
        const next = this.queue.shift();
        if (!next) return "end-of-input";
        if (next.kind === "listing") return this.startFetch(this.list(next));
        this.open(next);
        if (!next.aligned) return this.startFetch(this.skipToLineStart());
        continue;
      }
      if (this.offset >= this.current.end) {
        this.current = undefined;
        continue;
      }
      const nl = this.buf.indexOf(NEWLINE, this.scanned);
      if (nl < 0) {
        this.scanned = this.buf.length;
        if (!this.atEof) return this.startFetch(this.fill());
        if (this.buf.length > 0) {
          output.collect(this.take(this.buf.length, this.buf.length));
          emitted++;
        }
        this.current = undefined;
        continue;
      }
      output.collect(this.take(nl, nl + 1));
      emitted++;
    }
    return "more";
  }

  isAvailable(): Promise<void> {
    return this.work ?? Promise.resolve();
  }

  snapshotState(): FileSystemTextSplit[] {
    const own: FileSystemTextSplit[] = this.current && this.offset < this.current.end ? [{ kind: "range", uri: this.current.uri, start: this.offset, end: this.current.end, aligned: this.current.aligned }] : [];
    return [...own, ...this.queue.map((s) => ({ ...s }))];
  }

  restoreState(splits: FileSystemTextSplit[]): void {
    this.queue = splits.map((s) => ({ ...s }));
    this.current = undefined;
    this.buf = Buffer.alloc(0);
    // A listing or block read still under way belongs to the replaced splits: its result is dropped.
    this.work = undefined;
    this.generation++;
  }

  /** Restores bump it, so that work started before a restore does not touch the reader afterwards. */
  private generation = 0;

  private startFetch(work: Promise<void>): InputStatus {
    const generation = this.generation;
    const tracked = work.then(
      () => {
        if (this.work === tracked) this.work = undefined;
      },
      (e: unknown) => {
        if (generation === this.generation) this.failure = e;
        if (this.work === tracked) this.work = undefined;
      },
    );
    this.work = tracked;
    return "nothing-available";
  }

  private async list(split: Extract<FileSystemTextSplit, { kind: "listing" }>): Promise<void> {
    const generation = this.generation;
    const ranges = rangesOf(await filesOf(this.fs, split.uri), split.subtask, split.parallelism);
    if (generation === this.generation) this.queue.unshift(...ranges);
  }

  private open(split: RangeSplit): void {
    this.current = split;
    this.offset = split.start;
    this.buf = Buffer.alloc(0);
    this.scanned = 0;
    this.atEof = false;
  }

  /** Reads the next block behind buf. */
  private async fill(): Promise<void> {
    const generation = this.generation;
    const from = this.offset + this.buf.length;
    const block = await this.fs.readRange(this.current!.uri, from, from + BLOCK);
    if (generation !== this.generation) return;
    this.atEof = block.length < BLOCK;
    this.buf = this.buf.length === 0 ? block : Buffer.concat([this.buf, block]);
  }

  /** A range that may start inside a line: its first line starts after the first newline at or after start - 1. */
  private async skipToLineStart(): Promise<void> {
    const split = this.current!;
    const generation = this.generation;
    for (let pos = split.start - 1; pos < split.end; pos += BLOCK) {
      const block = await this.fs.readRange(split.uri, pos, Math.min(pos + BLOCK, split.end));
      if (generation !== this.generation) return;
      const i = block.indexOf(NEWLINE);
      if (i >= 0) {
        this.offset = pos + i + 1;
        split.aligned = true;
        return;
      }
      if (block.length === 0) break;
    }
    this.offset = split.end;
    split.aligned = true;
  }

  /** The line buf[0, end) (without a trailing CR), consuming buf[0, next). */
  private take(end: number, next: number): string {
    const textEnd = end > 0 && this.buf[end - 1] === CARRIAGE_RETURN ? end - 1 : end;
    const line = this.buf.toString("utf8", 0, textEnd);
    this.buf = this.buf.subarray(next);
    this.offset += next;
    this.scanned = 0;
    return line;
  }
}

