/**
 * Window join and coGroup (Flink's JoinedStreams/CoGroupedStreams), built as Flink builds them:
 * both inputs are tagged with their side, unioned, keyed by their own key selectors and
 * windowed; the window function splits the elements by side. The taggers run at their input's
 * parallelism so they chain to it.
 */
import type { DataStream, SingleOutputStreamOperator } from "../data-stream.js";
import { type Key, type KeySelector } from "../functions.js";
import type { Evictor } from "../windowing/evictors.js";
import type { Trigger } from "../windowing/trigger.js";
import type { WindowAssigner } from "../windowing/window-assigner.js";
import type { Window } from "../windowing/windows.js";
import type { CoGroupFunction, FlatJoinFunction, JoinFunction } from "./join-functions.js";
/** An element of either input, tagged with its side. */
export type TaggedUnion<A, B> = {
    readonly side: 1;
    readonly value: A;
} | {
    readonly side: 2;
    readonly value: B;
};
export declare class CoGroupedStreams<A, B> {
    protected readonly first: DataStream<A>;
    protected readonly second: DataStream<B>;
    constructor(first: DataStream<A>, second: DataStream<B>);
    where<K extends Key>(key1: KeySelector<A, K>): {
        equalTo(key2: KeySelector<B, K>): CoGroupWhereEqualTo<A, B, K>;
    };
}
export declare class CoGroupWhereEqualTo<A, B, K extends Key> {
    protected readonly first: DataStream<A>;
    protected readonly second: DataStream<B>;
    protected readonly key1: KeySelector<A, K>;
    protected readonly key2: KeySelector<B, K>;
    constructor(first: DataStream<A>, second: DataStream<B>, key1: KeySelector<A, K>, key2: KeySelector<B, K>);
    window<W extends Window>(assigner: WindowAssigner<TaggedUnion<A, B>, W>): WithWindow<A, B, K, W>;
}
/** The windowed join/coGroup: trigger, evictor and lateness as on any window, then the function. */
export declare class WithWindow<A, B, K extends Key, W extends Window> {
    private readonly first;
    private readonly second;
    private readonly key1;
    private readonly key2;
    private readonly assigner;
    private triggerFn;
    private evictorFn;
    private lateness;
    constructor(first: DataStream<A>, second: DataStream<B>, key1: KeySelector<A, K>, key2: KeySelector<B, K>, assigner: WindowAssigner<TaggedUnion<A, B>, W>);
    trigger(trigger: Trigger<TaggedUnion<A, B>, W>): this;
    evictor(evictor: Evictor<TaggedUnion<A, B>, W>): this;
    allowedLateness(ms: number): this;
    /** coGroup: all elements of both sides per key and window. */
    apply<R>(fn: CoGroupFunction<A, B, R>, name?: string): SingleOutputStreamOperator<R>;
    private windowed;
}
export declare class JoinedStreams<A, B> {
    private readonly first;
    private readonly second;
    constructor(first: DataStream<A>, second: DataStream<B>);
    where<K extends Key>(key1: KeySelector<A, K>): {
        equalTo(key2: KeySelector<B, K>): JoinWhereEqualTo<A, B, K>;
    };
}
export declare class JoinWhereEqualTo<A, B, K extends Key> {
    private readonly first;
    private readonly second;
    private readonly key1;
    private readonly key2;
    constructor(first: DataStream<A>, second: DataStream<B>, key1: KeySelector<A, K>, key2: KeySelector<B, K>);
    window<W extends Window>(assigner: WindowAssigner<TaggedUnion<A, B>, W>): JoinWithWindow<A, B, K, W>;
}
/** Inner join: the function runs for every pair of the two sides in a key's window. */
export declare class JoinWithWindow<A, B, K extends Key, W extends Window> {
    private readonly inner;
    constructor(first: DataStream<A>, second: DataStream<B>, key1: KeySelector<A, K>, key2: KeySelector<B, K>, assigner: WindowAssigner<TaggedUnion<A, B>, W>);
    trigger(trigger: Trigger<TaggedUnion<A, B>, W>): this;
    evictor(evictor: Evictor<TaggedUnion<A, B>, W>): this;
    allowedLateness(ms: number): this;
    apply<R>(fn: JoinFunction<A, B, R>): SingleOutputStreamOperator<R>;
    /** Like apply, for functions that emit any number of results per pair. */
    applyFlat<R>(fn: FlatJoinFunction<A, B, R>): SingleOutputStreamOperator<R>;
}
