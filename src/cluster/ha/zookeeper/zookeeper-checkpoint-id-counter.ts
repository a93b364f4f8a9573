/**
 * The checkpoint id counter of one job: jobs/<job-id>/checkpoint_id_counter holds the next id in
 * decimal. Increments are compare-and-set on the node's version, so two JobMasters (an old leader
 * that has not noticed its revocation and the new one) never hand out the same id.
 */
import type { CheckpointIdCounter } from "../interface.js";
import { HighAvailabilityError, INITIAL_CHECKPOINT_ID } from "../interface.js";
import { validateCounterValue, validateJobId } from "../validation.js";
import type { ZooKeeperLayout } from "./layout.js";
import { MAX_CONFLICT_RETRIES } from "./pointers.js";
import { isZooKeeperError, type NodeStat, type ZooKeeperClient } from "./zookeeper-client.js";

export class ZooKeeperCheckpointIdCounter implements CheckpointIdCounter {
  private readonly path: string;

  constructor(
    private readonly client: ZooKeeperClient,
    layout: ZooKeeperLayout,
    readonly jobId: string,
  ) {
    validateJobId(jobId);
    this.path = layout.checkpointIdCounterPath(jobId);
  }

  async getAndIncrement(): Promise<number> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const { value, stat } = await this.readOrCreate();
      try {
        await this.client.setData(this.path, encode(value + 1), stat.version);
        return value;
      } catch (error) {
        // Someone else incremented (or reset) in between: read the new value and try again. After a
        // lost reply our own increment may have been applied: the id is then skipped, never reused.
        if (!isZooKeeperError(error, "BAD_VERSION") && !isZooKeeperError(error, "NO_NODE")) throw error;
      }
    }
    throw HighAvailabilityError.contended(`checkpoint id counter of job ${this.jobId}`);
  }

  async get(): Promise<number> {
    const node = await this.client.getData(this.path);
    return node ? decode(node.data, this.path) : INITIAL_CHECKPOINT_ID;
  }

  async set(value: number): Promise<void> {
    validateCounterValue(value);
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      try {
        await this.client.setData(this.path, encode(value));
        return;
      } catch (error) {
        if (!isZooKeeperError(error, "NO_NODE")) throw error;
      }
      try {
        await this.client.createWithParents(this.path, encode(value));
        return;
      } catch (error) {
        if (!isZooKeeperError(error, "NODE_EXISTS")) throw error;
      }
    }
    throw HighAvailabilityError.contended(`checkpoint id counter of job ${this.jobId}`);
  }

  private async readOrCreate(): Promise<{ value: number; stat: NodeStat }> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const node = await this.client.getData(this.path);
      if (node) return { value: decode(node.data, this.path), stat: node.stat };
      try {
        await this.client.createWithParents(this.path, encode(INITIAL_CHECKPOINT_ID));
      } catch (error) {
        if (!isZooKeeperError(error, "NODE_EXISTS")) throw error;
      }
    }
    throw HighAvailabilityError.contended(`checkpoint id counter of job ${this.jobId}`);
  }
}

function encode(value: number): Buffer {
  return Buffer.from(String(value), "utf8");
}

function decode(data: Buffer, path: string): number {
  const value = Number(data.toString("utf8"));
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new HighAvailabilityError(`corrupt checkpoint id counter at ${path}: "${data.toString("utf8")}"`);
  }
  return value;
}
