/** The stateless one-input operators: map, flatMap, filter, process. */
import { nonKeyedTimerService } from "./keyed-timers.js";
import { richFunction, type Collector, type ProcessContext } from "../../api/functions.js";
import type { OutputTag } from "../../api/output-tag.js";
import { NO_TIMESTAMP } from "../network/record-batch-codec.js";
import { StreamOperator, type OperatorContext } from "./stream-operator.js";

/** Base for operators around one user function with open/close. */
abstract class UserFunctionOperator<F extends (...a: never[]) => unknown> extends StreamOperator {
  protected readonly fn: F;
  private readonly openFn?: ReturnType<typeof richFunction>["open"];
  private readonly closeFn?: ReturnType<typeof richFunction>["close"];

  constructor(ctx: OperatorContext, method: string) {
    super(ctx);
    const f = richFunction<F>(ctx.fns.fn as F, method);
    this.fn = f.call;
    this.openFn = f.open;
    this.closeFn = f.close;
  }

  override async open(): Promise<void> {
    await this.openFn?.(this.ctx.runtimeContext);
  }

  override async close(): Promise<void> {
    await this.closeFn?.();
  }
}

export class MapOperator extends UserFunctionOperator<(v: unknown) => unknown> {
  constructor(ctx: OperatorContext) {
    super(ctx, "map");
  }
  processElement(value: unknown, timestamp: number): void {
    this.output.collect(this.fn(value), timestamp);
  }
}

export class FilterOperator extends UserFunctionOperator<(v: unknown) => boolean> {
  constructor(ctx: OperatorContext) {
    super(ctx, "filter");
  }
  processElement(value: unknown, timestamp: number): void {
    if (this.fn(value)) this.output.collect(value, timestamp);
  }
}

/** A collector whose timestamp is that of the record being processed. */
class TimestampedCollector implements Collector<unknown> {
  timestamp = NO_TIMESTAMP;
  constructor(private readonly op: StreamOperator) {}
  collect(value: unknown): void {
    this.op.output.collect(value, this.timestamp);
  }
}

export class FlatMapOperator extends UserFunctionOperator<(v: unknown, out: Collector<unknown>) => void | Iterable<unknown>> {
  private readonly out = new TimestampedCollector(this);
  constructor(ctx: OperatorContext) {
    super(ctx, "flatMap");
  }
  processElement(value: unknown, timestamp: number): void {
    this.out.timestamp = timestamp;
    const results = this.fn(value, this.out);
    if (results !== undefined) for (const r of results) this.output.collect(r, timestamp);
  }
}

export class ProcessOperator extends UserFunctionOperator<(v: unknown, ctx: ProcessContext, out: Collector<unknown>) => void> {
  private readonly out = new TimestampedCollector(this);
  private readonly context: ProcessContext;
  constructor(ctx: OperatorContext) {
    super(ctx, "processElement");
    const out = this.out;
    const pts = ctx.processingTime;
    const time = nonKeyedTimerService(pts, () => this.currentWatermark);
    this.context = {
      timerService: () => time,
      timestamp: () => (out.timestamp === NO_TIMESTAMP ? undefined : out.timestamp),
      currentProcessingTime: () => pts.now(),
      output: <X>(tag: OutputTag<X>, value: X) => this.output.collectSide(tag.id, value, out.timestamp),
    };
  }
  processElement(value: unknown, timestamp: number): void {
    this.out.timestamp = timestamp;
    this.fn(value, this.context, this.out);
  }
}
