/**
 * One data-plane connection between two TaskManagers, either side. It first runs the same mutual
 * challenge–response as the RPC layer (rpc/tcp/handshake.ts: the secret never crosses the wire),
 * with handshake frames limited to a few KiB, and only then accepts data frames. Whoever dials
 * announces its own data address in its hello, so that the other side can send back over the same
 * connection instead of opening a second one. After the handshake both sides are equal: frames
 * flow both ways, in order.
 */
import type { Socket } from "node:net";
import { RpcAuthenticationError, RpcConnectionError } from "../rpc/interface.js";
import { createPackr } from "../rpc/tcp/frame-codec.js";
import { ClientHandshake, ServerHandshake } from "../rpc/tcp/handshake.js";
import { parseClientHandshake, parseServerHandshake } from "../rpc/tcp/messages.js";
import { dial } from "../rpc/tcp/sockets.js";
import type { RpcTlsOptions } from "../rpc/tcp/tls-options.js";
import type { DataFrame, WorkerKey } from "../../runtime/network/frames.js";
import { DataFrameDecoder, DataWireError, FrameKind, encodeDataFrame, encodeHandshake, type DecodedFrame } from "./data-wire.js";

/** Handshake frames are tiny; an unauthenticated peer gets no more room than this. */
const HANDSHAKE_MAX_FRAME_BYTES = 4096;

export interface DataConnectionOptions {
  secret?: string;
  maxFrameBytes: number;
  /** Bounds connecting, TLS and the handshake. */
  handshakeTimeoutMs: number;
  log: { warn(message: string): void };
}

export interface DataTraffic {
  framesSent: number;
  bytesSent: number;
  framesReceived: number;
  bytesReceived: number;
}

type FrameHandler = (to: WorkerKey, frame: DataFrame) => void;

export class DataConnection {
  private readonly decoder = new DataFrameDecoder(HANDSHAKE_MAX_FRAME_BYTES);
  private readonly packr = createPackr();
  private frameHandler: FrameHandler = () => {};
  private readonly closeHandlers: Array<(cause: Error) => void> = [];
  private handshakeHandler: ((body: Buffer) => void) | undefined;
  private cause: Error | undefined;
  private socketError: Error | undefined;
  private corked = false;
  readonly traffic: DataTraffic;
  /** For an accepted connection: the data address the dialer announced. */
  peerAddress: string | undefined;

