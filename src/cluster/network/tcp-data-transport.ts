/**
 * The data plane between TaskManager processes (docs/architecture.md, "Data plane"): one multiplexed TCP (or TLS)
 * connection per TaskManager pair carries the frames of every channel between them, both ways.
 *
 * Credit-based flow control already runs end to end between the producing and the consuming task
 * (the credits are frames too), so the transport only has to keep the frames of each channel in
 * order. It does so by sending all frames for a peer over one connection, chosen at the first send
 * (an existing one in either direction, or a new one) and kept until it closes. Two TaskManagers
 * dialling each other at the same moment end up with two connections, each used in one direction;
 * that keeps order too.
 *
 * A lost connection (peer killed, protocol error, failed dial) is reported through onPeerLost: the
 * TaskExecutor fails the tasks with channels to that peer and the JobMaster's failover takes over.
 * Frames for a lost peer are dropped; they belong to an attempt that is being cancelled.
 */
import type { AddressInfo, Server, Socket } from "node:net";
import type { DataFrame, WorkerKey } from "../../runtime/network/frames.js";
import { formatTcpAddress, parseTcpAddress } from "../rpc/tcp-rpc-service.js";
import { RpcAuthenticationError, RpcConnectionError } from "../rpc/interface.js";
import { createSocketServer, listen } from "../rpc/tcp/sockets.js";
import type { RpcTlsOptions } from "../rpc/tcp/tls-options.js";
import { DATA_MAX_FRAME_BYTES } from "./network-options.js";
import { DataConnection, type DataConnectionOptions, type DataTraffic } from "./data-connection.js";
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
  /** Largest frame sent or accepted after the handshake (taskmanager.network.max-frame-bytes). */
  maxFrameBytes?: number;
  /** Bounds connect + TLS + handshake; default 10 s. */
  handshakeTimeoutMs?: number;
  logger?: { info(message: string): void; warn(message: string): void };
}

interface Peer {
  /** The connection all frames to this peer go over, once open. */
  connection?: DataConnection;
  /** Frames waiting while the connection is being opened. */
  queue?: Array<[WorkerKey, DataFrame]>;
}

export class TcpDataTransport implements DataTransport {
  readonly address: string;
  readonly traffic: DataTraffic = { framesSent: 0, bytesSent: 0, framesReceived: 0, bytesReceived: 0 };
  private readonly peers = new Map<string, Peer>();
  private readonly connections = new Set<DataConnection>();
  private readonly pendingSockets = new Set<Socket>();
  private receiver: FrameReceiver = () => {};
  private readonly lostListeners: PeerLostListener[] = [];
  private closing = false;
  private readonly connectionOptions: DataConnectionOptions;
  private readonly log: NonNullable<TcpDataTransportOptions["logger"]>;

  private constructor(
    private readonly server: Server,
    private readonly options: TcpDataTransportOptions,
    host: string,
  ) {
    this.address = formatTcpAddress(host, (server.address() as AddressInfo).port);
    this.log = options.logger ?? { info: () => {}, warn: (m) => console.warn(m) };
    this.connectionOptions = {
      secret: options.secret,
      maxFrameBytes: options.maxFrameBytes ?? DATA_MAX_FRAME_BYTES.defaultValue,
      handshakeTimeoutMs: options.handshakeTimeoutMs ?? 10_000,
      log: this.log,
    };
  }

  static async start(options: TcpDataTransportOptions = {}): Promise<TcpDataTransport> {
    if (options.secret !== undefined && options.secret.length === 0) throw new Error("an empty cluster secret would authenticate anyone");
    const host = options.host ?? "127.0.0.1";
    let transport: TcpDataTransport | undefined;
    const server = createSocketServer(
      options.tls,
      (socket) => (transport ? transport.accept(socket) : socket.destroy()),
      (peer, reason) => transport?.log.warn(`refused data connection from ${peer}: ${reason}`),
    );
    await listen(server, options.port ?? 0, host);
    transport = new TcpDataTransport(server, options, host);
    return transport;
  }

  send(address: string, to: WorkerKey, frame: DataFrame): void {
    if (this.closing) return;
    let peer = this.peers.get(address);
    if (!peer) {
      peer = this.adoptInbound(address) ?? this.dial(address);
      this.peers.set(address, peer);
    }
    if (peer.connection) peer.connection.send(to, frame);
    else peer.queue!.push([to, frame]);
  }

