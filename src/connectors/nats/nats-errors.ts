/**
 * What the NATS JetStream connectors raise on purpose (docs/architecture.md, "Failures"). Every message
 * starts with the connector and what it talks to (`nats-jetstream source ORDERS@nats://127.0.0.1:4222`),
 * so a job's exception history says which connector to fix and how.
 */
import { registerErrorClass, SluiceError, type SluiceErrorOptions } from "../../errors/sluice-error.js";

export class NatsConnectorError extends SluiceError {}
registerErrorClass(NatsConnectorError);

/** No server could be reached within the connector's retry budget, or the connection was lost. */
export class NatsUnavailableError extends NatsConnectorError {}
registerErrorClass(NatsUnavailableError);

/** The server refused the credentials: retrying cannot help. */
export class NatsAuthenticationError extends NatsConnectorError {}
registerErrorClass(NatsAuthenticationError);

/** The stream the job names does not exist, or a subject is not bound to it. */
export class NatsStreamNotFoundError extends NatsConnectorError {}
registerErrorClass(NatsStreamNotFoundError);

/** A configuration that would break the connector's guarantee (e.g. a too short duplicate window). */
export class NatsConfigurationError extends NatsConnectorError {}
registerErrorClass(NatsConfigurationError);

/** A message that does not decode, under the `fail` bad-message policy. */
export class NatsBadMessageError extends NatsConnectorError {
  constructor(
    message: string,
    readonly subject: string,
    readonly sequence: number,
    options?: SluiceErrorOptions,
  ) {
    super(message, options);
  }
}
registerErrorClass(NatsBadMessageError);

/** The client's or server's own error text, for messages. */
export function natsErrorText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === "string" && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
