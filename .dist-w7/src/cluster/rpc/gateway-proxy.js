/**
 * A proxy whose every property is a method that forwards to `invoke`. `then` is deliberately absent:
 * otherwise `await gateway` or returning a gateway from an async function would treat it as a promise
 * and call a remote method named "then".
 */
export function createGatewayProxy(invoke) {
    const methods = new Map();
    const target = Object.create(null);
    return new Proxy(target, {
        get(_target, property) {
            if (typeof property !== "string" || property === "then")
                return undefined;
            let method = methods.get(property);
            if (!method) {
                method = (...args) => invoke(property, args);
                methods.set(property, method);
            }
            return method;
        },
    });
}
/**
 * Listeners for a lost connection. Fires at most once; a listener added after the loss still hears of
 * it (on a microtask), so a caller that registers late cannot miss a TaskManager that already died.
 */
export class DisconnectNotifier {
    listeners = [];
    cause;
    get fired() {
        return this.cause !== undefined;
    }
    add(listener) {
        const cause = this.cause;
        if (cause)
            queueMicrotask(() => listener(cause));
        else
            this.listeners.push(listener);
    }
    /** Drops the listeners without calling them (used when the caller itself closes). */
    clear() {
        this.listeners = [];
    }
    fire(cause) {
        if (this.cause)
            return;
        this.cause = cause;
        const listeners = this.listeners;
        this.listeners = [];
        for (const listener of listeners) {
            try {
                listener(cause);
            }
            catch (error) {
                // A faulty listener must not stop the others from hearing about the loss.
                queueMicrotask(() => {
                    throw error;
                });
            }
        }
    }
}
//# sourceMappingURL=gateway-proxy.js.map