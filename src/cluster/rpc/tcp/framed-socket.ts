/**
 * A socket that carries whole messages. It owns the one rule about bad input: a frame that is too large,
 * has the wrong version, does not decode or is not a valid message closes this connection only, and is
 * logged once. Everything above it deals in messages and a single close notification.
 */
import type { Socket } from "node:net";
import type { Packr } from "msgpackr";
import { RpcConnectionError, type RpcLogger } from "../interface.js";
import { FrameDecoder, createPackr, decodeBody, encodeFrame } from "./frame-codec.js";

export interface FramedSocketOptions {
  maxFrameBytes: number;
  /** Largest frame accepted until acceptFramesUpTo() raises it (a server before the handshake); default maxFrameBytes. */
  initialMaxIncomingFrameBytes?: number;
  log: RpcLogger;
  /** Describes the peer in log lines and errors, e.g. "tcp://127.0.0.1:6123" or "client 10.0.0.3:51234". */
  label: string;
}

export class FramedSocket {
  private readonly decoder: FrameDecoder;
  private readonly packr: Packr = createPackr();
  private messageHandler: (message: unknown) => void = () => {};
  private readonly closeHandlers: Array<(cause: Error) => void> = [];
  private cause: Error | undefined;
  /** The first socket error, which explains the 'close' that follows it better than 'close' can. */
  private socketError: Error | undefined;

  constructor(
    readonly socket: Socket,
    private readonly options: FramedSocketOptions,
  ) {
    this.decoder = new FrameDecoder(options.initialMaxIncomingFrameBytes ?? options.maxFrameBytes);
    // Control messages are small and latency-sensitive (heartbeats, acks): don't let Nagle hold them.
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (error: Error) => {
      this.socketError ??= error;
    });
    socket.on("close", () => {
      const detail = this.socketError ? `: ${this.socketError.message}` : " by the peer";
      this.terminate(new RpcConnectionError(`connection to ${options.label} closed${detail}`));
    });
  }

  get label(): string {
    return this.options.label;
  }

  get closed(): boolean {
    return this.cause !== undefined;
  }

  /** Raises (or lowers) the largest frame accepted from the next frame on, e.g. once the peer has authenticated. */
  acceptFramesUpTo(maxFrameBytes: number): void {
    this.decoder.maxFrameBytes = maxFrameBytes;
  }

  /** Replaces the message handler; a handler that throws is treated as a protocol error. */
  onMessage(handler: (message: unknown) => void): void {
    this.messageHandler = handler;
  }

  onClose(handler: (cause: Error) => void): void {
    if (this.cause) handler(this.cause);
    else this.closeHandlers.push(handler);
  }

  /**
   * Encodes and writes one message. Throws (leaving the connection open) when the message cannot be
   * encoded or is larger than the maximum frame; throws RpcConnectionError when already closed.
   */
  send(message: unknown): void {
    if (this.cause) throw new RpcConnectionError(`connection to ${this.options.label} is closed`);
    const [header, body] = encodeFrame(this.packr, message, this.options.maxFrameBytes);
    this.socket.cork();
    this.socket.write(header);
    this.socket.write(body);
    this.socket.uncork();
  }

  /** Closes at once; pending writes are dropped. */
  close(cause: Error): void {
    this.terminate(cause);
  }

  /** Sends a last message, then closes once it is flushed (or after a grace period). */
  sendAndClose(message: unknown, cause: Error): void {
    try {
      this.send(message);
    } catch {
      // The goodbye could not be encoded; closing is what matters.
    }
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 1000).unref();
    this.terminate(cause, false);
  }

  private onData(chunk: Buffer): void {
    if (this.cause) return;
    try {
      // One frame at a time: handling a frame may change the limit for the next (see acceptFramesUpTo).
      this.decoder.append(chunk);
      for (let body = this.decoder.next(); body !== undefined; body = this.decoder.next()) {
        this.messageHandler(decodeBody(this.packr, body));
        if (this.cause) return;
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.options.log.warn(`rpc: closing connection to ${this.options.label}: protocol error: ${reason}`);
      this.terminate(new RpcConnectionError(`protocol error on connection to ${this.options.label}: ${reason}`));
    }
  }

  private terminate(cause: Error, destroy = true): void {
    if (this.cause) return;
    this.cause = cause;
    if (destroy) this.socket.destroy();
    for (const handler of this.closeHandlers.splice(0)) handler(cause);
  }
}
