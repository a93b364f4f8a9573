import { RpcConnectionError } from "../interface.js";
import { FrameDecoder, createPackr, decodeBody, encodeFrame } from "./frame-codec.js";
export class FramedSocket {
    socket;
    options;
    decoder;
    packr = createPackr();
    messageHandler = () => { };
    closeHandlers = [];
    cause;
    /** The first socket error, which explains the 'close' that follows it better than 'close' can. */
    socketError;
    constructor(socket, options) {
        this.socket = socket;
        this.options = options;
        this.decoder = new FrameDecoder(options.maxFrameBytes);
        // Control messages are small and latency-sensitive (heartbeats, acks): don't let Nagle hold them.
        socket.setNoDelay(true);
        socket.on("data", (chunk) => this.onData(chunk));
        socket.on("error", (error) => {
            this.socketError ??= error;
        });
        socket.on("close", () => {
            const detail = this.socketError ? `: ${this.socketError.message}` : " by the peer";
            this.terminate(new RpcConnectionError(`connection to ${options.label} closed${detail}`));
        });
    }
    get label() {
        return this.options.label;
    }
    get closed() {
        return this.cause !== undefined;
    }
    /** Replaces the message handler; a handler that throws is treated as a protocol error. */
    onMessage(handler) {
        this.messageHandler = handler;
    }
    onClose(handler) {
        if (this.cause)
            handler(this.cause);
        else
            this.closeHandlers.push(handler);
    }
    /**
     * Encodes and writes one message. Throws (leaving the connection open) when the message cannot be
     * encoded or is larger than the maximum frame; throws RpcConnectionError when already closed.
     */
    send(message) {
        if (this.cause)
            throw new RpcConnectionError(`connection to ${this.options.label} is closed`);
        const [header, body] = encodeFrame(this.packr, message, this.options.maxFrameBytes);
        this.socket.cork();
        this.socket.write(header);
        this.socket.write(body);
        this.socket.uncork();
    }
    /** Closes at once; pending writes are dropped. */
    close(cause) {
        this.terminate(cause);
    }
    /** Sends a last message, then closes once it is flushed (or after a grace period). */
    sendAndClose(message, cause) {
        try {
            this.send(message);
        }
        catch {
            // The goodbye could not be encoded; closing is what matters.
        }
        this.socket.end();
        setTimeout(() => this.socket.destroy(), 1000).unref();
        this.terminate(cause, false);
    }
    onData(chunk) {
        if (this.cause)
            return;
        try {
            for (const body of this.decoder.push(chunk)) {
                this.messageHandler(decodeBody(this.packr, body));
                if (this.cause)
                    return;
            }
        }
        catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            this.options.log.warn(`rpc: closing connection to ${this.options.label}: protocol error: ${reason}`);
            this.terminate(new RpcConnectionError(`protocol error on connection to ${this.options.label}: ${reason}`));
        }
    }
    terminate(cause, destroy = true) {
        if (this.cause)
            return;
        this.cause = cause;
        if (destroy)
            this.socket.destroy();
        for (const handler of this.closeHandlers.splice(0))
            handler(cause);
    }
}
//# sourceMappingURL=framed-socket.js.map