/**
 * The state changelog (Flink's FLIP-158 ChangelogKeyedStateBackend; docs/state-backends.md,
 * "Incremental checkpoints"): a keyed state backend in front of the heap or the LMDB backend that
 * notes every entry changed (TrackingStateMap). A checkpoint writes those entries, per key group,
 * as one new segment of the task's log into the job's `shared/` folder and refers to the last
 * materialization plus the segments since; every `state.changelog.periodic-materialize.interval`
 * a full snapshot of the wrapped backend (a materialization) is written in the background, after
 * which older segments are no longer needed. So a checkpoint writes what changed, not the state.
 * Savepoints take the wrapped backend's full snapshot and stay self-contained.
 */
import { serialize } from "node:v8";
import { randomBytes } from "node:crypto";
import type { Key } from "../../../api/functions.js";
import { joinUri } from "../../../fs/file-system.js";
import { fileSystemFor } from "../../../fs/file-systems.js";
import { encodeCheckedFile, encodeCheckedFileInSlices } from "../checked-file.js";
import { ownedKeyGroup, type KeyedStateBackend, type KeyedStateSnapshot, type StateMap, type StateTable } from "../keyed-state-backend.js";
import type { StateKey } from "../state-key.js";
import { filesOf, type ChangelogRun, type ChangelogStateHandle, type KeyGroupBlobs, type SharedStateFile } from "./changelog-handle.js";
import { replayChangelog, type KeyGroupChanges, type LoadedFiles } from "./changelog-replay.js";
import { SharedFileLedger } from "./shared-file-ledger.js";
import { TrackingStateMap } from "./tracking-state-map.js";
import { TrackingTimerQueue } from "./tracking-timer-queue.js";
import type { InternalTimerQueue } from "../timers/internal-timer-queue.js";
import { HEAP_TIMER_TABLE } from "../timers/timer-snapshot.js";

export interface ChangelogSettings {
  /** How often a full snapshot of the wrapped backend is written (ms). */
  materializeIntervalMs: number;
  /** Materializations that may fail in a row before checkpoints are declined. */
  maxMaterializationFailures: number;
}

/** What a changelog checkpoint refers to, once every file is written. */
export interface PersistedChangelog {
  handle: ChangelogStateHandle;
  /** The shared files the handle refers to. */
  files: SharedStateFile[];
  /** Bytes of the files no earlier checkpoint referred to (Flink's checkpointed size). */
  checkpointedBytes: number;
}

/** The synchronous part of a changelog checkpoint; `persist` waits until every file it refers to is written. */
export interface ChangelogCheckpoint {
  persist(): Promise<PersistedChangelog>;
}

/** A materialization being written. */
interface PendingMaterialization {
  file: string;
  /** The first segment the log still needs once it is written. */
  firstKept: number;
  /** Its file, once written; rejects when it failed. */
  done: Promise<SharedStateFile>;
}

class ChangelogStateTable<V> implements StateTable<V> {
  readonly groups: TrackingStateMap<V>[];
  constructor(readonly inner: StateTable<V>) {
    this.groups = inner.groups.map((g) => new TrackingStateMap(g));
  }
  get name(): string {
    return this.inner.name;
  }
  get firstKeyGroup(): number {
    return this.inner.firstKeyGroup;
  }
}

/** A segment of the task's log: written at a checkpoint, numbered in log order. */
interface Segment {
  file: SharedStateFile;
  index: number;
}

