/**
 * The leadership fence on ZooKeeper (docs/architecture.md, "High availability").
 *
 * A term is proven by its candidate's latch node at one version. While that node exists no other
 * candidate can lead (the latch grants the next one only after it is gone), so a write in one
 * transaction with a `check` of the node cannot land after a successor took over — not even when it
 * was sent before a partition and reaches the server after it heals. The version tells the terms of
 * one candidate apart: a suspended connection that comes back with the same session keeps the node,
 * and the term granted then must not accept the revoked term's writes. So the first fenced write of
 * a term writes the term's session id into the latch node (the election orders these marks by term)
 * and every write checks the version that mark gave.
 */
import { LeadershipLostError, type LeadershipFence } from "../interface.js";
import { isZooKeeperError, type NodeStat, type TransactionOp, type ZooKeeperClient } from "./zookeeper-client.js";

export class ZooKeeperLeadershipFence implements LeadershipFence {
  /** The version the term's mark gave the latch node, once written. */
  private marked: Promise<number> | undefined;

  constructor(
    readonly sessionId: string,
    private readonly client: ZooKeeperClient,
    /** The candidate's latch node of the term; undefined for a fence of a term this candidate does not hold. */
    private readonly latchNode: string | undefined,
    private readonly current: () => boolean,
    /** Writes the term's mark into the latch node, after the marks of earlier terms. */
    private readonly mark: () => Promise<NodeStat>,
  ) {}

  holds(): boolean {
    return this.latchNode !== undefined && this.current();
  }

  /**
   * Applies `ops` in one transaction with the check of this term; `what` names the write in the
   * LeadershipLostError that refuses it once the term is over.
   */
  async transaction(what: string, ops: TransactionOp[]): Promise<void> {
    const version = await this.version(what);
    try {
      await this.client.transaction([{ op: "check", path: this.latchNode!, version }, ...ops]);
    } catch (error) {
      // A transaction reports only the code of the op that failed: NO_NODE or BAD_VERSION may be
      // the check's or a store op's. The latch node tells which.
      if ((isZooKeeperError(error, "NO_NODE") || isZooKeeperError(error, "BAD_VERSION")) && !(await this.stillValid(version))) {
        throw new LeadershipLostError(what, this, { cause: error });
      }
      throw error;
    }
  }

  private async version(what: string): Promise<number> {
    if (!this.holds()) throw new LeadershipLostError(what, this);
    this.marked ??= this.mark().then((stat) => stat.version);
    try {
      return await this.marked;
    } catch (error) {
      this.marked = undefined; // the next write of the term tries again
      if (!this.holds()) throw new LeadershipLostError(what, this, { cause: error });
      throw error;
    }
  }

  private async stillValid(version: number): Promise<boolean> {
    return (await this.client.exists(this.latchNode!))?.version === version;
  }
}
