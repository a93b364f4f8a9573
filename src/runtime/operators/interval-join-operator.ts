/**
 * Interval join (Flink's IntervalJoinOperator): joins left l and right r of the same key when
 * lower <= r.ts − l.ts <= upper. Both sides are buffered per key and timestamp in the keyed
 * backend; a cleanup timer drops an element once no future element of the other side can match.
 *
 * Lateness: an element is late when its timestamp is <= the watermark (Flink uses <). With <=,
 * an element is only cleaned up once every element that could still match it would itself be
 * late, so the result is exactly "all pairs of non-late elements within the bounds", whatever
 * the arrival order.
 */
import { richFunction, type Collector, type Key, type KeySelector } from "../../api/functions.js";
import type { OutputTag } from "../../api/output-tag.js";
import type { ProcessJoinContext } from "../../api/process/join-functions.js";
import { NO_TIMESTAMP } from "../network/record-batch-codec.js";
import type { KeyedStateBackend, StateTable } from "../state/keyed-state-backend.js";
import { TimerService, type EndOfKeyTimers, type Timer } from "../state/timers/timer-service.js";
import { streamingContext } from "./state-context.js";
import { nonKeyedTimerService } from "./keyed-timers.js";
import { StreamOperator, type OperatorContext } from "./stream-operator.js";

/** Per key: timestamp → values buffered at that timestamp. */
type Buffer = Map<number, unknown[]>;
type Side = "left" | "right";
type JoinFn = (l: unknown, r: unknown, ctx: ProcessJoinContext, out: Collector<unknown>) => void;

export class IntervalJoinOperator extends StreamOperator {
  private readonly backend: KeyedStateBackend;
  private readonly keys: [KeySelector<unknown, Key>, KeySelector<unknown, Key>];
  private readonly lower: number;
  private readonly upper: number;
  private readonly lateTags: [string | undefined, string | undefined];
  private readonly buffers: Record<Side, StateTable<Buffer>>;
  private readonly timers: TimerService<Side>;
  private readonly fn: ReturnType<typeof richFunction<JoinFn>>;
  private leftTs = 0;
  private rightTs = 0;
  private readonly context: ProcessJoinContext;
  private readonly out: Collector<unknown>;

  constructor(ctx: OperatorContext) {
    super(ctx);
    const [k1, k2] = ctx.keySelectors;
    if (!ctx.keyedState || !k1 || !k2) throw new Error(`${ctx.descriptor.name}: an interval join needs two keyed streams`);
    this.backend = ctx.keyedState;
    this.keys = [k1, k2];
    const c = ctx.descriptor.config;
    // Exclusive bounds become inclusive ones one ms further in.
    this.lower = Number(c.lowerBound) + (c.lowerExclusive === true ? 1 : 0);
    this.upper = Number(c.upperBound) - (c.upperExclusive === true ? 1 : 0);
    if (this.lower > this.upper) throw new Error(`interval join: lower bound ${this.lower} is above upper bound ${this.upper}`);
    this.lateTags = [c.leftLateDataTag as string | undefined, c.rightLateDataTag as string | undefined];
    this.buffers = { left: this.backend.table<Buffer>("_interval-join:left"), right: this.backend.table<Buffer>("_interval-join:right") };
    this.timers = new TimerService<Side>(this.backend, "event", (t) => this.cleanup(t), (s) => s);
    this.fn = richFunction<JoinFn>(ctx.fns.fn as never, "processElement");
    const out = { timestamp: 0 };
    this.out = { collect: (v) => this.output.collect(v, out.timestamp) };
    // Reading the clocks only: the join's own cleanup timers are not the user's to add to.
    const time = nonKeyedTimerService(ctx.processingTime, () => this.currentWatermark);
    this.context = {
      timerService: () => time,
      leftTimestamp: () => this.leftTs,
      rightTimestamp: () => this.rightTs,
      timestamp: () => Math.max(this.leftTs, this.rightTs),
      currentProcessingTime: () => ctx.processingTime.now(),
      output: <X>(tag: OutputTag<X>, value: X) => this.output.collectSide(tag.id, value, Math.max(this.leftTs, this.rightTs)),
    };
    this.emitAt = (ts) => (out.timestamp = ts);
  }

  private readonly emitAt: (ts: number) => void;

  override async open(): Promise<void> {
    await this.fn.open?.(streamingContext(this.ctx));
  }

  processElement(value: unknown, timestamp: number, input: number): void {
    if (timestamp === NO_TIMESTAMP) throw new Error("interval join: elements need event timestamps (assignTimestampsAndWatermarks)");
    this.backend.setCurrentKey(this.keys[input]!(value));
    if (timestamp <= this.currentWatermark) {
      const tag = this.lateTags[input];
      if (tag !== undefined) this.output.collectSide(tag, value, timestamp);
      return;
    }
    const isLeft = input === 0;
    const ours: Side = isLeft ? "left" : "right";
    // Relative to our element: the other side's timestamps that match.
    const relLower = isLeft ? this.lower : -this.upper;
    const relUpper = isLeft ? this.upper : -this.lower;
    const group = this.backend.currentGroup(this.buffers[ours]);
    const sk = this.backend.currentStateKey;
    let mine = group.get(sk);
    if (!mine) group.set(sk, (mine = new Map()));
    const atTs = mine.get(timestamp);
    if (atTs) atTs.push(value);
    else mine.set(timestamp, [value]);

    const other = this.backend.currentGroup(this.buffers[isLeft ? "right" : "left"]).get(sk);
    if (other) {
      for (const [ts, values] of other) {
        if (ts < timestamp + relLower || ts > timestamp + relUpper) continue;
        for (const v of values) {
          if (isLeft) this.join(value, timestamp, v, ts);
          else this.join(v, ts, value, timestamp);
        }
      }
    }
    this.timers.register(ours, relUpper > 0 ? timestamp + relUpper : timestamp);
  }

  private join(left: unknown, leftTs: number, right: unknown, rightTs: number): void {
    this.leftTs = leftTs;
    this.rightTs = rightTs;
    this.emitAt(Math.max(leftTs, rightTs));
    this.fn.call(left, right, this.context, this.out);
  }

  /** A cleanup timer: the buffered elements at the corresponding timestamp can no longer match. */
  private cleanup(timer: Timer<Side>): void {
    const side = timer.namespace;
    const ts = side === "left" ? (this.upper > 0 ? timer.timestamp - this.upper : timer.timestamp) : this.lower < 0 ? timer.timestamp + this.lower : timer.timestamp;
    const group = this.backend.currentGroup(this.buffers[side]);
    const sk = this.backend.currentStateKey;
    const buffer = group.get(sk);
    if (!buffer) return;
    buffer.delete(ts);
    if (buffer.size === 0) group.delete(sk);
  }

  override initializeState(restored: boolean): void {
    if (restored) this.timers.restore();
  }

  protected override onWatermark(watermark: number): void {
    this.timers.advance(watermark);
  }

  protected override keyedTimerServices(): readonly EndOfKeyTimers[] {
    return [this.timers];
  }

  override async close(): Promise<void> {
    await this.fn.close?.();
  }
}
