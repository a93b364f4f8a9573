/**
 * Job results: job-results/<job-id> holds {"state":"dirty","file":<path>} until the job's cleanup is
 * confirmed, then {"state":"clean"}; the result bytes are deleted when the entry turns clean.
 */
import type { HaPayload, JobResultEntry, JobResultStore } from "../interface.js";
import { HighAvailabilityError } from "../interface.js";
import { validateJobId } from "../validation.js";
import type { FileStateStore } from "./file-state-store.js";
import { ZooKeeperLayout } from "./layout.js";
import { definitelyNotApplied, MAX_CONFLICT_RETRIES } from "./pointers.js";
import { isZooKeeperError, type ZooKeeperClient } from "./zookeeper-client.js";

type Entry = { state: "dirty"; file: string } | { state: "clean" };

export class ZooKeeperJobResultStore implements JobResultStore {
  constructor(
    private readonly client: ZooKeeperClient,
    private readonly layout: ZooKeeperLayout,
    private readonly files: FileStateStore,
  ) {}

  async createDirty(jobId: string, result: HaPayload): Promise<void> {
    validateJobId(jobId);
    const path = this.layout.jobResultPath(jobId);
    if (await this.client.exists(path)) throw new HighAvailabilityError(`job result for ${jobId} already exists`);
    const file = await this.files.write(ZooKeeperLayout.JOB_RESULT_FILES_DIR, jobId, result);
    try {
      await this.client.createWithParents(path, encodeEntry({ state: "dirty", file }));
    } catch (error) {
      if (isZooKeeperError(error, "NODE_EXISTS")) {
        const existing = await this.read(jobId);
        if (existing?.entry.state === "dirty" && existing.entry.file === file) return; // our retried create
        await this.files.delete(file);
        throw new HighAvailabilityError(`job result for ${jobId} already exists`);
      }
      if (definitelyNotApplied(error)) await this.files.delete(file);
      throw error;
    }
  }

  async markClean(jobId: string): Promise<void> {
    validateJobId(jobId);
    // The file of a dirty entry we saw: if our update's reply is lost but it was applied, the next
    // read finds the entry clean, and the file must still go.
    let seenFile: string | undefined;
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const existing = await this.read(jobId);
      if (!existing) throw new HighAvailabilityError(`no job result for ${jobId} to mark clean`);
      const { entry, version } = existing;
      if (entry.state === "clean") {
        if (seenFile !== undefined) await this.files.delete(seenFile);
        return;
      }
      seenFile = entry.file;
      try {
        await this.client.setData(this.layout.jobResultPath(jobId), encodeEntry({ state: "clean" }), version);
      } catch (error) {
        if (isZooKeeperError(error, "BAD_VERSION")) continue;
        throw error;
      }
      await this.files.delete(entry.file);
      return;
    }
    throw HighAvailabilityError.contended(`job result for ${jobId}`);
  }

  async has(jobId: string): Promise<boolean> {
    validateJobId(jobId);
    return (await this.client.exists(this.layout.jobResultPath(jobId))) !== null;
  }

  async hasDirty(jobId: string): Promise<boolean> {
    validateJobId(jobId);
    return (await this.read(jobId))?.entry.state === "dirty";
  }

  async hasClean(jobId: string): Promise<boolean> {
    validateJobId(jobId);
    return (await this.read(jobId))?.entry.state === "clean";
  }

  async dirtyResults(): Promise<JobResultEntry[]> {
    const result: JobResultEntry[] = [];
    const jobIds = ((await this.client.getChildren(this.layout.jobResultsPath)) ?? []).sort();
    for (const jobId of jobIds) {
      const existing = await this.read(jobId);
      if (existing?.entry.state !== "dirty") continue;
      try {
        result.push({ jobId, result: await this.files.read(existing.entry.file) });
      } catch (error) {
        // Marked clean between our two reads: the file is gone and the entry is no longer dirty.
        if (await this.hasDirty(jobId)) throw error;
      }
    }
    return result;
  }

  async deleteClean(jobId: string): Promise<void> {
    validateJobId(jobId);
    const existing = await this.read(jobId);
    if (existing?.entry.state !== "clean") return;
    try {
      await this.client.delete(this.layout.jobResultPath(jobId), existing.version);
    } catch (error) {
      // Gone already, or changed meanwhile (then it is not ours to delete).
      if (!isZooKeeperError(error, "NO_NODE") && !isZooKeeperError(error, "BAD_VERSION")) throw error;
    }
  }

  private async read(jobId: string): Promise<{ entry: Entry; version: number } | undefined> {
    const path = this.layout.jobResultPath(jobId);
    const node = await this.client.getData(path);
    return node ? { entry: decodeEntry(node.data, path), version: node.stat.version } : undefined;
  }
}

function encodeEntry(entry: Entry): Buffer {
  return Buffer.from(JSON.stringify(entry), "utf8");
}

function decodeEntry(data: Buffer, path: string): Entry {
  const parsed: unknown = JSON.parse(data.toString("utf8"));
  if (typeof parsed === "object" && parsed !== null) {
    const { state, file } = parsed as { state?: unknown; file?: unknown };
    if (state === "clean") return { state };
    if (state === "dirty" && typeof file === "string") return { state, file };
  }
  throw new HighAvailabilityError(`corrupt job result entry at ${path}`);
}
