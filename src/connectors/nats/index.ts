export { NatsJetStreamSource, NatsJetStreamSourceBuilder } from "./nats-jetstream-source.js";
export { NatsJetStreamSink, type NatsJetStreamSinkOptions, type NatsTransaction } from "./nats-jetstream-sink.js";
export { NatsStartingPosition, type NatsSubjectSplit } from "./nats-split.js";
export type { NatsEnumeratorState } from "./nats-split-enumerator.js";
export type { NatsConnectionOptions } from "./nats-connection.js";
export {
  NatsAuthenticationError,
  NatsBadMessageError,
  NatsConfigurationError,
  NatsConnectorError,
  NatsStreamNotFoundError,
  NatsUnavailableError,
} from "./nats-errors.js";
