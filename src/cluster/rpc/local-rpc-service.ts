/**
 * The in-process transport of the embedded MiniCluster. It deliberately keeps the network's semantics
 * so that code tested on the MiniCluster behaves the same in a real cluster:
 * - calls are never re-entrant: the target method runs on a later microtask, never inside the caller;
 * - arguments and results are copied with structuredClone, errors are rebuilt like remote errors;
 * - fencing tokens, per-call timeouts and disconnect notification work exactly as over TCP.
 */
import { DisconnectNotifier, createGatewayProxy } from "./gateway-proxy.js";
import { EndpointTable } from "./endpoint-table.js";
import {
  RpcConnectionError,
  RpcEndpointNotFoundError,
  RpcTimeoutError,
  type ConnectOptions,
  type Gateway,
  type RemoteGateway,
  type RpcService,
  type ServeOptions,
  type ServedEndpoint,
} from "./interface.js";
import { deserializeError, serializeError } from "../../errors/serialized-error.js";
import { RpcOptions } from "./rpc-options.js";

export const LOCAL_ADDRESS_PREFIX = "local://";

export interface LocalRpcServiceOptions {
  /** Address becomes `local://<id>`; must be unique among running local services. */
  id?: string;
  /** Per-call timeout when connect() is given none. Default: pekko.ask.timeout's (10 s). */
  defaultTimeoutMs?: number;
}

export class LocalRpcService implements RpcService {
  /** Every running local service of this process, by address: the in-process "network". */
  private static readonly registry = new Map<string, LocalRpcService>();
  private static nextId = 1;

  readonly address: string;
  private readonly endpoints: EndpointTable;
  private readonly defaultTimeoutMs: number;
  /** Gateways other services (or this one) opened to us: told when we stop. */
  private readonly inbound = new Set<LocalGateway<object>>();
  /** Gateways this service opened: closed when we stop. */
  private readonly outbound = new Set<LocalGateway<object>>();
  private stopped = false;

  constructor(options: LocalRpcServiceOptions = {}) {
    let id = options.id;
    while (id === undefined || (options.id === undefined && LocalRpcService.registry.has(LOCAL_ADDRESS_PREFIX + id))) {
      id = `rpc-${LocalRpcService.nextId++}`; // skip ids that a service took explicitly
    }
    this.address = LOCAL_ADDRESS_PREFIX + id;
    if (LocalRpcService.registry.has(this.address)) {
      throw new Error(`a local RPC service at ${this.address} is already running`);
    }
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? RpcOptions.ASK_TIMEOUT.defaultValue;
    this.endpoints = new EndpointTable(this.address);
    LocalRpcService.registry.set(this.address, this);
  }

  serve<T extends object>(name: string, impl: T, options?: ServeOptions): ServedEndpoint {
    if (this.stopped) throw new RpcConnectionError(`RPC service ${this.address} is stopped`);
    return this.endpoints.serve(name, impl, options);
  }

  async connect<T extends object>(
    address: string,
    name: string,
    options: ConnectOptions = {},
  ): Promise<RemoteGateway<T>> {
    if (this.stopped) throw new RpcConnectionError(`RPC service ${this.address} is stopped`);
    const target = LocalRpcService.registry.get(address);
    if (!target) throw new RpcConnectionError(`no RPC service is running at ${address}`);
    if (!target.endpoints.has(name)) {
      throw new RpcEndpointNotFoundError(`no endpoint "${name}" at ${address}`);
    }
    const gateway = new LocalGateway<T>(target, this, name, {
      fencingToken: options.fencingToken,
      timeoutMs: options.timeoutMs ?? this.defaultTimeoutMs,
    });
    target.inbound.add(gateway);
    this.outbound.add(gateway);
    return gateway;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    LocalRpcService.registry.delete(this.address);
    // Peers first: their pending calls fail with a connection error, as if our process had died.
    const lost = new RpcConnectionError(`RPC service ${this.address} stopped`);
    for (const gateway of [...this.inbound]) gateway.peerLost(lost);
    this.endpoints.closeAll();
    for (const gateway of [...this.outbound]) gateway.close();
  }

  /** @internal the target side of a call; runs on a microtask after the caller's call. */
  dispatch(name: string, method: string, args: unknown[], token: string | undefined): Promise<unknown> {
    if (this.stopped) {
      return Promise.reject(new RpcConnectionError(`RPC service ${this.address} stopped`));
    }
    return this.endpoints.invoke(name, method, args, token);
  }

  /** @internal */
  forget(gateway: LocalGateway<object>): void {
    this.inbound.delete(gateway);
    this.outbound.delete(gateway);
  }
}

class LocalGateway<T> implements RemoteGateway<T> {
  readonly gateway: Gateway<T>;
  private open = true;
  private readonly notifier = new DisconnectNotifier();
  /** Rejecters of this gateway's unanswered calls. */
  private readonly pending = new Set<(error: Error) => void>();

  constructor(
    private readonly target: LocalRpcService,
    private readonly owner: LocalRpcService,
    private readonly name: string,
    private readonly options: { fencingToken?: string; timeoutMs: number },
  ) {
    this.gateway = createGatewayProxy<T>((method, args) => this.call(method, args));
  }

  get connected(): boolean {
    return this.open;
  }

  onDisconnect(listener: (cause: Error) => void): void {
    this.notifier.add(listener);
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.notifier.clear();
    this.failPending(new RpcConnectionError(`gateway to ${this.name} at ${this.target.address} was closed`));
    this.target.forget(this);
    this.owner.forget(this);
  }

  /** The target service stopped: fail what is pending and tell the listeners, at once. */
  peerLost(cause: Error): void {
    if (!this.open) return;
    this.open = false;
    this.failPending(cause);
    this.target.forget(this);
    this.owner.forget(this);
    this.notifier.fire(cause);
  }

  private failPending(error: Error): void {
    const pending = [...this.pending];
    this.pending.clear();
    for (const reject of pending) reject(error);
  }

  private call(method: string, args: unknown[]): Promise<unknown> {
    const where = `${this.target.address} ${this.name}.${method}`;
    if (!this.open) {
      return Promise.reject(new RpcConnectionError(`not connected: cannot call ${where}`));
    }
    let copied: unknown[];
    try {
      copied = structuredClone(args);
    } catch (error) {
      return Promise.reject(new TypeError(`arguments of ${where} are not serializable: ${describe(error)}`));
    }
    return new Promise<unknown>((resolve, reject) => {
      let settled = false;
      const settle = (action: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.pending.delete(fail);
        action();
      };
      const fail = (error: Error): void => settle(() => reject(error));
      const timer = setTimeout(
        () => fail(RpcTimeoutError.after(where, this.options.timeoutMs)),
        this.options.timeoutMs,
      );
      this.pending.add(fail);
      queueMicrotask(() => {
        if (settled) return;
        this.target.dispatch(this.name, method, copied, this.options.fencingToken).then(
          (value) =>
            settle(() => {
              try {
                resolve(structuredClone(value));
              } catch (error) {
                reject(new TypeError(`result of ${where} is not serializable: ${describe(error)}`));
              }
            }),
          (error: unknown) => fail(deserializeError(serializeError(error), where)),
        );
      });
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
