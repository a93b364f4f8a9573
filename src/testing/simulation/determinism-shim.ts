/**
 * Keeps the simulated world deterministic while some components still use process globals instead
 * of an injected Clock and IdSource. While a world runs, calls made *inside a simulated process* to
 * setTimeout/setInterval/clear*, Date.now, Math.random, crypto.randomUUID and fs/promises.rm are
 * served by the world's kernel (manual clock, seeded source, synchronous deletion); the same calls
 * made outside (the test runner, the CLI) reach the
 * real globals. Every such use is counted (and, when auditing, located), so the report can name the
 * components that would have defeated determinism without the shim.
 */
import { createRequire, syncBuiltinESMExports } from "node:module";
import type { SimKernel } from "./kernel.js";

const require = createRequire(import.meta.url);
const cryptoModule = require("node:crypto") as typeof import("node:crypto");
const fsPromises = require("node:fs/promises") as typeof import("node:fs/promises");
const fs = require("node:fs") as typeof import("node:fs");

/** What the shim needs from the running world besides its kernel. */
export interface ShimHost {
  readonly kernel: SimKernel;
  /** Record where globals are used (slower: builds a stack per use). */
  readonly audit?: Map<string, number>;
}

const original = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  dateNow: Date.now,
  random: Math.random,
  randomUUID: cryptoModule.randomUUID,
  webRandomUUID: globalThis.crypto.randomUUID.bind(globalThis.crypto),
  rm: fsPromises.rm,
};

/** The real setImmediate, which the world's loop uses to let promise continuations run. */
export const realSetImmediate = globalThis.setImmediate;

let host: ShimHost | undefined;
let installed = false;

/** A timer handle that looks enough like Node's Timeout for the code that holds it. */
class SimTimeout {
  constructor(readonly cancel: () => void) {}
  unref(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  hasRef(): boolean {
    return false;
  }
}

function inWorld(kind: string): SimKernel | undefined {
  const h = host;
  if (!h || !h.kernel.current()) return undefined;
  h.kernel.countGlobalUse(kind);
  if (h.audit) {
    const site = new Error().stack?.split("\n")[3]?.trim().replace(/^at /, "").replace(/\(.*\/dist\//, "(").replace(/:\d+\)$/, ")") ?? "?";
    const key = `${kind} ${site}`;
    h.audit.set(key, (h.audit.get(key) ?? 0) + 1);
  }
  return h.kernel;
}

function patchedSetTimeout(fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): unknown {
  const k = inWorld("setTimeout");
  if (!k) return original.setTimeout(fn, ms, ...args);
  const t = k.schedule(() => fn(...args), Math.max(0, ms ?? 0));
  return new SimTimeout(() => t.cancel());
}

function patchedSetInterval(fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): unknown {
  const k = inWorld("setInterval");
  if (!k) return original.setInterval(fn, ms, ...args);
  const period = Math.max(1, ms ?? 1);
  const t = k.schedule(() => fn(...args), period, k.current(), period);
  return new SimTimeout(() => t.cancel());
}

function patchedClear(timer: unknown): void {
  if (timer instanceof SimTimeout) timer.cancel();
  else if (timer !== undefined && timer !== null) original.clearTimeout(timer as NodeJS.Timeout);
}

function simUuid(k: SimKernel): `${string}-${string}-${string}-${string}-${string}` {
  return k.prng.uuid() as `${string}-${string}-${string}-${string}-${string}`;
}

/** Installs the patches (once per process) and makes `h` the world they serve; uninstall() restores. */
export function installShim(h: ShimHost): void {
  // One world at a time: worlds share the globals, and interleaving them would mix their traces.
  if (host && host !== h) throw new Error("another simulated world is running in this process; run worlds one after another");
  host = h;
  if (installed) return;
  installed = true;
  globalThis.setTimeout = patchedSetTimeout as typeof globalThis.setTimeout;
  globalThis.setInterval = patchedSetInterval as typeof globalThis.setInterval;
  globalThis.clearTimeout = patchedClear as typeof globalThis.clearTimeout;
  globalThis.clearInterval = patchedClear as typeof globalThis.clearInterval;
  Date.now = () => inWorld("Date.now")?.clock.now() ?? original.dateNow();
  Math.random = () => inWorld("Math.random")?.prng.next() ?? original.random();
  cryptoModule.randomUUID = ((options?: import("node:crypto").RandomUUIDOptions) => {
    const k = inWorld("randomUUID");
    return k ? simUuid(k) : original.randomUUID(options);
  }) as typeof cryptoModule.randomUUID;
  globalThis.crypto.randomUUID = () => {
    const k = inWorld("crypto.randomUUID");
    return k ? simUuid(k) : original.webRandomUUID();
  };
  // Background deletion would finish at a moment decided by the real file system: do it at once.
  fsPromises.rm = (async (path: import("node:fs").PathLike, options?: import("node:fs").RmOptions) => {
    if (!inWorld("fs.promises.rm")) return original.rm(path, options);
    fs.rmSync(path, { ...options, maxRetries: 0 });
  }) as typeof fsPromises.rm;
  syncBuiltinESMExports();
}

/** Stops serving the world; the patches stay but pass everything to the real globals. */
export function detachShim(h: ShimHost): void {
  if (host === h) host = undefined;
}

/** Restores every global (tests call it when done). */
export function uninstallShim(): void {
  host = undefined;
  if (!installed) return;
  installed = false;
  globalThis.setTimeout = original.setTimeout;
  globalThis.setInterval = original.setInterval;
  globalThis.clearTimeout = original.clearTimeout;
  globalThis.clearInterval = original.clearInterval;
  Date.now = original.dateNow;
  Math.random = original.random;
  cryptoModule.randomUUID = original.randomUUID;
  globalThis.crypto.randomUUID = original.webRandomUUID;
  fsPromises.rm = original.rm;
  syncBuiltinESMExports();
}
