/**
 * Accumulators (Flink's `Accumulator` API; docs/architecture.md, "Accumulators"): values a user
 * function adds to in `open()`/per record through `ctx.addAccumulator` / `ctx.getAccumulator`, that
 * the runtime merges over every parallel subtask and reports in the job result (`accumulator-results`)
 * and at /jobs/:jobid/accumulators while the job runs.
 *
 * Unlike Flink, the JobManager never loads the user's code, so it can only merge kinds it knows:
 * the built-in ones below (Flink's IntCounter, LongCounter, DoubleCounter, Histogram,
 * AverageAccumulator, ListAccumulator). Each crosses threads and processes as `{kind, value}`.
 */
import { registerErrorClass, SluiceError } from "../errors/sluice-error.js";

export interface Accumulator<V, R> {
  add(value: V): void;
  getLocalValue(): R;
  resetLocal(): void;
  /** Adds another accumulator of the same kind into this one. */
  merge(other: Accumulator<V, R>): void;
  clone(): Accumulator<V, R>;
}

/** How an accumulator travels from a subtask to the JobManager: its kind and its local value as JSON. */
export interface AccumulatorSnapshot {
  kind: AccumulatorKind;
  value: unknown;
}

export type AccumulatorKind = "IntCounter" | "LongCounter" | "DoubleCounter" | "Histogram" | "AverageAccumulator" | "ListAccumulator";

abstract class SnapshotAccumulator<V, R> implements Accumulator<V, R> {
  abstract readonly kind: AccumulatorKind;
  abstract add(value: V): void;
  abstract getLocalValue(): R;
  abstract resetLocal(): void;
  abstract merge(other: Accumulator<V, R>): void;
  abstract clone(): Accumulator<V, R>;
  /** The local value as JSON (what `restoreAccumulator` reads back). */
  abstract toJSON(): unknown;
}

abstract class NumberCounter extends SnapshotAccumulator<number, number> {
  protected value = 0;
  constructor(initial = 0) {
    super();
    this.add(initial);
  }
  getLocalValue(): number {
    return this.value;
  }
  resetLocal(): void {
    this.value = 0;
  }
  merge(other: Accumulator<number, number>): void {
    this.add(other.getLocalValue());
  }
  toJSON(): unknown {
    return this.value;
  }
}

/** A 32-bit integer sum that wraps around like Java's int (Flink's IntCounter). */
export class IntCounter extends NumberCounter {
  readonly kind = "IntCounter";
  add(value: number): void {
    this.value = (this.value + Math.trunc(value)) | 0;
  }
  clone(): IntCounter {
    return new IntCounter(this.value);
  }
}

/** An integer sum, exact up to 2^53 (JavaScript numbers; Flink's LongCounter is 64-bit). */
export class LongCounter extends NumberCounter {
  readonly kind = "LongCounter";
  add(value: number): void {
    this.value += Math.trunc(value);
  }
  clone(): LongCounter {
    return new LongCounter(this.value);
  }
}

export class DoubleCounter extends NumberCounter {
  readonly kind = "DoubleCounter";
  add(value: number): void {
    this.value += value;
  }
  clone(): DoubleCounter {
    return new DoubleCounter(this.value);
  }
}

/** Counts per integer value (Flink's Histogram accumulator; a map from value to count, keys ascending). */
export class Histogram extends SnapshotAccumulator<number, Map<number, number>> {
  readonly kind = "Histogram";
  private counts = new Map<number, number>();
  static of(entries: Iterable<[number, number]>): Histogram {
    const h = new Histogram();
    for (const [v, n] of entries) h.addCount(v, n);
    return h;
  }
  add(value: number): void {
    this.addCount(Math.trunc(value), 1);
  }
  getLocalValue(): Map<number, number> {
    return new Map([...this.counts].sort(([a], [b]) => a - b));
  }
  resetLocal(): void {
    this.counts = new Map();
  }
  merge(other: Accumulator<number, Map<number, number>>): void {
    for (const [v, n] of other.getLocalValue()) this.addCount(v, n);
  }
  clone(): Histogram {
    return Histogram.of(this.counts);
  }
  toJSON(): unknown {
    return [...this.getLocalValue()];
  }
  private addCount(value: number, n: number): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + n);
  }
}

/** The mean of the values added (Flink's AverageAccumulator). */
export class AverageAccumulator extends SnapshotAccumulator<number, number> {
  readonly kind = "AverageAccumulator";
  private sum = 0;
  private count = 0;
  static of(sum: number, count: number): AverageAccumulator {
    const a = new AverageAccumulator();
    a.sum = sum;
    a.count = count;
    return a;
  }
  add(value: number): void {
    this.sum += value;
    this.count++;
  }
  getLocalValue(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }
  resetLocal(): void {
    this.sum = 0;
    this.count = 0;
  }
  merge(other: Accumulator<number, number>): void {
    if (!(other instanceof AverageAccumulator)) throw new TypeError("an AverageAccumulator merges only with another AverageAccumulator");
    this.sum += other.sum;
    this.count += other.count;
  }
  clone(): AverageAccumulator {
    return AverageAccumulator.of(this.sum, this.count);
  }
  toJSON(): unknown {
    return { sum: this.sum, count: this.count };
  }
}