  onReceive(receiver: FrameReceiver): void {
    this.receiver = receiver;
  }

  onPeerLost(listener: PeerLostListener): void {
    this.lostListeners.push(listener);
  }

  /** Open, authenticated connections (both directions). */
  get connectionCount(): number {
    return this.connections.size;
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const cause = new RpcConnectionError(`data transport ${this.address} closed`);
    for (const c of [...this.connections]) c.close(cause);
    for (const s of this.pendingSockets) s.destroy();
    this.peers.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** An accepted connection from `address` can carry our frames to it too. */
  private adoptInbound(address: string): Peer | undefined {
    for (const c of this.connections) if (c.peerAddress === address && !c.closed) return { connection: c };
    return undefined;
  }

  private dial(address: string): Peer {
    const peer: Peer = { queue: [] };
    let host: string;
    let port: number;
    try {
      ({ host, port } = parseTcpAddress(address));
    } catch (error) {
      queueMicrotask(() => this.lost(address, peer, error as Error));
      return peer;
    }
    DataConnection.dial(address, host, port, this.address, this.options.tls, this.connectionOptions, this.traffic).then(
      (connection) => {
        if (this.closing) {
          connection.close(new RpcConnectionError("data transport closed"));
          return;
        }
        this.log.info(`data connection to ${address} established`);
        this.track(connection, address);
        const queue = peer.queue ?? [];
        peer.queue = undefined;
        peer.connection = connection;
        for (const [to, frame] of queue) this.sendOrDrop(connection, to, frame);
      },
      (error: Error) => {
        if (error instanceof RpcAuthenticationError) this.log.warn(`data connection to ${address} refused: ${error.message}`);
        this.lost(address, peer, error);
      },
    );
    return peer;
  }

  private sendOrDrop(connection: DataConnection, to: WorkerKey, frame: DataFrame): void {
    try {
      connection.send(to, frame);
    } catch (error) {
      this.log.warn(`frame for ${frame.ch} dropped: ${(error as Error).message}`);
    }
  }

  private accept(socket: Socket): void {
    if (this.closing) {
      socket.destroy();
      return;
    }
    const label = `${socket.remoteAddress ?? "?"}:${socket.remotePort ?? "?"}`;
    this.pendingSockets.add(socket);
    DataConnection.accept(socket, label, this.options.secret, this.connectionOptions, this.traffic).then(
      (connection) => {
        this.pendingSockets.delete(socket);
        if (this.closing) {
          connection.close(new RpcConnectionError("data transport closed"));
          return;
        }
        this.log.info(`data connection from ${connection.peerAddress ?? label} accepted`);
        this.track(connection, connection.peerAddress);
      },
      (error: Error) => {
        this.pendingSockets.delete(socket);
        if (this.closing) return;
        // A dialer that finds our proof wrong (it has another secret) just hangs up: say so.
        if (error instanceof RpcAuthenticationError) this.log.warn(error.message);
        else this.log.warn(`data connection from ${label} failed during the handshake (a peer with another secret or TLS setting?): ${error.message}`);
      },
    );
  }

  private track(connection: DataConnection, peerAddress: string | undefined): void {
    this.connections.add(connection);
    connection.onFrame((to, frame) => this.receiver(to, frame));
    connection.onClose((cause) => {
      this.connections.delete(connection);
      if (this.closing || peerAddress === undefined) return;
      const peer = this.peers.get(peerAddress);
      this.lost(peerAddress, peer?.connection === connection ? peer : undefined, cause);
    });
  }

  /** Forgets the peer's sending connection (if it was this one) and tells the TaskExecutor. */
  private lost(address: string, peer: Peer | undefined, cause: Error): void {
    if (this.closing) return;
    if (peer && this.peers.get(address) === peer) this.peers.delete(address);
    const dropped = peer?.queue?.length ?? 0;
    this.log.warn(`data connection to ${address} lost${dropped ? ` (${dropped} queued frames dropped)` : ""}: ${cause.message}`);
    for (const l of this.lostListeners) l(address, cause);
  }
}
