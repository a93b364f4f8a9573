/**
 * Connecting to NATS for the JetStream connectors (docs/connectors.md, "NATS JetStream"): one place for
 * credentials, the retry with backoff of an unreachable server, and errors that name the connector.
 *
 * Connections are made with `reconnect: false` on purpose. nats.js would otherwise reconnect on its own
 * and a consumer would carry on from wherever the client thinks it was; Sluice instead fails the task
 * on a lost connection and recovers from the last checkpoint, whose positions are the truth
 * (docs/architecture.md, principle 7). The restart strategy then paces the reconnection.
 */
import type { ConnectionOptions, JetStreamManager, NatsConnection, StreamInfo } from "nats";
import { NatsAuthenticationError, NatsStreamNotFoundError, NatsUnavailableError, natsErrorText } from "./nats-errors.js";

export interface NatsConnectionOptions {
  /** One or more server URLs, `nats://host:port`. */
  servers: string | readonly string[];
  user?: string;
  password?: string;
  token?: string;
  /** How long an unreachable server is retried (with backoff) before the task fails. Default 15 s. */
  connectRetryTimeoutMs?: number;
  /** The first delay between attempts; it doubles up to 2 s. Default 100 ms. */
  connectRetryInitialDelayMs?: number;
}

const MAX_RETRY_DELAY_MS = 2_000;

/** Where and as whom, for messages: `nats://127.0.0.1:4222 as user 'app'`. */
export function describeServers(options: NatsConnectionOptions): string {
  const servers = typeof options.servers === "string" ? options.servers : options.servers.join(",");
  return options.user !== undefined ? `${servers} as user '${options.user}'` : servers;
}

/**
 * Connects, retrying an unreachable server with exponential backoff and logging every retry (so the
 * task's log says what it waits for). Wrong credentials fail at once: retrying cannot fix them.
 * `who` names the connector in every message, e.g. `nats-jetstream source ORDERS`; `onRetry` gets each
 * failed attempt that is retried.
 */
export async function connectNats(options: NatsConnectionOptions, who: string, onRetry?: (err: NatsUnavailableError) => void): Promise<NatsConnection> {
  const budgetMs = options.connectRetryTimeoutMs ?? 15_000;
  const deadline = Date.now() + budgetMs;
  let delayMs = options.connectRetryInitialDelayMs ?? 100;
  const settings: ConnectionOptions = {
    servers: typeof options.servers === "string" ? options.servers : [...options.servers],
    user: options.user,
    pass: options.password,
    token: options.token,
    reconnect: false,
    timeout: 5_000,
    name: who,
  };
  // Loaded here, not at import: every worker imports the API, few jobs talk to NATS.
  const { connect } = await import("nats");
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect(settings);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === "AUTHORIZATION_VIOLATION" || code === "BAD_AUTHENTICATION" || code === "AUTHENTICATION_EXPIRED") {
        throw new NatsAuthenticationError(
          `${who}: the server refused the credentials (${describeServers(options)}): ${natsErrorText(err)}; check the user and password (or token)`,
          { cause: err },
        );
      }
      if (Date.now() + delayMs > deadline) {
        throw new NatsUnavailableError(
          `${who}: no NATS server reachable at ${describeServers(options)} after ${attempt} attempts in ${budgetMs} ms: ${natsErrorText(err)}`,
          { cause: err },
        );
      }
      const retry = `${who}: NATS server ${describeServers(options)} unreachable (attempt ${attempt}: ${natsErrorText(err)}); retrying in ${delayMs} ms`;
      console.warn(retry);
      onRetry?.(new NatsUnavailableError(retry, { cause: err }));
      await new Promise((r) => setTimeout(r, delayMs));
      delayMs = Math.min(delayMs * 2, MAX_RETRY_DELAY_MS);
    }
  }
}

/** The stream's info (with the subjects matching `subjectsFilter` if given), or an error naming the stream. */
export async function streamInfo(jsm: JetStreamManager, stream: string, who: string, subjectsFilter?: string): Promise<StreamInfo> {
  try {
    return await jsm.streams.info(stream, subjectsFilter === undefined ? undefined : { subjects_filter: subjectsFilter });
  } catch (err) {
    if ((err as { api_error?: { err_code?: number } }).api_error?.err_code === STREAM_NOT_FOUND) {
      throw new NatsStreamNotFoundError(`${who}: JetStream stream '${stream}' does not exist; create it (nats stream add ${stream}) or fix the stream name`, { cause: err });
    }
    throw err;
  }
}

/** JetStream's error code for "stream not found". */
const STREAM_NOT_FOUND = 10059;

/** Fails with NatsUnavailableError when `nc` closes, unless `expected()` says the close was ours. */
export function watchConnection(nc: NatsConnection, who: string, expected: () => boolean, onLost: (err: NatsUnavailableError) => void): void {
  void nc.closed().then((err) => {
    if (expected()) return;
    onLost(new NatsUnavailableError(`${who}: the connection to the NATS server was lost${err ? `: ${natsErrorText(err)}` : ""}; the job recovers from its last checkpoint`, { cause: err }));
  });
}