export class ChangelogKeyedStateBackend implements KeyedStateBackend {
  private readonly tables = new Map<string, ChangelogStateTable<unknown>>();
  private readonly timerQueues = new Map<string, TrackingTimerQueue<unknown>>();
  private readonly snapshotFilters = new Map<string, (value: unknown) => unknown>();
  private groupIndex = -1;
  /** Runs taken over from the checkpoint restored from, until the first own materialization. */
  private restoredRuns: ChangelogRun[] = [];
  private materialization: SharedStateFile | undefined;
  private segments: Segment[] = [];
  private nextSegment = 0;
  /** The job's checkpoint folder, known from the first checkpoint (materializations go to its shared/). */
  private jobDir: string | undefined;
  /** Writes of shared files under way (a later checkpoint referring to the file waits for it). */
  private readonly writes = new Map<string, { bytes: Uint8Array; done: Promise<void> }>();
  private pending: PendingMaterialization | undefined;
  private materializationFailures = 0;
  private lastMaterializationError: Error | undefined;
  private timer: NodeJS.Timeout | undefined;
  private disposed: Promise<void> | undefined;
  private readonly ledger = new SharedFileLedger((file) => this.deleteFile(file));

  constructor(
    readonly inner: KeyedStateBackend,
    private readonly settings: ChangelogSettings,
    /** Names this subtask's files: "<vertex>-<subtask>". */
    private readonly owner: string,
  ) {}

  get type(): KeyedStateBackend["type"] {
    return this.inner.type;
  }
  get maxParallelism(): number {
    return this.inner.maxParallelism;
  }
  get keyGroupStart(): number {
    return this.inner.keyGroupStart;
  }
  get keyGroupEnd(): number {
    return this.inner.keyGroupEnd;
  }

  // ---- state access: the wrapped backend's, behind tracking maps ------------------------------

  setCurrentKey(key: Key): void {
    this.groupIndex = ownedKeyGroup(key, this.maxParallelism, this.keyGroupStart, this.keyGroupEnd) - this.keyGroupStart;
    this.inner.setCurrentKey(key);
  }
  addKeySelectionListener(listener: () => void): void {
    this.inner.addKeySelectionListener(listener);
  }
  getCurrentKey(): Key {
    return this.inner.getCurrentKey();
  }
  get currentStateKey(): StateKey {
    return this.inner.currentStateKey;
  }
  get currentKeyGroup(): number {
    return this.inner.currentKeyGroup;
  }
  timerQueue<N>(name: string): InternalTimerQueue<N> {
    let q = this.timerQueues.get(name);
    if (!q) {
      q = new TrackingTimerQueue<unknown>(this.inner.timerQueue<unknown>(name), this);
      this.timerQueues.set(name, q);
    }
    return q as unknown as InternalTimerQueue<N>;
  }
  currentGroup<V>(table: StateTable<V>): StateMap<V> {
    if (this.groupIndex < 0) throw new Error("keyed state accessed outside of a keyed context");
    return (table as ChangelogStateTable<V>).groups[this.groupIndex]!;
  }
  table<V>(name: string): StateTable<V> {
    let t = this.tables.get(name);
    if (!t) {
      t = new ChangelogStateTable(this.inner.table<unknown>(name));
      this.tables.set(name, t);
    }
    return t as unknown as StateTable<V>;
  }
  tableNames(): string[] {
    return this.inner.tableNames();
  }
  setSnapshotFilter(table: string, filter: (value: unknown) => unknown): void {
    this.snapshotFilters.set(table, filter);
    this.inner.setSnapshotFilter?.(table, filter);
  }
  setValueCopy(table: string, copy: (value: unknown) => unknown): void {
    this.inner.setValueCopy?.(table, copy);
  }

  // ---- checkpoints -----------------------------------------------------------------------------

  /** A full snapshot of the wrapped backend: for savepoints, which stay self-contained. */
  snapshot(): KeyedStateSnapshot {
    return this.inner.snapshot();
  }

