/**
 * KeyedStream: a stream partitioned by key. Operators on it see one key at a time and may keep
 * state per key; the key also decides the record's key group (DESIGN.md principle 6).
 */
import type { StreamExecutionEnvironment } from "./environment.js";
import { DataStream, type SingleOutputStreamOperator, type StreamInput } from "./data-stream.js";
import type { Key, KeySelector, ReduceFunction } from "./functions.js";

/** Fields of T that hold numbers (or tuple positions, for arrays); what sum/min/max can aggregate. */
export type NumericField<T> = T extends readonly unknown[]
  ? { [I in keyof T]: T[I] extends number ? I : never }[number] extends infer P
    ? P extends `${infer N extends number}`
      ? N
      : never
    : never
  : { [F in keyof T]-?: T[F] extends number ? F : never }[keyof T];

export type AggregationKind = "sum" | "min" | "max" | "minBy" | "maxBy";

export class KeyedStream<T, K extends Key> extends DataStream<T> {
  constructor(
    env: StreamExecutionEnvironment,
    inputs: readonly StreamInput[],
    /** @internal */ readonly keySelector: KeySelector<T, K>,
  ) {
    super(env, inputs);
  }

  /** Running reduce per key: emits the updated value for every record. */
  reduce(fn: ReduceFunction<T>): SingleOutputStreamOperator<T> {
    return this.env.addOperator<T>("keyed-reduce", "Keyed Reduce", this.inputs, { fn });
  }

  /** Running sum of a numeric field per key (or of the value itself for a stream of numbers). */
  sum(field?: NumericField<T>): SingleOutputStreamOperator<T> {
    return this.aggregate("sum", field);
  }
  /** Running minimum of a field; other fields keep the first record's values (as in Flink). */
  min(field?: NumericField<T>): SingleOutputStreamOperator<T> {
    return this.aggregate("min", field);
  }
  max(field?: NumericField<T>): SingleOutputStreamOperator<T> {
    return this.aggregate("max", field);
  }
  /** The whole record with the smallest value of the field so far (the first one on ties). */
  minBy(field?: NumericField<T>): SingleOutputStreamOperator<T> {
    return this.aggregate("minBy", field);
  }
  maxBy(field?: NumericField<T>): SingleOutputStreamOperator<T> {
    return this.aggregate("maxBy", field);
  }

  private aggregate(kind: AggregationKind, field: NumericField<T> | undefined): SingleOutputStreamOperator<T> {
    const f = field === undefined ? null : typeof field === "number" ? field : String(field);
    return this.env.addOperator<T>("keyed-aggregation", `Keyed Aggregation (${kind})`, this.inputs, {}, { aggregation: kind, field: f });
  }
}
