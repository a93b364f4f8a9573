/**
 * The accumulators of one subtask (docs/architecture.md, "Accumulators"): every operator of the
 * chain registers into the same set through its runtime context, and the task reports their
 * snapshots with its metrics, so the JobMaster can merge them over all subtasks.
 */
import {
  AccumulatorError,
  DoubleCounter,
  Histogram,
  IntCounter,
  isBuiltInAccumulator,
  LongCounter,
  snapshotAccumulator,
  type Accumulator,
  type AccumulatorContext,
  type AccumulatorSnapshot,
} from "../../api/accumulators.js";

export class TaskAccumulators {
  private readonly byName = new Map<string, Accumulator<unknown, unknown>>();

  /** The methods a runtime context offers, as own properties so that contexts may be spread. */
  readonly context: AccumulatorContext = {
    addAccumulator: (name, accumulator) => this.add(name, accumulator as Accumulator<unknown, unknown>),
    getAccumulator: <V, R>(name: string) => this.byName.get(name) as Accumulator<V, R> | undefined,
    getIntCounter: (name) => this.getOrAdd(name, IntCounter),
    getLongCounter: (name) => this.getOrAdd(name, LongCounter),
    getDoubleCounter: (name) => this.getOrAdd(name, DoubleCounter),
    getHistogram: (name) => this.getOrAdd(name, Histogram),
  };

  get size(): number {
    return this.byName.size;
  }

  snapshot(): Record<string, AccumulatorSnapshot> {
    const out: Record<string, AccumulatorSnapshot> = {};
    for (const [name, a] of this.byName) out[name] = snapshotAccumulator(a);
    return out;
  }

  private add(name: string, accumulator: Accumulator<unknown, unknown>): void {
    if (typeof name !== "string" || name === "") throw new AccumulatorError("an accumulator needs a non-empty name");
    if (this.byName.has(name)) throw new AccumulatorError(`this subtask already has an accumulator named ${name}; get it with getAccumulator("${name}")`);
    // Refused here, where the user's code can see it, rather than when the task reports.
    if (!isBuiltInAccumulator(accumulator)) {
      throw new AccumulatorError(`accumulator ${name} is not one of the built-in kinds (IntCounter, LongCounter, DoubleCounter, Histogram, AverageAccumulator, ListAccumulator): the JobManager merges only those`);
    }
    this.byName.set(name, accumulator);
  }

  private getOrAdd<A extends Accumulator<unknown, unknown>>(name: string, kind: new () => A): A {
    const existing = this.byName.get(name);
    if (existing === undefined) {
      const created = new kind();
      this.add(name, created);
      return created;
    }
    if (!(existing instanceof kind)) throw new AccumulatorError(`accumulator ${name} exists with another kind than ${kind.name}`);
    return existing;
  }
}