  /**
   * The synchronous part of checkpoint `checkpointId`: the entries changed since the previous
   * checkpoint become a new segment (serialized now: processing changes them again right after),
   * written in the background; the handle is the log as it stands. With nothing to build on yet (a
   * task's first checkpoint, or one restored from a full snapshot or another job's checkpoint), all
   * entries count as changed: this checkpoint then starts a materialization instead, takes its
   * changes as part of it (no segment holds them), and refers to it once it is written — a full
   * snapshot whose synchronous part is the wrapped backend's (no state is serialized now).
   */
  checkpoint(checkpointId: number, jobDir: string): ChangelogCheckpoint {
    if (this.materializationFailures > this.settings.maxMaterializationFailures) {
      throw new Error(
        `the state changelog's materialization failed ${this.materializationFailures} times in a row ` +
          `(state.changelog.max-failures-allowed is ${this.settings.maxMaterializationFailures}): ${this.lastMaterializationError?.message}`,
      );
    }
    this.useJobDir(jobDir);
    const base = this.materialization || this.restoredRuns.length > 0 ? undefined : (this.pending ?? this.startMaterialization(true));
    const changes = this.takeChanges();
    if (changes.length > 0) {
      const bytes = encodeCheckedFile(changes);
      const file: SharedStateFile = { file: this.newFileName("log"), bytes: bytes.length };
      this.segments.push({ file, index: this.nextSegment++ });
      this.write(file.file, bytes);
    }
    const handle = base ? this.handleOver(base) : this.handle();
    const files = filesOf(handle);
    const fresh = new Set(this.ledger.checkpointed(checkpointId, files.map((f) => f.file)));
    return {
      persist: async () => {
        if (base) {
          // The materialization's size is known once it is written.
          handle.runs[0]!.materialization = await base.done;
          files[0] = handle.runs[0]!.materialization;
        }
        await this.written(files);
        return { handle, files, checkpointedBytes: files.filter((f) => fresh.has(f.file)).reduce((n, f) => n + f.bytes, 0) };
      },
    };
  }

  notifyCheckpointComplete(checkpointId: number): void {
    this.ledger.completed(checkpointId);
  }

  notifyCheckpointAborted(checkpointId: number): void {
    this.ledger.aborted(checkpointId);
  }

  /** The log as it will stand once `base` is written: it, and the segments from its boundary on. */
  private handleOver(base: PendingMaterialization): ChangelogStateHandle {
    const segments = this.segments.filter((s) => s.index >= base.firstKept).map((s) => s.file);
    return { runs: [{ keyGroupStart: this.keyGroupStart, keyGroupEnd: this.keyGroupEnd, materialization: { file: base.file, bytes: 0 }, segments }] };
  }

  /** The log as it stands: the runs restored from, then this subtask's own. */
  private handle(): ChangelogStateHandle {
    const own: ChangelogRun = { keyGroupStart: this.keyGroupStart, keyGroupEnd: this.keyGroupEnd, segments: this.segments.map((s) => s.file) };
    if (this.materialization) own.materialization = this.materialization;
    return { runs: own.materialization || own.segments.length > 0 ? [...this.restoredRuns, own] : [...this.restoredRuns] };
  }

  /** Per key group, the changed entries with their values now (filtered as full snapshots filter them). */
  private takeChanges(): KeyGroupBlobs {
    const size = this.keyGroupEnd - this.keyGroupStart + 1;
    const out: KeyGroupBlobs = [];
    for (let i = 0; i < size; i++) {
      const changes: KeyGroupChanges = { puts: {}, deletes: {} };
      let any = false;
      for (const [name, table] of this.tables) {
        const group = table.groups[i]!;
        if (group.changed.size === 0) continue;
        const filter = this.snapshotFilters.get(name);
        for (const k of group.takeChanged()) {
          const raw = group.inner.get(k);
          const v = raw === undefined || !filter ? raw : filter(raw);
          if (v === undefined) (changes.deletes[name] ??= []).push(k);
          else (changes.puts[name] ??= []).push([k, v]);
          any = true;
        }
      }
      // Timers: per changed key, a delete (replay first clears the key's timers), then its timers as they are.
      for (const [name, queue] of this.timerQueues) {
        const table = HEAP_TIMER_TABLE + name;
        for (const k of queue.takeChanged(i)) {
          (changes.deletes[table] ??= []).push(k);
          const timers = queue.timersOf(this.keyGroupStart + i, k);
          if (timers.length > 0) (changes.puts[table] ??= []).push([k, timers.flatMap((t) => [t.timestamp, t.seq, t.ns, t.namespace])]);
          any = true;
        }
      }
      if (any) out.push([this.keyGroupStart + i, serialize(changes)]);
    }
    return out;
  }

