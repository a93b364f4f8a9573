/**
 * A simulated RPC network implementing the RpcService contract (docs/architecture.md, "Control
 * plane"), with what TCP can actually do to messages:
 *  - each message takes a seeded delay; messages on one connection arrive in order (TCP), messages
 *    on different connections are reordered freely;
 *  - a connection can break: calls not yet delivered are lost or still delivered, and a call that ran
 *    loses its reply (the caller sees RpcConnectionError and its disconnect listeners fire). TCP
 *    never duplicates a call: duplicates only arise when a caller retries after a lost reply;
 *  - a partition between two processes holds every message (TCP retransmits) until it heals, so
 *    calls time out through the clock (RpcTimeoutError); it may also break the connections;
 *  - a slow link adds latency (slow heartbeats beyond the heartbeat timeout).
 * The server side is the real EndpointTable, so method lookup and fencing behave as in production.
 */
import { DisconnectNotifier, createGatewayProxy } from "../../cluster/rpc/gateway-proxy.js";
import { EndpointTable } from "../../cluster/rpc/endpoint-table.js";
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
} from "../../cluster/rpc/interface.js";
import { deserializeError, serializeError } from "../../errors/serialized-error.js";
import type { Timer } from "../../util/clock.js";
import type { SimKernel, SimProcess } from "./kernel.js";
import type { Trace } from "./trace.js";

export const SIM_ADDRESS_PREFIX = "sim://";
const DEFAULT_TIMEOUT_MS = 10_000;
/** How often a held message is retried while its link is partitioned (TCP retransmission). */
const RETRANSMIT_MS = 200;

/** A fenced call that the RPC layer let through, for the leader-fencing invariant. */
export interface AdmittedFencedCall {
  readonly service: string;
  readonly endpoint: string;
  readonly method: string;
  readonly token: string | undefined;
}

export interface SimNetworkOptions {
  minDelayMs: number;
  maxDelayMs: number;
  /** Chance that one message takes a long detour (100 ms – 1 s). */
  spikeChance: number;
  /** Test-only: the fencing check is skipped (the fencing invariant must catch it). */
  noFencing?: boolean;
}

export const DEFAULT_NETWORK: SimNetworkOptions = { minDelayMs: 1, maxDelayMs: 15, spikeChance: 0.01 };

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** One direction of a connection: a FIFO of messages, each due at or after its predecessor. */
class Pipe {
  private readonly queue: { due: number; deliver: () => void }[] = [];
  private lastDue = 0;
  private timer: Timer | undefined;
  private timerAt = Infinity;

  constructor(
    private readonly net: SimNetwork,
    readonly from: SimProcess,
    readonly to: SimProcess,
  ) {}

  send(deliver: () => void): void {
    const due = Math.max(this.net.kernel.clock.now() + this.net.delay(this.from, this.to), this.lastDue);
    this.lastDue = due;
    this.queue.push({ due, deliver });
    this.arm(due);
  }

  /** Takes out what is not delivered yet (the connection broke). */
  drain(): (() => void)[] {
    this.timer?.cancel();
    this.timer = undefined;
    return this.queue.splice(0).map((m) => m.deliver);
  }

  private arm(at: number): void {
    if (this.timer && this.timerAt <= at) return;
    this.timer?.cancel();
    this.timerAt = at;
    this.timer = this.net.kernel.schedule(() => this.pump(), at - this.net.kernel.clock.now(), null);
  }

  private pump(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.net.kernel.clock.now();
    if (this.net.partitioned(this.from, this.to)) {
      if (this.queue.length > 0) this.arm(now + RETRANSMIT_MS);
      return;
    }
    while (this.queue.length > 0 && this.queue[0]!.due <= now) this.queue.shift()!.deliver();
    if (this.queue.length > 0) this.arm(this.queue[0]!.due);
  }
}

export class SimNetwork {
  private readonly services = new Map<string, SimRpcService>();
  readonly connections = new Set<SimConnection>();
  private readonly partitions = new Set<string>();
  private readonly slowLinks = new Map<string, number>();
  /** Told of every fenced call the RPC layer admits. */
  onAdmittedFencedCall: (call: AdmittedFencedCall) => void = () => {};

  constructor(
    readonly kernel: SimKernel,
    readonly trace: Trace,
    readonly options: SimNetworkOptions = DEFAULT_NETWORK,
  ) {}

  service(process: SimProcess): SimRpcService {
    const service = new SimRpcService(this, process);
    this.services.set(service.address, service);
    return service;
  }

  lookup(address: string): SimRpcService | undefined {
    return this.services.get(address);
  }

  forget(service: SimRpcService): void {
    this.services.delete(service.address);
  }

