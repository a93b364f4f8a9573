/**
 * The window operator (Flink's WindowOperator and EvictingWindowOperator in one): assigns each
 * element to windows, keeps their contents in the keyed backend under the window's namespace,
 * asks the trigger what to do on every element and timer, emits what fires with the window's
 * last timestamp, and drops a window's state once the watermark passes its end plus the allowed
 * lateness. Elements too late for every window go to the late-data side output, if any.
 *
 * Session windows merge: the MergingWindowSet of the key maps each window to the namespace holding
 * its contents and hands out the windows' namespaces (numbers); merging moves contents, trigger
 * state and timers to the merged window. Fixed-size windows use the assigner's namespace (their
 * start) directly.
 */
import type { Collector, Key, KeySelector } from "../../../api/functions.js";
import type { OutputTag } from "../../../api/output-tag.js";
import type { Evictor } from "../../../api/windowing/evictors.js";
import type { Trigger, TriggerResult } from "../../../api/windowing/trigger.js";
import { MergingWindowAssigner, type WindowAssigner } from "../../../api/windowing/window-assigner.js";
import type { ProcessWindowContext } from "../../../api/windowing/window-functions.js";
import { rehydrateWindow, type Window } from "../../../api/windowing/windows.js";
import type { KeyedStateBackend } from "../../state/keyed-state-backend.js";
import { KeyedStateRegistry } from "../../state/keyed-state-registry.js";
import type { Namespace, NamespaceScope } from "../../state/state-cell.js";
import { TimerService, type EndOfKeyTimers, type Timer } from "../../state/timers/timer-service.js";
import { streamingContext } from "../state-context.js";
import { StreamOperator, type OperatorContext } from "../stream-operator.js";
import { createWindowContents, type ContentsSpec, type WindowContents } from "./window-contents.js";
import { adaptWindowFunction, type InternalWindowFunction, type WindowFunctionKind } from "./window-function-adapter.js";
import { KeyWindowSet, MergingWindowSet, type MergeFunction, type WindowEntry } from "./merging-window-set.js";
import { WindowTriggerContext } from "./window-trigger-context.js";

