/**
 * The queue of an async operator: elements in flight and completed, and the watermarks between
 * them. Ordered: everything leaves in arrival order. Unordered: a completed element leaves at once
 * unless a watermark is ahead of it, and a watermark leaves once everything before it has left,
 * so no element overtakes a watermark in either direction (Flink's stream element queues).
 */
export interface QueuedElement {
  readonly kind: "element";
  /** The input, kept until the results leave: a checkpoint stores it to call again after a restore. */
  readonly value: unknown;
  readonly timestamp: number;
  done: boolean;
  results: unknown[] | undefined;
}

interface QueuedWatermark {
  readonly kind: "watermark";
  readonly watermark: number;
}

type Entry = QueuedElement | QueuedWatermark;

export interface QueueOutput {
  emit(value: unknown, timestamp: number): void;
  emitWatermark(watermark: number): void;
}

export class AsyncQueue {
  private entries: Entry[] = [];
  /** Elements in the queue (watermarks don't count towards capacity). */
  elements = 0;
  private listeners: (() => void)[] = [];

  constructor(
    private readonly ordered: boolean,
    private readonly out: QueueOutput,
  ) {}

  get size(): number {
    return this.entries.length;
  }

  addElement(value: unknown, timestamp: number): QueuedElement {
    const e: QueuedElement = { kind: "element", value, timestamp, done: false, results: undefined };
    this.entries.push(e);
    this.elements++;
    return e;
  }

  addWatermark(watermark: number): void {
    if (this.entries.length === 0) this.out.emitWatermark(watermark);
    else this.entries.push({ kind: "watermark", watermark });
  }

  complete(entry: QueuedElement, results: unknown[]): void {
    entry.done = true;
    entry.results = results;
    if (this.ordered) this.drainHead();
    else if (!this.entries.slice(0, this.entries.indexOf(entry)).some((e) => e.kind === "watermark")) {
      // No watermark ahead: leave now.
      this.entries.splice(this.entries.indexOf(entry), 1);
      this.emitElement(entry);
      this.drainHead();
    }
    this.changed();
  }

  /** Emits from the head while possible; in unordered mode, a segment's completed elements leave after its watermark. */
  private drainHead(): void {
    const entries = this.entries;
    let i = 0;
    while (i < entries.length) {
      const head = entries[i]!;
      if (head.kind === "watermark") {
        if (i > 0) break; // elements before it are still in flight
        entries.shift();
        this.out.emitWatermark(head.watermark);
        if (!this.ordered) this.releaseCompletedOfSegment();
        continue;
      }
      if (!head.done) {
        if (this.ordered) break;
        i++; // unordered: an unfinished element does not hold back its segment's completed ones
        continue;
      }
      entries.splice(i, 1);
      this.emitElement(head);
    }
  }

  /** Unordered: after a watermark left, completed elements up to the next watermark may leave. */
  private releaseCompletedOfSegment(): void {
    const entries = this.entries;
    for (let i = 0; i < entries.length; ) {
      const e = entries[i]!;
      if (e.kind === "watermark") break;
      if (e.done) {
        entries.splice(i, 1);
        this.emitElement(e);
      } else i++;
    }
  }

  private emitElement(e: QueuedElement): void {
    this.elements--;
    for (const r of e.results!) this.out.emit(r, e.timestamp);
  }

  /** The inputs of every element not yet emitted, in arrival order. */
  inputs(): { value: unknown; timestamp: number }[] {
    return this.entries.flatMap((e) => (e.kind === "element" ? [{ value: e.value, timestamp: e.timestamp }] : []));
  }

  /** Resolves at the next change (completion), for waiting until the queue is empty. */
  whenChanged(): Promise<void> {
    return new Promise((resolve) => this.listeners.push(resolve));
  }

  notifyChanged(): void {
    this.changed();
  }

  private changed(): void {
    const l = this.listeners;
    this.listeners = [];
    for (const resolve of l) resolve();
  }
}
