/** Shared test doubles for the RPC tests. */
import type { RpcLogger } from "../../src/cluster/rpc/index.js";
import { registerErrorClass, SluiceError } from "../../src/errors/sluice-error.js";

/** Not registered: the caller sees its name but cannot rebuild its class. */
export class ValidationError extends Error {
  override name = "ValidationError";
}

/** Registered: the caller rebuilds it as this class. */
export class QuotaExceededError extends SluiceError {}
registerErrorClass(QuotaExceededError);

/** An endpoint implementation exercising the cases the RPC layer must get right. */
export class Calculator {
  invocations = 0;
  readonly state = { items: [1, 2, 3] };

  add(a: number, b: number): number {
    this.invocations++;
    return a + b;
  }

  async addLater(a: number, b: number): Promise<number> {
    this.invocations++;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return a + b;
  }

  echo(value: unknown): unknown {
    this.invocations++;
    return value;
  }

  /** Mutates its argument: the caller's copy must not change. */
  bump(counter: { n: number }): { n: number } {
    counter.n++;
    return counter;
  }

  /** Returns internal state: the caller's copy must not alias it. */
  getState(): { items: number[] } {
    return this.state;
  }

  failWith(kind: "range" | "custom" | "string", message: string): never {
    this.invocations++;
    if (kind === "range") throw new RangeError(message);
    if (kind === "custom") throw new ValidationError(message);
    throw message;
  }

  /** A registered error whose cause carries a Node-style code. */
  failWithCause(message: string): never {
    const cause = Object.assign(new Error("disk full"), { code: "ENOSPC" });
    throw new QuotaExceededError(message, { cause });
  }

  async failLater(message: string): Promise<never> {
    await Promise.resolve();
    throw new TypeError(message);
  }

  hang(): Promise<never> {
    this.invocations++;
    return new Promise<never>(() => {});
  }

  big(bytes: number): string {
    return "x".repeat(bytes);
  }
}

/** A logger that records instead of printing, so tests can assert "logged once". */
export class RecordingLogger implements RpcLogger {
  readonly lines: string[] = [];
  warn(message: string): void {
    this.lines.push(message);
  }
}

/** Resolves with the cause the first time `register`'s listener fires. */
export function nextDisconnect(register: (listener: (cause: Error) => void) => void): Promise<Error> {
  return new Promise<Error>((resolve) => register(resolve));
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `predicate` holds; bounded by the test's own timeout, not by a timed assertion. */
export async function eventually(predicate: () => boolean): Promise<void> {
  while (!predicate()) await delay(5);
}
