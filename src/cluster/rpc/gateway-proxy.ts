/**
 * Caller-side pieces shared by both transports: the typed gateway proxy and the once-only
 * disconnect notification.
 */
import type { Gateway } from "./interface.js";

export type Invoker = (method: string, args: unknown[]) => Promise<unknown>;

/**
 * A proxy whose every property is a method that forwards to `invoke`. `then` is deliberately absent:
 * otherwise `await gateway` or returning a gateway from an async function would treat it as a promise
 * and call a remote method named "then".
 */
export function createGatewayProxy<T>(invoke: Invoker): Gateway<T> {
  const methods = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  const target = Object.create(null) as object;
  return new Proxy(target, {
    get(_target, property) {
      if (typeof property !== "string" || property === "then") return undefined;
      let method = methods.get(property);
      if (!method) {
        method = (...args: unknown[]) => invoke(property, args);
        methods.set(property, method);
      }
      return method;
    },
  }) as Gateway<T>;
}

/**
 * Listeners for a lost connection. Fires at most once; a listener added after the loss still hears of
 * it (on a microtask), so a caller that registers late cannot miss a TaskManager that already died.
 */
export class DisconnectNotifier {
  private listeners: Array<(cause: Error) => void> = [];
  private cause: Error | undefined;

  get fired(): boolean {
    return this.cause !== undefined;
  }

  add(listener: (cause: Error) => void): void {
    const cause = this.cause;
    if (cause) queueMicrotask(() => listener(cause));
    else this.listeners.push(listener);
  }

  /** Drops the listeners without calling them (used when the caller itself closes). */
  clear(): void {
    this.listeners = [];
  }

  fire(cause: Error): void {
    if (this.cause) return;
    this.cause = cause;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) {
      try {
        listener(cause);
      } catch (error) {
        // A faulty listener must not stop the others from hearing about the loss.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
