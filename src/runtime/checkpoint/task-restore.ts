/**
 * Restores one task's operators from a checkpoint or savepoint. Keyed state comes from every old
 * subtask whose key-group range overlaps this subtask's range (that is all rescaling needs);
 * operator state is redistributed by its mode (even split, union, broadcast).
 *
 * The state files may be remote (docs/architecture.md, "File systems"): `load` reads every file
 * the task's operators need, in parallel, before the task builds its operators synchronously. The
 * task's own file (same subtask, same parallelism) comes from its local copy when it has one
 * (docs/checkpoints.md, "Task-local recovery").
 */
import { joinUri, parentUri } from "../../fs/file-system.js";
import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import type { ChangelogStateHandle, KeyGroupBlobs } from "../state/changelog/changelog-handle.js";
import { changelogOf } from "../state/changelog/changelog-keyed-state-backend.js";
import { loadChangelogFiles, replayChangelog } from "../state/changelog/changelog-replay.js";
import { redistributeOperatorState, type OperatorStateSnapshot } from "../state/operator-state-backend.js";
import type { TaskRestore } from "./checkpoint-metadata.js";
import type { JobGraph } from "../../graph/job-graph.js";
import { restoreKeyedState, type TaskSnapshot } from "./task-state.js";
import type { ChannelStateSnapshot } from "./channel-state.js";
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";
import type { TaskLocalStateStore } from "./local/task-local-state-store.js";
import { readPreferringLocalCopy } from "./local/local-first-read.js";

/**
 * An unaligned checkpoint's in-flight data cannot be restored at another parallelism: Sluice does
 * not redistribute channel state (docs/checkpoints.md, "Unaligned checkpoints").
 */
export class ChannelStateRescaleError extends SluiceError {}
registerErrorClass(ChannelStateRescaleError);

export interface RestoredOperator {
  operatorState: OperatorStateSnapshot | undefined;
  restoreKeyed(backend: KeyedStateBackend): void;
}

export class TaskStateRestorer {
  private constructor(
    private readonly restore: TaskRestore,
    private readonly subtask: number,
    private readonly parallelism: number,
    private readonly files: ReadonlyMap<string, TaskSnapshot>,
    /** Every file came from the task's local copy (false when any came from the checkpoint storage). */
    readonly restoredLocally: boolean,
    /** The state changelog's shared files the restore needs, by name relative to the job's checkpoint folder. */
    private readonly changelogFiles: ReadonlyMap<string, KeyGroupBlobs>,
    /** This subtask's own file in the checkpoint, when it was taken at the same parallelism. */
    private readonly ownFile: string | undefined,
  ) {}

  /** The job's checkpoint folder of the checkpoint restored from: the changelog's shared files are named relative to it. */
  private get jobDir(): string {
    return parentUri(this.restore.baseDir);
  }

  /**
   * Reads the files that the operators `uids` of subtask `subtask` (key groups [start, end]) restore
   * from; its own file from `local` if that has an intact copy.
   */
  static async load(
    restore: TaskRestore,
    subtask: number,
    parallelism: number,
    uids: readonly string[],
    keyGroups: { start: number; end: number },
    local?: TaskLocalStateStore,
  ): Promise<TaskStateRestorer> {
    const needed = new Set<string>();
    const own = new Set<string>();
    for (const uid of uids) {
      const handles = restore.operators[uid];
      if (!handles) continue;
      for (const s of handles.subtasks) {
        const overlaps = s.keyGroupEnd >= keyGroups.start && s.keyGroupStart <= keyGroups.end;
        // A subtask that had ended before the checkpoint left no file (its operators only finished).
        if (s.file === "") continue;
        if (overlaps || handles.parallelism !== parallelism || s.subtask === subtask) needed.add(s.file);
        if (handles.parallelism === parallelism && s.subtask === subtask) own.add(s.file);
      }
    }
    // A local copy is of the subtask's own file: it serves a restore at the same parallelism, where that is all it reads.
    const copies = [...needed].every((file) => own.has(file)) ? local : undefined;
    const files = new Map<string, TaskSnapshot>();
    let remoteReads = 0;
    await Promise.all(
      [...needed].map(async (file) => {
        const read = await readPreferringLocalCopy(joinUri(restore.baseDir, file), restore.checkpointId, copies);
        if (!read.local) remoteReads++;
        files.set(file, read.snapshot);
      }),
    );
    const handles = [...files.values()].flatMap((f) => Object.values(f.operators).flatMap((o) => (o.changelog ? [o.changelog] : [])));
    const changelogFiles = new Map<string, KeyGroupBlobs>();
    // The changelog's shared files have no local copies: they come from the checkpoint storage.
    if (handles.length > 0) await loadChangelogFiles(parentUri(restore.baseDir), handles, keyGroups.start, keyGroups.end, changelogFiles);
    return new TaskStateRestorer(restore, subtask, parallelism, files, files.size > 0 && remoteReads === 0 && changelogFiles.size === 0, changelogFiles, [...own][0]);
  }

