/**
 * Completed checkpoints of one job: jobs/<job-id>/checkpoints/<zero-padded id> → file path.
 * The newest `maxRetained` are kept; older ones are removed when a new one is added.
 *
 * With a leadership fence every change is one transaction with the fence's check, so a deposed
 * leader's add, subsumption or removal never lands after the next leader took over
 * (zookeeper-leadership-fence.ts); without one (readers, tools) changes are plain transactions.
 */
import type { CompletedCheckpoint, CompletedCheckpointStore } from "../interface.js";
import { HighAvailabilityError, LeadershipLostError } from "../interface.js";
import { validateCheckpointId, validateJobId, validateMaxRetained } from "../validation.js";
import type { FileStateStore } from "./file-state-store.js";
import { checkpointIdFromNodeName, checkpointNodeName, ZooKeeperLayout } from "./layout.js";
import { decodePointer, definitelyNotApplied, encodePointer } from "./pointers.js";
import { isZooKeeperError, type TransactionOp, type ZooKeeperClient } from "./zookeeper-client.js";
import type { ZooKeeperLeadershipFence } from "./zookeeper-leadership-fence.js";

export class ZooKeeperCompletedCheckpointStore implements CompletedCheckpointStore {
  constructor(
    private readonly client: ZooKeeperClient,
    private readonly layout: ZooKeeperLayout,
    private readonly files: FileStateStore,
    readonly jobId: string,
    readonly maxRetained: number,
    private readonly fence?: ZooKeeperLeadershipFence,
  ) {
    validateJobId(jobId);
    validateMaxRetained(maxRetained);
  }

  async add(checkpoint: CompletedCheckpoint): Promise<CompletedCheckpoint[]> {
    const { checkpointId } = checkpoint;
    validateCheckpointId(checkpointId);
    const file = await this.files.write(
      ZooKeeperLayout.jobFilesDir(this.jobId),
      `checkpoint-${checkpointNodeName(checkpointId)}`,
      checkpoint.payload,
    );
    const path = this.layout.checkpointPath(this.jobId, checkpointId);
    try {
      await this.client.ensurePath(this.layout.checkpointsPath(this.jobId));
      await this.apply(`adding checkpoint ${checkpointId} of job ${this.jobId}`, [{ op: "create", path, data: encodePointer(file) }]);
    } catch (error) {
      if (isZooKeeperError(error, "NODE_EXISTS")) {
        await this.files.delete(file);
        throw new HighAvailabilityError(`checkpoint ${checkpointId} of job ${this.jobId} already exists`);
      }
      if (error instanceof LeadershipLostError || definitelyNotApplied(error)) {
        await this.files.delete(file);
        throw error;
      }
      // A lost reply: the create may have been applied, and then the checkpoint is stored.
      const node = await this.client.getData(path).catch(() => null);
      if (!node || decodePointer(node.data) !== file) throw error;
    }
    return this.subsumeOldest();
  }

  async latest(): Promise<CompletedCheckpoint | undefined> {
    for (const id of await this.ids()) {
      const checkpoint = await this.read(id);
      if (checkpoint) return checkpoint;
    }
    return undefined;
  }

  async list(): Promise<CompletedCheckpoint[]> {
    const result: CompletedCheckpoint[] = [];
    for (const id of await this.ids()) {
      const checkpoint = await this.read(id);
      if (checkpoint) result.push(checkpoint);
    }
    return result;
  }

  async removeAll(): Promise<void> {
    for (const id of await this.ids()) await this.removeCheckpoint(id);
    const parent = this.layout.checkpointsPath(this.jobId);
    const stat = await this.client.exists(parent);
    if (!stat) return;
    try {
      await this.apply(`removing the checkpoints of job ${this.jobId}`, [{ op: "delete", path: parent, version: stat.version }]);
    } catch (error) {
      // A checkpoint added concurrently keeps the parent: it belongs to a newer attempt.
      if (!["NOT_EMPTY", "NO_NODE", "BAD_VERSION"].some((code) => isZooKeeperError(error, code))) throw error;
    }
  }

  /** Checkpoint ids in the store, newest first. */
  private async ids(): Promise<number[]> {
    const children = (await this.client.getChildren(this.layout.checkpointsPath(this.jobId))) ?? [];
    return children
      .map(checkpointIdFromNodeName)
      .filter((id): id is number => id !== undefined)
      .sort((a, b) => b - a);
  }

  /** The checkpoint, or undefined when it was removed concurrently. */
  private async read(checkpointId: number): Promise<CompletedCheckpoint | undefined> {
    const node = await this.client.getData(this.layout.checkpointPath(this.jobId, checkpointId));
    if (!node) return undefined;
    return { checkpointId, payload: await this.files.read(decodePointer(node.data)) };
  }

  private async subsumeOldest(): Promise<CompletedCheckpoint[]> {
    const subsumed: CompletedCheckpoint[] = [];
    const ids = await this.ids();
    for (const id of ids.slice(this.maxRetained).reverse()) {
      const checkpoint = await this.removeCheckpoint(id);
      if (checkpoint) subsumed.push(checkpoint);
    }
    return subsumed;
  }

  /** Removes pointer then file; returns what was stored (read before, for the caller to discard). */
  private async removeCheckpoint(checkpointId: number): Promise<CompletedCheckpoint | undefined> {
    const path = this.layout.checkpointPath(this.jobId, checkpointId);
    const node = await this.client.getData(path);
    if (!node) return undefined;
    const file = decodePointer(node.data);
    const payload = await this.files.read(file).catch(() => undefined);
    try {
      await this.apply(`removing checkpoint ${checkpointId} of job ${this.jobId}`, [{ op: "delete", path, version: node.stat.version }]);
    } catch (error) {
      // Removed (or replaced) by someone else meanwhile: theirs to discard.
      if (isZooKeeperError(error, "NO_NODE") || isZooKeeperError(error, "BAD_VERSION")) return undefined;
      throw error;
    }
    await this.files.delete(file);
    return payload === undefined ? undefined : { checkpointId, payload };
  }

  /** One change to the store: under the fence when there is one. */
  private apply(what: string, ops: TransactionOp[]): Promise<void> {
    return this.fence ? this.fence.transaction(what, ops) : this.client.transaction(ops);
  }
}
