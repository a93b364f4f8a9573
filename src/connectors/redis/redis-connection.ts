/**
 * How the Redis connectors connect (docs/connectors.md, "Redis Streams", "Failures"):
 *
 *  - at start, a server that is down is retried with exponential backoff, each attempt logged, until
 *    `retryTimeoutMs`; then the task fails with RedisUnavailableError and the job's restart strategy
 *    takes over (so the exception history shows it);
 *  - refused credentials fail at once with RedisAuthenticationError (retrying cannot help);
 *  - once connected, nothing is retried or resent behind the connector's back: a lost connection
 *    fails the task, and the job recovers from its last checkpoint. That is what keeps the sink exactly
 *    once: a write resent after a reconnect could be applied twice.
 */
import type { Redis, RedisOptions } from "ioredis";
import { formatLogRecord, Logger } from "../../util/logger.js";
import { isAuthenticationFailure, RedisAuthenticationError, RedisConnectorError, RedisUnavailableError, redisErrorText } from "./redis-errors.js";

export interface RedisConnectionOptions {
  /** `redis://[[user]:password@]host[:port][/db]`; host/port/… below override its parts. */
  url?: string;
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  db?: number;
  /** How long a server that cannot be reached is retried before the task fails. Default 30 s. */
  retryTimeoutMs?: number;
  /** First wait between attempts; doubles up to maxBackoffMs. Default 100 ms. */
  initialBackoffMs?: number;
  /** Default 5 s. */
  maxBackoffMs?: number;
  /** Bound on one connection attempt. Default 5 s. */
  connectTimeoutMs?: number;
}

export const DEFAULT_RETRY_TIMEOUT_MS = 30_000;
const DEFAULT_INITIAL_BACKOFF_MS = 100;
const DEFAULT_MAX_BACKOFF_MS = 5_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/** Connector logs go to the process's stderr: a TaskManager's log, or the client's console for a MiniCluster. */
export function connectorLogger(component: string): Logger {
  return new Logger((record) => process.stderr.write(`${formatLogRecord(record)}\n`), component);
}

/** `host:port` for messages. */
export function describeServer(options: RedisConnectionOptions): string {
  const { host, port } = resolveAddress(options);
  return `${host}:${port}`;
}

function resolveAddress(options: RedisConnectionOptions): { host: string; port: number; username?: string; password?: string; db?: number } {
  let fromUrl: { host?: string; port?: number; username?: string; password?: string; db?: number } = {};
  if (options.url !== undefined) {
    const url = new URL(options.url);
    if (url.protocol !== "redis:") throw new RedisConnectorError(`Redis url must start with redis:// (rediss:// is not supported yet): ${options.url}`);
    fromUrl = {
      host: url.hostname || undefined,
      port: url.port ? Number(url.port) : undefined,
      username: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
    };
  }
  return {
    host: options.host ?? fromUrl.host ?? "127.0.0.1",
    port: options.port ?? fromUrl.port ?? 6379,
    username: options.username ?? fromUrl.username,
    password: options.password ?? fromUrl.password,
    db: options.db ?? fromUrl.db,
  };
}

/**
 * A connected client, or a RedisConnectorError naming `who` (e.g. `redis-stream source orders`).
 * `onLost` runs once if the connection drops afterwards; `onRetry` after each failed attempt that is retried.
 */
export async function connectRedis(
  options: RedisConnectionOptions,
  who: string,
  log: Logger,
  onLost: (err: RedisConnectorError) => void,
  onRetry?: (err: RedisUnavailableError) => void,
): Promise<Redis> {
  const { Redis } = await import("ioredis");
  const address = resolveAddress(options);
  const server = `${address.host}:${address.port}`;
  const settings: RedisOptions = {
    host: address.host,
    port: address.port,
    username: address.username,
    password: address.password,
    db: address.db,
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
  };
  const retryTimeoutMs = options.retryTimeoutMs ?? DEFAULT_RETRY_TIMEOUT_MS;
  const deadline = Date.now() + retryTimeoutMs;
  let backoff = options.initialBackoffMs ?? DEFAULT_INITIAL_BACKOFF_MS;
  const maxBackoff = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
  for (let attempt = 1; ; attempt++) {
    const client = new Redis(settings);
    let lastError: unknown;
    client.on("error", (err: unknown) => (lastError = err));
    try {
      await client.connect();
      // A server loading its AOF accepts connections but answers LOADING until it is done.
      await client.ping();
      let lost = false;
      client.on("close", () => {
        if (lost) return;
        lost = true;
        onLost(new RedisUnavailableError(`${who}: lost the connection to Redis at ${server}${lastError ? ` (${redisErrorText(lastError)})` : ""}`));
      });
      if (attempt > 1) log.info(`${who}: connected to Redis at ${server} after ${attempt} attempts`);
      return client;
    } catch (err) {
      client.disconnect();
      const cause = lastError ?? err;
      if (isAuthenticationFailure(cause) || isAuthenticationFailure(err)) {
        throw new RedisAuthenticationError(
          `${who}: Redis at ${server} refused the credentials (${redisErrorText(cause)}); check the connector's username/password`,
          { cause },
        );
      }
      const wait = Math.min(backoff, maxBackoff);
      if (Date.now() + wait > deadline) {
        throw new RedisUnavailableError(
          `${who}: cannot reach Redis at ${server} after ${attempt} attempts in ${retryTimeoutMs} ms (${redisErrorText(cause)}); is the server running?`,
          { cause },
        );
      }
      const retry = `${who}: cannot reach Redis at ${server} (${redisErrorText(cause)}); attempt ${attempt}, retrying in ${wait} ms`;
      log.warn(retry);
      onRetry?.(new RedisUnavailableError(retry, { cause }));
      await new Promise((resolve) => setTimeout(resolve, wait));
      backoff *= 2;
    }
  }
}
