/**
 * A promise-based ZooKeeper client with Curator's connection-state model, over node-zookeeper-client.
 *
 * States (as Curator reports them, which is what Flink's HA services react to):
 *  - CONNECTED   the first connection of this client;
 *  - SUSPENDED   the connection dropped (or the server stopped answering); the session may still be
 *                alive, so ephemeral nodes may still exist, but nothing can be verified meanwhile;
 *  - RECONNECTED connected again, with the same session or, after LOST, with a new one;
 *  - LOST        the session is gone: expired by the server, or suspended for longer than the session
 *                timeout. The client then starts a new session on its own; ephemeral nodes and watches
 *                of the old session are gone, so users re-create them on the following RECONNECTED.
 *
 * Two gaps of the underlying library are closed here:
 *  - it never notices a server that stops answering (a frozen JVM, a network partition): it has no
 *    read timeout. connection-probe.ts adds the Java client's;
 *  - a connection attempt to such a server hangs after the TCP handshake; attempts are restarted
 *    after the connection timeout.
 * Every operation has a deadline (`operationTimeoutMs`), so no caller waits forever.
 */
import * as zookeeper from "node-zookeeper-client";
import { ConnectionProbe } from "./connection-probe.js";
import { isNoNode, MODE, toBuffer, toStat, wrapError, wrapWatcher } from "./library-conversions.js";
import { closeLibraryClient, destroySocket, fixLastTxnVersion } from "./library-workarounds.js";
import {
  isZooKeeperError,
  ZooKeeperClosedError,
  ZooKeeperTimeoutError,
  type ConnectionState,
  type CreateMode,
  type NodeStat,
  type TransactionOp,
  type Watcher,
  type ZooKeeperClientOptions,
} from "./zookeeper-types.js";

export * from "./zookeeper-types.js";
export { closeLibraryClient } from "./library-workarounds.js";

type Callback<T> = (error: Error | zookeeper.Exception | null, result?: T) => void;

interface RunOptions {
  /** Retry after a lost connection. Only for operations that are safe to repeat. */
  retry: boolean;
}

/** Errors after which the request may not have reached the server, so a retry can help. */
const RETRYABLE = new Set(["CONNECTION_LOSS", "SESSION_EXPIRED", "OPERATION_TIMEOUT"]);


export class ZooKeeperClient {
  private state: ConnectionState | "LATENT" | "CLOSED" = "LATENT";
  private zk: zookeeper.Client;
  /** Incremented per underlying client, so late events of a replaced client are ignored. */
  private generation = 0;
  private readonly listeners = new Set<(state: ConnectionState) => void>();
  private readonly connectedWaiters = new Set<() => void>();
  private probe: ConnectionProbe | undefined;
  private lostTimer: NodeJS.Timeout | undefined;
  private reconnectKickTimer: NodeJS.Timeout | undefined;
  private readonly operationTimeoutMs: number;

  private constructor(private readonly options: ZooKeeperClientOptions) {
    this.operationTimeoutMs = options.operationTimeoutMs ?? options.connectionTimeoutMs;
    this.zk = this.newUnderlyingClient();
  }

  /** Connects; rejects (and releases everything) when no connection is made within the timeout. */
  static async connect(options: ZooKeeperClientOptions): Promise<ZooKeeperClient> {
    const client = new ZooKeeperClient(options);
    if (!(await client.waitForConnection(Date.now() + options.connectionTimeoutMs))) {
      await client.close();
      throw new ZooKeeperTimeoutError(
        `could not connect to ZooKeeper at ${options.connectString} within ${options.connectionTimeoutMs} ms`,
      );
    }
    return client;
  }

  get connectionState(): ConnectionState | "LATENT" | "CLOSED" {
    return this.state;
  }

  isClosed(): boolean {
    return this.state === "CLOSED";
  }

  isConnected(): boolean {
    return this.state === "CONNECTED" || this.state === "RECONNECTED";
  }

  /** The current session's id in hex (changes after LOST). */
  get sessionId(): string {
    return this.zk.getSessionId().toString("hex");
  }

