/**
 * Lines of the files of a directory (or of one file), with the files as splits handed out by a split
 * enumerator in the JobMaster (Flink's FileSource; docs/connectors.md, "Files"). Bounded, it reads
 * the files present at start; with monitorContinuously() it also reads every file that appears in
 * the directory later, found by periodic discovery. A file is read once, by one reader, from its
 * start; its position (the byte offset of its next line) is in the checkpoints, so a failover or a
 * rescale resumes mid-file. Files must appear whole (write them elsewhere, then rename them in;
 * objects in S3 always appear whole); names starting with "." or "_" are ignored, as in Flink. The
 * path is a local path, a file:// or an s3:// URI (docs/architecture.md, "File systems").
 */
import { baseName, isRemoteUri } from "../../fs/file-system.js";
import { fileSystemFor, storageLocation } from "../../fs/file-systems.js";
import { FileSystemTextSource } from "./file-system-text-source.js";
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext, SplitEnumerator, SplitEnumeratorContext } from "../source.js";
import { TextFileSource, type TextFileSplit } from "./text-file-source.js";

/** One file, from the byte offset of its next line. */
export interface FileSplit {
  path: string;
  offset: number;
}

/** The enumerator's state: files already found (assigned or not) and those not yet assigned. */
export interface FileEnumeratorState {
  seen: string[];
  pending: FileSplit[];
}

/** Beyond any file: a TextFileSource split that runs to the end of the file. */
const TO_END = Number.MAX_SAFE_INTEGER;

export class FileSource implements Source<string, FileSplit, FileEnumeratorState> {
  readonly boundedness: "bounded" | "unbounded";

  private constructor(
    readonly path: string,
    /** Discovery period in ms; undefined: bounded, the files present at start. */
    readonly monitorIntervalMs: number | undefined,
  ) {
    this.boundedness = monitorIntervalMs === undefined ? "bounded" : "unbounded";
  }

  /** Lines of the files under `path` (a directory or a single file). */
  static forTextLines(path: string): FileSourceBuilder {
    return new FileSourceBuilder(path);
  }

  /** @internal used by the builder */
  static create(path: string, monitorIntervalMs: number | undefined): FileSource {
    return new FileSource(path, monitorIntervalMs);
  }

  createEnumerator(ctx: SplitEnumeratorContext<FileSplit>): SplitEnumerator<FileSplit, FileEnumeratorState> {
    return new FileSplitEnumerator(this, ctx, { seen: [], pending: [] });
  }

  restoreEnumerator(ctx: SplitEnumeratorContext<FileSplit>, state: FileEnumeratorState): SplitEnumerator<FileSplit, FileEnumeratorState> {
    return new FileSplitEnumerator(this, ctx, state);
  }

  createReader(ctx: SourceReaderContext): SourceReader<string, FileSplit> {
    return new FileSplitReader(ctx);
  }

  /** The files under the source's path now, sorted by name (a directory's visible files, or the file itself). */
  async listFiles(): Promise<string[]> {
    const path = isRemoteUri(this.path) ? this.path.replace(/\/+$/, "") : storageLocation(this.path);
    const fs = fileSystemFor(path);
    if (await fs.stat(path)) return [this.path];
    const listed = await fs.list(path);
    if (listed.length === 0 && !isRemoteUri(path)) throw new Error(`${this.path} is neither a file nor a directory with files`);
    return listed
      .filter((f) => f.uri === `${path}/${baseName(f.uri)}`)
      .filter((f) => !baseName(f.uri).startsWith(".") && !baseName(f.uri).startsWith("_"))
      .map((f) => (isRemoteUri(this.path) ? f.uri : `${this.path.replace(/\/+$/, "")}/${baseName(f.uri)}`))
      .sort();
  }
}

export class FileSourceBuilder {
  private intervalMs: number | undefined;
  constructor(private readonly path: string) {}

  /** Keeps looking for new files every `intervalMs` (the source is then unbounded). */
  monitorContinuously(intervalMs: number): this {
    if (!(intervalMs > 0)) throw new Error(`monitorContinuously() needs a positive interval in ms, got ${intervalMs}`);
    this.intervalMs = intervalMs;
    return this;
  }

  build(): FileSource {
    return FileSource.create(this.path, this.intervalMs);
  }
}

/** Hands out files in name order to readers that ask; finds new ones periodically when monitoring. */
class FileSplitEnumerator implements SplitEnumerator<FileSplit, FileEnumeratorState> {
  private readonly seen: Set<string>;
  private readonly pending: FileSplit[];
  /** Readers that asked while no file was pending (served when discovery finds one). */
  private readonly waiting = new Set<number>();

  constructor(
    private readonly source: FileSource,
    private readonly ctx: SplitEnumeratorContext<FileSplit>,
    state: FileEnumeratorState,
  ) {
    this.seen = new Set(state.seen);
    this.pending = state.pending.map((s) => ({ path: s.path, offset: s.offset }));
  }

  async start(): Promise<void> {
    const interval = this.source.monitorIntervalMs;
    if (interval === undefined) {
      // Bounded: the files present at the first start (a restored enumerator knows them already).
      if (this.seen.size === 0) this.discovered(await this.source.listFiles());
      return;
    }
    this.ctx.callAsync(
      async () => this.source.listFiles(),
      (files, error) => {
        if (error) throw error;
        this.discovered(files ?? []);
      },
      0,
      interval,
    );
  }

