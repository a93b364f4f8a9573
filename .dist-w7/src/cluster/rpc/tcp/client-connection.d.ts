import { RpcConnectionError, type RpcLogger } from "../interface.js";
import { type CallMessage, type ProbeMessage } from "./messages.js";
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
type RequestBody = Omit<CallMessage, "id"> | Omit<ProbeMessage, "id">;
export declare class ClientConnection {
    private readonly framed;
    readonly address: string;
    private readonly pending;
    private readonly listeners;
    private nextId;
    private closedByUs;
    private constructor();
    /** Connects, runs TLS and the handshake; rejects with RpcConnectionError (or RpcAuthenticationError). */
    static open(address: string, host: string, port: number, options: ClientConnectionOptions): Promise<ClientConnection>;
    get closed(): boolean;
    /** Called once when the connection is gone, whoever closed it. */
    onClose(handler: () => void): void;
    addListener(listener: ConnectionListener): void;
    removeListener(listener: ConnectionListener): void;
    get listenerCount(): number;
    /**
     * Sends a call or probe. Returns its id (to cancel it) and the eventual answer. Encoding problems
     * (unserializable or oversized arguments) reject the call and leave the connection up.
     */
    request(body: RequestBody, timeoutMs: number, where: string): {
        id: number;
        result: Promise<unknown>;
    };
    /** Rejects one pending request now (its answer, if it comes, is ignored). */
    cancel(id: number, error: Error): void;
    /** Closes from this side: pending calls fail, listeners are not told (nobody was lost). */
    close(cause: RpcConnectionError): void;
    private onResponse;
    private onClosed;
}
export {};