  /** The current session's credentials; tests use them to expire the session from outside. */
  sessionCredentials(): { sessionId: Buffer; password: Buffer } {
    return { sessionId: this.zk.getSessionId(), password: this.zk.getSessionPassword() };
  }

  /** Subscribes to connection state changes; returns the unsubscribe function. */
  onConnectionStateChange(listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves true once connected, false at the deadline or on close. */
  waitForConnection(deadline: number): Promise<boolean> {
    if (this.isConnected()) return Promise.resolve(true);
    if (this.state === "CLOSED") return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.connectedWaiters.delete(done);
        resolve(this.isConnected());
      };
      const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
      this.connectedWaiters.add(done);
    });
  }

  // ------------------------------------------------------------------------------------------
  // Operations
  // ------------------------------------------------------------------------------------------

  /** Creates a node; returns its actual path (with the sequence suffix for sequential modes). */
  create(path: string, data?: Uint8Array, mode: CreateMode = "persistent"): Promise<string> {
    // A sequential create repeated after a lost reply would make a second node: never retried here.
    const retry = !mode.endsWith("_sequential");
    return this.run<string>("create", path, { retry }, (zk, cb) => zk.create(path, toBuffer(data) ?? Buffer.alloc(0), MODE[mode], cb));
  }

  /** Creates a node, creating missing parents as persistent empty nodes. */
  async createWithParents(path: string, data?: Uint8Array, mode: CreateMode = "persistent"): Promise<string> {
    try {
      return await this.create(path, data, mode);
    } catch (error) {
      if (!isZooKeeperError(error, "NO_NODE")) throw error;
      await this.ensurePath(parentOf(path));
      return this.create(path, data, mode);
    }
  }

  /** Makes sure `path` and its parents exist (as persistent nodes). */
  async ensurePath(path: string): Promise<void> {
    if (path === "/" || (await this.exists(path))) return;
    await this.ensurePath(parentOf(path));
    try {
      await this.create(path);
    } catch (error) {
      if (!isZooKeeperError(error, "NODE_EXISTS")) throw error;
    }
  }

  /** The node's stat, or null when it does not exist; `watcher` fires on create, change or delete. */
  exists(path: string, watcher?: Watcher): Promise<NodeStat | null> {
    return this.run<NodeStat | null>("exists", path, { retry: true }, (zk, cb) => {
      const done = (error: Error | zookeeper.Exception | null, stat?: zookeeper.Stat): void =>
        cb(error, stat ? toStat(stat) : null);
      if (watcher) zk.exists(path, wrapWatcher(watcher), done);
      else zk.exists(path, done);
    });
  }

  /** The node's data and stat, or null when it does not exist (a watcher then is not set). */
  getData(path: string, watcher?: Watcher): Promise<{ data: Buffer; stat: NodeStat } | null> {
    return this.run("getData", path, { retry: true }, (zk, cb: Callback<{ data: Buffer; stat: NodeStat } | null>) => {
      const done = (error: Error | zookeeper.Exception | null, data?: Buffer, stat?: zookeeper.Stat): void => {
        if (isNoNode(error)) cb(null, null);
        else if (error) cb(error);
        else cb(null, { data: data ?? Buffer.alloc(0), stat: toStat(stat!) });
      };
      if (watcher) zk.getData(path, wrapWatcher(watcher), done);
      else zk.getData(path, done);
    });
  }

  /** Sets data; with `version` >= 0 only if the node still has that version (else BAD_VERSION). */
  setData(path: string, data: Uint8Array, version = -1): Promise<NodeStat> {
    return this.run("setData", path, { retry: true }, (zk, cb: Callback<NodeStat>) =>
      zk.setData(path, toBuffer(data) ?? null, version, (error, stat) => cb(error, stat ? toStat(stat) : undefined)),
    );
  }

  /** The children's names (unsorted), or null when the node does not exist. */
  getChildren(path: string, watcher?: Watcher): Promise<string[] | null> {
    return this.run("getChildren", path, { retry: true }, (zk, cb: Callback<string[] | null>) => {
      const done = (error: Error | zookeeper.Exception | null, children?: string[]): void => {
        if (isNoNode(error)) cb(null, null);
        else cb(error, children ?? []);
      };
      if (watcher) zk.getChildren(path, wrapWatcher(watcher), done);
      else zk.getChildren(path, done);
    });
  }

  /** Deletes a node; resolves false when it did not exist. */
  delete(path: string, version = -1): Promise<boolean> {
    return this.run("delete", path, { retry: true }, (zk, cb: Callback<boolean>) =>
      zk.remove(path, version, (error) => {
        if (isNoNode(error)) cb(null, false);
        else cb(error, true);
      }),
    );
  }

  /** Deletes a node and everything below it; no error when it does not exist. */
  async deleteRecursive(path: string): Promise<void> {
    // Children may be created while we delete (e.g. a concurrent writer): try a few rounds.
    for (let attempt = 0; ; attempt++) {
      for (const child of (await this.getChildren(path)) ?? []) {
        await this.deleteRecursive(`${path === "/" ? "" : path}/${child}`);
      }
      try {
        await this.delete(path);
        return;
      } catch (error) {
        if (!isZooKeeperError(error, "NOT_EMPTY") || attempt >= 10) throw error;
      }
    }
  }

  /** Runs the operations atomically (ZooKeeper multi); fails with the first failing op's code. */
  transaction(ops: TransactionOp[]): Promise<void> {
    const path = ops.map((o) => o.path).join(",");
    return this.run("multi", path, { retry: false }, (zk, cb: Callback<void>) => {
      const txn = zk.transaction();
      for (const o of ops) {
        if (o.op === "create") txn.create(o.path, toBuffer(o.data) ?? Buffer.alloc(0), MODE[o.mode ?? "persistent"]);
        else if (o.op === "setData") txn.setData(o.path, toBuffer(o.data) ?? null, o.version);
        else if (o.op === "delete") txn.remove(o.path, o.version);
        else txn.check(o.path, o.version);
        // The library turns version 0 into -1 ("any version"); put the requested version back.
        if (o.op !== "create" && o.version !== undefined) fixLastTxnVersion(txn, o.version);
      }
      txn.commit((error) => cb(error));
    });
  }

  /** Ends the session (its ephemeral nodes are deleted by the server) and stops reconnecting. */
  async close(): Promise<void> {
    if (this.state === "CLOSED") return;
    // Users still subscribed (e.g. an election whose owner never left it) must learn that the
    // session and everything ephemeral in it is gone, as when it expires.
    if (this.state !== "LATENT" && this.state !== "LOST") this.transition("LOST");
    this.state = "CLOSED";
    this.stopTimers();
    for (const waiter of [...this.connectedWaiters]) waiter();
    this.generation++;
    await closeLibraryClient(this.zk, 2000);
  }

  // ------------------------------------------------------------------------------------------
  // Connection management
  // ------------------------------------------------------------------------------------------

  private newUnderlyingClient(): zookeeper.Client {
    const generation = ++this.generation;
    const zk = zookeeper.createClient(this.options.connectString, {
      sessionTimeout: this.options.sessionTimeoutMs,
      // A short pause between rounds over the servers: reconnect quickly after a server restart.
      spinDelay: 200,
      retries: 0,
    });
    zk.on("state", (state) => this.onUnderlyingState(generation, state));
    zk.connect();
    return zk;
  }

  private onUnderlyingState(generation: number, state: zookeeper.State): void {
    if (generation !== this.generation || this.state === "CLOSED") return;
    if (state === zookeeper.State.SYNC_CONNECTED || state === zookeeper.State.CONNECTED_READ_ONLY) {
      clearTimeout(this.lostTimer);
      clearInterval(this.reconnectKickTimer);
      this.lostTimer = this.reconnectKickTimer = undefined;
      this.startProbing();
      this.transition(this.state === "LATENT" ? "CONNECTED" : "RECONNECTED");
      for (const waiter of [...this.connectedWaiters]) waiter();
    } else if (state === zookeeper.State.DISCONNECTED) {
      if (this.isConnected()) this.suspend();
    } else if (state === zookeeper.State.EXPIRED || state === zookeeper.State.AUTH_FAILED) {
      this.loseSession();
    }
  }

  private suspend(): void {
    this.stopProbing();
    this.transition("SUSPENDED");
    // As Curator: a connection suspended for longer than the session timeout means the session is
    // gone, even if no server has said so yet (none may be reachable to say it).
    this.lostTimer = setTimeout(() => {
      if (this.state === "SUSPENDED") this.loseSession();
    }, this.sessionTimeoutMs());
    this.kickStalledReconnects();
  }

  private loseSession(): void {
    this.stopTimers();
    const old = this.zk;
    this.zk = this.newUnderlyingClient();
    void closeLibraryClient(old, 1000);
    this.transition("LOST");
    this.kickStalledReconnects();
  }

  /** Restarts connection attempts that got stuck on a server that accepted TCP but never answered. */
  private kickStalledReconnects(): void {
    clearInterval(this.reconnectKickTimer);
    this.reconnectKickTimer = setInterval(() => {
      if (!this.isConnected() && this.state !== "CLOSED") destroySocket(this.zk);
    }, this.options.connectionTimeoutMs);
    this.reconnectKickTimer.unref();
  }

  /** Probes the current connection (connection-probe.ts); one probe per connection. */
  private startProbing(): void {
    this.stopProbing();
    const zk = this.zk;
    this.probe = new ConnectionProbe(zk, this.sessionTimeoutMs(), () => this.isConnected() && zk === this.zk);
  }

  private stopProbing(): void {
    this.probe?.stop();
    this.probe = undefined;
  }

  /** The timeout the server granted (it bounds the requested one by its min/max), else the requested one. */
  private sessionTimeoutMs(): number {
    return this.zk.getSessionTimeout() || this.options.sessionTimeoutMs;
  }

  private stopTimers(): void {
    this.stopProbing();
    clearTimeout(this.lostTimer);
    clearInterval(this.reconnectKickTimer);
    this.lostTimer = this.reconnectKickTimer = undefined;
  }

  private transition(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of [...this.listeners]) {
      try {
        listener(state);
      } catch (error) {
        // A failing listener must not stop the others or the client: report it as a warning.
        process.emitWarning(`ZooKeeper connection state listener failed on ${state}: ${String(error)}`);
      }
    }
  }

  /**
   * Runs one operation against the current session with a deadline. Operations issued while
   * disconnected wait for the reconnect; lost replies are retried when `retry` allows it.
   */
  private run<T>(
    operation: string,
    path: string,
    options: RunOptions,
    invoke: (zk: zookeeper.Client, callback: Callback<T>) => void,
  ): Promise<T> {
    const deadline = Date.now() + this.operationTimeoutMs;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        reject(new ZooKeeperTimeoutError(`ZooKeeper ${operation} ${path}: no answer within ${this.operationTimeoutMs} ms`));
      }, this.operationTimeoutMs);
      const attempt = async (): Promise<void> => {
        if (settled) return;
        if (this.isClosed()) {
          settled = true;
          clearTimeout(timer);
          reject(new ZooKeeperClosedError(`ZooKeeper ${operation} ${path}: client closed`));
          return;
        }
        if (!this.isConnected() && !(await this.waitForConnection(deadline))) {
          if (this.isClosed()) void attempt(); // rejects as closed; otherwise the timer rejects
          return;
        }
        if (settled) return;
        const zk = this.zk;
        try {
          invoke(zk, (error, result) => {
            if (settled) return;
            if (!error) {
              if (zk === this.zk) this.probe?.heard();
              settled = true;
              clearTimeout(timer);
              resolve(result as T);
              return;
            }
            const wrapped = wrapError(error, operation, path);
            if (options.retry && RETRYABLE.has(wrapped.code) && Date.now() < deadline) {
              // Give the connection state a moment to reflect the loss before waiting on it.
              setTimeout(() => void attempt(), 20).unref();
              return;
            }
            settled = true;
            clearTimeout(timer);
            reject(wrapped);
          });
        } catch (error) {
          // The library validates arguments synchronously (bad path, oversized data).
          settled = true;
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      void attempt();
    });
  }
}

// ---------------------------------------------------------------------------------------------

export function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}
