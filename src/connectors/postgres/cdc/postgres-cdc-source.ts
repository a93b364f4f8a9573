/**
 * PostgreSQL change data capture (docs/connectors.md, "PostgreSQL CDC"; docs/architecture.md,
 * "PostgreSQL CDC"): an initial consistent snapshot of the tables, read in parallel by key range,
 * then their changes from a logical replication slot (pgoutput), as Debezium-shaped records.
 *
 *   PostgresCdcSource.builder<Customer>()
 *     .connection("postgresql://user@host/db")
 *     .tables("public.customers", "inventory.*")
 *     .slotName("sluice_customers")
 *     .build();
 */
import type pg from "pg";
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext, SplitEnumerator, SplitEnumeratorContext } from "../../../api/source.js";
import type { CdcSplit, ChangeRecord, SnapshotSplitFinished } from "./change-record.js";
import type { CdcEnumeratorState } from "./cdc-enumerator.js";
import type { ChangeStreamReader } from "./change-stream-reader.js";
import type { SnapshotSplitReader } from "./snapshot-split-reader.js";

export interface PostgresCdcOptions {
  connection: string | pg.ClientConfig;
  /** `schema.table` or `table` (schema public); `*` matches any characters. */
  tables: string[];
  /** The replication slot; one per job. */
  slotName: string;
  /** Created with the tables if missing; missing tables are added to an existing one. */
  publicationName: string;
  /** Rows per snapshot split (key range) of a table with a single integer key. */
  splitSize: number;
  /** Rows per snapshot query. */
  fetchSize: number;
}

/** Records per pollNext(): enough to amortize the call, few enough to keep checkpoints prompt. */
const RECORDS_PER_POLL = 256;

export class PostgresCdcSource<T = Record<string, unknown>> implements Source<ChangeRecord<T>, CdcSplit, CdcEnumeratorState> {
  readonly boundedness = "unbounded" as const;

  constructor(readonly options: PostgresCdcOptions) {}

  static builder<T = Record<string, unknown>>(): PostgresCdcSourceBuilder<T> {
    return new PostgresCdcSourceBuilder<T>();
  }

  createEnumerator(ctx: SplitEnumeratorContext<CdcSplit>): SplitEnumerator<CdcSplit, CdcEnumeratorState> {
    return new LazyEnumerator(this.options, ctx, undefined);
  }

  restoreEnumerator(ctx: SplitEnumeratorContext<CdcSplit>, state: CdcEnumeratorState): SplitEnumerator<CdcSplit, CdcEnumeratorState> {
    return new LazyEnumerator(this.options, ctx, state);
  }

  createReader(ctx: SourceReaderContext): SourceReader<ChangeRecord<T>, CdcSplit> {
    return new CdcSourceReader(this.options, ctx) as unknown as SourceReader<ChangeRecord<T>, CdcSplit>;
  }
}

export class PostgresCdcSourceBuilder<T> {
  private readonly o: Partial<PostgresCdcOptions> = {};

  connection(connection: string | pg.ClientConfig): this {
    this.o.connection = connection;
    return this;
  }
  tables(...tables: string[]): this {
    this.o.tables = [...(this.o.tables ?? []), ...tables];
    return this;
  }
  slotName(name: string): this {
    this.o.slotName = name;
    return this;
  }
  publicationName(name: string): this {
    this.o.publicationName = name;
    return this;
  }
  splitSize(rows: number): this {
    this.o.splitSize = rows;
    return this;
  }
  fetchSize(rows: number): this {
    this.o.fetchSize = rows;
    return this;
  }