  private constructor(
    private readonly socket: Socket,
    readonly label: string,
    private readonly options: DataConnectionOptions,
    traffic: DataTraffic,
  ) {
    this.traffic = traffic;
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (error: Error) => (this.socketError ??= error));
    socket.on("close", () => {
      const detail = this.socketError ? `: ${this.socketError.message}` : " by the peer";
      this.terminate(new RpcConnectionError(`data connection ${label} closed${detail}`));
    });
  }

  /** Dials a peer's data address and authenticates; rejects with RpcConnectionError or RpcAuthenticationError. */
  static dial(
    address: string,
    host: string,
    port: number,
    ownAddress: string,
    tls: RpcTlsOptions | undefined,
    options: DataConnectionOptions,
    traffic: DataTraffic,
  ): Promise<DataConnection> {
    return dial<DataConnection>({ address, host, port }, tls, options.handshakeTimeoutMs, "open a data connection to", (socket, outcome) => {
      const connection = new DataConnection(socket, address, options, traffic);
      const handshake = new ClientHandshake(options.secret, address);
      connection.onClose((cause) =>
        outcome.fail(new RpcConnectionError(`data handshake with ${address} failed: ${cause.message}${tls ? "" : " (does the peer require TLS?)"}`)),
      );
      connection.handshakeHandler = (body) => {
        let step;
        try {
          step = handshake.receive(parseServerHandshake(connection.packr.unpack(body)));
        } catch (error) {
          if (error instanceof RpcAuthenticationError) {
            outcome.fail(error);
            return;
          }
          throw new DataWireError(`bad handshake: ${(error as Error).message}`);
        }
        if (step.reply) connection.writeHandshake(step.reply);
        if (step.ready && connection.handshakeHandler) {
          connection.ready();
          outcome.succeed(connection);
        }
      };
      connection.writeHandshake({ ...handshake.hello, from: ownAddress });
    });
  }

  /** Runs the server side of the handshake on an accepted socket; resolves once the peer is authenticated. */
  static accept(socket: Socket, label: string, secret: string | undefined, options: DataConnectionOptions, traffic: DataTraffic): Promise<DataConnection> {
    return new Promise((resolve, reject) => {
      const connection = new DataConnection(socket, label, options, traffic);
      const handshake = new ServerHandshake(secret);
      let settled = false;
      const timer = setTimeout(() => connection.close(new RpcConnectionError(`no data handshake within ${options.handshakeTimeoutMs} ms`)), options.handshakeTimeoutMs);
      connection.onClose((cause) => {
        clearTimeout(timer);
        if (!settled) {
          settled = true;
          reject(cause);
        }
      });
      connection.handshakeHandler = (body) => {
        let raw: unknown;
        try {
          raw = connection.packr.unpack(body);
        } catch (error) {
          throw new DataWireError(`undecodable handshake: ${(error as Error).message}`);
        }
        let step;
        try {
          step = handshake.receive(parseClientHandshake(raw));
        } catch (error) {
          throw new DataWireError(`bad handshake: ${(error as Error).message}`);
        }
        if (typeof raw === "object" && raw !== null && "from" in raw) {
          const from = (raw as { from: unknown }).from;
          if (typeof from !== "string" || !/^tcp:\/\/\S{1,300}$/.test(from)) throw new DataWireError("bad handshake: invalid data address");
          connection.peerAddress = from;
        }
        if (step.refused) {
          settled = true;
          clearTimeout(timer);
          connection.writeHandshake(step.reply);
          socket.end();
          setTimeout(() => socket.destroy(), 1000).unref();
          const reason = step.reply.t === "auth-failed" ? step.reply.reason : "authentication failed";
          reject(new RpcAuthenticationError(`refused data connection from ${label}: ${reason}`));
          return;
        }
        connection.writeHandshake(step.reply);
        if (step.ready) {
          settled = true;
          clearTimeout(timer);
          connection.ready();
          resolve(connection);
        }
      };
    });
  }

  get closed(): boolean {
    return this.cause !== undefined;
  }

  onFrame(handler: FrameHandler): void {
    this.frameHandler = handler;
  }

  /** Called once when the connection is gone, whoever closed it. */
  onClose(handler: (cause: Error) => void): void {
    if (this.cause) handler(this.cause);
    else this.closeHandlers.push(handler);
  }

  /** Writes one frame. Throws DataWireError (connection stays up) when the frame cannot be encoded. */
  send(to: WorkerKey, frame: DataFrame): void {
    if (this.cause) throw new RpcConnectionError(`data connection ${this.label} is closed`);
    const chunks = encodeDataFrame(to, frame, this.options.maxFrameBytes);
    // Frames written in the same tick leave in one writev call.
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    for (const c of chunks) {
      this.socket.write(c);
      this.traffic.bytesSent += c.length;
    }
    this.traffic.framesSent++;
  }

  close(cause: Error): void {
    this.terminate(cause);
  }

  private ready(): void {
    this.handshakeHandler = undefined;
    this.decoder.maxFrameBytes = this.options.maxFrameBytes;
  }

  private writeHandshake(message: object): void {
    this.socket.write(encodeHandshake(this.packr.pack(message)));
  }

  private onData(chunk: Buffer): void {
    if (this.cause) return;
    try {
      for (const f of this.decoder.push(chunk)) {
        this.handle(f);
        if (this.cause) return;
      }
      this.traffic.bytesReceived += chunk.length;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.options.log.warn(`closing data connection ${this.label}: protocol error: ${reason}`);
      this.terminate(new RpcConnectionError(`protocol error on data connection ${this.label}: ${reason}`));
    }
  }

  private handle(f: DecodedFrame): void {
    if (f.kind === FrameKind.Handshake) {
      if (!this.handshakeHandler) throw new DataWireError("handshake frame after the handshake");
      this.handshakeHandler(f.body);
      return;
    }
    if (this.handshakeHandler) throw new DataWireError("data frame before the handshake completed");
    this.traffic.framesReceived++;
    this.frameHandler(f.to, f.frame);
  }

  private terminate(cause: Error): void {
    if (this.cause) return;
    this.cause = cause;
    this.socket.destroy();
    for (const h of this.closeHandlers.splice(0)) h(cause);
  }
}
