/**
 * One data-plane connection between two TaskManagers, either side. It first runs the same mutual
 * challenge–response as the RPC layer (rpc/tcp/handshake.ts: the secret never crosses the wire),
 * with handshake frames limited to a few KiB, and only then accepts data frames. Whoever dials
 * announces its own data address in its hello, so that the other side can send back over the same
 * connection instead of opening a second one. After the handshake both sides are equal: frames
 * flow both ways, in order.
 */
import { type Socket } from "node:net";
import type { RpcTlsOptions } from "../rpc/tcp/tls-options.js";
import type { DataFrame, WorkerKey } from "../../runtime/network/frames.js";
export interface DataConnectionOptions {
    secret?: string;
    maxFrameBytes: number;
    /** Bounds connecting, TLS and the handshake. */
    handshakeTimeoutMs: number;
    log: {
        warn(message: string): void;
    };
}
export interface DataTraffic {
    framesSent: number;
    bytesSent: number;
    framesReceived: number;
    bytesReceived: number;
}
type FrameHandler = (to: WorkerKey, frame: DataFrame) => void;
export declare class DataConnection {
    private readonly socket;
    readonly label: string;
    private readonly options;
    private readonly decoder;
    private readonly packr;
    private frameHandler;
    private readonly closeHandlers;
    private handshakeHandler;
    private cause;
    private socketError;
    private corked;
    readonly traffic: DataTraffic;
    /** For an accepted connection: the data address the dialer announced. */
    peerAddress: string | undefined;
    private constructor();
    /** Dials a peer's data address and authenticates; rejects with RpcConnectionError or RpcAuthenticationError. */
    static dial(address: string, host: string, port: number, ownAddress: string, tls: RpcTlsOptions | undefined, options: DataConnectionOptions, traffic: DataTraffic): Promise<DataConnection>;
    /** Runs the server side of the handshake on an accepted socket; resolves once the peer is authenticated. */
    static accept(socket: Socket, label: string, secret: string | undefined, options: DataConnectionOptions, traffic: DataTraffic): Promise<DataConnection>;
    get closed(): boolean;
    onFrame(handler: FrameHandler): void;
    /** Called once when the connection is gone, whoever closed it. */
    onClose(handler: (cause: Error) => void): void;
    /** Writes one frame. Throws DataWireError (connection stays up) when the frame cannot be encoded. */
    send(to: WorkerKey, frame: DataFrame): void;
    close(cause: Error): void;
    private ready;
    private writeHandshake;
    private onData;
    private handle;
    private terminate;
}
export {};