  build(): PostgresCdcSource<T> {
    const o = this.o;
    if (o.connection === undefined) throw new Error("PostgresCdcSource needs connection(…): a connection string or node-postgres settings");
    if (!o.tables?.length) throw new Error("PostgresCdcSource needs tables(…): at least one table name or pattern");
    const slotName = o.slotName ?? "sluice_cdc";
    if (!/^[a-z0-9_]{1,63}$/.test(slotName)) throw new Error(`slotName must be lower-case letters, digits and _ (PostgreSQL's rule for slots), got ${JSON.stringify(slotName)}`);
    for (const [name, v] of [["splitSize", o.splitSize], ["fetchSize", o.fetchSize]] as const) {
      if (v !== undefined && !(Number.isInteger(v) && v > 0)) throw new Error(`${name} must be a positive integer, got ${v}`);
    }
    return new PostgresCdcSource<T>({
      connection: o.connection,
      tables: o.tables,
      slotName,
      publicationName: o.publicationName ?? slotName,
      splitSize: o.splitSize ?? 8096,
      fetchSize: o.fetchSize ?? 1024,
    });
  }
}

/** Loads the enumerator (and pg) only in the JobMaster's coordinator worker, when it runs. */
class LazyEnumerator implements SplitEnumerator<CdcSplit, CdcEnumeratorState> {
  private inner: SplitEnumerator<CdcSplit, CdcEnumeratorState> | undefined;
  constructor(
    private readonly options: PostgresCdcOptions,
    private readonly ctx: SplitEnumeratorContext<CdcSplit>,
    private readonly state: CdcEnumeratorState | undefined,
  ) {}
  private get e(): SplitEnumerator<CdcSplit, CdcEnumeratorState> {
    if (!this.inner) throw new Error("the CDC enumerator is not started");
    return this.inner;
  }
  async start(): Promise<void> {
    const { CdcSplitEnumerator } = await import("./cdc-enumerator.js");
    this.inner = new CdcSplitEnumerator(this.options, this.ctx, this.state);
    await this.inner.start();
  }
  handleSplitRequest(subtask: number): void {
    this.e.handleSplitRequest(subtask);
  }
  addSplitsBack(splits: CdcSplit[], subtask: number): void {
    this.e.addSplitsBack(splits, subtask);
  }
  addReader(subtask: number): void {
    this.e.addReader(subtask);
  }
  snapshotState(checkpointId: number): CdcEnumeratorState {
    return this.e.snapshotState(checkpointId);
  }
  notifyCheckpointComplete(checkpointId: number): void | Promise<void> {
    return this.e.notifyCheckpointComplete?.(checkpointId);
  }
  handleSourceEvent(subtask: number, event: unknown): void {
    this.e.handleSourceEvent?.(subtask, event);
  }
  close(): void | Promise<void> {
    return this.inner?.close?.();
  }
}

/** Reads snapshot splits one after the other, then (on one reader) the change stream. */
class CdcSourceReader implements SourceReader<ChangeRecord<Record<string, unknown>>, CdcSplit> {
  private queue: CdcSplit[] = [];
  private snapshot: SnapshotSplitReader | undefined;
  private stream: ChangeStreamReader | undefined;
  private starting: Promise<void> | undefined;
  private requested = false;
  private wake: (() => void) | undefined;
  private availability: Promise<void> | undefined;
  private failure: unknown;
  /** Snapshot splits this reader finished (see FinishedSplit). */
  private finished: string[] = [];
  private reportRestored = false;

  constructor(
    private readonly options: PostgresCdcOptions,
    private readonly ctx: SourceReaderContext,
  ) {
    if (!ctx.sendSplitRequest) throw new Error("PostgresCdcSource readers need the split enumerator: run the job on a cluster (the JobMaster runs the enumerator)");
  }