  // ---- materialization -------------------------------------------------------------------------

  private useJobDir(jobDir: string): void {
    if (this.jobDir !== undefined) return;
    this.jobDir = jobDir;
    if (this.restoredJobDir !== undefined && trimSlash(this.restoredJobDir) !== trimSlash(jobDir)) {
      this.restoredRuns = [];
      this.markChanged(this.allKeyGroups());
    }
    this.timer = setInterval(() => this.materialize(), this.settings.materializeIntervalMs);
    this.timer.unref?.();
  }

  /**
   * Starts a materialization unless one runs: the wrapped backend's snapshot is taken now (its
   * synchronous part) and written in the background. It holds every change made so far, so once
   * it is written the segments before the one the next checkpoint writes are no longer needed
   * (that next segment also holds some changes from before: replaying them over the
   * materialization ends in the same state, as later changes of the same entries follow).
   */
  materialize(): Promise<void> {
    if (this.jobDir === undefined || this.disposed) return Promise.resolve();
    return (this.pending ?? this.startMaterialization(false)).done.then(
      () => {},
      () => {},
    );
  }

  /**
   * `takeChanges`: the changes made so far are left out of the next segment, as the
   * materialization holds them; a checkpoint that refers to it must then wait for it (checkpoint()).
   */
  private startMaterialization(takeChanges: boolean): PendingMaterialization {
    const jobDir = this.jobDir!;
    const firstKept = this.nextSegment;
    const snapshot = this.inner.snapshot();
    if (takeChanges) {
      for (const t of this.tables.values()) for (const g of t.groups) g.takeChanged();
      for (const q of this.timerQueues.values()) for (let i = 0; i < q.changed.length; i++) q.takeChanged(i);
    }
    const name = this.newFileName("materialization");
    this.ledger.added(name);
    const run = async (): Promise<SharedStateFile> => {
      try {
        const bytes = await encodeCheckedFileInSlices(await snapshot.materialize());
        await fileSystemFor(jobDir).write(joinUri(jobDir, name), bytes);
        const dropped = [...this.restoredRuns.flatMap((r) => filesOf({ runs: [r] })), ...this.segments.filter((s) => s.index < firstKept).map((s) => s.file)];
        if (this.materialization) dropped.push(this.materialization);
        const file = { file: name, bytes: bytes.length };
        this.materialization = file;
        this.restoredRuns = [];
        this.segments = this.segments.filter((s) => s.index >= firstKept);
        this.ledger.dropped(dropped.map((f) => f.file));
        this.materializationFailures = 0;
        return file;
      } catch (e) {
        snapshot.release();
        this.ledger.dropped([name]);
        this.materializationFailures++;
        this.lastMaterializationError = e as Error;
        // The changes it took are in no segment: they all count as changed again.
        if (takeChanges) this.markChanged(this.allKeyGroups());
        throw e;
      } finally {
        this.pending = undefined;
      }
    };
    const pending: PendingMaterialization = { file: name, firstKept, done: run() };
    pending.done.catch(() => {});
    this.pending = pending;
    return pending;
  }

  private allKeyGroups(): number[] {
    return Array.from({ length: this.keyGroupEnd - this.keyGroupStart + 1 }, (_, i) => this.keyGroupStart + i);
  }

  // ---- shared files ----------------------------------------------------------------------------

  private newFileName(kind: "log" | "materialization"): string {
    return `shared/${this.owner}-${kind}-${randomBytes(8).toString("hex")}`;
  }

