/**
 * What the Redis connectors raise on purpose (docs/architecture.md, "Failures"). Every message starts with
 * the connector and what it talks to (`redis-stream source orders@127.0.0.1:6379`), so a job's exception
 * history says which connector to fix.
 */
import { registerErrorClass, SluiceError, type SluiceErrorOptions } from "../../errors/sluice-error.js";

export class RedisConnectorError extends SluiceError {}
registerErrorClass(RedisConnectorError);

/** The server could not be reached within the connector's retry budget. */
export class RedisUnavailableError extends RedisConnectorError {}
registerErrorClass(RedisUnavailableError);

/** The server refused the credentials (WRONGPASS, NOAUTH): retrying cannot help. */
export class RedisAuthenticationError extends RedisConnectorError {}
registerErrorClass(RedisAuthenticationError);

/** A stream the job names does not exist (and the source was not told to wait for it). */
export class RedisStreamNotFoundError extends RedisConnectorError {}
registerErrorClass(RedisStreamNotFoundError);

/** A stream entry that does not decode, under the `fail` bad-message policy. */
export class RedisBadMessageError extends RedisConnectorError {
  constructor(
    message: string,
    readonly stream: string,
    readonly entryId: string,
    options?: SluiceErrorOptions,
  ) {
    super(message, options);
  }
}
registerErrorClass(RedisBadMessageError);

/** Redis's own error text, for messages (ioredis's ReplyError, or a socket error with its code). */
export function redisErrorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as NodeJS.ErrnoException).code;
  return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
}

/** WRONGPASS / NOAUTH / "invalid password": a credentials problem, not a transient one. */
export function isAuthenticationFailure(err: unknown): boolean {
  const text = err instanceof Error ? err.message : String(err);
  return /WRONGPASS|NOAUTH|invalid password|invalid username-password/i.test(text);
}
