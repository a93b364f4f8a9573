/**
 * Window join and coGroup (Flink's JoinedStreams/CoGroupedStreams), built as Flink builds them:
 * both inputs are tagged with their side, unioned, keyed by their own key selectors and
 * windowed; the window function splits the elements by side. The taggers run at their input's
 * parallelism so they chain to it.
 */
import type { DataStream, SingleOutputStreamOperator } from "../data-stream.js";
import { richFunction, type Collector, type Key, type KeySelector } from "../functions.js";
import type { Evictor } from "../windowing/evictors.js";
import type { Trigger } from "../windowing/trigger.js";
import type { WindowAssigner } from "../windowing/window-assigner.js";
import type { WindowedStream } from "../windowing/windowed-stream.js";
import type { Window } from "../windowing/windows.js";
import type { CoGroupFunction, FlatJoinFunction, JoinFunction } from "./join-functions.js";

/** An element of either input, tagged with its side. */
export type TaggedUnion<A, B> = { readonly side: 1; readonly value: A } | { readonly side: 2; readonly value: B };

function tag<T, X>(input: DataStream<T>, side: 1 | 2): SingleOutputStreamOperator<X> {
  const op = input.map((value: T) => ({ side, value }) as X).name(`Tagger (input ${side})`);
  const only = input.inputs.length === 1 ? input.inputs[0]! : undefined;
  if (only && !only.partitioner && !only.sideOutput) op.setParallelism(input.env.streamGraph.node(only.nodeId).parallelism);
  return op;
}

/** The two inputs of a join or coGroup and their key selectors. */
interface JoinInputs<A, B, K extends Key> {
  readonly first: DataStream<A>;
  readonly second: DataStream<B>;
  readonly key1: KeySelector<A, K>;
  readonly key2: KeySelector<B, K>;
}

type Operation = "join" | "coGroup";

/** The window stage of each operation. */
type WindowStage<Op extends Operation, A, B, K extends Key, W extends Window> = Op extends "join" ? JoinWithWindow<A, B, K, W> : WithWindow<A, B, K, W>;

/** Two streams of one environment, before their keys are given. */
abstract class TwoStreams<A, B, Op extends Operation> {
  constructor(
    private readonly first: DataStream<A>,
    private readonly second: DataStream<B>,
    private readonly operation: Op,
  ) {
    if (first.env !== second.env) throw new Error(`${operation === "join" ? "join" : "join/coGroup"}: streams belong to different environments`);
  }
  where<K extends Key>(key1: KeySelector<A, K>): { equalTo(key2: KeySelector<B, K>): WhereEqualTo<A, B, K, Op> } {
    return { equalTo: (key2) => new WhereEqualTo({ first: this.first, second: this.second, key1, key2 }, this.operation) };
  }
}

export class CoGroupedStreams<A, B> extends TwoStreams<A, B, "coGroup"> {
  constructor(first: DataStream<A>, second: DataStream<B>) {
    super(first, second, "coGroup");
  }
}

export class JoinedStreams<A, B> extends TwoStreams<A, B, "join"> {
  constructor(first: DataStream<A>, second: DataStream<B>) {
    super(first, second, "join");
  }
}

/** Both keys given: the window comes next. */
export class WhereEqualTo<A, B, K extends Key, Op extends Operation> {
  constructor(
    private readonly inputs: JoinInputs<A, B, K>,
    private readonly operation: Op,
  ) {}
  window<W extends Window>(assigner: WindowAssigner<TaggedUnion<A, B>, W>): WindowStage<Op, A, B, K, W> {
    const stage = this.operation === "join" ? new JoinWithWindow<A, B, K, W>(this.inputs, assigner) : new WithWindow<A, B, K, W>(this.inputs, assigner);
    return stage as WindowStage<Op, A, B, K, W>;
  }
}

export type CoGroupWhereEqualTo<A, B, K extends Key> = WhereEqualTo<A, B, K, "coGroup">;
export type JoinWhereEqualTo<A, B, K extends Key> = WhereEqualTo<A, B, K, "join">;

