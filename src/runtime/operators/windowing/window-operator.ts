/**
 * The window operator (Flink's WindowOperator and EvictingWindowOperator in one): assigns each
 * element to windows, keeps their contents in the keyed backend under the window's namespace,
 * asks the trigger what to do on every element and timer, emits what fires with the window's
 * last timestamp, and drops a window's state once the watermark passes its end plus the allowed
 * lateness. Elements too late for every window go to the late-data side output, if any.
 *
 * Session windows merge: a MergingWindowSet per key maps each window to the namespace holding
 * its contents; merging moves contents, trigger state and timers to the merged window.
 */
import type { Collector, Key, KeySelector } from "../../../api/functions.js";
import type { OutputTag } from "../../../api/output-tag.js";
import type { Evictor } from "../../../api/windowing/evictors.js";
import type { Trigger, TriggerResult } from "../../../api/windowing/trigger.js";
import { MergingWindowAssigner, type WindowAssigner } from "../../../api/windowing/window-assigner.js";
import type { ProcessWindowContext } from "../../../api/windowing/window-functions.js";
import { rehydrateWindow, type Window } from "../../../api/windowing/windows.js";
import type { KeyedStateBackend, StateTable } from "../../state/keyed-state-backend.js";
import { KeyedStateRegistry } from "../../state/keyed-state-registry.js";
import type { Namespace, NamespaceScope } from "../../state/state-cell.js";
import { TimerService, type Timer } from "../../state/timers/timer-service.js";
import { streamingContext } from "../state-context.js";
import { StreamOperator, type OperatorContext } from "../stream-operator.js";
import { createWindowContents, type ContentsSpec, type WindowContents } from "./window-contents.js";
import { adaptWindowFunction, type InternalWindowFunction, type WindowFunctionKind } from "./window-function-adapter.js";
import { MergingWindowSet } from "./merging-window-set.js";
import { WindowTriggerContext } from "./window-trigger-context.js";

const isFire = (r: TriggerResult): boolean => r === "FIRE" || r === "FIRE_AND_PURGE";
const isPurge = (r: TriggerResult): boolean => r === "PURGE" || r === "FIRE_AND_PURGE";

export class WindowOperator extends StreamOperator {
  private readonly backend: KeyedStateBackend;
  private readonly key: KeySelector<unknown, Key>;
  private readonly assigner: WindowAssigner<unknown, Window>;
  private readonly merging: MergingWindowAssigner<unknown, Window> | undefined;
  private readonly trigger: Trigger<unknown, Window>;
  private readonly lateness: number;
  private readonly lateTag: string | undefined;
  private readonly fn: InternalWindowFunction;
  private readonly contents: WindowContents;
  /** Namespace of the contents (the state window, for sessions). */
  private readonly contentScope: NamespaceScope = { namespace: 0 };
  /** Namespace of the actual window: trigger state and the window function's windowState(). */
  private readonly windowScope: NamespaceScope = { namespace: 0 };
  private readonly eventTimers: TimerService<Window>;
  private readonly processingTimers: TimerService<Window>;
  private readonly triggerCtx: WindowTriggerContext;
  private readonly processCtx: ProcessWindowContext<Window>;
  private readonly out: Collector<unknown>;
  private readonly assignerCtx: { getCurrentProcessingTime(): number };
  private readonly mergingTable: StateTable<[Window, Window][]>;
  private emitTimestamp = 0;
  private currentWindow!: Window;
  /** Late elements dropped because no side output was set (Flink's numLateRecordsDropped). */
  numLateRecordsDropped = 0;