  delay(from: SimProcess, to: SimProcess): number {
    const p = this.kernel.prng;
    let d = p.int(this.options.minDelayMs, this.options.maxDelayMs);
    if (p.chance(this.options.spikeChance)) d += p.int(100, 1000);
    return d + (this.slowLinks.get(pairKey(from.name, to.name)) ?? 0);
  }

  partitioned(a: SimProcess, b: SimProcess): boolean {
    return this.partitions.size > 0 && this.partitions.has(pairKey(a.name, b.name));
  }

  /** Silences the link between two processes until heal(); some of its connections may break meanwhile. */
  partition(a: SimProcess, b: SimProcess, durationMs: number): void {
    const key = pairKey(a.name, b.name);
    if (this.partitions.has(key)) return;
    this.partitions.add(key);
    this.trace.log(`FAULT partition ${a.name} <-> ${b.name} for ${durationMs} ms`);
    for (const c of this.connections) {
      if (pairKey(c.from.process.name, c.to.process.name) !== key || !this.kernel.prng.chance(0.5)) continue;
      this.kernel.schedule(() => c.break("connection timed out during a partition"), this.kernel.prng.int(0, durationMs), null);
    }
    this.kernel.schedule(
      () => {
        this.partitions.delete(key);
        this.trace.log(`HEAL partition ${a.name} <-> ${b.name}`);
      },
      durationMs,
      null,
    );
  }

  /** Adds latency between two processes for a while (heartbeats arrive after their timeout). */
  slowDown(a: SimProcess, b: SimProcess, extraMs: number, durationMs: number): void {
    const key = pairKey(a.name, b.name);
    this.slowLinks.set(key, extraMs);
    this.trace.log(`FAULT slow link ${a.name} <-> ${b.name}: +${extraMs} ms for ${durationMs} ms`);
    this.kernel.schedule(() => this.slowLinks.delete(key), durationMs, null);
  }

  /** Breaks one open connection, chosen by the seed. */
  breakRandomConnection(): void {
    const open = [...this.connections].filter((c) => c.connected);
    if (open.length === 0) return;
    this.kernel.prng.pick(open).break("connection reset (simulated loss)");
  }

  get healed(): boolean {
    return this.partitions.size === 0 && this.slowLinks.size === 0;
  }
}

export class SimRpcService implements RpcService {
  readonly address: string;
  readonly endpoints: EndpointTable;
  /** The fencing check of each fenced endpoint, kept even when the test-only bug drops it from the table. */
  private readonly fencing = new Map<string, () => string | undefined>();
  stopped = false;

  constructor(
    readonly net: SimNetwork,
    readonly process: SimProcess,
  ) {
    this.address = SIM_ADDRESS_PREFIX + process.name;
    this.endpoints = new EndpointTable(this.address);
    process.crashListeners.push(() => this.halt(`process ${process.name} crashed`));
  }

  serve<T extends object>(name: string, impl: T, options: ServeOptions = {}): ServedEndpoint {
    if (this.stopped) throw new RpcConnectionError(`RPC service ${this.address} is stopped`);
    if (options.fencingToken) this.fencing.set(name, options.fencingToken);
    const served = this.endpoints.serve(name, impl, this.net.options.noFencing ? {} : options);
    return { name, close: () => (this.fencing.delete(name), served.close()) };
  }

  connect<T extends object>(address: string, name: string, options: ConnectOptions = {}): Promise<RemoteGateway<T>> {
    const net = this.net;
    const kernel = net.kernel;
    return new Promise<RemoteGateway<T>>((resolve, reject) => {
      if (this.stopped) return reject(new RpcConnectionError(`RPC service ${this.address} is stopped`));
      const target = net.lookup(address);
      const handshake = (): void => {
        if (!target || target.stopped) return reject(new RpcConnectionError(`connection refused: no RPC service at ${address}`));
        if (net.partitioned(this.process, target.process)) {
          // SYNs go unanswered: the connect attempt times out.
          kernel.schedule(() => reject(new RpcConnectionError(`connecting to ${address} timed out`)), kernel.prng.int(1000, 3000));
          return;
        }
        if (!target.endpoints.has(name)) return reject(new RpcEndpointNotFoundError(`no endpoint "${name}" at ${address}`));
        const connection = new SimConnection(this, target, name, options.fencingToken, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
        resolve(connection as unknown as RemoteGateway<T>);
      };
      // One round trip for the handshake.
      kernel.schedule(handshake, target ? 2 * net.delay(this.process, target.process) : kernel.prng.int(1, 10));
    });
  }

  async stop(): Promise<void> {
    this.halt(`RPC service ${this.address} stopped`);
  }

  private halt(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.net.forget(this);
    for (const c of [...this.net.connections]) if (c.to === this || c.from === this) c.break(reason);
    this.endpoints.closeAll();
  }

  /** The server side of a call, inside this service's process. */
  dispatch(name: string, method: string, args: unknown[], token: string | undefined): Promise<unknown> {
    if (this.stopped) return Promise.reject(new RpcConnectionError(`RPC service ${this.address} stopped`));
    const fencing = this.fencing.get(name);
    if (fencing && this.endpoints.has(name)) {
      const expected = fencing();
      if (this.net.options.noFencing || (expected !== undefined && token === expected)) {
        this.net.onAdmittedFencedCall({ service: this.address, endpoint: name, method, token });
      }
    }
    return this.endpoints.invoke(name, method, args, token);
  }
}

let nextCallId = 1;

export class SimConnection implements RemoteGateway<object> {
  readonly gateway: Gateway<object>;
  private open = true;
  private readonly notifier = new DisconnectNotifier();
  private readonly pending = new Map<number, (error: Error) => void>();
  private readonly request: Pipe;
  private readonly reply: Pipe;

