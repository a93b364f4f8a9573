/**
 * Reconnection is the caller's loop (a lost connection means "re-resolve the peer", which only the
 * caller knows how to do); this is the common case of that loop: try again with capped exponential
 * backoff while the peer is merely not there yet.
 */
import { RpcAuthenticationError, RpcConnectionError, RpcEndpointNotFoundError, RpcTimeoutError, } from "./interface.js";
/**
 * Retries while the peer is down, not yet serving the endpoint, or slow to answer. A failed
 * authentication is not retried: a wrong secret does not fix itself, and hammering a peer with it
 * only fills its log.
 */
export async function connectWithRetry(service, address, name, options = {}, retry = {}) {
    const attempts = Math.max(1, retry.attempts ?? 10);
    const maxBackoffMs = retry.maxBackoffMs ?? 5_000;
    const sleep = retry.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    let delay = retry.backoffMs ?? 100;
    for (let attempt = 1;; attempt++) {
        try {
            return await service.connect(address, name, options);
        }
        catch (error) {
            if (attempt >= attempts || !isRetryable(error))
                throw error;
        }
        await sleep(Math.min(delay, maxBackoffMs));
        delay = Math.min(delay * 2, maxBackoffMs);
    }
}
function isRetryable(error) {
    if (error instanceof RpcAuthenticationError)
        return false;
    return (error instanceof RpcConnectionError ||
        error instanceof RpcEndpointNotFoundError ||
        error instanceof RpcTimeoutError);
}
//# sourceMappingURL=connect-with-retry.js.map