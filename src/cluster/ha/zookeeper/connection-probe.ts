/**
 * The read timeout node-zookeeper-client lacks, as in the Java client: on one connection, a probe every
 * third of the session timeout, and a forced reconnect when nothing was heard for two thirds of it.
 * The library alone never notices a server that stops answering (a frozen JVM, a network partition).
 * A partitioned leader thus steps down about a third of the session timeout before the server
 * expires its session and another candidate takes over.
 */
import type * as zookeeper from "node-zookeeper-client";
import { destroySocket } from "./library-workarounds.js";

export class ConnectionProbe {
  private lastHeardAt = Date.now();
  private probeTimer: NodeJS.Timeout | undefined;
  private readTimer: NodeJS.Timeout | undefined;

  /**
   * Starts probing `zk`. `current` says whether this connection is still the client's live one; once it
   * is not, the probe does nothing more.
   */
  constructor(
    private readonly zk: zookeeper.Client,
    sessionTimeoutMs: number,
    private readonly current: () => boolean,
  ) {
    const probeInterval = Math.max(50, Math.floor(sessionTimeoutMs / 3));
    const readTimeout = Math.max(100, Math.floor((sessionTimeoutMs * 2) / 3));
    this.probeTimer = setInterval(() => {
      if (!this.current()) return;
      zk.exists("/", (error) => {
        if (!error) this.heard();
      });
    }, probeInterval);
    this.probeTimer.unref();
    this.checkSilenceIn(readTimeout, readTimeout);
  }

  /** Something was heard from the server on this connection (a reply to a probe or an operation). */
  heard(): void {
    this.lastHeardAt = Date.now();
  }

  stop(): void {
    clearInterval(this.probeTimer);
    clearTimeout(this.readTimer);
    this.probeTimer = this.readTimer = undefined;
  }

  private checkSilenceIn(delayMs: number, readTimeout: number): void {
    this.readTimer = setTimeout(() => this.checkSilence(readTimeout), delayMs);
    this.readTimer.unref();
  }

  private checkSilence(readTimeout: number): void {
    if (!this.current()) return;
    const silentFor = Date.now() - this.lastHeardAt;
    if (silentFor < readTimeout) {
      this.checkSilenceIn(readTimeout - silentFor, readTimeout);
      return;
    }
    // Timers run before I/O: after a stall of this process, replies may wait unread in the
    // socket. One poll phase later (setImmediate) they have been read, and the verdict is fair.
    setImmediate(() => {
      if (!this.current()) return;
      if (Date.now() - this.lastHeardAt < readTimeout) {
        this.checkSilence(readTimeout);
        return;
      }
      // The socket stays open to a silent server; closing it makes the library reconnect,
      // possibly to another server of the quorum, and reports the suspension.
      destroySocket(this.zk);
    });
  }
}
