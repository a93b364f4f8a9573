/**
 * Reconnection is the caller's loop (a lost connection means "re-resolve the peer", which only the
 * caller knows how to do); this is the common case of that loop: try again with capped exponential
 * backoff while the peer is merely not there yet.
 */
import { type ConnectOptions, type RemoteGateway, type RpcService } from "./interface.js";
export interface RetryOptions {
    /** Total attempts including the first. Default 10. */
    attempts?: number;
    /** Delay after the first failure; doubles after each further one. Default 100 ms. */
    backoffMs?: number;
    /** Upper bound of the delay. Default 5 s. */
    maxBackoffMs?: number;
    /** Injected for deterministic tests; default a real timer. */
    sleep?: (ms: number) => Promise<void>;
}
/**
 * Retries while the peer is down, not yet serving the endpoint, or slow to answer. A failed
 * authentication is not retried: a wrong secret does not fix itself, and hammering a peer with it
 * only fills its log.
 */
export declare function connectWithRetry<T extends object>(service: RpcService, address: string, name: string, options?: ConnectOptions, retry?: RetryOptions): Promise<RemoteGateway<T>>;
