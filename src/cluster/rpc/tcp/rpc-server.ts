/**
 * The listening side of a TcpRpcService: accepts connections, runs the handshake, then hands calls to
 * the service's endpoint table and sends back results or errors. A misbehaving client (garbage,
 * oversized frames, wrong secret, TLS failures) loses its own connection and nothing else.
 */
import type { AddressInfo, Server, Socket } from "node:net";
import type { EndpointTable } from "../endpoint-table.js";
import { RpcConnectionError, RpcEndpointNotFoundError, type RpcLogger } from "../interface.js";
import { serializeError } from "../../../errors/serialized-error.js";
import { FramedSocket } from "./framed-socket.js";
import { ServerHandshake } from "./handshake.js";
import { parseClientHandshake, parseRequest, type CallMessage } from "./messages.js";
import { createSocketServer, listen } from "./sockets.js";
import type { RpcTlsOptions } from "./tls-options.js";

/**
 * Handshake messages are tiny: until a client has completed the handshake it gets no more room than
 * this, so unauthenticated connections cannot make the server buffer large frames.
 */
const HANDSHAKE_MAX_FRAME_BYTES = 4096;

export interface RpcServerOptions {
  host: string;
  port: number;
  secret?: string;
  tls?: RpcTlsOptions;
  maxFrameBytes: number;
  log: RpcLogger;
  /** A client that has not completed the handshake by then is disconnected. */
  handshakeTimeoutMs: number;
  endpoints: EndpointTable;
}

export class RpcServer {
  private readonly connections = new Set<FramedSocket>();

  private constructor(
    private readonly server: Server,
    private readonly options: RpcServerOptions,
  ) {}

  static listen(options: RpcServerOptions): Promise<RpcServer> {
    let rpcServer: RpcServer;
    const server = createSocketServer(
      options.tls,
      (socket) => rpcServer.accept(socket),
      (peer, reason) => options.log.warn(`rpc: refused TLS connection from ${peer}: ${reason}`),
    );
    rpcServer = new RpcServer(server, options);
    return listen(server, options.port, options.host).then(
      () => rpcServer,
      (error: Error) => {
        throw new Error(`RPC service cannot listen on ${options.host}:${options.port}: ${error.message}${listenHint(error)}`, { cause: error });
      },
    );
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Client connections currently open (including those still in the handshake). */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Stops listening and drops every client connection. */
  close(): Promise<void> {
    const cause = new RpcConnectionError("RPC service stopped");
    for (const connection of [...this.connections]) connection.close(cause);
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    const { log } = this.options;
    const framed = new FramedSocket(socket, {
      maxFrameBytes: this.options.maxFrameBytes,
      initialMaxIncomingFrameBytes: Math.min(HANDSHAKE_MAX_FRAME_BYTES, this.options.maxFrameBytes),
      log,
      label: `client ${remote(socket)}`,
    });
    const handshakeTimer = setTimeout(() => {
      log.warn(`rpc: closing connection from ${remote(socket)}: no handshake within ${this.options.handshakeTimeoutMs} ms`);
      framed.close(new RpcConnectionError("handshake timed out"));
    }, this.options.handshakeTimeoutMs);
    this.connections.add(framed);
    framed.onClose(() => {
      this.connections.delete(framed);
      clearTimeout(handshakeTimer);
    });

    const handshake = new ServerHandshake(this.options.secret);
    let ready = false;
    framed.onMessage((raw) => {
      if (ready) {
        this.handleRequest(framed, raw);
        return;
      }
      const step = handshake.receive(parseClientHandshake(raw));
      if (step.refused) {
        log.warn(`rpc: refused connection from ${remote(socket)}: authentication failed`);
        framed.sendAndClose(step.reply, new RpcConnectionError("authentication failed"));
        return;
      }
      framed.send(step.reply);
      if (step.ready) {
        ready = true;
        clearTimeout(handshakeTimer);
        framed.acceptFramesUpTo(this.options.maxFrameBytes);
      }
    });
  }

  private handleRequest(framed: FramedSocket, raw: unknown): void {
    const request = parseRequest(raw);
    if (request.t === "probe") {
      if (this.options.endpoints.has(request.ep)) {
        reply(framed, { t: "ok", id: request.id, v: null });
      } else {
        const error = new RpcEndpointNotFoundError(`no endpoint "${request.ep}" at ${this.ownAddress()}`);
        reply(framed, { t: "err", id: request.id, e: serializeError(error) });
      }
      return;
    }
    // Invoked synchronously, so one client's calls start in the order they were sent.
    this.options.endpoints.invoke(request.ep, request.m, request.a, request.tok).then(
      (value) => sendResult(framed, request, value),
      (error: unknown) => reply(framed, { t: "err", id: request.id, e: serializeError(error) }),
    );
  }

  private ownAddress(): string {
    return `tcp://${this.options.host}:${this.port}`;
  }
}

function sendResult(framed: FramedSocket, request: CallMessage, value: unknown): void {
  try {
    if (!framed.closed) framed.send({ t: "ok", id: request.id, v: value });
  } catch (error) {
    // The result could not be encoded (too large, unserializable): the caller still gets an answer.
    const reason = error instanceof Error ? error.message : String(error);
    const failure = new TypeError(`result of ${request.ep}.${request.m} could not be sent: ${reason}`);
    reply(framed, { t: "err", id: request.id, e: serializeError(failure) });
  }
}

/** Answers unless the client is already gone (its calls then have nowhere to go). */
function reply(framed: FramedSocket, message: unknown): void {
  if (framed.closed) return;
  try {
    framed.send(message);
  } catch {
    // Only an undeliverable error message can land here; there is nobody left to tell.
  }
}

function remote(socket: Socket): string {
  return `${socket.remoteAddress ?? "?"}:${socket.remotePort ?? "?"}`;
}

/** What to do about a failed listen, for the errors whose remedy is clear. */
function listenHint(error: Error & { code?: string }): string {
  if (error.code === "EADDRINUSE") return " (another process uses the port: stop it, or configure another port; 0 picks a free one)";
  if (error.code === "EADDRNOTAVAIL") return " (not an address of this machine: configure one of its own addresses)";
  return "";
}
