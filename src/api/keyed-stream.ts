/**
 * KeyedStream: a stream partitioned by key. Operators on it see one key at a time and may keep
 * state per key; the key also decides the record's key group (docs/architecture.md, principle 6).
 */
import type { StreamExecutionEnvironment } from "./environment.js";
import { DataStream, type SingleOutputStreamOperator, type StreamInput } from "./data-stream.js";
import type { Key, KeySelector, ReduceFunction } from "./functions.js";
import { aggregationFieldSpec, type AggregationField, type AggregationKind, type NumericField } from "./aggregation.js";
// State and time: builders in their own modules.
import type { KeyedProcessFunction } from "./process/keyed-process-function.js";
import {
  BroadcastStream,
  ConnectedStreams,
  KeyedBroadcastConnectedStream,
  KeyedConnectedStreams,
} from "./process/connected-streams.js";
import { IntervalJoin } from "./process/interval-join.js";
import { WindowedStream } from "./windowing/windowed-stream.js";
import type { WindowAssigner } from "./windowing/window-assigner.js";
import { GlobalWindows } from "./windowing/time-window-assigners.js";
import { CountTrigger, PurgingTrigger } from "./windowing/triggers.js";
import { CountEvictor } from "./windowing/evictors.js";
import type { GlobalWindow, Window } from "./windowing/windows.js";

export type { AggregationKind, NumericField } from "./aggregation.js";

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

  /**
   * Running sum of a numeric field per key (of the value itself for a stream of numbers); the
   * other fields keep the key's first record's values, as in Flink.
   */
  sum(...field: AggregationField<T>): SingleOutputStreamOperator<T> {
    return this.aggregate("sum", field[0]);
  }
  /** Running minimum of a field; other fields keep the first record's values (as in Flink). */
  min(...field: AggregationField<T>): SingleOutputStreamOperator<T> {
    return this.aggregate("min", field[0]);
  }
  max(...field: AggregationField<T>): SingleOutputStreamOperator<T> {
    return this.aggregate("max", field[0]);
  }
  /** The whole record with the smallest value of the field so far (on ties the first one, or the last with first = false). */
  minBy(field: NumericField<T>, first?: boolean): SingleOutputStreamOperator<T>;
  minBy(...field: AggregationField<T>): SingleOutputStreamOperator<T>;
  minBy(field?: NumericField<T>, first = true): SingleOutputStreamOperator<T> {
    return this.aggregate("minBy", field, first);
  }
  maxBy(field: NumericField<T>, first?: boolean): SingleOutputStreamOperator<T>;
  maxBy(...field: AggregationField<T>): SingleOutputStreamOperator<T>;
  maxBy(field?: NumericField<T>, first = true): SingleOutputStreamOperator<T> {
    return this.aggregate("maxBy", field, first);
  }

  /** A KeyedProcessFunction: keyed state, timers and side outputs per key. */
  override process<R = never>(fn: KeyedProcessFunction<K, T, R>): SingleOutputStreamOperator<R> {
    return this.env.addOperator<R>("keyed-process", "KeyedProcess", this.inputs, { fn });
  }

  /** Windows per key. */
  window<W extends Window>(assigner: WindowAssigner<T, W>): WindowedStream<T, K, W> {
    return new WindowedStream<T, K, W>(this.env, this.inputs, assigner);
  }

  /** Windows of `size` elements per key (sliding by `slide` elements when given). */
  countWindow(size: number, slide?: number): WindowedStream<T, K, GlobalWindow> {
    const w = this.window(GlobalWindows.create());
    if (slide === undefined) return w.trigger(PurgingTrigger.of(CountTrigger.of(size)));
    return w.evictor(CountEvictor.of(size)).trigger(CountTrigger.of(slide));
  }

  /** Connects with a broadcast stream (keyed broadcast pattern) or another keyed stream (keyed co-process). */
  override connect<T2>(other: BroadcastStream<T2>): KeyedBroadcastConnectedStream<K, T, T2>;
  override connect<T2>(other: KeyedStream<T2, K>): KeyedConnectedStreams<T, T2, K>;
  override connect<T2>(other: DataStream<T2>): ConnectedStreams<T, T2>;
  override connect<T2>(
    other: DataStream<T2> | BroadcastStream<T2>,
  ): KeyedBroadcastConnectedStream<K, T, T2> | KeyedConnectedStreams<T, T2, K> | ConnectedStreams<T, T2> {
    if (other.env !== this.env) throw new Error("connect(): streams belong to different environments");
    if (other instanceof BroadcastStream) return new KeyedBroadcastConnectedStream<K, T, T2>(this.env, this.inputs, other);
    if (other instanceof KeyedStream) return new KeyedConnectedStreams<T, T2, K>(this.env, this.inputs, other.inputs);
    return new ConnectedStreams<T, T2>(this.env, this.inputs, other.inputs);
  }

  /** Joins with another keyed stream on equal keys and timestamps within an interval (then between()). */
  intervalJoin<T2>(other: KeyedStream<T2, K>): IntervalJoin<T, T2, K> {
    return new IntervalJoin<T, T2, K>(this.env, this.inputs, other.inputs);
  }

  private aggregate(kind: AggregationKind, field: unknown, first = true): SingleOutputStreamOperator<T> {
    const config = { aggregation: kind, field: aggregationFieldSpec(field), first };
    return this.env.addOperator<T>("keyed-aggregation", `Keyed Aggregation (${kind})`, this.inputs, {}, config);
  }
}
