/**
 * The caller's side of one TCP connection to a peer service, shared by every gateway to endpoints there.
 * It matches responses to requests by id, enforces per-call timeouts, and on loss of the connection
 * rejects everything pending at once and tells every gateway, which is how a dead TaskManager is noticed
 * immediately instead of after a heartbeat timeout.
 */
import { RpcConnectionError, RpcTimeoutError, type RpcLogger } from "../interface.js";
import { deserializeError } from "../../../errors/serialized-error.js";
import { FrameError } from "./frame-codec.js";
import { FramedSocket } from "./framed-socket.js";
import { ClientHandshake } from "./handshake.js";
import { parseResponse, parseServerHandshake, type CallMessage, type ProbeMessage } from "./messages.js";
import { dial } from "./sockets.js";
import type { RpcTlsOptions } from "./tls-options.js";

export interface ClientConnectionOptions {
  secret?: string;
  tls?: RpcTlsOptions;
  maxFrameBytes: number;
  log: RpcLogger;
  /** Bound on TCP connect + TLS + handshake. */
  connectTimeoutMs: number;
}

/** What a gateway needs to hear from its connection. */
export interface ConnectionListener {
  peerLost(cause: RpcConnectionError): void;
}

interface PendingRequest {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
  where: string;
}

type RequestBody = Omit<CallMessage, "id"> | Omit<ProbeMessage, "id">;

export class ClientConnection {
  private readonly pending = new Map<number, PendingRequest>();
  private readonly listeners = new Set<ConnectionListener>();
  private nextId = 1;
  private closedByUs = false;

  private constructor(
    private readonly framed: FramedSocket,
    readonly address: string,
  ) {
    framed.onMessage((raw) => this.onResponse(raw));
    framed.onClose((cause) => this.onClosed(cause));
  }

  /** Connects, runs TLS and the handshake; rejects with RpcConnectionError (or RpcAuthenticationError). */
  static open(address: string, host: string, port: number, options: ClientConnectionOptions): Promise<ClientConnection> {
    const tls = options.tls;
    return dial<ClientConnection>({ address, host, port }, tls, options.connectTimeoutMs, "connect to", (socket, outcome) => {
      const framed = new FramedSocket(socket, { maxFrameBytes: options.maxFrameBytes, log: options.log, label: address });
      const handshake = new ClientHandshake(options.secret, address);
      framed.onClose((cause) => {
        // A TLS server drops a plaintext hello without a word; say what that usually means.
        const hint = tls ? "" : " (does the peer require TLS?)";
        outcome.fail(new RpcConnectionError(`handshake with ${address} failed: ${cause.message}${hint}`));
      });
      framed.onMessage((raw) => {
        let step;
        try {
          step = handshake.receive(parseServerHandshake(raw));
        } catch (error) {
          if (error instanceof FrameError) throw error; // FramedSocket logs it and closes
          outcome.fail(error as Error);
          return;
        }
        if (step.reply) framed.send(step.reply);
        if (step.ready) outcome.succeed(new ClientConnection(framed, address));
      });
      framed.send(handshake.hello);
    });
  }

  get closed(): boolean {
    return this.framed.closed;
  }

  /** Called once when the connection is gone, whoever closed it. */
  onClose(handler: () => void): void {
    this.framed.onClose(() => handler());
  }

  addListener(listener: ConnectionListener): void {
    this.listeners.add(listener);
  }

  removeListener(listener: ConnectionListener): void {
    this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /**
   * Sends a call or probe. Returns its id (to cancel it) and the eventual answer. Encoding problems
   * (unserializable or oversized arguments) reject the call and leave the connection up.
   */
  request(body: RequestBody, timeoutMs: number, where: string): { id: number; result: Promise<unknown> } {
    const id = this.nextId++;
    const result = new Promise<unknown>((resolve, reject) => {
      if (this.framed.closed) {
        reject(new RpcConnectionError(`not connected to ${this.address}: cannot call ${where}`));
        return;
      }
      try {
        this.framed.send({ ...body, id });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        reject(error instanceof RpcConnectionError ? error : new TypeError(`cannot send ${where}: ${reason}`));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(RpcTimeoutError.after(where, timeoutMs));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, where });
    });
    return { id, result };
  }

  /** Rejects one pending request now (its answer, if it comes, is ignored). */
  cancel(id: number, error: Error): void {
    const request = this.pending.get(id);
    if (!request) return;
    this.pending.delete(id);
    clearTimeout(request.timer);
    request.reject(error);
  }

  /** Closes from this side: pending calls fail, listeners are not told (nobody was lost). */
  close(cause: RpcConnectionError): void {
    this.closedByUs = true;
    this.framed.close(cause);
  }

  private onResponse(raw: unknown): void {
    const message = parseResponse(raw);
    const request = this.pending.get(message.id);
    if (!request) return; // timed out or cancelled: the late answer is dropped
    this.pending.delete(message.id);
    clearTimeout(request.timer);
    if (message.t === "ok") request.resolve(message.v);
    else request.reject(deserializeError(message.e, request.where));
  }

  private onClosed(cause: Error): void {
    const lost =
      cause instanceof RpcConnectionError ? cause : new RpcConnectionError(`connection to ${this.address} lost: ${cause.message}`);
    for (const [id, request] of this.pending) {
      clearTimeout(request.timer);
      this.pending.delete(id);
      request.reject(new RpcConnectionError(`call ${request.where} failed: ${lost.message}`));
    }
    const listeners = [...this.listeners];
    this.listeners.clear();
    if (this.closedByUs) return;
    for (const listener of listeners) listener.peerLost(lost);
  }
}