  /** The in-flight data of an unaligned checkpoint this subtask restores, if any. */
  channelState(): ChannelStateSnapshot | undefined {
    return this.ownFile ? this.read(this.ownFile).channels : undefined;
  }

  /**
   * Whether this subtask's operators had finished in the restored checkpoint (FLIP-147): they are
   * then restored and opened, but never run or finished again. A vertex that had finished only in
   * part cannot be rescaled (as in Flink): which new subtask would be finished is not defined.
   */
  finishedOnRestore(uids: readonly string[]): boolean {
    let finished: boolean | undefined;
    for (const uid of uids) {
      const handles = this.restore.operators[uid];
      if (!handles) continue;
      const finishedSubtasks = handles.subtasks.filter((s) => s.finished === true);
      let own: boolean;
      if (finishedSubtasks.length === handles.parallelism) own = true;
      else if (finishedSubtasks.length === 0) own = false;
      else if (handles.parallelism !== this.parallelism) {
        throw new Error(
          `operator ${handles.operatorName} (uid ${uid}) had finished in ${finishedSubtasks.length} of its ${handles.parallelism} subtasks in checkpoint ${this.restore.checkpointId}: ` +
            `it cannot be restored at parallelism ${this.parallelism}; restore it at parallelism ${handles.parallelism}, or from a checkpoint taken before any of its subtasks finished`,
        );
      } else own = finishedSubtasks.some((s) => s.subtask === this.subtask);
      finished = (finished ?? true) && own;
    }
    return finished ?? false;
  }

  private read(file: string): TaskSnapshot {
    if (file === "") return { operators: {} };
    const s = this.files.get(file);
    if (!s) throw new Error(`state file ${file} was not loaded for subtask ${this.subtask}`);
    return s;
  }

  /** The operator's restored state, or undefined when the checkpoint has none for its uid. */
  operator(uid: string, keyGroupStart: number, keyGroupEnd: number): RestoredOperator | undefined {
    const handles = this.restore.operators[uid];
    if (!handles) return undefined;
    let operatorState: OperatorStateSnapshot | undefined;
    if (handles.parallelism === this.parallelism) {
      const own = handles.subtasks.find((s) => s.subtask === this.subtask);
      operatorState = own ? this.read(own.file).operators[uid]?.operator : undefined;
    } else {
      const all = handles.subtasks
        .slice()
        .sort((a, b) => a.subtask - b.subtask)
        .map((s) => this.read(s.file).operators[uid]?.operator ?? {});
      operatorState = redistributeOperatorState(all, this.parallelism)[this.subtask];
    }
    return {
      operatorState,
      restoreKeyed: (backend) => {
        const changelogs: ChangelogStateHandle[] = [];
        for (const s of handles.subtasks) {
          if (s.keyGroupEnd < keyGroupStart || s.keyGroupStart > keyGroupEnd) continue;
          const snapshot = this.read(s.file).operators[uid];
          if (snapshot?.changelog) changelogs.push(snapshot.changelog);
          else restoreKeyedState(backend, snapshot?.keyed ?? []);
        }
        if (changelogs.length === 0) return;
        // A changelog backend keeps the files as its log; any other backend just replays them.
        const changelog = changelogOf(backend);
        if (changelog) changelog.restoreChangelog(this.jobDir, changelogs, this.changelogFiles);
        else for (const h of changelogs) replayChangelog(backend, h, this.changelogFiles);
      },
    };
  }
}

/**
 * Refuses to restore an unaligned checkpoint's in-flight data into a job whose parallelism differs
 * anywhere from the checkpoint's: channel state is per channel (producer subtask to consumer subtask),
 * and Sluice does not redistribute it. Checked when a job is submitted with the checkpoint, and again
 * by each task (loadTaskRestorer).
 */
export function checkChannelStateRestorable(restore: TaskRestore, jobGraph: JobGraph): void {
  let inFlight = 0;
  for (const handles of Object.values(restore.operators)) for (const s of handles.subtasks) inFlight += s.persistedDataBytes ?? 0;
  if (inFlight === 0) return;
  for (const v of jobGraph.vertices) {
    for (const o of v.operators) {
      const handles = restore.operators[o.uid];
      if (!handles || handles.parallelism === v.parallelism) continue;
      throw new ChannelStateRescaleError(
        `checkpoint ${restore.checkpointId} is an unaligned checkpoint with ${inFlight} bytes of in-flight data (channel state); ` +
          `"${handles.operatorName}" had parallelism ${handles.parallelism} in it and has ${v.parallelism} now: Sluice does not redistribute channel state. ` +
          `Restore it at the parallelism it was taken with, or take a savepoint (savepoints are always aligned) and rescale from that`,
      );
    }
  }
}