  pollNext(output: ReaderOutput<ChangeRecord<Record<string, unknown>>>): InputStatus {
    const failure = this.failure ?? this.snapshot?.failure ?? this.stream?.failure;
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure));
    if (this.reportRestored) {
      this.reportRestored = false;
      for (const id of this.finished) this.reportFinished(id);
    }
    if (this.stream) {
      for (let i = 0; i < RECORDS_PER_POLL; i++) {
        const r = this.stream.next();
        if (!r) return "nothing-available";
        output.collect(r, r.source.ts_ms);
      }
      return "more";
    }
    if (this.snapshot) {
      const s = this.snapshot;
      for (let i = 0; i < RECORDS_PER_POLL; i++) {
        const r = s.next();
        if (!r) break;
        output.collect(r, r.source.ts_ms);
      }
      if (s.done) {
        this.snapshot = undefined;
        this.finished.push(s.split.id);
        this.reportFinished(s.split.id);
        return "more";
      }
      if (s.buffered > 0) return "more";
      void s.fill().then(() => this.available());
      return "nothing-available";
    }
    if (this.starting) return "nothing-available";
    const split = this.queue.shift();
    if (!split) {
      if (!this.requested) {
        this.requested = true;
        this.ctx.sendSplitRequest!();
      }
      return "nothing-available";
    }
    this.startingSplit = split;
    this.starting = this.begin(split)
      .catch((err: unknown) => {
        this.failure = err;
      })
      .finally(() => {
        this.starting = undefined;
        this.startingSplit = undefined;
        this.available();
      });
    return "nothing-available";
  }

  private reportFinished(id: string): void {
    const finished: SnapshotSplitFinished = { finishedSplit: id };
    this.ctx.sendSourceEventToCoordinator!(finished);
  }

  private async begin(split: CdcSplit): Promise<void> {
    if (split.kind === "snapshot") {
      const { SnapshotSplitReader } = await import("./snapshot-split-reader.js");
      const reader = new SnapshotSplitReader(split, this.options.connection, this.options.fetchSize);
      await reader.fill();
      this.snapshot = reader;
    } else if (split.kind === "stream") {
      const { ChangeStreamReader } = await import("./change-stream-reader.js");
      const reader = new ChangeStreamReader(split, this.options.connection, this.options.slotName, this.options.publicationName);
      reader.onData = () => this.available();
      await reader.start();
      this.stream = reader;
    }
  }

  isAvailable(): Promise<void> {
    if (this.failure !== undefined || this.stream?.hasRecords || this.stream?.failure !== undefined) return Promise.resolve();
    if (this.snapshot && (this.snapshot.buffered > 0 || this.snapshot.done || this.snapshot.failure !== undefined)) return Promise.resolve();
    if (!this.snapshot && !this.stream && !this.starting && this.queue.length > 0) return Promise.resolve();
    return (this.availability ??= new Promise<void>((resolve) => (this.wake = resolve)));
  }

  private available(): void {
    const wake = this.wake;
    this.wake = undefined;
    this.availability = undefined;
    wake?.();
  }

  addSplits(splits: CdcSplit[]): void {
    this.queue.push(...this.withoutFinished(splits));
    this.requested = false;
    this.available();
  }

  snapshotState(checkpointId?: number): CdcSplit[] {
    const splits: CdcSplit[] = [];
    if (this.stream) splits.push(this.stream.position(checkpointId));
    if (this.snapshot) splits.push(structuredClone(this.snapshot.split));
    // A split whose reader is still being opened has not moved yet.
    const finished = this.finished.map((id): CdcSplit => ({ kind: "finished", id }));
    return [...splits, ...structuredClone(this.pendingSplits()), ...finished];
  }

  private startingSplit: CdcSplit | undefined;
  private pendingSplits(): CdcSplit[] {
    return this.startingSplit ? [this.startingSplit, ...this.queue] : this.queue;
  }

  restoreState(splits: CdcSplit[]): void {
    this.queue = this.withoutFinished(structuredClone(splits));
    // Reported from the first pollNext(), when the reader runs and the enumerator listens.
    this.reportRestored = true;
  }

  /** Takes the finished markers out of `splits` into `finished`; the rest are splits to read. */
  private withoutFinished(splits: CdcSplit[]): CdcSplit[] {
    const rest: CdcSplit[] = [];
    for (const split of splits) {
      if (split.kind === "finished") this.finished.push(split.id);
      else rest.push(split);
    }
    return rest;
  }

  notifyCheckpointComplete(checkpointId: number): void {
    this.stream?.confirm(checkpointId);
  }

  async close(): Promise<void> {
    await this.snapshot?.close();
    await this.stream?.close();
  }
}
