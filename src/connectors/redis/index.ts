export { RedisStreamSource, RedisStreamSourceBuilder } from "./redis-stream-source.js";
export { StartingPositions, type StartingPosition, type RedisStreamEntry, type EventTimeSource } from "./redis-stream-options.js";
export type { RedisStreamSplit, RedisStreamEnumeratorState } from "./redis-stream-split.js";
export { RedisStreamSink, type RedisStreamSinkOptions, type RedisStreamTransaction, type RedisStreamFields } from "./redis-stream-sink.js";
export type { RedisConnectionOptions } from "./redis-connection.js";
export {
  RedisConnectorError,
  RedisUnavailableError,
  RedisAuthenticationError,
  RedisStreamNotFoundError,
  RedisBadMessageError,
} from "./redis-errors.js";
