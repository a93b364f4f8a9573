/**
 * Leader election for one component on ZooKeeper: a leader latch decides who leads; every grant
 * gets a fresh session id (the fencing token); the leader publishes its address and session id at
 * leader/<component>/connection_info, where retrieval services read it.
 *
 * The connection info is written in one transaction with a check that this candidate's latch node
 * still exists, so a leader that lost its place (but has not heard yet) cannot overwrite the new
 * leader's information. The node is ephemeral: when the leader's session ends, it disappears and
 * followers learn there is no leader until the next one confirms.
 */
import { randomUUID } from "node:crypto";
import { LeadershipLostError, type LeaderContender, type LeaderElection, type LeadershipFence } from "../interface.js";
import { LeaderLatch } from "./leader-latch.js";
import type { ZooKeeperLayout } from "./layout.js";
import { decodeLeaderInformation, encodeLeaderInformation } from "./leader-information-codec.js";
import { MAX_CONFLICT_RETRIES } from "./pointers.js";
import { ZooKeeperLeadershipFence } from "./zookeeper-leadership-fence.js";
import { validateComponent } from "../validation.js";
import {
  isZooKeeperError,
  ZooKeeperClosedError,
  ZooKeeperError,
  ZooKeeperTimeoutError,
  type NodeStat,
  type TransactionOp,
  type ZooKeeperClient,
} from "./zookeeper-client.js";

/** Another writer got in between: look again. */
const CONFLICTS = ["NO_NODE", "NODE_EXISTS", "BAD_VERSION"];
const RETRY_PAUSE_MS = 100;

