import type { DataFrame, WorkerKey } from "../../runtime/network/frames.js";
import { type RpcTlsOptions } from "../rpc/tcp/tls-options.js";
import { type DataTraffic } from "./data-connection.js";
import type { DataTransport, FrameReceiver, PeerLostListener } from "./data-transport.js";
export interface TcpDataTransportOptions {
    /** Interface to listen on and to advertise; default 127.0.0.1. */
    host?: string;
    /** 0 (default) picks a free port. */
    port?: number;
    /** Cluster secret: every connection proves knowledge of it, both ways. */
    secret?: string;
    /** Mutual TLS for every data connection. */
    tls?: RpcTlsOptions;
    /** Largest frame sent or accepted after the handshake; default 64 MiB. */
    maxFrameBytes?: number;
    /** Bounds connect + TLS + handshake; default 10 s. */
    handshakeTimeoutMs?: number;
    logger?: {
        info(message: string): void;
        warn(message: string): void;
    };
}
export declare class TcpDataTransport implements DataTransport {
    private readonly server;
    private readonly options;
    readonly address: string;
    readonly traffic: DataTraffic;
    private readonly peers;
    private readonly connections;
    private readonly pendingSockets;
    private receiver;
    private readonly lostListeners;
    private closing;
    private readonly connectionOptions;
    private readonly log;
    private constructor();
    static start(options?: TcpDataTransportOptions): Promise<TcpDataTransport>;
    send(address: string, to: WorkerKey, frame: DataFrame): void;
    onReceive(receiver: FrameReceiver): void;
    onPeerLost(listener: PeerLostListener): void;
    /** Open, authenticated connections (both directions). */
    get connectionCount(): number;
    close(): Promise<void>;
    /** An accepted connection from `address` can carry our frames to it too. */
    private adoptInbound;
    private dial;
    private sendOrDrop;
    private accept;
    private track;
    /** Forgets the peer's sending connection (if it was this one) and tells the TaskExecutor. */
    private lost;
}
