/**
 * Where an operator's records go: directly into chained operators (a method call) or into record
 * writers (the network). Side outputs are routed by tag; watermarks go everywhere.
 */
export interface Output {
  collect(value: unknown, timestamp: number): void;
  collectSide(tag: string, value: unknown, timestamp: number): void;
  emitWatermark(watermark: number): void;
  /** Idle inputs are skipped downstream when computing watermarks. */
  emitStreamStatus(idle: boolean): void;
}

/** What a watermark generator drives: an Output, or one input of a watermark multiplexer (split-watermarks.ts). */
export type WatermarkTarget = Pick<Output, "emitWatermark" | "emitStreamStatus">;

/** Something that accepts records: a chained operator's input or a network writer. */
export interface RecordTarget {
  collect(value: unknown, timestamp: number): void;
  emitWatermark(watermark: number): void;
  emitStreamStatus(idle: boolean): void;
}

export class FanOutOutput implements Output {
  private readonly all: RecordTarget[];
  constructor(
    private readonly main: RecordTarget[],
    private readonly sides: Map<string, RecordTarget[]>,
  ) {
    this.all = [...main, ...[...sides.values()].flat()];
  }

  collect(value: unknown, timestamp: number): void {
    const main = this.main;
    for (let i = 0; i < main.length; i++) main[i]!.collect(value, timestamp);
  }

  collectSide(tag: string, value: unknown, timestamp: number): void {
    const targets = this.sides.get(tag);
    if (targets) for (const t of targets) t.collect(value, timestamp);
  }

  emitWatermark(watermark: number): void {
    for (const t of this.all) t.emitWatermark(watermark);
  }

  emitStreamStatus(idle: boolean): void {
    for (const t of this.all) t.emitStreamStatus(idle);
  }
}

/** The single-target case without the loop, which is most chains. */
export function createOutput(main: RecordTarget[], sides: Map<string, RecordTarget[]>): Output {
  if (main.length === 1 && sides.size === 0) {
    const t = main[0]!;
    return {
      collect: (v, ts) => t.collect(v, ts),
      collectSide: () => {},
      emitWatermark: (w) => t.emitWatermark(w),
      emitStreamStatus: (idle) => t.emitStreamStatus(idle),
    };
  }
  return new FanOutOutput(main, sides);
}
