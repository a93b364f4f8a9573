/**
 * The control-plane RPC contract. Components (Dispatcher, ResourceManager, JobMaster, TaskExecutor)
 * expose themselves through an RpcService and reach each other only through gateways obtained from it.
 * The MiniCluster uses the in-process implementation; a cluster of processes uses the TCP one.
 * Only the transport differs: both enforce fencing tokens, timeouts and serializable arguments.
 */
import { registerErrorClass, SluiceError } from "../../errors/sluice-error.js";

/** Turns an implementation type into its remote view: every method returns a promise. */
export type Gateway<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: T[K] extends (
    ...args: infer A
  ) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

export interface ServeOptions {
  /**
   * For fenced endpoints (leaders): returns the current fencing token (leader session id), or
   * undefined while not leading. A call whose token differs is rejected with FencingTokenMismatchError.
   */
  fencingToken?: () => string | undefined;
}

export interface ConnectOptions {
  /** Sent with every call to a fenced endpoint. */
  fencingToken?: string;
  /** Per-call timeout; a call without an answer in time rejects with RpcTimeoutError. Default 10 s. */
  timeoutMs?: number;
}

export interface ServedEndpoint {
  readonly name: string;
  /** Stops serving; pending calls are answered with an error. */
  close(): void;
}

export interface RemoteGateway<T> {
  readonly gateway: Gateway<T>;
  /** True while the underlying connection is up (always true in-process until closed). */
  readonly connected: boolean;
  /**
   * Called once when the connection to the peer is lost (closed socket, peer process gone, peer
   * service stopped); a listener added after the loss is called too. Not called when this side
   * closes the gateway or stops its own service: nothing was lost then.
   */
  onDisconnect(listener: (cause: Error) => void): void;
  close(): void;
}

export interface RpcService {
  /** This service's own address, which peers pass to connect(): "tcp://host:port" or "local://<id>". */
  readonly address: string;
  serve<T extends object>(name: string, impl: T, options?: ServeOptions): ServedEndpoint;
  connect<T extends object>(address: string, name: string, options?: ConnectOptions): Promise<RemoteGateway<T>>;
  stop(): Promise<void>;
}

/** A call got no answer in time; the peer may still have run it. */
export class RpcTimeoutError extends SluiceError {
  static after(where: string, timeoutMs: number): RpcTimeoutError {
    return new RpcTimeoutError(
      `call ${where} timed out after ${timeoutMs} ms: the peer is overloaded, paused or unreachable (it may still have run the call); pekko.ask.timeout sets the default timeout`,
    );
  }
}
registerErrorClass(RpcTimeoutError);
/** The call's fencing token is not the endpoint's current one: the caller talks to a deposed leader. */
export class FencingTokenMismatchError extends SluiceError {}
registerErrorClass(FencingTokenMismatchError);
/** No connection to the peer (refused, lost, closed, or the service stopped). */
export class RpcConnectionError extends SluiceError {}
registerErrorClass(RpcConnectionError);
export class RpcEndpointNotFoundError extends SluiceError {}
registerErrorClass(RpcEndpointNotFoundError);
/** The endpoint exists but has no such method (or the name is not a callable own method). */
export class RpcMethodNotFoundError extends SluiceError {}
registerErrorClass(RpcMethodNotFoundError);
/** The peer does not share this service's secret (or one side has none): no call was made. */
export class RpcAuthenticationError extends RpcConnectionError {}
registerErrorClass(RpcAuthenticationError);

/** Where the RPC layer reports problems that are not any single caller's (e.g. a peer sent garbage). */
export interface RpcLogger {
  warn(message: string): void;
}