  constructor(ctx: OperatorContext) {
    super(ctx);
    if (!ctx.keyedState || !ctx.keySelectors[0]) throw new Error(`${ctx.descriptor.name}: windows need a keyed stream (keyBy() or windowAll())`);
    this.backend = ctx.keyedState;
    this.key = ctx.keySelectors[0];
    const fns = ctx.fns as {
      assigner: WindowAssigner<unknown, Window>;
      trigger?: Trigger<unknown, Window>;
      evictor?: Evictor<unknown, Window>;
      contents: ContentsSpec;
      windowFn?: unknown;
    };
    const config = ctx.descriptor.config;
    this.assigner = fns.assigner;
    this.merging = fns.assigner instanceof MergingWindowAssigner ? fns.assigner : undefined;
    this.trigger = fns.trigger ?? fns.assigner.getDefaultTrigger();
    if (this.merging && !this.trigger.canMerge()) throw new Error(`${this.trigger.toString()} cannot be used with merging windows (sessions)`);
    this.lateness = Number(config.allowedLateness ?? 0);
    this.lateTag = typeof config.lateDataTag === "string" ? config.lateDataTag : undefined;
    this.fn = adaptWindowFunction((config.windowFunction ?? "pass") as WindowFunctionKind, fns.windowFn);

    const time = ctx.processingTime;
    const ns = (w: Window): Namespace => this.assigner.namespace(w);
    this.eventTimers = new TimerService<Window>(this.backend, "event", (t) => this.onEventTime(t), ns);
    this.processingTimers = new TimerService<Window>(this.backend, "processing", (t) => this.onProcessingTime(t), ns, time);
    this.mergingTable = this.backend.table<[Window, Window][]>("_merging-windows");
    const clocks = { getCurrentProcessingTime: () => time.now(), getCurrentWatermark: () => this.currentWatermark };
    this.assignerCtx = clocks;
    this.contents = createWindowContents(fns.contents, this.backend, this.contentScope, fns.evictor, clocks);
    const now = (): number => time.now();
    this.triggerCtx = new WindowTriggerContext(
      this.eventTimers,
      this.processingTimers,
      new KeyedStateRegistry(this.backend, now, this.windowScope, "_trigger:"),
      this.windowScope,
      ns,
      clocks,
    );
    const windowState = new KeyedStateRegistry(this.backend, now, this.windowScope, "_window-state:");
    const globalState = new KeyedStateRegistry(this.backend, now);
    this.processCtx = {
      window: () => this.currentWindow,
      currentProcessingTime: now,
      currentWatermark: () => this.currentWatermark,
      windowState: () => windowState,
      globalState: () => globalState,
      output: <X>(tag: OutputTag<X>, value: X) => this.output.collectSide(tag.id, value, this.emitTimestamp),
    };
    this.out = { collect: (v) => this.output.collect(v, this.emitTimestamp) };
  }

  /**
   * Windows of timers come back as plain objects from a restore, and from a backend that keeps
   * timers serialized (LMDB) at any time: the timer services turn them into windows again.
   */
  override initializeState(_restored: boolean): void {
    this.eventTimers.restore(rehydrateWindow);
    this.processingTimers.restore(rehydrateWindow);
  }

  override async open(): Promise<void> {
    await this.fn.open(streamingContext(this.ctx));
  }

  processElement(value: unknown, timestamp: number): void {
    this.backend.setCurrentKey(this.key(value));
    const windows = this.assigner.assignWindows(value, timestamp, this.assignerCtx);
    const skipped = this.merging ? this.addToMergingWindows(value, timestamp, windows) : this.addToWindows(value, timestamp, windows);
    if (skipped && this.isElementLate(timestamp)) {
      if (this.lateTag !== undefined) this.output.collectSide(this.lateTag, value, timestamp);
      else this.numLateRecordsDropped++;
    }
  }

  /** Returns whether every window was already late. */
  private addToWindows(value: unknown, timestamp: number, windows: Window[]): boolean {
    let skipped = true;
    for (const w of windows) {
      if (this.isWindowLate(w)) continue;
      skipped = false;
      const ns = this.assigner.namespace(w);
      this.contentScope.namespace = ns;
      this.windowScope.namespace = ns;
      this.contents.add(value, timestamp);
      this.afterAdd(value, timestamp, w);
    }
    return skipped;
  }

  private addToMergingWindows(value: unknown, timestamp: number, windows: Window[]): boolean {
    const set = new MergingWindowSet(this.merging!, (w) => this.assigner.namespace(w), this.mergingTable, this.backend);
    let skipped = true;
    for (const w of windows) {
      const actual = set.addWindow(w, (result, mergedWindows, stateWindow, mergedStateWindows) => {
        if (this.assigner.isEventTime() && result.maxTimestamp() + this.lateness <= this.currentWatermark) {
          throw new Error(`merging produced window ${String(result)} that ends before the watermark ${this.currentWatermark}`);
        }
        this.setWindow(result);
        this.triggerCtx.mergedWindows = mergedWindows;
        this.trigger.onMerge(result, this.triggerCtx);
        for (const m of mergedWindows) {
          this.setWindow(m);
          this.trigger.clear(m, this.triggerCtx);
          this.deleteCleanupTimer(m);
        }
        this.contents.merge(
          this.assigner.namespace(stateWindow),
          mergedStateWindows.map((s) => this.assigner.namespace(s)),
        );
      });
      if (this.isWindowLate(actual)) {
        set.retireWindow(actual);
        continue;
      }
      skipped = false;
      this.contentScope.namespace = this.assigner.namespace(set.getStateWindow(actual)!);
      this.windowScope.namespace = this.assigner.namespace(actual);
      this.contents.add(value, timestamp);
      this.afterAdd(value, timestamp, actual);
    }
    set.persist();
    return skipped;
  }

