/**
 * The RPC service of a cluster of processes: serves endpoints on a TCP (or TLS) port and connects to
 * other services' endpoints. One connection per peer address is shared by all gateways there; it is
 * opened on the first connect() and closed when its last gateway closes or the connection is lost.
 * Reconnecting is the caller's business (see connectWithRetry): a lost connection is a signal that
 * the component on the other side must be re-resolved, not something to paper over.
 */
import { EndpointTable } from "./endpoint-table.js";
import { RpcOptions } from "./rpc-options.js";
import {
  RpcConnectionError,
  type ConnectOptions,
  type RemoteGateway,
  type RpcLogger,
  type RpcService,
  type ServeOptions,
  type ServedEndpoint,
} from "./interface.js";
import { ClientConnection } from "./tcp/client-connection.js";
import { RpcServer } from "./tcp/rpc-server.js";
import { TcpGateway } from "./tcp/tcp-gateway.js";
import type { RpcTlsOptions } from "./tcp/tls-options.js";

export const TCP_ADDRESS_PREFIX = "tcp://";

export interface TcpRpcServiceOptions {
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Shared cluster secret; when set, every connection (both directions) must prove knowledge of it. */
  secret?: string;
  /** TLS for the server and for outgoing connections. */
  tls?: RpcTlsOptions;
  /** Largest frame accepted or sent. Default: pekko.framesize's (64 MiB); see rpcServiceSettings. */
  maxFrameBytes?: number;
  /** Per-call timeout when connect() is given none; also bounds connecting and the handshake. Default: pekko.ask.timeout's (10 s). */
  defaultTimeoutMs?: number;
  /** Where protocol violations by peers are reported. Default: console.warn. */
  logger?: RpcLogger;
}

/** Splits `tcp://host:port` (IPv6 hosts in brackets) into its parts. */
export function parseTcpAddress(address: string): { host: string; port: number } {
  const match = /^tcp:\/\/(?:\[([^\]]+)\]|([^:/[\]]+)):(\d{1,5})$/.exec(address);
  const port = match ? Number(match[3]) : NaN;
  if (!match || port < 1 || port > 65535) {
    throw new RpcConnectionError(`not a TCP RPC address: ${JSON.stringify(address)} (expected tcp://host:port)`);
  }
  return { host: (match[1] ?? match[2])!, port };
}

export function formatTcpAddress(host: string, port: number): string {
  return `${TCP_ADDRESS_PREFIX}${host.includes(":") ? `[${host}]` : host}:${port}`;
}

export class TcpRpcService implements RpcService {
  readonly address: string;
  /** Per peer address, the open (or opening) connection. */
  private readonly connections = new Map<string, Promise<ClientConnection>>();
  private readonly established = new Set<ClientConnection>();
  private stopped = false;

  private constructor(
    private readonly server: RpcServer,
    private readonly endpoints: EndpointTable,
    private readonly options: Required<Pick<TcpRpcServiceOptions, "maxFrameBytes" | "defaultTimeoutMs" | "logger">> &
      Pick<TcpRpcServiceOptions, "secret" | "tls">,
    host: string,
  ) {
    this.address = formatTcpAddress(host, server.port);
  }

  static async start(options: TcpRpcServiceOptions = {}): Promise<TcpRpcService> {
    const host = options.host ?? "127.0.0.1";
    const resolved = {
      maxFrameBytes: options.maxFrameBytes ?? RpcOptions.FRAME_SIZE.defaultValue,
      defaultTimeoutMs: options.defaultTimeoutMs ?? RpcOptions.ASK_TIMEOUT.defaultValue,
      logger: options.logger ?? { warn: (message: string) => console.warn(message) },
      secret: options.secret,
      tls: options.tls,
    };
    if (resolved.secret !== undefined && resolved.secret.length === 0) {
      throw new Error("an empty RPC secret would authenticate anyone; omit it or set a real one");
    }
    let address = "tcp://(starting)";
    const endpoints = new EndpointTable(() => address);
    const server = await RpcServer.listen({
      host,
      port: options.port ?? 0,
      secret: resolved.secret,
      tls: resolved.tls,
      maxFrameBytes: resolved.maxFrameBytes,
      log: resolved.logger,
      handshakeTimeoutMs: resolved.defaultTimeoutMs,
      endpoints,
    });
    const service = new TcpRpcService(server, endpoints, resolved, host);
    address = service.address;
    return service;
  }

  /** Open connections: accepted from peers, and opened by this service (one per peer address). */
  get stats(): { inboundConnections: number; outboundConnections: number } {
    return { inboundConnections: this.server.connectionCount, outboundConnections: this.established.size };
  }

  serve<T extends object>(name: string, impl: T, options?: ServeOptions): ServedEndpoint {
    if (this.stopped) throw new RpcConnectionError(`RPC service ${this.address} is stopped`);
    return this.endpoints.serve(name, impl, options);
  }

  /**
   * Opens (or reuses) the connection to `address` and checks that `name` is served there.
   * Rejects with RpcConnectionError (peer down, handshake failed), RpcAuthenticationError (secrets
   * differ) or RpcEndpointNotFoundError.
   */
  async connect<T extends object>(address: string, name: string, options: ConnectOptions = {}): Promise<RemoteGateway<T>> {
    const { host, port } = parseTcpAddress(address);
    const timeoutMs = options.timeoutMs ?? this.options.defaultTimeoutMs;
    // A shared connection may be closed by its last gateway while we wait for it; then open a new one.
    let connection: ClientConnection | undefined;
    for (let attempt = 0; attempt < 3 && (!connection || connection.closed); attempt++) {
      if (this.stopped) throw new RpcConnectionError(`RPC service ${this.address} is stopped`);
      connection = await this.connectionTo(address, host, port);
    }
    if (!connection || connection.closed) throw new RpcConnectionError(`connection to ${address} keeps closing`);
    const open = connection;
    const gateway = new TcpGateway<T>(
      open,
      address,
      name,
      { fencingToken: options.fencingToken, timeoutMs },
      () => this.closeIfIdle(open),
    );
    try {
      await open.request({ t: "probe", ep: name }, timeoutMs, `${address} ${name}`).result;
    } catch (error) {
      gateway.close();
      throw error;
    }
    return gateway;
  }

  /** Closes the server, every connection to and from this service, and all endpoints. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const cause = new RpcConnectionError(`RPC service ${this.address} stopped`);
    for (const connection of [...this.established]) connection.close(cause);
    this.endpoints.closeAll();
    await this.server.close();
  }

  private connectionTo(address: string, host: string, port: number): Promise<ClientConnection> {
    const existing = this.connections.get(address);
    if (existing) return existing;
    const opening = ClientConnection.open(address, host, port, {
      secret: this.options.secret,
      tls: this.options.tls,
      maxFrameBytes: this.options.maxFrameBytes,
      log: this.options.logger,
      connectTimeoutMs: this.options.defaultTimeoutMs,
    });
    this.connections.set(address, opening);
    const forget = (): void => {
      if (this.connections.get(address) === opening) this.connections.delete(address);
    };
    opening.then(
      (connection) => {
        this.established.add(connection);
        connection.onClose(() => {
          this.established.delete(connection);
          forget();
        });
        if (this.stopped) connection.close(new RpcConnectionError(`RPC service ${this.address} stopped`));
      },
      forget,
    );
    return opening;
  }

  private closeIfIdle(connection: ClientConnection): void {
    if (connection.listenerCount === 0 && !connection.closed) {
      connection.close(new RpcConnectionError(`connection to ${connection.address} closed: no gateway uses it`));
    }
  }
}