function isConnectionProblem(error: unknown): boolean {
  if (error instanceof ZooKeeperTimeoutError) return true;
  return error instanceof ZooKeeperError && ["CONNECTION_LOSS", "SESSION_EXPIRED", "OPERATION_TIMEOUT"].includes(error.code);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface ZooKeeperLeaderElectionOptions {
  tolerateSuspendedConnection: boolean;
}

export class ZooKeeperLeaderElection implements LeaderElection {
  private latch: LeaderLatch | undefined;
  private contender: LeaderContender | undefined;
  /** The current term's session id, set while this candidate leads. */
  private sessionId: string | undefined;
  private closed = false;
  private readonly latchPath: string;
  /** Connection-info nodes this candidate published (its own component's and those it leads along). */
  private readonly published = new Set<string>();
  /** The current term's fence. */
  private termFence: ZooKeeperLeadershipFence | undefined;
  /** The terms' marks in the latch node, in the order of the terms (zookeeper-leadership-fence.ts). */
  private marks: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: ZooKeeperClient,
    private readonly layout: ZooKeeperLayout,
    readonly component: string,
    private readonly options: ZooKeeperLeaderElectionOptions,
  ) {
    this.latchPath = layout.latchPath(component);
  }

  async start(contender: LeaderContender): Promise<void> {
    if (this.closed) throw new Error(`leader election for ${this.component} is closed`);
    if (this.contender) throw new Error(`leader election for ${this.component} already started`);
    this.contender = contender;
    this.latch = new LeaderLatch(
      this.client,
      this.latchPath,
      {
        isLeader: () => this.onGrant(),
        notLeader: () => this.onRevoke(),
        onError: (error) => contender.handleError(error),
      },
      { tolerateSuspendedConnection: this.options.tolerateSuspendedConnection },
    );
    await this.latch.start();
  }

  async confirmLeadership(sessionId: string, address: string, component: string = this.component): Promise<void> {
    validateComponent(component);
    const infoPath = this.layout.connectionInfoPath(component);
    const data = encodeLeaderInformation({ address, sessionId });
    // Keep trying while this term lasts: a leader that cannot publish itself is unreachable. The
    // loop ends when the write succeeds, or the term ends (revocation follows a lost connection),
    // or on an error that retrying cannot fix.
    for (let conflicts = 0; conflicts < MAX_CONFLICT_RETRIES; ) {
      const latchNode = this.latch?.nodePath;
      if (this.closed || sessionId !== this.sessionId || !latchNode) return;
      try {
        this.published.add(infoPath);
        await this.publish(latchNode, infoPath, data);
        return;
      } catch (error) {
        if (error instanceof ZooKeeperClosedError) return; // the session ended: so did this term
        if (CONFLICTS.some((code) => isZooKeeperError(error, code))) {
          conflicts++;
          if (!(await this.client.exists(latchNode))) return; // no longer a candidate: not ours to publish
        } else if (isConnectionProblem(error)) {
          await sleep(RETRY_PAUSE_MS); // the next operation waits for the reconnect
        } else {
          throw error;
        }
      }
    }
  }

  /** Replaces the connection info, provided this candidate's latch node still exists. */
  private async publish(latchNode: string, infoPath: string, data: Buffer): Promise<void> {
    const existing = await this.client.exists(infoPath);
    // An ephemeral node belongs to the session that created it: replace it rather than set its
    // data, or it would vanish with the previous leader's session.
    const ops: TransactionOp[] = [{ op: "check", path: latchNode }];
    if (existing) ops.push({ op: "delete", path: infoPath, version: existing.version });
    else await this.client.ensurePath(parentOf(infoPath));
    ops.push({ op: "create", path: infoPath, data, mode: "ephemeral" });
    await this.client.transaction(ops);
  }

  hasLeadership(sessionId: string): boolean {
    return !this.closed && sessionId === this.sessionId && this.latch?.hasLeadership() === true;
  }

  fence(sessionId: string): LeadershipFence {
    if (this.termFence?.sessionId === sessionId) return this.termFence;
    return new ZooKeeperLeadershipFence(sessionId, this.client, undefined, () => false, () => Promise.reject(new Error("not this candidate's term")));
  }

  /** Writes the term's session id into its latch node, after every earlier term's mark settled. */
  private markTerm(fence: ZooKeeperLeadershipFence, latchNode: string): Promise<NodeStat> {
    const mark = this.marks.then(() => {
      // Checked when its turn comes: a revoked term must not mark after the next term did.
      if (!fence.holds()) throw new LeadershipLostError("marking the leadership term", fence);
      return this.client.setData(latchNode, Buffer.from(fence.sessionId, "utf8"));
    });
    this.marks = mark.catch(() => {});
    return mark;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const sessionId = this.sessionId;
    const latchNode = this.latch?.nodePath;
    // Closed first: confirmation loops stop publishing. Then withdraw this term's information while
    // our latch node still exists, so that no successor can have replaced it yet (see
    // removeOwnInformation); then leave the latch (revoking through onRevoke).
    this.closed = true;
    if (sessionId !== undefined && latchNode && this.client.isConnected()) await this.removeOwnInformation(sessionId, latchNode);
    await this.latch?.close();
  }

  private onGrant(): void {
    const sessionId = (this.sessionId = randomUUID());
    const latchNode = this.latch!.nodePath!;
    const fence: ZooKeeperLeadershipFence = new ZooKeeperLeadershipFence(sessionId, this.client, latchNode, () => this.hasLeadership(sessionId), () =>
      this.markTerm(fence, latchNode),
    );
    this.termFence = fence;
    this.contender?.grantLeadership(sessionId);
  }

  private onRevoke(): void {
    const sessionId = this.sessionId;
    if (sessionId === undefined) return;
    this.sessionId = undefined;
    const latchNode = this.latch?.nodePath;
    this.contender?.revokeLeadership();
    // Best effort; while disconnected it waits for the reconnect within the operation timeout. With
    // the session lost there is no latch node: the ephemeral information went with the session.
    if (latchNode) void this.removeOwnInformation(sessionId, latchNode);
  }

  /**
   * Deletes the connection info this term published, where it is still this term's. The delete is
   * a transaction with a check that `latchNode` (ours) still exists: while it does, no other
   * candidate can lead and publish. A version check alone is not enough, since a successor's
   * freshly created node has the same version (0) as ours had.
   */
  private async removeOwnInformation(sessionId: string, latchNode: string): Promise<void> {
    for (const infoPath of this.published) {
      try {
        const node = await this.client.getData(infoPath);
        if (!node || decodeLeaderInformation(node.data)?.sessionId !== sessionId) continue;
        await this.client.transaction([
          { op: "check", path: latchNode },
          { op: "delete", path: infoPath, version: node.stat.version },
        ]);
      } catch {
        // Our latch node is gone (a successor may lead), the node changed, or ZooKeeper is
        // unreachable: leave it; it is ephemeral and a new leader replaces it.
      }
    }
  }
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/"));
}
