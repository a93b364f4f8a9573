/** keyedA.intervalJoin(keyedB).between(lower, upper).process(fn): joins by key within a time interval. */
import type { SingleOutputStreamOperator, StreamInput } from "../data-stream.js";
import type { StreamExecutionEnvironment } from "../environment.js";
import type { JsonObject } from "../../graph/stream-graph.js";
import type { Key } from "../functions.js";
import type { OutputTag } from "../output-tag.js";
import type { ProcessJoinFunction } from "./join-functions.js";

export class IntervalJoin<A, B, K extends Key> {
  declare readonly __types?: (a: A, b: B, k: K) => void;
  constructor(
    private readonly env: StreamExecutionEnvironment,
    private readonly left: readonly StreamInput[],
    private readonly right: readonly StreamInput[],
  ) {}

  /** Joins right elements with lowerMs <= right.ts − left.ts <= upperMs (both inclusive by default). */
  between(lowerMs: number, upperMs: number): IntervalJoined<A, B, K> {
    if (!(lowerMs <= upperMs)) throw new RangeError(`interval join: lower bound ${lowerMs} must not exceed upper bound ${upperMs}`);
    return new IntervalJoined<A, B, K>(this.env, this.left, this.right, lowerMs, upperMs);
  }
}

export class IntervalJoined<A, B, K extends Key> {
  declare readonly __types?: (a: A, b: B, k: K) => void;
  private readonly config: JsonObject;
  constructor(
    private readonly env: StreamExecutionEnvironment,
    private readonly left: readonly StreamInput[],
    private readonly right: readonly StreamInput[],
    lower: number,
    upper: number,
  ) {
    this.config = { lowerBound: lower, upperBound: upper, lowerExclusive: false, upperExclusive: false };
  }
  lowerBoundExclusive(): this {
    this.config.lowerExclusive = true;
    return this;
  }
  upperBoundExclusive(): this {
    this.config.upperExclusive = true;
    return this;
  }
  /** Left elements that arrive behind the watermark go here instead of being dropped. */
  sideOutputLeftLateData(tag: OutputTag<A>): this {
    this.config.leftLateDataTag = tag.id;
    return this;
  }
  sideOutputRightLateData(tag: OutputTag<B>): this {
    this.config.rightLateDataTag = tag.id;
    return this;
  }
  process<R = never>(fn: ProcessJoinFunction<A, B, R>): SingleOutputStreamOperator<R> {
    return this.env.addOperator<R>("interval-join", "Interval Join", this.left, { fn }, { ...this.config }, 0, this.right);
  }
}