  private write(file: string, bytes: Uint8Array): void {
    const uri = joinUri(this.jobDir!, file);
    this.ledger.added(file);
    const done = fileSystemFor(uri).write(uri, bytes);
    const entry = { bytes, done };
    this.writes.set(file, entry);
    done.then(
      () => this.writes.get(file) === entry && this.writes.delete(file),
      () => {},
    );
  }

  /** Waits for the writes of `files` still under way; a failed one is written again (its changes are in no other file). */
  private async written(files: readonly SharedStateFile[]): Promise<void> {
    for (const f of files) {
      const w = this.writes.get(f.file);
      if (!w) continue;
      try {
        await w.done;
      } catch {
        this.write(f.file, w.bytes);
        await this.writes.get(f.file)?.done;
      }
    }
  }

  private deleteFile(file: string): void {
    const dir = this.jobDir;
    if (dir === undefined) return;
    const uri = joinUri(dir, file);
    // After its write: deleting first would let the write create it again.
    const deletion: Promise<void> = (this.writes.get(file)?.done ?? Promise.resolve())
      .catch(() => {})
      .then(() => fileSystemFor(uri).delete(uri))
      .catch(() => {})
      .finally(() => this.deletions.delete(deletion));
    this.deletions.add(deletion);
  }

  /** Deletions under way (dispose waits for them). */
  private readonly deletions = new Set<Promise<void>>();

  // ---- restore and lifecycle -------------------------------------------------------------------

  /** Restores a full snapshot: its entries count as changed, so the first checkpoint holds them all. */
  restore(groups: Iterable<readonly [number, Uint8Array]>): void {
    const restored = [...groups].filter(([kg]) => kg >= this.keyGroupStart && kg <= this.keyGroupEnd);
    this.inner.restore(restored);
    this.markChanged(restored.map(([kg]) => kg));
  }

  /** Every entry of these key groups counts as changed. */
  private markChanged(keyGroups: Iterable<number>): void {
    const groups = [...keyGroups];
    for (const q of this.timerQueues.values()) q.markAll(groups);
    for (const name of this.inner.tableNames()) {
      const table = this.table<unknown>(name) as unknown as ChangelogStateTable<unknown>;
      for (const kg of groups) {
        const group = table.groups[kg - this.keyGroupStart]!;
        for (const k of group.inner.keys()) group.changed.add(k);
      }
    }
  }

  /**
   * Restores from changelog handles (one per old subtask whose key groups this one takes). Their
   * files stay part of the log if they are in this job's checkpoint folder (a failover); a job
   * started from another job's checkpoint does not own that job's files (Flink's NO_CLAIM mode),
   * so its first checkpoint writes all the state anew (useJobDir).
   */
  restoreChangelog(jobDir: string, handles: readonly ChangelogStateHandle[], files: LoadedFiles): void {
    for (const handle of handles) this.restoredRuns.push(...replayChangelog(this.inner, handle, files));
    this.ledger.restored(filesOf({ runs: this.restoredRuns }).map((f) => f.file));
    this.restoredJobDir = jobDir;
  }

  /** The job's checkpoint folder of the checkpoint restored from. */
  private restoredJobDir: string | undefined;

  dispose(): Promise<void> {
    if (!this.disposed) {
      clearInterval(this.timer);
      this.disposed = (async () => {
        await this.pending?.done.catch(() => {});
        await Promise.allSettled([...this.writes.values()].map((w) => w.done));
        this.ledger.disposed();
        await Promise.allSettled([...this.deletions]);
        await this.inner.dispose();
      })();
    }
    return this.disposed;
  }
}

const trimSlash = (uri: string): string => uri.replace(/\/+$/, "");

/** The backend, if it keeps a state changelog. */
export function changelogOf(backend: KeyedStateBackend | undefined): ChangelogKeyedStateBackend | undefined {
  return backend instanceof ChangelogKeyedStateBackend ? backend : undefined;
}
