import { type ConnectOptions, type RemoteGateway, type RpcLogger, type RpcService, type ServeOptions, type ServedEndpoint } from "./interface.js";
import type { RpcTlsOptions } from "./tcp/tls-options.js";
export declare const TCP_ADDRESS_PREFIX = "tcp://";
export interface TcpRpcServiceOptions {
    /** Interface to listen on. Default 127.0.0.1. */
    host?: string;
    /** Port to listen on; 0 (default) picks a free one. */
    port?: number;
    /** Shared cluster secret; when set, every connection (both directions) must prove knowledge of it. */
    secret?: string;
    /** TLS for the server and for outgoing connections. */
    tls?: RpcTlsOptions;
    /** Largest frame accepted or sent. Default 64 MiB. */
    maxFrameBytes?: number;
    /** Per-call timeout when connect() is given none; also bounds connecting and the handshake. Default 10 s. */
    defaultTimeoutMs?: number;
    /** Where protocol violations by peers are reported. Default: console.warn. */
    logger?: RpcLogger;
}
/** Splits `tcp://host:port` (IPv6 hosts in brackets) into its parts. */
export declare function parseTcpAddress(address: string): {
    host: string;
    port: number;
};
export declare function formatTcpAddress(host: string, port: number): string;
export declare class TcpRpcService implements RpcService {
    private readonly server;
    private readonly endpoints;
    private readonly options;
    readonly address: string;
    /** Per peer address, the open (or opening) connection. */
    private readonly connections;
    private readonly established;
    private stopped;
    private constructor();
    static start(options?: TcpRpcServiceOptions): Promise<TcpRpcService>;
    /** Open connections: accepted from peers, and opened by this service (one per peer address). */
    get stats(): {
        inboundConnections: number;
        outboundConnections: number;
    };
    serve<T extends object>(name: string, impl: T, options?: ServeOptions): ServedEndpoint;
    /**
     * Opens (or reuses) the connection to `address` and checks that `name` is served there.
     * Rejects with RpcConnectionError (peer down, handshake failed), RpcAuthenticationError (secrets
     * differ) or RpcEndpointNotFoundError.
     */
    connect<T extends object>(address: string, name: string, options?: ConnectOptions): Promise<RemoteGateway<T>>;
    /** Closes the server, every connection to and from this service, and all endpoints. */
    stop(): Promise<void>;
    private connectionTo;
    private closeIfIdle;
}