  private afterAdd(value: unknown, timestamp: number, w: Window): void {
    this.triggerCtx.window = w;
    const result = this.trigger.onElement(value, timestamp, w, this.triggerCtx);
    if (isFire(result)) this.emit(w);
    if (isPurge(result)) this.contents.clear();
    this.registerCleanupTimer(w);
  }

  private setWindow(w: Window): void {
    this.triggerCtx.window = w;
    this.windowScope.namespace = this.assigner.namespace(w);
  }

  protected override onWatermark(watermark: number): void {
    this.eventTimers.advance(watermark);
  }

  private onEventTime(timer: Timer<Window>): void {
    this.onTimer(timer, true);
  }

  private onProcessingTime(timer: Timer<Window>): void {
    this.onTimer(timer, false);
  }

  private onTimer(timer: Timer<Window>, eventTime: boolean): void {
    const w = timer.namespace;
    let set: MergingWindowSet<Window> | undefined;
    if (this.merging) {
      set = new MergingWindowSet(this.merging, (x) => this.assigner.namespace(x), this.mergingTable, this.backend);
      const stateWindow = set.getStateWindow(w);
      // A timer of a window merged away: the merge deleted what it could; nothing to do.
      if (stateWindow === undefined) return;
      this.contentScope.namespace = this.assigner.namespace(stateWindow);
    } else {
      this.contentScope.namespace = timer.ns;
    }
    this.setWindow(w);
    const result = eventTime
      ? this.trigger.onEventTime(timer.timestamp, w, this.triggerCtx)
      : this.trigger.onProcessingTime(timer.timestamp, w, this.triggerCtx);
    if (isFire(result)) this.emit(w);
    if (isPurge(result)) this.contents.clear();
    if (eventTime === this.assigner.isEventTime() && timer.timestamp === this.cleanupTime(w)) this.clearAllState(w, set);
    set?.persist();
  }

  private emit(w: Window): void {
    this.contents.fire(w, (elements) => {
      this.currentWindow = w;
      this.emitTimestamp = w.maxTimestamp();
      this.fn.process(this.backend.getCurrentKey(), w, this.processCtx, elements, this.out);
    });
  }

  private clearAllState(w: Window, set: MergingWindowSet<Window> | undefined): void {
    this.contents.clear();
    this.setWindow(w);
    this.trigger.clear(w, this.triggerCtx);
    this.currentWindow = w;
    this.fn.clear(this.processCtx);
    set?.retireWindow(w);
  }

  /** When a window's state goes: its end plus the allowed lateness in event time, its end in processing time. */
  private cleanupTime(w: Window): number {
    return this.assigner.isEventTime() ? w.maxTimestamp() + this.lateness : w.maxTimestamp();
  }

  private registerCleanupTimer(w: Window): void {
    const t = this.cleanupTime(w);
    if (t === Number.POSITIVE_INFINITY) return; // the global window lives forever
    (this.assigner.isEventTime() ? this.eventTimers : this.processingTimers).register(w, t);
  }

  private deleteCleanupTimer(w: Window): void {
    const t = this.cleanupTime(w);
    if (t === Number.POSITIVE_INFINITY) return;
    (this.assigner.isEventTime() ? this.eventTimers : this.processingTimers).delete(w, t);
  }

  private isWindowLate(w: Window): boolean {
    return this.assigner.isEventTime() && this.cleanupTime(w) <= this.currentWatermark;
  }

  private isElementLate(timestamp: number): boolean {
    return this.assigner.isEventTime() && timestamp + this.lateness <= this.currentWatermark;
  }

  /**
   * End of input: event time already ended (the final watermark fired every event-time timer).
   * Processing-time windows fire too, as if the clock jumped to the end of time, so a bounded
   * job's processing-time windows are complete (Flink's batch-mode behaviour).
   */
  override finish(): void {
    this.processingTimers.advance(Number.POSITIVE_INFINITY);
  }

  override async close(): Promise<void> {
    this.processingTimers.stop();
    await this.fn.close();
  }
}
