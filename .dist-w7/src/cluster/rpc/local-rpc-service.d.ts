import { type ConnectOptions, type Gateway, type RemoteGateway, type RpcService, type ServeOptions, type ServedEndpoint } from "./interface.js";
export declare const LOCAL_ADDRESS_PREFIX = "local://";
export interface LocalRpcServiceOptions {
    /** Address becomes `local://<id>`; must be unique among running local services. */
    id?: string;
    /** Per-call timeout when connect() is given none. Default 10 s. */
    defaultTimeoutMs?: number;
}
export declare class LocalRpcService implements RpcService {
    /** Every running local service of this process, by address: the in-process "network". */
    private static readonly registry;
    private static nextId;
    readonly address: string;
    private readonly endpoints;
    private readonly defaultTimeoutMs;
    /** Gateways other services (or this one) opened to us: told when we stop. */
    private readonly inbound;
    /** Gateways this service opened: closed when we stop. */
    private readonly outbound;
    private stopped;
    constructor(options?: LocalRpcServiceOptions);
    serve<T extends object>(name: string, impl: T, options?: ServeOptions): ServedEndpoint;
    connect<T extends object>(address: string, name: string, options?: ConnectOptions): Promise<RemoteGateway<T>>;
    stop(): Promise<void>;
    /** @internal the target side of a call; runs on a microtask after the caller's call. */
    dispatch(name: string, method: string, args: unknown[], token: string | undefined): Promise<unknown>;
    /** @internal */
    forget(gateway: LocalGateway<object>): void;
}
declare class LocalGateway<T> implements RemoteGateway<T> {
    private readonly target;
    private readonly owner;
    private readonly name;
    private readonly options;
    readonly gateway: Gateway<T>;
    private open;
    private readonly notifier;
    /** Rejecters of this gateway's unanswered calls. */
    private readonly pending;
    constructor(target: LocalRpcService, owner: LocalRpcService, name: string, options: {
        fencingToken?: string;
        timeoutMs: number;
    });
    get connected(): boolean;
    onDisconnect(listener: (cause: Error) => void): void;
    close(): void;
    /** The target service stopped: fail what is pending and tell the listeners, at once. */
    peerLost(cause: Error): void;
    private failPending;
    private call;
}
export {};
