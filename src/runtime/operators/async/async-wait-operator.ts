/**
 * Async I/O (Flink's AsyncWaitOperator). The task loop is synchronous per record, so the operator
 * cannot block in processElement like Flink's mailbox does. Instead:
 *
 *  - at most `capacity` elements are in the queue (started and not yet emitted);
 *  - an element arriving while the queue is full waits in `pending`, not started; while
 *    anything waits there (or the queue is full) the operator reports isBackpressured, and the
 *    task stops reading input until whenNotBackpressured() resolves: pending holds at most the
 *    rest of one network buffer, and upstream is backpressured through credits as usual;
 *  - results are emitted from the completion callbacks (between records, on the task's thread);
 *  - ordered mode emits in input order; unordered mode emits as results complete, but never
 *    across a watermark: watermarks queue behind the elements before them (Flink's semantics);
 *  - finish() resolves once everything has completed and been emitted;
 *  - a checkpoint stores the inputs of every element not yet emitted (in flight, completed but
 *    held back, or pending) in operator state; after a restore they are called again in order.
 */
import type { AsyncFunction, ResultFuture, RichAsyncFunction } from "../../../api/async/async-function.js";
import type { AsyncRetryStrategy } from "../../../api/async/async-retry.js";
import { AsyncTimeoutError } from "../../../api/async/async-function.js";
import { streamingContext } from "../state-context.js";
import { StreamOperator, type OperatorContext } from "../stream-operator.js";
import { AsyncQueue, type QueuedElement } from "./async-queue.js";
import { ListStateDescriptor } from "../../../api/state/state-descriptors.js";
import type { ListState } from "../../../api/state/state.js";

interface BufferedInput {
  value: unknown;
  timestamp: number;
}

const BUFFER_STATE = new ListStateDescriptor<BufferedInput>("_async-wait-buffer");

export class AsyncWaitOperator extends StreamOperator {
  private readonly user: AsyncFunction<unknown, unknown>;
  private readonly retry: AsyncRetryStrategy<unknown> | undefined;
  private readonly capacity: number;
  private readonly timeoutMs: number;
  private readonly queue: AsyncQueue;
  /** Input not yet admitted to the queue, in arrival order (elements and watermarks). */
  private readonly pending: ({ value: unknown; timestamp: number } | { watermark: number })[] = [];
  private failure: Error | undefined;
  private waiters: (() => void)[] = [];
  /** Largest number of elements in the queue at once (for tests and metrics). */
  maxInFlight = 0;

  constructor(ctx: OperatorContext) {
    super(ctx);
    this.user = ctx.fns.fn as AsyncFunction<unknown, unknown>;
    this.retry = ctx.fns.retry as AsyncRetryStrategy<unknown> | undefined;
    const c = ctx.descriptor.config;
    this.capacity = Number(c.capacity ?? 100);
    this.timeoutMs = Number(c.timeout ?? 0);
    if (!(this.capacity >= 1)) throw new RangeError("async I/O capacity must be at least 1");
    this.queue = new AsyncQueue(c.ordered === true, {
      emit: (v, ts) => this.output.collect(v, ts),
      emitWatermark: (wm) => this.output.emitWatermark(wm),
    });
  }

  private restoredInputs: BufferedInput[] = [];

  private bufferState(): ListState<BufferedInput> {
    return streamingContext(this.ctx).getOperatorStateStore().getListState(BUFFER_STATE);
  }

  override initializeState(restored: boolean): void {
    if (restored) this.restoredInputs = [...this.bufferState().get()];
  }

  override async open(): Promise<void> {
    if (typeof this.user !== "function") await this.user.open?.(streamingContext(this.ctx));
    // Elements that were in flight at the checkpoint: call again, in their original order.
    for (const { value, timestamp } of this.restoredInputs) this.processElement(value, timestamp);
    this.restoredInputs = [];
  }

  override snapshotState(): void {
    const waiting = this.pending.flatMap((p) => ("watermark" in p ? [] : [{ value: p.value, timestamp: p.timestamp }]));
    this.bufferState().update([...this.queue.inputs(), ...waiting]);
  }

  override get isBackpressured(): boolean {
    return this.pending.length > 0 || this.queue.elements >= this.capacity;
  }

