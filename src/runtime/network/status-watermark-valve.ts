/**
 * Combines the watermarks and stream statuses of one input's channels into the input's watermark
 * and status, with the rules of Flink's StatusWatermarkValve (docs/architecture.md, "Watermarks
 * and idleness"):
 * - the input's watermark is the minimum over its active, aligned channels, and never goes back;
 * - when the last active channel becomes idle, nothing can advance the watermark any more, so the
 *   valve flushes: it emits the largest watermark among all channels, then goes idle;
 * - a channel that becomes active again behind the input's watermark is "unaligned": it does not
 *   hold the watermark back until its own watermark has caught up.
 * Sluice additions: a watermark on an idle channel makes it active first (Sluice producers always
 * announce activity, so this only tolerates a producer that does not); an ended channel no longer
 * counts, and when all have ended the watermark is +Infinity, unless one was stopped without
 * draining (stop-with-savepoint), when event time stays where it is.
 */

/** What an event changed: the input's new watermark and/or status. */
export interface ValveChange {
  watermark?: number;
  idle?: boolean;
}

/** Who consumes an input's watermark and status (the head operator of a task's chain). */
export interface ValveTarget {
  processWatermark(watermark: number, input: number): void;
  processStreamStatus(idle: boolean, input: number): void;
}

/**
 * Hands a change to its target in Flink's order: a valve that goes idle flushes its watermark
 * before the idle status; one that becomes active announces it before any watermark.
 */
export function deliverValveChange(change: ValveChange, target: ValveTarget, input: number): void {
  if (change.idle === false) target.processStreamStatus(false, input);
  if (change.watermark !== undefined) target.processWatermark(change.watermark, input);
  if (change.idle === true) target.processStreamStatus(true, input);
}

const NONE: ValveChange = Object.freeze({});

interface ChannelStatus {
  watermark: number;
  idle: boolean;
  /** Counts for the minimum: active and not behind the valve's output (see the file comment). */
  aligned: boolean;
  ended: boolean;
  stopped: boolean;
}

export class StatusWatermarkValve {
  private readonly channels: ChannelStatus[] = [];
  private lastWatermark = Number.NEGATIVE_INFINITY;
  private idle = false;

  /** Adds a channel and returns its index. */
  addChannel(): number {
    this.channels.push({ watermark: Number.NEGATIVE_INFINITY, idle: false, aligned: true, ended: false, stopped: false });
    return this.channels.length - 1;
  }

  get currentWatermark(): number {
    return this.lastWatermark;
  }

  get isIdle(): boolean {
    return this.idle;
  }

  get allEnded(): boolean {
    return this.channels.every((c) => c.ended);
  }

  inputWatermark(index: number, watermark: number): ValveChange {
    const c = this.channels[index]!;
    if (c.ended) return NONE;
    let change: ValveChange = NONE;
    if (c.idle) change = this.inputStreamStatus(index, false);
    if (watermark <= c.watermark) return change;
    c.watermark = watermark;
    if (!c.aligned && watermark >= this.lastWatermark) c.aligned = true;
    return this.merge(change, this.advanceToMinimum());
  }

  inputStreamStatus(index: number, idle: boolean): ValveChange {
    const c = this.channels[index]!;
    if (c.ended || c.idle === idle) return NONE;
    c.idle = idle;
    if (!idle) {
      if (c.watermark >= this.lastWatermark) c.aligned = true;
      if (!this.idle) return NONE;
      this.idle = false;
      return { idle: false };
    }
    c.aligned = false;
    return this.afterChannelLeft(c);
  }

  /** End of partition on a channel; `stopped` when it was not drained. */
  endOfPartition(index: number, stopped: boolean): ValveChange {
    const c = this.channels[index]!;
    if (c.ended) return NONE;
    c.ended = true;
    c.stopped = stopped;
    c.aligned = false;
    if (this.allEnded) {
      const change: ValveChange = this.idle ? { idle: false } : {};
      this.idle = false;
      if (this.channels.some((ch) => ch.stopped)) return change;
      return this.merge(change, this.emitIfAbove(Number.POSITIVE_INFINITY));
    }
    return this.afterChannelLeft(c);
  }

  /** A channel stopped counting (idle or ended): the minimum may advance, or the valve goes idle. */
  private afterChannelLeft(c: ChannelStatus): ValveChange {
    const anyActive = this.channels.some((ch) => !ch.ended && !ch.idle);
    if (!anyActive) {
      if (this.idle) return NONE;
      // No channel can advance the watermark now: flush to the largest, as Flink does only when the
      // channel that just left was the one holding the watermark (an unaligned one was not).
      let change: ValveChange = {};
      if (c.watermark === this.lastWatermark) change = this.flushToMaximum();
      this.idle = true;
      return { ...change, idle: true };
    }
    return c.watermark === this.lastWatermark ? this.advanceToMinimum() : NONE;
  }

  private advanceToMinimum(): ValveChange {
    let min = Number.POSITIVE_INFINITY;
    let any = false;
    for (const ch of this.channels) {
      if (!ch.aligned) continue;
      any = true;
      if (ch.watermark < min) min = ch.watermark;
    }
    return any ? this.emitIfAbove(min) : NONE;
  }

  private flushToMaximum(): ValveChange {
    let max = Number.NEGATIVE_INFINITY;
    for (const ch of this.channels) if (ch.watermark > max) max = ch.watermark;
    return this.emitIfAbove(max);
  }

  private emitIfAbove(watermark: number): ValveChange {
    if (watermark <= this.lastWatermark) return NONE;
    this.lastWatermark = watermark;
    return { watermark };
  }

  private merge(a: ValveChange, b: ValveChange): ValveChange {
    if (a === NONE) return b;
    if (b === NONE) return a;
    return { ...a, ...b };
  }
}