  constructor(
    readonly from: SimRpcService,
    readonly to: SimRpcService,
    private readonly name: string,
    private readonly token: string | undefined,
    private readonly timeoutMs: number,
  ) {
    this.request = new Pipe(from.net, from.process, to.process);
    this.reply = new Pipe(from.net, to.process, from.process);
    this.gateway = createGatewayProxy<object>((method, args) => this.call(method, args));
    from.net.connections.add(this);
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
    this.failPending(new RpcConnectionError(`gateway to ${this.name} at ${this.to.address} was closed`));
    this.from.net.connections.delete(this);
    this.request.drain();
    this.reply.drain();
  }

  /** The connection is lost: undelivered calls are lost or still arrive (their replies never do). */
  break(reason: string): void {
    if (!this.open) return;
    const net = this.from.net;
    this.open = false;
    net.connections.delete(this);
    net.trace.log(`BREAK ${this.from.process.name} -> ${this.to.process.name} ${this.name}: ${reason}`);
    for (const deliver of this.request.drain()) if (net.kernel.prng.chance(0.5)) deliver();
    this.reply.drain();
    const cause = new RpcConnectionError(`connection to ${this.to.address} lost: ${reason}`);
    const caller = this.from.process;
    // The caller notices at its next read of the socket, a moment later.
    net.kernel.schedule(
      () => {
        this.failPending(cause);
        this.notifier.fire(cause);
      },
      net.kernel.prng.int(0, 5),
      caller,
    );
  }

  private failPending(error: Error): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const reject of pending) reject(error);
  }

  private call(method: string, args: unknown[]): Promise<unknown> {
    const where = `${this.to.address} ${this.name}.${method}`;
    if (!this.open) return Promise.reject(new RpcConnectionError(`not connected: cannot call ${where}`));
    let copied: unknown[];
    try {
      copied = structuredClone(args);
    } catch (error) {
      return Promise.reject(new TypeError(`arguments of ${where} are not serializable: ${(error as Error).message}`));
    }
    const net = this.from.net;
    const id = nextCallId++;
    const caller = this.from.process;
    const target = this.to;
    return new Promise<unknown>((resolve, reject) => {
      let settled = false;
      const settle = (action: () => void): void => {
        if (settled) return;
        settled = true;
        timer.cancel();
        this.pending.delete(id);
        action();
      };
      const fail = (error: Error): void => settle(() => reject(error));
      const timer = net.kernel.schedule(() => fail(new RpcTimeoutError(`call ${where} timed out after ${this.timeoutMs} ms`)), this.timeoutMs, caller);
      this.pending.set(id, fail);
      net.trace.log(`CALL ${caller.name} -> ${target.process.name} ${this.name}.${method}`);
      this.request.send(() => {
        if (!target.process.alive) return;
        const result = target.process.run(() => target.dispatch(this.name, method, copied, this.token));
        const answer = (deliver: () => void): void => {
          if (!this.open || !target.process.alive) return; // the reply is lost with the connection
          this.reply.send(() => {
            if (caller.alive) caller.run(deliver);
          });
        };
        result.then(
          (value) => {
            let copy: unknown;
            try {
              copy = structuredClone(value);
            } catch (error) {
              return answer(() => fail(new TypeError(`result of ${where} is not serializable: ${(error as Error).message}`)));
            }
            answer(() => settle(() => resolve(copy)));
          },
          (error: unknown) => {
            const serialized = serializeError(error);
            answer(() => fail(deserializeError(serialized, where)));
          },
        );
      });
    });
  }
}
