import type { EndpointTable } from "../endpoint-table.js";
import { type RpcLogger } from "../interface.js";
import { type RpcTlsOptions } from "./tls-options.js";
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
export declare class RpcServer {
    private readonly server;
    private readonly options;
    private readonly connections;
    private constructor();
    static listen(options: RpcServerOptions): Promise<RpcServer>;
    get port(): number;
    /** Client connections currently open (including those still in the handshake). */
    get connectionCount(): number;
    /** Stops listening and drops every client connection. */
    close(): Promise<void>;
    private accept;
    private handleRequest;
    private ownAddress;
}