  override whenNotBackpressured(): Promise<void> {
    if (!this.isBackpressured) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  processElement(value: unknown, timestamp: number): void {
    this.throwIfFailed();
    if (this.pending.length > 0 || this.queue.elements >= this.capacity) this.pending.push({ value, timestamp });
    else this.start(value, timestamp);
  }

  override processWatermark(watermark: number): void {
    if (watermark <= this.currentWatermark) return;
    this.currentWatermark = watermark;
    if (this.pending.length > 0) this.pending.push({ watermark });
    else this.queue.addWatermark(watermark);
  }

  private start(value: unknown, timestamp: number): void {
    const entry = this.queue.addElement(value, timestamp);
    this.maxInFlight = Math.max(this.maxInFlight, this.queue.elements);
    let cancelTimeout: (() => void) | undefined;
    let cancelRetry: (() => void) | undefined;
    /** Retries made so far; completions of an earlier attempt are ignored. */
    let attempt = 0;
    const settle = (results: Iterable<unknown> | Error): void => {
      if (entry.done) return; // late results after a timeout, or a second completion
      cancelTimeout?.();
      cancelRetry?.();
      if (results instanceof Error) return this.fail(results);
      this.queue.complete(entry, [...results]);
      this.admitPending();
    };
    // The timeout's future settles the element whatever attempt is running (Flink: the timeout covers all attempts).
    const final: ResultFuture<unknown> = { complete: (r) => settle(r), completeExceptionally: (e) => settle(e) };
    const invoke = (): void => {
      const mine = attempt;
      const complete = (results: Iterable<unknown> | Error): void => {
        if (entry.done || mine !== attempt) return;
        const retry = this.retry;
        if (retry && retry.canRetry(attempt + 1)) {
          const list = results instanceof Error ? undefined : [...results];
          const again = list === undefined ? retry.exceptionPredicate?.(results as Error) === true : retry.resultPredicate?.(list) === true;
          if (again) {
            attempt++;
            const time = this.ctx.processingTime;
            cancelRetry = time.setTimer(time.now() + retry.getBackoffTimeMillis(attempt), invoke);
            return;
          }
          return settle(list ?? results);
        }
        settle(results);
      };
      this.invoke(value, { complete: (r) => complete(r), completeExceptionally: (e) => complete(e) }, complete);
    };
    if (this.timeoutMs > 0) {
      const time = this.ctx.processingTime;
      cancelTimeout = time.setTimer(time.now() + this.timeoutMs, () => this.onTimeout(value, entry, final));
    }
    invoke();
  }

  /** One call of the user's function; errors (thrown or rejected) go to `complete`. */
  private invoke(value: unknown, future: ResultFuture<unknown>, complete: (r: Iterable<unknown> | Error) => void): void {
    const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));
    try {
      if (typeof this.user === "function") {
        this.user(value).then(
          (r) => complete([r]),
          (e: unknown) => complete(asError(e)),
        );
      } else {
        const r = this.user.asyncInvoke(value, future);
        if (r instanceof Promise) r.catch((e: unknown) => complete(asError(e)));
      }
    } catch (e) {
      complete(asError(e));
    }
  }

  private onTimeout(value: unknown, entry: QueuedElement, future: ResultFuture<unknown>): void {
    if (entry.done) return;
    const handler = typeof this.user === "function" ? undefined : (this.user as RichAsyncFunction<unknown, unknown>).timeout;
    if (handler) handler.call(this.user, value, future);
    else future.completeExceptionally(new AsyncTimeoutError(`async call timed out after ${this.timeoutMs} ms`));
  }

  /** Moves waiting input into the queue as far as capacity allows. */
  private admitPending(): void {
    while (this.pending.length > 0) {
      const next = this.pending[0]!;
      if ("watermark" in next) {
        this.pending.shift();
        this.queue.addWatermark(next.watermark);
        continue;
      }
      if (this.queue.elements >= this.capacity) break;
      this.pending.shift();
      this.start(next.value, next.timestamp);
    }
    if (!this.isBackpressured) this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const resolve of w) resolve();
  }

  /** A failed call fails the task: through a timer, the task's channel for errors outside input processing. */
  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.queue.notifyChanged();
    this.ctx.processingTime.setTimer(this.ctx.processingTime.now(), () => {
      throw error;
    });
    this.wake();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  /** End of input: wait until every element has completed and been emitted. */
  override async finish(): Promise<void> {
    while (this.pending.length > 0 || this.queue.size > 0) {
      this.throwIfFailed();
      await this.queue.whenChanged();
    }
    this.throwIfFailed();
  }

  override async close(): Promise<void> {
    this.wake();
    if (typeof this.user !== "function") await this.user.close?.();
  }
}
