/**
 * Which of a task's shared changelog files the task itself must delete (Flink's
 * TaskChangelogRegistry). Once a checkpoint that refers to a file has completed, the JobMaster's
 * shared-state registry owns the file and deletes it when no retained checkpoint needs it. A file
 * no completed checkpoint refers to is the task's: it goes when the task's log no longer needs it
 * (a newer materialization replaced it) and no checkpoint that refers to it is still undecided.
 */
export class SharedFileLedger {
  /** In a completed checkpoint: the JobMaster's registry decides. */
  private readonly confirmed = new Set<string>();
  /** Still part of the task's log. */
  private readonly inLog = new Set<string>();
  /** Files of each checkpoint acknowledged (or being written) whose outcome the task has not heard. */
  private readonly pending = new Map<number, readonly string[]>();
  /** Files some checkpoint has referred to: a checkpoint's newly written bytes are the others. */
  private readonly referenced = new Set<string>();

  constructor(private readonly remove: (file: string) => void) {}

  /** A file the task wrote into its log. */
  added(file: string): void {
    this.inLog.add(file);
  }

  /** Files of the checkpoint the task restored from: completed, so the JobMaster owns them. */
  restored(files: readonly string[]): void {
    for (const f of files) {
      this.inLog.add(f);
      this.confirmed.add(f);
      this.referenced.add(f);
    }
  }

  /** Checkpoint `id` refers to `files`; returns the ones no checkpoint referred to before. */
  checkpointed(id: number, files: readonly string[]): string[] {
    this.pending.set(id, files);
    const fresh = files.filter((f) => !this.referenced.has(f));
    for (const f of fresh) this.referenced.add(f);
    return fresh;
  }

  completed(id: number): void {
    for (const f of this.pending.get(id) ?? []) this.confirmed.add(f);
    this.pending.delete(id);
  }

  aborted(id: number): void {
    const files = this.pending.get(id) ?? [];
    this.pending.delete(id);
    for (const f of files) this.collect(f);
  }

  /** The log no longer needs these files. */
  dropped(files: Iterable<string>): void {
    for (const f of files) {
      this.inLog.delete(f);
      this.collect(f);
    }
  }

  /** The task ends: files only its log needed go (those of undecided checkpoints stay: one may complete). */
  disposed(): void {
    this.dropped([...this.inLog]);
  }

  private collect(file: string): void {
    if (this.inLog.has(file) || this.confirmed.has(file)) return;
    for (const files of this.pending.values()) if (files.includes(file)) return;
    this.remove(file);
  }
}
