/**
 * A socket that carries whole messages. It owns the one rule about bad input: a frame that is too large,
 * has the wrong version, does not decode or is not a valid message closes this connection only, and is
 * logged once. Everything above it deals in messages and a single close notification.
 */
import type { Socket } from "node:net";
import { type RpcLogger } from "../interface.js";
export interface FramedSocketOptions {
    maxFrameBytes: number;
    log: RpcLogger;
    /** Describes the peer in log lines and errors, e.g. "tcp://127.0.0.1:6123" or "client 10.0.0.3:51234". */
    label: string;
}
export declare class FramedSocket {
    readonly socket: Socket;
    private readonly options;
    private readonly decoder;
    private readonly packr;
    private messageHandler;
    private readonly closeHandlers;
    private cause;
    /** The first socket error, which explains the 'close' that follows it better than 'close' can. */
    private socketError;
    constructor(socket: Socket, options: FramedSocketOptions);
    get label(): string;
    get closed(): boolean;
    /** Replaces the message handler; a handler that throws is treated as a protocol error. */
    onMessage(handler: (message: unknown) => void): void;
    onClose(handler: (cause: Error) => void): void;
    /**
     * Encodes and writes one message. Throws (leaving the connection open) when the message cannot be
     * encoded or is larger than the maximum frame; throws RpcConnectionError when already closed.
     */
    send(message: unknown): void;
    /** Closes at once; pending writes are dropped. */
    close(cause: Error): void;
    /** Sends a last message, then closes once it is flushed (or after a grace period). */
    sendAndClose(message: unknown, cause: Error): void;
    private onData;
    private terminate;
}