const isFire = (r: TriggerResult): boolean => r === "FIRE" || r === "FIRE_AND_PURGE";
const isPurge = (r: TriggerResult): boolean => r === "PURGE" || r === "FIRE_AND_PURGE";
const NO_WINDOWS: readonly WindowEntry<Window>[] = [];

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
  /** Sessions: the windows of the current key (loaded per element and timer). */
  private readonly windowSet: MergingWindowSet<Window> | undefined;
  private readonly onMerge: MergeFunction<Window>;
  private emitTimestamp = 0;
  /** The assigner's time domain (event or processing time). */
  private readonly eventTime: boolean;
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
    this.eventTime = fns.assigner.isEventTime();
    this.trigger = fns.trigger ?? fns.assigner.getDefaultTrigger();
    if (this.merging && !this.trigger.canMerge()) throw new Error(`${this.trigger.toString()} cannot be used with merging windows (sessions)`);
    this.lateness = Number(config.allowedLateness ?? 0);
    this.lateTag = typeof config.lateDataTag === "string" ? config.lateDataTag : undefined;
    this.fn = adaptWindowFunction((config.windowFunction ?? "pass") as WindowFunctionKind, fns.windowFn);

    const time = ctx.processingTime;
    // Timers are registered for the window the trigger runs for, whose namespace is at hand.
    const ns = (w: Window): Namespace => (w === this.triggerCtx.window ? this.triggerCtx.namespace : this.namespaceOf(w));
    this.eventTimers = new TimerService<Window>(this.backend, "event", (t) => this.onEventTime(t), ns);
    this.processingTimers = new TimerService<Window>(this.backend, "processing", (t) => this.onProcessingTime(t), ns, time);
    this.windowSet = this.merging ? new MergingWindowSet(this.merging, this.backend.table<KeyWindowSet<Window>>("_merging-windows"), this.backend) : undefined;
    this.onMerge = (result, merged, mergedStateIds) => this.mergeWindows(result, merged, mergedStateIds);
    const clocks = { getCurrentProcessingTime: () => time.now(), getCurrentWatermark: () => this.currentWatermark };
    this.assignerCtx = clocks;
    this.contents = createWindowContents(fns.contents, this.backend, this.contentScope, fns.evictor, clocks);
    const now = (): number => time.now();
    this.triggerCtx = new WindowTriggerContext(
      this.eventTimers,
      this.processingTimers,
      new KeyedStateRegistry(this.backend, now, this.windowScope, "_trigger:"),
      this.windowScope,
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
  override initializeState(restored: boolean): void {
    if (restored) this.windowSet?.restoreIds();
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
      this.setWindow(w, ns);
      this.contents.add(value, timestamp);
      this.afterAdd(value, timestamp, w);
    }
    return skipped;
  }

  private addToMergingWindows(value: unknown, timestamp: number, windows: Window[]): boolean {
    const set = this.windowSet!;
    set.load();
    let skipped = true;
    for (const w of windows) {
      const entry = set.addWindow(w, this.onMerge);
      if (this.isWindowLate(entry.window)) {
        set.retire(entry);
        continue;
      }
      skipped = false;
      this.contentScope.namespace = entry.stateId;
      this.setWindow(entry.window, entry.id);
      this.contents.add(value, timestamp);
      this.afterAdd(value, timestamp, entry.window);
    }
    return skipped;
  }

  /** Flink's merge: the trigger merges its state, the merged windows' triggers and cleanup timers go, then the contents merge. */
  private mergeWindows(result: WindowEntry<Window>, merged: readonly WindowEntry<Window>[], mergedStateIds: readonly number[]): void {
    if (this.eventTime && result.window.maxTimestamp() + this.lateness <= this.currentWatermark) {
      throw new Error(`merging produced window ${String(result.window)} that ends before the watermark ${this.currentWatermark}`);
    }
    this.setWindow(result.window, result.id);
    this.triggerCtx.merged = merged;
    this.trigger.onMerge(result.window, this.triggerCtx);
    this.triggerCtx.merged = NO_WINDOWS;
    for (const m of merged) {
      this.setWindow(m.window, m.id);
      this.trigger.clear(m.window, this.triggerCtx);
      this.deleteCleanupTimer(m.window);
    }
    if (mergedStateIds.length > 0) this.contents.merge(result.stateId, mergedStateIds);
  }

  /** The caller has made `w` the current window (setWindow). */
  private afterAdd(value: unknown, timestamp: number, w: Window): void {
    const result = this.trigger.onElement(value, timestamp, w, this.triggerCtx);
    if (isFire(result)) this.emit(w);
    if (isPurge(result)) this.contents.clear();
    this.registerCleanupTimer(w);
  }

  /** The window the trigger and window state refer to, and its namespace. */
  private setWindow(w: Window, ns: Namespace): void {
    this.triggerCtx.window = w;
    this.triggerCtx.namespace = ns;
    this.windowScope.namespace = ns;
  }

  /** The namespace of a window that is not the trigger's current one. */
  private namespaceOf(w: Window): Namespace {
    if (!this.windowSet) return this.assigner.namespace(w);
    const ns = this.assigner.namespace(w);
    for (const e of this.windowSet.entries()) if (this.assigner.namespace(e.window) === ns) return e.id;
    throw new Error(`window ${String(w)} is not a window of the current key`);
  }

  protected override onWatermark(watermark: number): void {
    this.eventTimers.advance(watermark);
  }

  protected override keyedTimerServices(): readonly EndOfKeyTimers[] {
    return [this.eventTimers, this.processingTimers];
  }

  private onEventTime(timer: Timer<Window>): void {
    this.onTimer(timer, true);
  }

  private onProcessingTime(timer: Timer<Window>): void {
    this.onTimer(timer, false);
  }

  private onTimer(timer: Timer<Window>, eventTime: boolean): void {
    // Read before the trigger runs: the timer service may reuse the timer object.
    const { timestamp, ns } = timer;
    let w = timer.namespace;
    let entry: WindowEntry<Window> | undefined;
    if (this.windowSet) {
      this.windowSet.load();
      entry = this.windowSet.byId(ns as number);
      // A timer of a window merged away: the merge deleted what it could; nothing to do.
      if (entry === undefined) return;
      w = entry.window;
      this.contentScope.namespace = entry.stateId;
    } else {
      this.contentScope.namespace = ns;
    }
    this.setWindow(w, ns);
    const result = eventTime ? this.trigger.onEventTime(timestamp, w, this.triggerCtx) : this.trigger.onProcessingTime(timestamp, w, this.triggerCtx);
    if (isFire(result)) this.emit(w);
    if (isPurge(result)) this.contents.clear();
    if (eventTime === this.eventTime && timestamp === this.cleanupTime(w)) this.clearAllState(w, ns, entry);
  }

  private emit(w: Window): void {
    this.contents.fire(w, (elements) => {
      this.currentWindow = w;
      this.emitTimestamp = w.maxTimestamp();
      this.fn.process(this.backend.getCurrentKey(), w, this.processCtx, elements, this.out);
    });
  }

  private clearAllState(w: Window, ns: Namespace, entry: WindowEntry<Window> | undefined): void {
    this.contents.clear();
    this.setWindow(w, ns);
    this.trigger.clear(w, this.triggerCtx);
    this.currentWindow = w;
    this.fn.clear(this.processCtx);
    if (entry) this.windowSet!.retire(entry);
  }

  /** When a window's state goes: its end plus the allowed lateness in event time, its end in processing time. */
  private cleanupTime(w: Window): number {
    return this.eventTime ? w.maxTimestamp() + this.lateness : w.maxTimestamp();
  }

  private registerCleanupTimer(w: Window): void {
    const t = this.cleanupTime(w);
    if (t === Number.POSITIVE_INFINITY) return; // the global window lives forever
    (this.eventTime ? this.eventTimers : this.processingTimers).register(w, t);
  }

  private deleteCleanupTimer(w: Window): void {
    const t = this.cleanupTime(w);
    if (t === Number.POSITIVE_INFINITY) return;
    (this.eventTime ? this.eventTimers : this.processingTimers).delete(w, t);
  }

  private isWindowLate(w: Window): boolean {
    return this.eventTime && this.cleanupTime(w) <= this.currentWatermark;
  }

  private isElementLate(timestamp: number): boolean {
    return this.eventTime && timestamp + this.lateness <= this.currentWatermark;
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
