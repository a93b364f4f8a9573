/** A gateway to one endpoint over a shared ClientConnection. */
import { DisconnectNotifier, createGatewayProxy } from "../gateway-proxy.js";
import { RpcConnectionError, type Gateway, type RemoteGateway } from "../interface.js";
import type { ClientConnection, ConnectionListener } from "./client-connection.js";

export interface TcpGatewayOptions {
  fencingToken?: string;
  timeoutMs: number;
}

export class TcpGateway<T> implements RemoteGateway<T>, ConnectionListener {
  readonly gateway: Gateway<T>;
  private open = true;
  private readonly notifier = new DisconnectNotifier();
  /** Ids of this gateway's unanswered calls, so close() can fail them without touching others'. */
  private readonly pending = new Set<number>();

  /** @param onClosed told when this gateway is closed by its user (to drop an idle connection). */
  constructor(
    private readonly connection: ClientConnection,
    private readonly address: string,
    private readonly name: string,
    private readonly options: TcpGatewayOptions,
    private readonly onClosed: () => void,
  ) {
    this.gateway = createGatewayProxy<T>((method, args) => this.call(method, args));
    connection.addListener(this);
  }

  get connected(): boolean {
    return this.open && !this.connection.closed;
  }

  onDisconnect(listener: (cause: Error) => void): void {
    this.notifier.add(listener);
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.notifier.clear();
    const error = new RpcConnectionError(`gateway to ${this.name} at ${this.address} was closed`);
    for (const id of [...this.pending]) this.connection.cancel(id, error);
    this.pending.clear();
    this.connection.removeListener(this);
    this.onClosed();
  }

  /** The connection is gone: its pending calls were already rejected; tell our listeners. */
  peerLost(cause: RpcConnectionError): void {
    if (!this.open) return;
    this.open = false;
    this.pending.clear();
    this.notifier.fire(cause);
  }

  private call(method: string, args: unknown[]): Promise<unknown> {
    const where = `${this.address} ${this.name}.${method}`;
    if (!this.open) {
      return Promise.reject(new RpcConnectionError(`not connected: cannot call ${where}`));
    }
    const body =
      this.options.fencingToken === undefined
        ? { t: "call" as const, ep: this.name, m: method, a: args }
        : { t: "call" as const, ep: this.name, m: method, a: args, tok: this.options.fencingToken };
    const { id, result } = this.connection.request(body, this.options.timeoutMs, where);
    this.pending.add(id);
    return result.finally(() => this.pending.delete(id));
  }
}
