/**
 * The simulated world's "operating system": one manual clock, one seeded random source, and
 * simulated processes. Code runs inside a process (an AsyncLocalStorage context that promise
 * continuations inherit); timers remember the process that set them, and a crashed process's
 * timers never fire again — a crash is the end of everything the process would have done.
 *
 * Components that take an injected Clock get `processClock(p)`. For code that still reaches for
 * the globals (setTimeout, Date.now, Math.random, crypto.randomUUID), determinism-shim.ts routes
 * calls made inside a simulated process here; the same globals behave normally outside.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { ManualClock, type Clock, type Timer } from "../../util/clock.js";
import type { IdSource } from "../../util/ids.js";
import { Prng } from "./prng.js";

/** The simulated epoch: Date.now() inside the world starts here, so times look like real ones. */
export const SIM_EPOCH = Date.UTC(2026, 0, 1);

export class SimProcess {
  alive = true;
  /** Timers of this process that have not run yet; cancelled when it crashes. */
  readonly timers = new Set<Timer>();
  readonly crashListeners: (() => void)[] = [];

  constructor(
    readonly name: string,
    readonly kernel: SimKernel,
  ) {}

  /** Runs `fn` inside this process (synchronously), as the process's own code. */
  run<T>(fn: () => T): T {
    return this.kernel.contexts.run(this, fn);
  }

  crash(): void {
    if (!this.alive) return;
    this.alive = false;
    for (const t of this.timers) t.cancel();
    this.timers.clear();
    for (const l of this.crashListeners.splice(0)) l();
  }
}

export class SimKernel {
  readonly clock: ManualClock;
  readonly prng: Prng;
  readonly contexts = new AsyncLocalStorage<SimProcess>();
  private readonly names = new Map<string, number>();
  /** Times a component used a global instead of its injected clock/ids, by kind: see determinism-shim.ts. */
  readonly globalUses = new Map<string, number>();

  constructor(seed: number) {
    this.clock = new ManualClock(SIM_EPOCH);
    this.prng = new Prng(seed);
  }

  /** Simulated milliseconds since the start of the world. */
  get elapsed(): number {
    return this.clock.now() - SIM_EPOCH;
  }

  /** A new process; names are made unique with a counter ("tm-1", "tm-2", …). */
  spawn(base: string): SimProcess {
    const n = (this.names.get(base) ?? 0) + 1;
    this.names.set(base, n);
    return new SimProcess(`${base}-${n}`, this);
  }

  current(): SimProcess | undefined {
    return this.contexts.getStore();
  }

  /**
   * Schedules `fn` for `process` (the current one by default). A timer of a crashed process is
   * dropped; `process` null means the world itself (fault injection, checks).
   */
  schedule(fn: () => void, delayMs: number, process: SimProcess | null | undefined = this.current(), periodMs?: number): Timer {
    if (process && !process.alive) return { cancel() {} };
    let inner: Timer;
    const run = (): void => {
      if (process) {
        if (!process.alive) return;
        if (periodMs === undefined) process.timers.delete(handle);
        process.run(fn);
      } else fn();
    };
    inner = periodMs === undefined ? this.clock.setTimeout(run, delayMs) : this.clock.setInterval(run, periodMs);
    const handle: Timer = {
      cancel: () => {
        inner.cancel();
        process?.timers.delete(handle);
      },
    };
    process?.timers.add(handle);
    return handle;
  }

  /** The Clock a component of `process` is given. */
  processClock(process: SimProcess): Clock {
    return {
      now: () => this.clock.now(),
      setTimeout: (fn, delayMs) => this.schedule(fn, delayMs, process),
      setInterval: (fn, periodMs) => this.schedule(fn, Math.max(1, periodMs), process, Math.max(1, periodMs)),
    };
  }

  /** Ids from the seeded source, readable in traces. */
  ids(prefix = ""): IdSource {
    return () => prefix + this.prng.uuid();
  }

  countGlobalUse(kind: string): void {
    this.globalUses.set(kind, (this.globalUses.get(kind) ?? 0) + 1);
  }
}