/** Every value added, in order per subtask (Flink's ListAccumulator); the values must be JSON. */
export class ListAccumulator<T> extends SnapshotAccumulator<T, T[]> {
  readonly kind = "ListAccumulator";
  private values: T[] = [];
  add(value: T): void {
    this.values.push(value);
  }
  getLocalValue(): T[] {
    return [...this.values];
  }
  resetLocal(): void {
    this.values = [];
  }
  merge(other: Accumulator<T, T[]>): void {
    this.values.push(...other.getLocalValue());
  }
  clone(): ListAccumulator<T> {
    const l = new ListAccumulator<T>();
    l.merge(this);
    return l;
  }
  toJSON(): unknown {
    return this.values;
  }
}

/** Thrown for an accumulator the runtime cannot report (not one of the built-in kinds) or a kind clash. */
export class AccumulatorError extends SluiceError {}
registerErrorClass(AccumulatorError);

export function isBuiltInAccumulator(a: Accumulator<unknown, unknown>): boolean {
  return a instanceof SnapshotAccumulator;
}

export function snapshotAccumulator(a: Accumulator<unknown, unknown>): AccumulatorSnapshot {
  if (!(a instanceof SnapshotAccumulator)) throw new AccumulatorError("only the built-in accumulators can be reported (IntCounter, LongCounter, DoubleCounter, Histogram, AverageAccumulator, ListAccumulator)");
  return { kind: a.kind, value: a.toJSON() };
}

/** Rebuilds an accumulator from its snapshot (on the JobManager, to merge the subtasks' values). */
export function restoreAccumulator(s: AccumulatorSnapshot): Accumulator<unknown, unknown> {
  switch (s.kind) {
    case "IntCounter":
      return new IntCounter(Number(s.value)) as Accumulator<unknown, unknown>;
    case "LongCounter":
      return new LongCounter(Number(s.value)) as Accumulator<unknown, unknown>;
    case "DoubleCounter":
      return new DoubleCounter(Number(s.value)) as Accumulator<unknown, unknown>;
    case "Histogram":
      return Histogram.of(s.value as [number, number][]) as unknown as Accumulator<unknown, unknown>;
    case "AverageAccumulator": {
      const { sum, count } = s.value as { sum: number; count: number };
      return AverageAccumulator.of(sum, count) as Accumulator<unknown, unknown>;
    }
    case "ListAccumulator": {
      const l = new ListAccumulator<unknown>();
      for (const v of s.value as unknown[]) l.add(v);
      return l as Accumulator<unknown, unknown>;
    }
    default:
      throw new AccumulatorError(`unknown accumulator kind ${String((s as { kind: unknown }).kind)}`);
  }
}

export interface MergedAccumulators {
  merged: Record<string, AccumulatorSnapshot>;
  /** Names used with two different kinds: left out of `merged`, each with what to fix. */
  problems: string[];
}

/**
 * Merges the snapshots of many subtasks by name (Flink's AccumulatorHelper.mergeInto). A name used
 * with two kinds cannot be merged: it is left out and reported, the other names are unaffected.
 */
export function mergeAccumulatorSnapshots(parts: Iterable<Record<string, AccumulatorSnapshot> | undefined>): MergedAccumulators {
  const merged = new Map<string, Accumulator<unknown, unknown>>();
  const kinds = new Map<string, AccumulatorKind>();
  const clashing = new Map<string, string>();
  for (const part of parts) {
    for (const [name, s] of Object.entries(part ?? {})) {
      const kind = kinds.get(name);
      if (kind === undefined) {
        kinds.set(name, s.kind);
        merged.set(name, restoreAccumulator(s));
      } else if (kind !== s.kind) {
        clashing.set(name, `accumulator ${name} is a ${kind} in one subtask and a ${s.kind} in another; use one kind per name`);
      } else {
        merged.get(name)!.merge(restoreAccumulator(s));
      }
    }
  }
  for (const name of clashing.keys()) merged.delete(name);
  return { merged: Object.fromEntries([...merged].map(([name, a]) => [name, snapshotAccumulator(a)])), problems: [...clashing.values()] };
}

/** The plain JSON value of a snapshot as a client reads it: a number, a mean, `{value: count}` or a list. */
export function accumulatorResultValue(s: AccumulatorSnapshot): unknown {
  const value = restoreAccumulator(s).getLocalValue();
  return value instanceof Map ? Object.fromEntries(value) : value;
}

/** What a user function sees: add an accumulator under a name, get it back later. */
export interface AccumulatorContext {
  /** Registers an accumulator under `name` for this subtask; a second one under the same name is an error. */
  addAccumulator<V, R>(name: string, accumulator: Accumulator<V, R>): void;
  getAccumulator<V, R>(name: string): Accumulator<V, R> | undefined;
  /** Flink's shortcuts: the counter of this name, created on first use. */
  getIntCounter(name: string): IntCounter;
  getLongCounter(name: string): LongCounter;
  getDoubleCounter(name: string): DoubleCounter;
  getHistogram(name: string): Histogram;
}
