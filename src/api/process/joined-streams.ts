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

export class CoGroupedStreams<A, B> {
  constructor(
    protected readonly first: DataStream<A>,
    protected readonly second: DataStream<B>,
  ) {
    if (first.env !== second.env) throw new Error("join/coGroup: streams belong to different environments");
  }
  where<K extends Key>(key1: KeySelector<A, K>): { equalTo(key2: KeySelector<B, K>): CoGroupWhereEqualTo<A, B, K> } {
    return { equalTo: (key2) => new CoGroupWhereEqualTo<A, B, K>(this.first, this.second, key1, key2) };
  }
}

export class CoGroupWhereEqualTo<A, B, K extends Key> {
  constructor(
    protected readonly first: DataStream<A>,
    protected readonly second: DataStream<B>,
    protected readonly key1: KeySelector<A, K>,
    protected readonly key2: KeySelector<B, K>,
  ) {}
  window<W extends Window>(assigner: WindowAssigner<TaggedUnion<A, B>, W>): WithWindow<A, B, K, W> {
    return new WithWindow<A, B, K, W>(this.first, this.second, this.key1, this.key2, assigner);
  }
}

/** The windowed join/coGroup: trigger, evictor and lateness as on any window, then the function. */
export class WithWindow<A, B, K extends Key, W extends Window> {
  private triggerFn: Trigger<TaggedUnion<A, B>, W> | undefined;
  private evictorFn: Evictor<TaggedUnion<A, B>, W> | undefined;
  private lateness = 0;

  constructor(
    private readonly first: DataStream<A>,
    private readonly second: DataStream<B>,
    private readonly key1: KeySelector<A, K>,
    private readonly key2: KeySelector<B, K>,
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

  /** coGroup: all elements of both sides per key and window. */
  apply<R>(fn: CoGroupFunction<A, B, R>, name = "CoGroup"): SingleOutputStreamOperator<R> {
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
    const keyOf = (t: TaggedUnion<A, B>): K => (t.side === 1 ? this.key1(t.value) : this.key2(t.value));
    const tagged = tag<A, TaggedUnion<A, B>>(this.first, 1).union(tag<B, TaggedUnion<A, B>>(this.second, 2));
    const w = tagged.keyBy(keyOf).window(this.assigner).allowedLateness(this.lateness);
    if (this.triggerFn) w.trigger(this.triggerFn);
    if (this.evictorFn) w.evictor(this.evictorFn);
    return w;
  }
}

export class JoinedStreams<A, B> {
  constructor(
    private readonly first: DataStream<A>,
    private readonly second: DataStream<B>,
  ) {
    if (first.env !== second.env) throw new Error("join: streams belong to different environments");
  }
  where<K extends Key>(key1: KeySelector<A, K>): { equalTo(key2: KeySelector<B, K>): JoinWhereEqualTo<A, B, K> } {
    return { equalTo: (key2) => new JoinWhereEqualTo<A, B, K>(this.first, this.second, key1, key2) };
  }
}

export class JoinWhereEqualTo<A, B, K extends Key> {
  constructor(
    private readonly first: DataStream<A>,
    private readonly second: DataStream<B>,
    private readonly key1: KeySelector<A, K>,
    private readonly key2: KeySelector<B, K>,
  ) {}
  window<W extends Window>(assigner: WindowAssigner<TaggedUnion<A, B>, W>): JoinWithWindow<A, B, K, W> {
    return new JoinWithWindow<A, B, K, W>(this.first, this.second, this.key1, this.key2, assigner);
  }
}

/** Inner join: the function runs for every pair of the two sides in a key's window. */
export class JoinWithWindow<A, B, K extends Key, W extends Window> {
  private readonly inner: WithWindow<A, B, K, W>;
  constructor(first: DataStream<A>, second: DataStream<B>, key1: KeySelector<A, K>, key2: KeySelector<B, K>, assigner: WindowAssigner<TaggedUnion<A, B>, W>) {
    this.inner = new WithWindow<A, B, K, W>(first, second, key1, key2, assigner);
  }
  trigger(trigger: Trigger<TaggedUnion<A, B>, W>): this {
    this.inner.trigger(trigger);
    return this;
  }
  evictor(evictor: Evictor<TaggedUnion<A, B>, W>): this {
    this.inner.evictor(evictor);
    return this;
  }
  allowedLateness(ms: number): this {
    this.inner.allowedLateness(ms);
    return this;
  }

  apply<R>(fn: JoinFunction<A, B, R>): SingleOutputStreamOperator<R> {
    const rich = richFunction<(a: A, b: B) => R>(fn as never, "join");
    return this.inner.apply<R>(
      { open: rich.open, close: rich.close, coGroup: (as, bs, out) => { for (const a of as) for (const b of bs) out.collect(rich.call(a, b)); } },
      "Window Join",
    );
  }

  /** Like apply, for functions that emit any number of results per pair. */
  applyFlat<R>(fn: FlatJoinFunction<A, B, R>): SingleOutputStreamOperator<R> {
    const rich = richFunction<(a: A, b: B, out: Collector<R>) => void>(fn as never, "join");
    return this.inner.apply<R>(
      { open: rich.open, close: rich.close, coGroup: (as, bs, out) => { for (const a of as) for (const b of bs) rich.call(a, b, out); } },
      "Window Join",
    );
  }
}
