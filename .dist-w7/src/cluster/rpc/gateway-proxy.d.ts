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
export declare function createGatewayProxy<T>(invoke: Invoker): Gateway<T>;
/**
 * Listeners for a lost connection. Fires at most once; a listener added after the loss still hears of
 * it (on a microtask), so a caller that registers late cannot miss a TaskManager that already died.
 */
export declare class DisconnectNotifier {
    private listeners;
    private cause;
    get fired(): boolean;
    add(listener: (cause: Error) => void): void;
    /** Drops the listeners without calling them (used when the caller itself closes). */
    clear(): void;
    fire(cause: Error): void;
}