  private discovered(files: string[]): void {
    for (const path of files) {
      if (this.seen.has(path)) continue;
      this.seen.add(path);
      this.pending.push({ path, offset: 0 });
    }
    for (const subtask of [...this.waiting]) this.serve(subtask);
  }

  handleSplitRequest(subtask: number): void {
    this.serve(subtask);
  }

  private serve(subtask: number): void {
    if (!this.ctx.registeredReaders().has(subtask)) return;
    const next = this.pending.shift();
    if (next) {
      this.waiting.delete(subtask);
      this.ctx.assignSplit(next, subtask);
    } else if (this.source.monitorIntervalMs === undefined) {
      this.waiting.delete(subtask);
      this.ctx.signalNoMoreSplits(subtask);
    } else {
      this.waiting.add(subtask);
    }
  }

  addSplitsBack(splits: FileSplit[]): void {
    this.pending.unshift(...splits);
  }

  addReader(): void {
    // Readers ask for files themselves when they have none.
  }

  snapshotState(): FileEnumeratorState {
    return { seen: [...this.seen], pending: this.pending.map((s) => ({ ...s })) };
  }
}

/** Reads its files one after the other, asking the enumerator for the next when it runs out. */
class FileSplitReader implements SourceReader<string, FileSplit> {
  private queue: FileSplit[] = [];
  private current: { split: FileSplit; lines: LineReader } | undefined;
  private requested = false;
  private noMoreSplits = false;
  private wake: (() => void) | undefined;
  private availability: Promise<void> | undefined;

  constructor(private readonly ctx: SourceReaderContext) {
    if (!ctx.sendSplitRequest) throw new Error("FileSource readers need the split enumerator: run the job on a cluster (the JobMaster runs the enumerator)");
  }

  pollNext(output: ReaderOutput<string>): InputStatus {
    for (;;) {
      if (!this.current) {
        const split = this.queue.shift();
        if (!split) return this.idle();
        this.current = { split, lines: lineReaderAt(split) };
      }
      const status = this.current.lines.pollNext(output);
      if (status !== "end-of-input") return status;
      this.current.lines.close?.();
      this.current = undefined;
    }
  }

  /** No file to read: ask for one (once), or end when the enumerator has none left. */
  private idle(): InputStatus {
    if (this.noMoreSplits) return "end-of-input";
    if (!this.requested) {
      this.requested = true;
      this.ctx.sendSplitRequest!();
    }
    return "nothing-available";
  }

  isAvailable(): Promise<void> {
    if (this.current) return this.current.lines.isAvailable();
    if (this.queue.length > 0 || this.noMoreSplits) return Promise.resolve();
    return (this.availability ??= new Promise<void>((resolve) => (this.wake = resolve)));
  }

  private available(): void {
    const wake = this.wake;
    this.wake = undefined;
    this.availability = undefined;
    wake?.();
  }

  addSplits(splits: FileSplit[]): void {
    this.queue.push(...splits);
    this.requested = false;
    this.available();
  }

  notifyNoMoreSplits(): void {
    this.noMoreSplits = true;
    this.available();
  }

  snapshotState(): FileSplit[] {
    const splits: FileSplit[] = [];
    if (this.current) {
      const offset = this.current.lines.position();
      if (offset !== undefined) splits.push({ path: this.current.split.path, offset });
    }
    return [...splits, ...this.queue.map((s) => ({ ...s }))];
  }

  restoreState(splits: FileSplit[]): void {
    this.current?.lines.close?.();
    this.current = undefined;
    this.queue = splits.map((s) => ({ path: s.path, offset: s.offset }));
  }

  close(): void {
    this.current?.lines.close?.();
    this.current = undefined;
  }
}

/** The lines of one file from a byte offset, and the offset of its next line (undefined at its end). */
interface LineReader {
  pollNext(output: ReaderOutput<string>): InputStatus;
  isAvailable(): Promise<void>;
  position(): number | undefined;
  close?(): void | Promise<void>;
}

/** Local files are read synchronously (TextFileSource); remote ones in blocks (FileSystemTextSource). */
function lineReaderAt(split: FileSplit): LineReader {
  if (isRemoteUri(split.path)) {
    const reader = new FileSystemTextSource(split.path).createReader({ subtaskIndex: 0, parallelism: 1 });
    reader.restoreState!([{ kind: "range", uri: split.path, start: split.offset, end: TO_END, aligned: true }]);
    return {
      pollNext: (output) => reader.pollNext(output),
      isAvailable: () => reader.isAvailable(),
      position: () => {
        const [next] = reader.snapshotState();
        return next?.kind === "range" ? next.start : undefined;
      },
    };
  }
  const reader = new TextFileSource(split.path).createReader({ subtaskIndex: 0, parallelism: 1 });
  reader.restoreState!([[split.offset, TO_END]]);
  return {
    pollNext: (output) => reader.pollNext(output),
    isAvailable: () => reader.isAvailable(),
    position: () => reader.snapshotState()[0]?.[0],
    close: () => reader.close?.(),
  };
}
