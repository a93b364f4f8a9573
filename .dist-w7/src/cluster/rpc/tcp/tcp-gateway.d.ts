import { RpcConnectionError, type Gateway, type RemoteGateway } from "../interface.js";
import type { ClientConnection, ConnectionListener } from "./client-connection.js";
export interface TcpGatewayOptions {
    fencingToken?: string;
    timeoutMs: number;
}
export declare class TcpGateway<T> implements RemoteGateway<T>, ConnectionListener {
    private readonly connection;
    private readonly address;
    private readonly name;
    private readonly options;
    private readonly onClosed;
    readonly gateway: Gateway<T>;
    private open;
    private readonly notifier;
    /** Ids of this gateway's unanswered calls, so close() can fail them without touching others'. */
    private readonly pending;
    /** @param onClosed told when this gateway is closed by its user (to drop an idle connection). */
    constructor(connection: ClientConnection, address: string, name: string, options: TcpGatewayOptions, onClosed: () => void);
    get connected(): boolean;
    onDisconnect(listener: (cause: Error) => void): void;
    close(): void;
    /** The connection is gone: its pending calls were already rejected; tell our listeners. */
    peerLost(cause: RpcConnectionError): void;
    private call;
}