/** Trigger, evictor and lateness as on any window, shared by the windowed join and coGroup. */
abstract class WindowedInputs<A, B, K extends Key, W extends Window> {
  private triggerFn: Trigger<TaggedUnion<A, B>, W> | undefined;
  private evictorFn: Evictor<TaggedUnion<A, B>, W> | undefined;
  private lateness = 0;

  constructor(
    private readonly inputs: JoinInputs<A, B, K>,
    private readonly assigner: WindowAssigner<TaggedUnion<A, B>, W>,
  ) {}

  trigger(trigger: Trigger<TaggedUnion<A, B>, W>): this {
    this.triggerFn = trigger;
    return this;
  }
  evictor(evictor: Evictor<TaggedUnion<A, B>, W>): this {
    this.evictorFn = evictor;
    return this;
  }
  allowedLateness(ms: number): this {
    this.lateness = ms;
    return this;
  }

  /** All elements of both sides per key and window, split by side. */
  protected coGroup<R>(fn: CoGroupFunction<A, B, R>, name: string): SingleOutputStreamOperator<R> {
    const rich = richFunction<(a: A[], b: B[], out: Collector<R>) => void>(fn as never, "coGroup");
    const windowFn = {
      open: rich.open,
      close: rich.close,
      apply: (_key: K, _w: W, elements: readonly TaggedUnion<A, B>[], out: Collector<R>) => {
        const a: A[] = [];
        const b: B[] = [];
        for (const e of elements) {
          if (e.side === 1) a.push(e.value);
          else b.push(e.value);
        }
        rich.call(a, b, out);
      },
    };
    return this.windowed().apply<R>(windowFn).name(name);
  }

  private windowed(): WindowedStream<TaggedUnion<A, B>, K, W> {
    const { first, second, key1, key2 } = this.inputs;
    const keyOf = (t: TaggedUnion<A, B>): K => (t.side === 1 ? key1(t.value) : key2(t.value));
    const tagged = tag<A, TaggedUnion<A, B>>(first, 1).union(tag<B, TaggedUnion<A, B>>(second, 2));
    const w = tagged.keyBy(keyOf).window(this.assigner).allowedLateness(this.lateness);
    if (this.triggerFn) w.trigger(this.triggerFn);
    if (this.evictorFn) w.evictor(this.evictorFn);
    return w;
  }
}

/** The windowed coGroup. */
export class WithWindow<A, B, K extends Key, W extends Window> extends WindowedInputs<A, B, K, W> {
  /** coGroup: all elements of both sides per key and window. */
  apply<R>(fn: CoGroupFunction<A, B, R>, name = "CoGroup"): SingleOutputStreamOperator<R> {
    return this.coGroup(fn, name);
  }
}

/** Inner join: the function runs for every pair of the two sides in a key's window. */
export class JoinWithWindow<A, B, K extends Key, W extends Window> extends WindowedInputs<A, B, K, W> {
  apply<R>(fn: JoinFunction<A, B, R>): SingleOutputStreamOperator<R> {
    const rich = richFunction<(a: A, b: B) => R>(fn as never, "join");
    return this.coGroup<R>(
      { open: rich.open, close: rich.close, coGroup: (as, bs, out) => { for (const a of as) for (const b of bs) out.collect(rich.call(a, b)); } },
      "Window Join",
    );
  }

  /** Like apply, for functions that emit any number of results per pair. */
  applyFlat<R>(fn: FlatJoinFunction<A, B, R>): SingleOutputStreamOperator<R> {
    const rich = richFunction<(a: A, b: B, out: Collector<R>) => void>(fn as never, "join");
    return this.coGroup<R>(
      { open: rich.open, close: rich.close, coGroup: (as, bs, out) => { for (const a of as) for (const b of bs) rich.call(a, b, out); } },
      "Window Join",
    );
  }
}
