/**
 * JobGraphs in ZooKeeper: the node jobgraphs/<job-id> holds the path of the file with the graph.
 */
import type { HaPayload, JobGraphStore } from "../interface.js";
import { HighAvailabilityError } from "../interface.js";
import { validateJobId } from "../validation.js";
import type { FileStateStore } from "./file-state-store.js";
import { ZooKeeperLayout } from "./layout.js";
import { decodePointer, definitelyNotApplied, encodePointer, MAX_CONFLICT_RETRIES } from "./pointers.js";
import { isZooKeeperError, type ZooKeeperClient } from "./zookeeper-client.js";

export class ZooKeeperJobGraphStore implements JobGraphStore {
  constructor(
    private readonly client: ZooKeeperClient,
    private readonly layout: ZooKeeperLayout,
    private readonly files: FileStateStore,
  ) {}

  async put(jobId: string, jobGraph: HaPayload): Promise<void> {
    validateJobId(jobId);
    const path = this.layout.jobGraphPath(jobId);
    const file = await this.files.write(ZooKeeperLayout.jobFilesDir(jobId), "jobgraph", jobGraph);
    try {
      const replaced = await this.swapPointer(path, file);
      if (replaced !== undefined) await this.files.delete(replaced);
    } catch (error) {
      if (definitelyNotApplied(error)) await this.files.delete(file);
      throw error;
    }
  }

  async get(jobId: string): Promise<HaPayload | undefined> {
    validateJobId(jobId);
    const node = await this.client.getData(this.layout.jobGraphPath(jobId));
    return node ? this.files.read(decodePointer(node.data)) : undefined;
  }

  async remove(jobId: string): Promise<void> {
    validateJobId(jobId);
    const path = this.layout.jobGraphPath(jobId);
    const node = await this.client.getData(path);
    if (!node) return;
    // Pointer first, then the file: a crash in between leaves an orphaned file, never a dangling pointer.
    await this.client.delete(path);
    await this.files.delete(decodePointer(node.data));
  }

  async jobIds(): Promise<string[]> {
    return ((await this.client.getChildren(this.layout.jobGraphsPath)) ?? []).sort();
  }

  /** Points `path` at `file`; returns the file it pointed to before, if any. */
  private async swapPointer(path: string, file: string): Promise<string | undefined> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const existing = await this.client.getData(path);
      // Our own earlier attempt was applied although its reply was lost: done (the file it replaced
      // is unknown now and stays an orphan until the job's cleanup).
      if (existing && decodePointer(existing.data) === file) return undefined;
      try {
        if (existing) {
          await this.client.setData(path, encodePointer(file), existing.stat.version);
          return decodePointer(existing.data);
        }
        await this.client.createWithParents(path, encodePointer(file));
        return undefined;
      } catch (error) {
        // Another writer changed the node between our read and write: read again.
        const conflict = ["BAD_VERSION", "NO_NODE", "NODE_EXISTS"].some((code) => isZooKeeperError(error, code));
        if (!conflict) throw error;
      }
    }
    throw HighAvailabilityError.contended(`could not update ${path}`);
  }
}
