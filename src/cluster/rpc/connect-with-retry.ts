/**
 * Reconnection is the caller's loop (a lost connection means "re-resolve the peer", which only the
 * caller knows how to do); this is the common case of that loop: try again with capped exponential
 * backoff while the peer is merely not there yet.
 */
import {
  RpcAuthenticationError,
  RpcConnectionError,
  RpcEndpointNotFoundError,
  RpcTimeoutError,
  type ConnectOptions,
  type RemoteGateway,
  type RpcService,
} from "./interface.js";

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
export async function connectWithRetry<T extends object>(
  service: RpcService,
  address: string,
  name: string,
  options: ConnectOptions = {},
  retry: RetryOptions = {},
): Promise<RemoteGateway<T>> {
  const attempts = Math.max(1, retry.attempts ?? 10);
  const maxBackoffMs = retry.maxBackoffMs ?? 5_000;
  const sleep = retry.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let delay = retry.backoffMs ?? 100;
  for (let attempt = 1; ; attempt++) {
    try {
      return await service.connect<T>(address, name, options);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
    }
    await sleep(Math.min(delay, maxBackoffMs));
    delay = Math.min(delay * 2, maxBackoffMs);
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof RpcAuthenticationError) return false;
  return (
    error instanceof RpcConnectionError ||
    error instanceof RpcEndpointNotFoundError ||
    error instanceof RpcTimeoutError
  );
}
